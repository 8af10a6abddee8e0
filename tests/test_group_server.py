"""The group server's pieces on their own: settings, pages, the kernel ceiling, the code helpers.

The server-level tests (a real Voila) are in tests/browser/test_group_server.py.
"""

from __future__ import annotations

import ast
import asyncio
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
import tornado.web
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from course_server import pages
from course_server.access import same_code, without_code
from course_server.kernels import CourseKernelManager, ServerFull
from course_server.settings import (
    DEFAULT_MAX_KERNELS,
    SettingsError,
    default_max_kernels,
    read_settings,
    served_pages,
)
from course_server.websocket import V1_PROTOCOL, offered_subprotocols
from tests.harness import ROOT, free_port
from widgets.course_config import course_settings

PAGES = ["00_welcome.ipynb", "01_pain.ipynb", "02_mood.ipynb", "facilitator_guide.ipynb"]
GUIDES = ["facilitator_guide.ipynb"]
COURSE = {
    "title": "Breaking the Cycle",
    "crisis_lines": [{"name": "988 Lifeline", "contact": "Call or text 988", "note": "Free"}],
    "worldwide": {"name": "Find A Helpline", "contact": "findahelpline.com"},
}


def settings(memory_mib: int | None = 8192, **env: str):
    return read_settings(env, PAGES, GUIDES, memory_mib)


# -- settings ----------------------------------------------------------------------------------


def test_laptop_defaults_keep_the_old_behaviour():
    s = settings()
    assert (s.group, s.ip, s.base_url, s.access_code) == (False, "127.0.0.1", "/", None)
    assert s.pools == {page: 1 for page in PAGES}
    assert s.max_kernels is None
    assert (s.cull_idle_seconds, s.cull_interval_seconds) == (300, 60)


def test_group_defaults_preheat_lessons_and_set_a_ceiling_from_memory():
    s = settings(BTC_GROUP="1")
    assert s.pools == {**{page: 4 for page in PAGES[:3]}, "facilitator_guide.ipynb": 1}
    assert s.max_kernels == min(DEFAULT_MAX_KERNELS, (8192 - 1024) // 150)
    assert any("BTC_ACCESS_CODE" in note for note in s.notes)
    assert default_max_kernels(None) == DEFAULT_MAX_KERNELS
    assert default_max_kernels(100_000) == DEFAULT_MAX_KERNELS
    assert default_max_kernels(1500) == 3
    assert default_max_kernels(500) == 1


def test_group_settings_from_the_environment():
    s = settings(
        BTC_GROUP="yes",
        BTC_IP="0.0.0.0",
        BTC_BASE_URL="course",
        BTC_ACCESS_CODE=" Sunflower-42 ",
        BTC_POOL_SIZE="6",
        BTC_POOL_LESSONS="02_mood.ipynb",
        BTC_MAX_KERNELS="30",
        BTC_STATIC_URL="https://example.org/course/",
    )
    assert (s.ip, s.base_url, s.access_code) == ("0.0.0.0", "/course/", "sunflower-42")
    assert s.pools == {"00_welcome.ipynb": 1, "01_pain.ipynb": 1, "02_mood.ipynb": 6, GUIDES[0]: 1}
    assert (s.max_kernels, s.static_url) == (30, "https://example.org/course/")
    assert "sunflower" not in repr(s).lower() and "sunflower" not in " ".join(s.summary()).lower()
    assert settings(BTC_BASE_URL="/a/b").base_url == "/a/b/"
    assert settings(BTC_MAX_KERNELS="0", BTC_GROUP="1").max_kernels is None


def test_a_default_pool_shrinks_to_fit_the_ceiling_but_a_chosen_one_is_an_error():
    s = settings(BTC_GROUP="1", BTC_MAX_KERNELS="8")
    assert s.pool_size == 2 and s.pooled_kernels == 7
    assert any("lowered to 2" in note for note in s.notes)
    with pytest.raises(
        SettingsError, match=r"BTC_POOL_SIZE=4 keeps 13 kernels .* BTC_MAX_KERNELS=8"
    ):
        settings(BTC_GROUP="1", BTC_MAX_KERNELS="8", BTC_POOL_SIZE="4")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("BTC_GROUP", "maybe", "BTC_GROUP must be 1 or 0"),
        ("BTC_IP", "my laptop", "BTC_IP must be an IP address"),
        ("BTC_IP", "300.1.1.1", "BTC_IP must be an IP address"),
        ("BTC_BASE_URL", "/course/../etc/", "BTC_BASE_URL must be the path"),
        ("BTC_BASE_URL", "https://example.org/course/", "BTC_BASE_URL must be the path"),
        ("BTC_BASE_URL", "/my course/", "BTC_BASE_URL must be the path"),
        ("BTC_POOL_SIZE", "four", "BTC_POOL_SIZE must be a whole number, 0 or more"),
        ("BTC_POOL_SIZE", "-1", "BTC_POOL_SIZE must be a whole number, 0 or more"),
        ("BTC_POOL_LESSONS", "03_nope.ipynb", "BTC_POOL_LESSONS names '03_nope.ipynb'"),
        ("BTC_MAX_KERNELS", "lots", "BTC_MAX_KERNELS must be a whole number"),
        ("BTC_STATIC_URL", "example.org/course", "BTC_STATIC_URL must be the full web address"),
        ("BTC_CULL_IDLE_SECONDS", "5m", "BTC_CULL_IDLE_SECONDS must be a whole number"),
        ("BTC_CULL_INTERVAL_SECONDS", "0", "BTC_CULL_INTERVAL_SECONDS must be a whole number, 1"),
        ("BTC_TCP_NODELAY", "fast", "BTC_TCP_NODELAY must be 1 or 0"),
    ],
)
def test_a_bad_value_is_named_with_what_is_allowed(name, value, message):
    with pytest.raises(SettingsError) as error:
        settings(**{name: value})
    assert message in str(error.value)
    assert repr(value) in str(error.value)


@pytest.mark.parametrize("code", ["abc", "two words", "naïve-code", "x" * 65])
def test_a_bad_access_code_is_explained_without_repeating_it(code):
    with pytest.raises(SettingsError, match="BTC_ACCESS_CODE must be 4 to 64") as error:
        settings(BTC_ACCESS_CODE=code)
    assert code not in str(error.value)


def test_voila_stops_with_the_message_for_a_bad_setting(tmp_path: Path):
    shutil.copy(ROOT / "voila.py", tmp_path / "voila.py")
    shutil.copy(ROOT / "course.toml", tmp_path / "course.toml")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    voila = Path(sys.executable).parent / "voila"
    result = subprocess.run(
        [str(voila), f"--port={free_port()}", "--no-browser"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        # The copy's own course.toml, whatever BTC_COURSE_TOML says for the suite.
        env={
            **{k: v for k, v in os.environ.items() if k != "BTC_COURSE_TOML"},
            "BTC_POOL_SIZE": "lots",
        },
    )
    assert result.returncode != 0
    assert "Setting error: BTC_POOL_SIZE must be a whole number" in result.stderr
    assert "The course was not started" in result.stderr
    assert "Traceback" not in result.stderr


def test_served_pages_are_the_pages_course_toml_lists():
    course = course_settings()
    pages_found = served_pages(course)
    assert pages_found == sorted(p.file for p in (*course.lessons, *course.pages, *course.guides))
    assert course.lessons[0].file in pages_found
    assert all(page.endswith(".ipynb") for page in pages_found)
    dropped = replace(course, lessons=course.lessons[:-1])
    assert course.lessons[-1].file not in served_pages(dropped)


# -- the pages learners see ------------------------------------------------------------------


def test_code_page_is_a_plain_accessible_form_with_crisis_help():
    html = pages.code_page(
        COURSE, action="/course/login", next_url="/course/x?a=<b>", xsrf_html="<i>x</i>", wrong=True
    )
    assert '<html lang="en">' in html and "<h1>Please try the code again</h1>" in html
    assert 'role="alert"' in html and "did not work" in html
    assert '<label for="btc-code">' in html and 'id="btc-code"' in html
    assert 'action="/course/login"' in html and "/course/x?a=&lt;b&gt;" in html
    assert "Find A Helpline" in html
    # one tap to call or text, and the directory as a link (a link loads nothing until tapped)
    assert '<a class="btc-tel" href="tel:988">988</a>' in html and 'href="sms:988"' in html
    assert '<a href="https://findahelpline.com">findahelpline.com</a>' in html
    assert not re.search(r"(src|srcset)=|<link|@import|url\(", html)  # nothing loaded at all
    assert "did not work" not in pages.code_page(
        COURSE, action="/login", next_url="/", xsrf_html="", wrong=False
    )


def test_full_page_points_to_the_static_site_when_there_is_one():
    html = pages.full_page(COURSE, static_url="https://example.org/course/")
    assert "<h1>The group server is full right now</h1>" in html
    assert 'href="https://example.org/course/"' in html and 'href="tel:988"' in html
    assert "example.org" not in pages.full_page(COURSE, static_url="")


# -- helpers --------------------------------------------------------------------------------


def test_codes_compare_without_case_or_spaces():
    assert same_code(" SUNFLOWER-42", "sunflower-42")
    assert not same_code("sunflower-43", "sunflower-42")
    assert not same_code("", "") and not same_code(None, "x")


def test_the_code_is_taken_out_of_the_address():
    def handler(path, query):
        return SimpleNamespace(request=SimpleNamespace(path=path, query=query))

    assert without_code(handler("/course/voila/render/a.ipynb", "code=x")) == (
        "/course/voila/render/a.ipynb"
    )
    assert without_code(handler("/a", "theme=light&code=x&token=y&b=")) == "/a?theme=light&b="


def test_only_a_v1_offer_is_a_v1_offer():
    assert V1_PROTOCOL in offered_subprotocols(f"foo, {V1_PROTOCOL}")
    assert offered_subprotocols(None) == [] and offered_subprotocols("") == []
    assert V1_PROTOCOL not in offered_subprotocols("v1.kernel.websocket.jupyter.org.evil")


def test_widgets_never_import_the_server_package():
    """widgets/ must also run in a browser kernel, where course_server does not exist."""
    for path in (ROOT / "widgets").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "course_server" for name in names), path


# -- the ceiling on live kernels ---------------------------------------------------------------


class FakeKernels:
    """Stands in for jupyter_server's kernel starts and shutdowns: no processes."""

    def __init__(self, monkeypatch):
        self.started: list[str] = []
        self.stopped: list[str] = []

        async def start_kernel(manager, **kwargs):
            await asyncio.sleep(0)
            kernel_id = f"k{len(self.started)}"
            self.started.append(kernel_id)
            manager._kernels[kernel_id] = object()
            return kernel_id

        async def shutdown_kernel(manager, kernel_id, *args, **kwargs):
            self.stopped.append(kernel_id)
            del manager._kernels[kernel_id]

        monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", start_kernel)
        monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_kernel", shutdown_kernel)


def run(coroutine):
    """Run a coroutine on its own event loop, in a thread: Playwright's sync API may already be
    running a loop in this one (the session-wide browser of the browser tests)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def learner_env():
    return {"env": {"VOILA_PREHEAT": "False"}}


def test_learners_start_kernels_up_to_the_ceiling_then_get_the_full_page(monkeypatch):
    fake = FakeKernels(monkeypatch)

    async def scenario():
        manager = CourseKernelManager(
            max_kernels=2, static_url="https://example.org/", course=COURSE
        )
        await manager.start_kernel(**learner_env())
        await manager.start_kernel(**learner_env())
        with pytest.raises(ServerFull) as full:
            await manager.start_kernel(**learner_env())
        assert full.value.status_code == 503
        assert "https://example.org/" in full.value.page
        await manager.shutdown_kernel("k0")
        await manager.start_kernel(**learner_env())
        return manager

    manager = run(scenario())
    assert fake.started == ["k0", "k1", "k2"] and len(manager._kernels) == 2


def test_a_learner_at_the_ceiling_takes_the_place_of_a_preheated_kernel(monkeypatch):
    fake = FakeKernels(monkeypatch)

    async def scenario():
        manager = CourseKernelManager(max_kernels=2)
        manager._kernels.update({"pooled-a": object(), "pooled-b": object()})

        async def preheated(kernel_id):
            async def notebook_run():
                return [], None

            return {"kernel_id": kernel_id, "task": asyncio.ensure_future(notebook_run())}

        pool = [asyncio.ensure_future(preheated("pooled-a"))]
        other = [asyncio.ensure_future(preheated("pooled-b"))]
        await asyncio.wait(pool + other)
        manager._pools = {"a.ipynb": pool, "b.ipynb": other}
        manager.notebook_data = {"a.ipynb": {"kernel_ids": {"pooled-a"}}}
        kernel_id = await manager.start_kernel(**learner_env())
        return manager, kernel_id

    manager, kernel_id = run(scenario())
    assert kernel_id == "k0" and len(fake.stopped) == 1
    assert len(manager._kernels) == 2
    assert sum(len(pool) for pool in manager._pools.values()) == 1


def test_a_pool_refill_at_the_ceiling_is_dropped_quietly(monkeypatch):
    fake = FakeKernels(monkeypatch)

    async def scenario():
        manager = CourseKernelManager(max_kernels=1)
        await manager.start_kernel(**learner_env())
        refill = asyncio.ensure_future(manager.start_kernel(env={"VOILA_PREHEAT": "True"}))
        manager._pools = {"a.ipynb": [refill]}
        await asyncio.wait([refill])
        return manager, refill

    manager, refill = run(scenario())
    assert refill.cancelled() and manager._pools == {"a.ipynb": []}
    assert fake.started == ["k0"]


def test_a_preheated_kernel_handed_to_a_learner_is_not_idle_for_the_culler(monkeypatch):
    """It sat in the pool longer than the idle timeout; a cull check before its page connected
    shut it down (CI: "the model for kernel id ... does not exist")."""
    from datetime import timedelta

    from jupyter_server._tz import utcnow

    FakeKernels(monkeypatch)

    class Pooled(CourseKernelManager):
        async def get_rendered_notebook(self, notebook_name, **kwargs):
            return "render-task", [], "pooled-a"

    class Kernel:
        last_activity = utcnow() - timedelta(hours=1)

    async def scenario():
        manager = Pooled()
        manager._kernels["pooled-a"] = Kernel()
        before = manager._kernels["pooled-a"].last_activity
        result = await manager.get_rendered_notebook("a.ipynb")
        return result, before, manager._kernels["pooled-a"].last_activity

    result, before, after = run(scenario())
    assert result == ("render-task", [], "pooled-a")
    assert utcnow() - after < timedelta(minutes=1) < after - before


def test_the_kernels_zmq_context_may_open_more_than_zmqs_default_1023_sockets():
    """CI ran out ("Too many open files") with zmq's default cap across every kernel."""
    import zmq

    from course_server.kernels import MAX_ZMQ_SOCKETS, CourseKernelManager, zmq_socket_limit

    manager = CourseKernelManager()
    try:
        assert manager.context.get(zmq.MAX_SOCKETS) == zmq_socket_limit() > 1_023
        assert zmq_socket_limit() <= MAX_ZMQ_SOCKETS
    finally:
        manager.context.term()


def test_only_the_listed_pages_are_served(tmp_path):
    from course_server.listed import listed_paths, refuse_unlisted

    allowed = listed_paths(["00_welcome.ipynb"], "en")
    hook = refuse_unlisted(allowed, lambda config, **_kw: {**config, "seen": True})
    assert hook({}, notebook_path="00_welcome.ipynb") == {"seen": True}
    assert hook({}, notebook_path="notebooks/00_welcome.ipynb") == {"seen": True}  # Binder
    for other in ("99_dropped.ipynb", "es/00_welcome.ipynb", "drafts/00_welcome.ipynb"):
        with pytest.raises(tornado.web.HTTPError) as refused:
            hook({}, notebook_path=other)
        assert refused.value.status_code == 404
    spanish = listed_paths(["00_welcome.ipynb"], "es")
    assert (
        "notebooks/es/00_welcome.ipynb" in spanish and "notebooks/00_welcome.ipynb" not in spanish
    )


def test_only_the_listed_pages_are_preheated(tmp_path):
    import re

    from course_server.listed import preheat_denylist

    for name in ("00_welcome.ipynb", "99_draft.ipynb", "es/00_welcome.ipynb"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    denied = preheat_denylist(tmp_path, ["00_welcome.ipynb"])
    assert len(denied) == 2

    def kept(path):  # Voila's filter, on the whole path it finds under its root_dir
        name = str(tmp_path / path)
        return not any(p in name or re.match(p, name) for p in denied)

    assert kept("00_welcome.ipynb")
    assert not kept("99_draft.ipynb") and not kept("es/00_welcome.ipynb")


def test_a_draft_can_be_served_without_listing_it_and_a_bad_name_is_refused():
    from course_server.settings import SettingsError, read_settings

    settings = read_settings({"BTC_ALSO_SERVE": "07_draft.ipynb, zz_test.ipynb"}, ["00.ipynb"], [])
    assert settings.also_served == ("07_draft.ipynb", "zz_test.ipynb")
    assert "07_draft.ipynb" not in settings.pools  # served, never preheated
    for bad in ("../voila.py", "es/00.ipynb", "notes.txt", ".hidden.ipynb"):
        with pytest.raises(SettingsError, match="BTC_ALSO_SERVE"):
            read_settings({"BTC_ALSO_SERVE": bad}, ["00.ipynb"], [])
