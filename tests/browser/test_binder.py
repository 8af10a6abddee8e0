"""The Binder / JupyterHub path: Jupyter Server with Voila as its extension, configured by
postBuild and deploy/jupyter_server_config.py, shows a lesson with the course chrome and widgets."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.harness import ROOT, VoilaServer, free_port, wait_interactive


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("binder-home")
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter")}
    subprocess.run(["bash", "postBuild"], cwd=ROOT, env=env, check=True)  # as repo2docker does
    port = free_port()
    log_path = home / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "jupyter"),
                "server",
                f"--port={port}",
                "--port-retries=0",
                "--no-browser",
                "--allow-root",
                "--IdentityProvider.token=",
            ],
            cwd=ROOT,  # Binder starts in the repository, beside voila.py
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = VoilaServer(process, port, log_path)
    url = f"{server.url}voila/render/notebooks/00_welcome.ipynb"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    else:
        server.stop()
        pytest.fail(f"Jupyter Server did not serve the lesson:\n{server.log()}")
    yield server
    server.stop()


def test_binder_link_opens_the_course_with_its_chrome(page, binder_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{binder_server.url}voila/render/notebooks/00_welcome.ipynb", wait_until="commit")
    wait_interactive(page)
    assert page.locator("#btc-help summary").inner_text().strip() == "Get help now"
    assert page.locator("nav a", has_text="Inside the body").count() >= 1
    assert page.locator(".btc-quiz").count() >= 1  # the knowledge check widget rendered
    assert "voila.server_extension | extension was successfully loaded" in binder_server.log()
    config = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent)")
    assert "jupyterlab-plotly" not in [ext["name"] for ext in config["federated_extensions"]]
    # anywidget imports the record's front end from a blob: URL of the page's own origin
    own = (binder_server.url, f"blob:{binder_server.url.rstrip('/')}/")
    foreign = [url for url in requests if not url.startswith(own)]
    assert foreign == [], foreign


def test_binder_refuses_legacy_protocol_kernel_websockets(binder_server):
    from tornado.httpclient import HTTPClientError

    from tests.browser.test_group_server import channels_url, connect, fetch, kernel_id_of, run

    status, _url, page = fetch(f"{binder_server.url}voila/render/notebooks/00_welcome.ipynb")
    assert status == 200
    url = channels_url(binder_server, "/", kernel_id_of(page))
    with pytest.raises(HTTPClientError) as refused:
        run(connect(url, v1=False))
    assert refused.value.code == 400
    run(connect(url, v1=True))  # what browsers speak is still accepted
