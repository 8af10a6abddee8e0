"""The group server against a real Voila: legacy websockets refused, the ceiling, the access code,
the base URL. Each test serves a copy of the course plus one small notebook (a slider whose
observer sets an `ipywidgets.Image`, so the kernel answers with binary buffers), without
preheating, and always stops the server (process group) afterwards.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from tests.harness import ROOT, VoilaServer, launch_voila, wait_interactive

V1 = "v1.kernel.websocket.jupyter.org"
CODE = "Sunflower-42"
WRONG = "wrong-guess-77"
STATIC = "https://example.org/breaking-the-cycle/"
IMAGE_NOTEBOOK = "zz_image.ipynb"
SOURCE = """import ipywidgets
slider = ipywidgets.IntSlider(value=1, min=0, max=255, description="Level")
image = ipywidgets.Image(value=bytes(16), format="png")
def redraw(change):
    image.value = bytes([change["new"]]) * 4096
slider.observe(redraw, "value")
display(slider, image)"""
NOTEBOOK = json.dumps(
    {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Image test"},
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": SOURCE,
            },
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
)


def serve_copy(folder: Path, env: dict[str, str], base_url: str = "/") -> VoilaServer:
    """Serve a copy of the course plus the image notebook; wait for "ready for learners"."""
    for name in ("voila.py", "course.toml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "notebooks", folder / "notebooks")
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "notebooks" / IMAGE_NOTEBOOK).write_text(NOTEBOOK, encoding="utf-8")
    server = launch_voila(
        folder / "voila.log",
        cwd=folder,
        env={
            "BTC_POOL_SIZE": "0",
            "BTC_BASE_URL": base_url,
            "BTC_ALSO_SERVE": IMAGE_NOTEBOOK,  # not in course.toml: served as a draft is
            **env,
        },
    )
    process = server.process

    deadline = time.monotonic() + 90
    while "ready for learners" not in server.log():
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"Voila did not get ready:\n{server.log()}")
        time.sleep(0.3)
    return server


def fetch(url: str, opener=None, data: dict | None = None, timeout: float = 60):
    """(status, final URL, body) for a GET (or a form POST), following redirects."""
    opener = opener or urllib.request.build_opener()
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=timeout) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.geturl(), error.read().decode()


def run(coroutine):
    """Run a coroutine on its own event loop, in a thread: Playwright's sync API may already be
    running a loop in this one (the session-wide browser of the browser tests)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def learner():
    """A browser-like client: follows redirects and keeps cookies."""
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def kernel_id_of(page: str) -> str:
    match = re.search(r'"kernelId": "([0-9a-f-]{36})"', page)
    assert match, "no kernel id in the rendered lesson"
    return match.group(1)


def model_ids_of(page: str) -> list[str]:
    return re.findall(r'"model_id": "([0-9a-f]{32})"', page)


def channels_url(server: VoilaServer, base: str, kernel_id: str) -> str:
    return f"ws://127.0.0.1:{server.port}{base}api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"


async def connect(url: str, *, v1: bool, cookie: str = ""):
    request = HTTPRequest(
        url, headers={"Cookie": cookie} if cookie else None, connect_timeout=10, request_timeout=10
    )
    return await websocket_connect(request, subprotocols=[V1] if v1 else None)


def comm_update(comm_id: str, state: dict) -> bytes:
    """A widget state update from the front end, framed as the v1 protocol frames it."""
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": "comm_msg",
        "username": "test",
        "session": uuid.uuid4().hex,
        "date": "2026-11-01T00:00:00.000000Z",
        "version": "5.3",
    }
    content = {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}}
    parts = [json.dumps(part).encode() for part in (header, {}, {}, content)]
    return serialize_msg_to_ws_v1(parts, "shell")


async def move_slider_and_wait_for_image(url: str, slider: str, image: str, cookie: str = ""):
    """Set the slider over a v1 websocket; return the buffers of the image's update."""
    socket = await connect(url, v1=True, cookie=cookie)
    try:
        assert socket.selected_subprotocol == V1
        socket.write_message(comm_update(slider, {"value": 7}), binary=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            frame = await asyncio.wait_for(socket.read_message(), deadline - time.monotonic())
            assert frame is not None, "the server closed the kernel websocket"
            if isinstance(frame, str):
                continue
            _channel, parts = deserialize_msg_from_ws_v1(frame)
            header, content = json.loads(parts[0]), json.loads(parts[3])
            to_image = header["msg_type"] == "comm_msg" and content.get("comm_id") == image
            if to_image and len(parts) > 4:
                return parts[4:]
        raise AssertionError("no image update with buffers within 30 s")
    finally:
        socket.close()


@pytest.fixture(scope="module")
def image_course(tmp_path_factory):
    server = serve_copy(tmp_path_factory.mktemp("legacy"), {})
    yield server
    server.stop()


def test_a_legacy_protocol_websocket_is_refused_and_the_server_stays_well(image_course):
    server = image_course
    status, _url, page = fetch(server.lesson_url(IMAGE_NOTEBOOK))
    assert status == 200
    url = channels_url(server, "/", kernel_id_of(page))
    voila = psutil.Process(server.process.pid)
    before = voila.memory_info().rss
    for _attempt in range(3):
        with pytest.raises(HTTPClientError) as refused:
            run(connect(url, v1=False))
        assert refused.value.code == 400
    time.sleep(2)
    grown = voila.memory_info().rss - before
    assert grown < 5 * 2**20, f"the server grew by {grown / 2**20:.1f} MiB"
    started = time.monotonic()
    assert fetch(server.url, timeout=10)[0] == 200
    status, _url, page = fetch(server.lesson_url(IMAGE_NOTEBOOK), timeout=60)
    assert status == 200 and "kernelId" in page
    assert time.monotonic() - started < 60
    assert voila.cpu_percent(interval=1.0) < 90, "the server is spinning"
    assert "Refused a kernel websocket without the v1" in server.log()


def test_a_v1_websocket_is_accepted_and_widget_replies_carry_buffers(image_course):
    server = image_course
    status, _url, page = fetch(server.lesson_url(IMAGE_NOTEBOOK))
    assert status == 200
    slider, image = model_ids_of(page)[:2]
    url = channels_url(server, "/", kernel_id_of(page))
    buffers = run(move_slider_and_wait_for_image(url, slider, image))
    assert bytes(buffers[0]) == bytes([7]) * 4096


def test_the_ceiling_turns_a_learner_away_kindly_until_a_kernel_is_free(tmp_path):
    server = serve_copy(
        tmp_path,
        {
            "BTC_GROUP": "1",
            "BTC_MAX_KERNELS": "1",
            "BTC_STATIC_URL": STATIC,
            "BTC_CULL_IDLE_SECONDS": "8",
            "BTC_CULL_INTERVAL_SECONDS": "1",
        },
    )
    try:
        lesson = server.lesson_url(IMAGE_NOTEBOOK)
        status, _url, page = fetch(lesson)
        assert status == 200 and "kernelId" in page
        status, _url, page = fetch(lesson)
        assert status == 503
        assert "The group server is full right now" in page
        assert f'href="{STATIC}"' in page and "Traceback" not in page
        # The first learner's tab is gone: idle culling frees its kernel, and a page works again.
        deadline = time.monotonic() + 60
        while (status := fetch(lesson)[0]) == 503 and time.monotonic() < deadline:
            time.sleep(1)
        assert status == 200
        assert "group server full" in server.log()
    finally:
        server.stop()


@pytest.fixture(scope="module")
def coded_course(tmp_path_factory):
    """A group server under /course/ (as behind a reverse proxy) that asks for a code."""
    server = serve_copy(
        tmp_path_factory.mktemp("coded"),
        {"BTC_GROUP": "1", "BTC_ACCESS_CODE": CODE},
        base_url="/course/",
    )
    yield server
    server.stop()


def course_url(server: VoilaServer, path: str = "") -> str:
    return f"http://127.0.0.1:{server.port}/course/{path}"


def test_without_the_code_a_lesson_shows_the_friendly_code_page(coded_course):
    status, url, page = fetch(course_url(coded_course, f"voila/render/{IMAGE_NOTEBOOK}"))
    assert status == 200 and urllib.parse.urlparse(url).path == "/course/login"
    assert "Enter your group" in page and 'name="code"' in page
    assert "Traceback" not in page and "kernelId" not in page


def test_a_wrong_code_gets_a_friendly_message(coded_course):
    lesson = course_url(coded_course, f"voila/render/{IMAGE_NOTEBOOK}")
    status, url, page = fetch(f"{lesson}?code={WRONG}")
    assert status == 200 and "did not work" in page and WRONG not in url
    opener = learner()
    _status, _url, form = fetch(course_url(coded_course, "login"), opener)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
    status, _url, page = fetch(
        course_url(coded_course, "login"), opener, {"_xsrf": xsrf, "code": WRONG, "next": "/"}
    )
    assert status == 403 and "did not work" in page and "Traceback" not in page


def test_the_code_in_a_link_lets_a_learner_in_and_a_cookie_keeps_them_in(coded_course):
    server = coded_course
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    lesson = course_url(server, f"voila/render/{IMAGE_NOTEBOOK}")
    status, url, page = fetch(f"{lesson}?code={CODE.upper()}", opener)
    assert status == 200 and url == lesson, "the code stays out of the address"
    assert [cookie.path for cookie in jar if cookie.name.startswith("username")] == ["/course/"]
    # The lesson list and a later lesson link work with the cookie alone.
    assert fetch(course_url(server), opener, timeout=15)[0] == 200
    status, _url, page = fetch(lesson, opener)
    assert status == 200 and "kernelId" in page
    # The widget websocket connects under the base URL with the cookie, and not without it.
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    url = channels_url(server, "/course/", kernel_id_of(page))
    slider, image = model_ids_of(page)[:2]
    buffers = run(move_slider_and_wait_for_image(url, slider, image, cookie))
    assert bytes(buffers[0]) == bytes([7]) * 4096
    with pytest.raises(HTTPClientError) as refused:
        run(connect(url, v1=True))
    assert refused.value.code == 403


def test_the_form_takes_the_code_and_goes_on_to_the_lesson(coded_course):
    opener = learner()
    _status, _url, form = fetch(course_url(coded_course, "voila/render/00_welcome.ipynb"), opener)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', form).group(1)
    assert next_url == "/course/voila/render/00_welcome.ipynb"
    status, url, _page = fetch(
        course_url(coded_course, "login"),
        opener,
        {"_xsrf": xsrf, "code": f" {CODE.lower()} ", "next": "/course/"},
    )
    assert status == 200 and url == course_url(coded_course)


def test_static_files_are_served_under_the_base_url(coded_course):
    lesson = course_url(coded_course, f"voila/render/{IMAGE_NOTEBOOK}")
    status, _url, page = fetch(f"{lesson}?code={CODE}", learner())
    assert status == 200
    assert '"baseUrl": "/course/"' in page
    scripts = re.findall(r'src="(/course/voila/static/[^"?]+)', page)
    assert scripts, "no script under /course/voila/static/ in the lesson"
    assert fetch(f"http://127.0.0.1:{coded_course.port}{scripts[0]}", timeout=15)[0] == 200
    assert fetch(f"http://127.0.0.1:{coded_course.port}/voila/render/{IMAGE_NOTEBOOK}")[0] == 404


def test_a_learner_with_a_code_link_gets_a_working_lesson_under_the_base_url(coded_course, page):
    page.goto(course_url(coded_course, f"voila/render/{IMAGE_NOTEBOOK}?code={CODE}"))
    wait_interactive(page)
    assert "code=" not in page.url
    page.wait_for_selector(".widget-slider", timeout=30_000)
    assert page.locator(".widget-image").count() == 1


def test_the_code_never_reaches_the_log(coded_course):
    # Runs after the other tests of this module, which used right and wrong codes every way.
    log = coded_course.log().lower()
    assert "ready for learners" in log
    assert CODE.lower() not in log and WRONG not in log
