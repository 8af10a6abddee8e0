"""What the course server serves, and what it keeps to itself."""

from __future__ import annotations

import contextlib
import re
import urllib.error
import urllib.request

import pytest

from tests.harness import start_course_copy, start_voila, wait_interactive


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_only_notebooks_and_their_images_are_served(voila_server):
    base = voila_server.url
    assert status(base + "voila/render/00_welcome.ipynb") == 200
    assert status(base + "voila/files/00_welcome.ipynb") in {403, 404}
    assert status(base + "voila/files/../voila.py") in {403, 404}
    assert status(base + "voila/files/../course.toml") in {403, 404}
    assert status(base + "voila/render/../README.md") in {403, 404}
    assert status(base + "api/contents") in {403, 404}


def test_a_notebook_course_toml_does_not_list_is_neither_served_nor_preheated(voila_server):
    """Every notebook under the lessons' folder that is not listed (another language's folder,
    here) answers "not found", and no kernel is preheated for it."""
    from tests.harness import LANGUAGES, NOTEBOOKS

    others = [x for x in LANGUAGES if x != "en" and (NOTEBOOKS / x / "00_welcome.ipynb").is_file()]
    if not others:
        pytest.skip("no other language's folder under the lessons' folder")
    assert status(voila_server.lesson_url(f"{others[0]}/00_welcome.ipynb")) == 404
    assert status(voila_server.lesson_url("00_welcome.ipynb")) == 200
    assert f"Kernel pool of {others[0]}/" not in voila_server.log()


def test_home_page_and_template_link_nothing_on_another_host(voila_server):
    """The served HTML links scripts, styles and fonts only on the course server."""
    for path in ("", "voila/render/00_welcome.ipynb", "no-such-page"):
        try:
            with urllib.request.urlopen(voila_server.url + path, timeout=30) as response:
                page = response.read().decode()
        except urllib.error.HTTPError as error:
            page = error.read().decode()
        loaded = re.findall(
            r"<(?:script|link|img)\b[^>]*(?:src|href)=[\"'](https?:)?//([^/\"']+)", page
        )
        assert [host for _scheme, host in loaded if not host.startswith("127.0.0.1")] == []


BROKEN = (
    '{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Broken"},'
    ' {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],'
    ' "source": "raise ValueError(\\"secret detail 1234\\")"}],'
    ' "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",'
    ' "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}'
)


@pytest.fixture
def broken_course(tmp_path):
    """A copy of the course with one extra notebook whose code raises an error."""
    server = start_course_copy(tmp_path, {"zz_broken.ipynb": BROKEN})
    yield server
    server.stop()


def test_tracebacks_are_hidden_from_learners_but_logged(page, broken_course):
    page.goto(broken_course.lesson_url("zz_broken.ipynb"))
    wait_interactive(page)
    assert "secret detail 1234" not in page.content()
    assert "ValueError" not in page.inner_text("body")
    assert "secret detail 1234" in broken_course.log()


def test_kernel_of_a_closed_tab_is_freed(browser, tmp_path):
    """Voila keeps a kernel after its tab closes; the course's idle culling frees it."""
    import time

    import psutil

    server = start_voila(
        tmp_path / "voila.log",
        env={
            "BTC_POOL_SIZE": "0",
            "BTC_CULL_IDLE_SECONDS": "3",
            "BTC_CULL_INTERVAL_SECONDS": "1",
        },
    )

    def kernels() -> int:
        count = 0
        for child in psutil.Process(server.process.pid).children(recursive=True):
            # a kernel may exit between listing and reading its command line
            with contextlib.suppress(psutil.Error):
                count += "ipykernel" in " ".join(child.cmdline())
        return count

    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.lesson_url("00_welcome.ipynb"))
        wait_interactive(page)
        assert kernels() == 1
        context.close()
        deadline = time.monotonic() + 40
        while kernels() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernels() == 0, "the closed tab's kernel was not culled"
        assert "Culling kernel" in server.log() or "culling" in server.log().lower()
    finally:
        server.stop()
