"""The learner's record on the static site (issue 13): kept in the browser, with the Python in the
browser too. The record's panel is an anywidget (widgets/ui/device_store.py), so the site needs
anywidget's front-end extension in its pages and the anywidget, psygnal and typing-extensions
wheels in its kernel.

The first tests check the build's own lists without building anything. The others follow
tests/static/test_static_build.py: skipped without BTC_STATIC_DIR, served as plain files, in
headless Chromium. Screenshots go to BTC_SCREENSHOT_DIR when it is set.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from static_site import build
from tests.static.test_static_build import (  # noqa: F401  (static_server is a fixture)
    PAGES,
    READY_JS,
    SITE,
    check_clean,
    open_cold,
    static_server,
)

RECORD_PACKAGES = ("anywidget", "psygnal", "typing-extensions")
NOTE = "slept badly, walked anyway"
needs_site = pytest.mark.skipif(
    SITE is None,
    reason="Static-site tests skipped: set BTC_STATIC_DIR to a site built with "
    "`python static_site/build.py --out build/static`.",
)


# ---------------------------------------------------------------------------------------------
# The build's lists (no build needed)
# ---------------------------------------------------------------------------------------------


def test_the_kernel_preloads_the_record_packages_in_its_one_batch():
    for name in RECORD_PACKAGES:
        assert name in build.PRELOAD, name
        assert name in build.DEPENDS, name
    assert set(build.DEPENDS["anywidget"]) == {"ipywidgets", "psygnal", "typing-extensions"}
    assert "anywidget" in build.DEPENDS["breaking-the-cycle"]


def test_the_record_wheels_are_pinned_with_hashes_and_match_the_course():
    pins = {}
    for line in build.KERNEL_REQUIREMENTS.read_text().splitlines():
        if line and not line.startswith("#"):
            spec, _, digest = line.partition(" --hash=sha256:")
            name, _, version = spec.partition("==")
            pins[name.lower().replace("_", "-")] = (version, digest)
    course = {}
    for line in (build.ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, _, version = line.split(";")[0].strip().partition("==")
            course[name.lower().replace("_", "-")] = version.split()[0]
    for name in RECORD_PACKAGES:
        version, digest = pins[name]
        assert len(digest) == 64, name
        assert course.get(name) == version, f"{name}: kernel {version}, course {course.get(name)}"
    static = build.REQUIREMENTS.read_text()
    assert f"anywidget=={pins['anywidget'][0]}" in static.splitlines()


def test_slimming_a_wheel_drops_the_front_end_copies_and_keeps_a_true_record(tmp_path):
    """The same repacking the build does to anywidget's wheel, on a small wheel made here."""
    path = tmp_path / "anywidget-0.9.21-py3-none-any.whl"
    files = {
        "anywidget/__init__.py": b"x = 1\n",
        "anywidget/labextension/static/main.js": b"js" * 500,
        "anywidget/nbextension/index.js": b"js" * 500,
        "anywidget-0.9.21.data/data/share/jupyter/labextensions/anywidget/package.json": b"{}",
        "anywidget-0.9.21.dist-info/METADATA": b"Metadata-Version: 2.1\nName: anywidget\n",
        "anywidget-0.9.21.dist-info/RECORD": b"stale\n",
    }
    with zipfile.ZipFile(path, "w") as whl:
        for name, data in files.items():
            whl.writestr(name, data)
    saved = build.slim_wheel(path, build.SLIM_WHEELS["anywidget"])
    first = path.read_bytes()
    assert saved > 0
    with zipfile.ZipFile(path) as whl:
        names = set(whl.namelist())
        record = whl.read("anywidget-0.9.21.dist-info/RECORD").decode().splitlines()
        for line in record:
            name, digest, size = line.split(",")
            if name.endswith("/RECORD"):
                continue
            data = whl.read(name)
            assert int(size) == len(data)
            assert digest == build._record_line(name, data)[1]
    assert names == {
        "anywidget/__init__.py",
        "anywidget-0.9.21.dist-info/METADATA",
        "anywidget-0.9.21.dist-info/RECORD",
    }
    assert len(record) == 3
    build.slim_wheel(path, build.SLIM_WHEELS["anywidget"])  # again: the same bytes
    assert path.read_bytes() == first


def test_a_page_without_code_drops_the_record_extension_and_the_others_keep_it():
    config = {
        "federated_extensions": [
            {"name": "anywidget"},
            {"name": "jupyterlab_pygments"},
            {"name": "@jupyterlite/pyodide-kernel-extension"},
        ]
    }
    names = lambda c: [e["name"] for e in c["federated_extensions"]]  # noqa: E731
    kept = build.trim_config(json.loads(json.dumps(config)))
    assert names(kept) == ["anywidget", "@jupyterlite/pyodide-kernel-extension"]
    prose = build.trim_config(json.loads(json.dumps(config)), runs_code=False)
    assert names(prose) == ["@jupyterlite/pyodide-kernel-extension"]
    notebooks = build.ROOT / "notebooks"
    assert build.page_runs_code(notebooks / "06_your_plan.ipynb")
    assert not build.page_runs_code(notebooks / "facilitator_guide.ipynb")


def test_only_a_page_that_draws_plotly_charts_keeps_plotlys_extension():
    config = {"federated_extensions": [{"name": "jupyterlab-plotly"}, {"name": "anywidget"}]}
    names = lambda c: [e["name"] for e in c["federated_extensions"]]  # noqa: E731
    assert names(build.trim_config(json.loads(json.dumps(config)))) == ["anywidget"]
    charts = build.trim_config(json.loads(json.dumps(config)), draws_charts=True)
    assert names(charts) == ["jupyterlab-plotly", "anywidget"]
    notebooks = build.ROOT / "notebooks"
    assert build.page_draws_charts(notebooks / "my_progress.ipynb")
    assert not build.page_draws_charts(notebooks / "03_the_vicious_cycle.ipynb")


# ---------------------------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------------------------


def _page_config(name: str) -> dict:
    html = (SITE / "voici" / "render" / f"{name}.html").read_text(encoding="utf-8")
    marker = '<script id="jupyter-config-data" type="application/json">'
    return json.loads(html.split(marker, 1)[1].split("</script>", 1)[0])


@needs_site
def test_the_site_has_the_record_extension_and_the_kernel_its_wheels():
    lock = json.loads((SITE / "static" / "pyodide" / "pyodide-lock.json").read_text())
    for name in RECORD_PACKAGES:
        assert name in lock["packages"], name
    with zipfile.ZipFile(
        SITE / "static" / "pyodide" / lock["packages"]["anywidget"]["file_name"]
    ) as whl:
        names = whl.namelist()
    # the Python is there (as bytecode where the page imports it: static_site/precompile.mjs)
    assert {"anywidget/widget.py", "anywidget/widget.pyc"} & set(names)
    assert not [n for n in names if build.SLIM_WHEELS["anywidget"].search(n)]
    # anywidget's stand-alone bundle, which module federation never loads, is left out
    assert not list((SITE / "extensions" / "anywidget" / "static").glob("main.*.js"))
    for name in PAGES:
        extensions = {e["name"]: e for e in _page_config(name)["federated_extensions"]}
        if build.page_runs_code(build.ROOT / "notebooks" / f"{name}.ipynb"):
            load = extensions["anywidget"]["load"]
            assert (SITE / "extensions" / "anywidget" / load).is_file(), (name, load)
        else:
            assert "anywidget" not in extensions, name


def _wait_ready(page) -> None:
    page.wait_for_function(READY_JS, timeout=120_000, polling=100)


def _record_keys(page) -> list[str]:
    return [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("btc-")]


@needs_site
@pytest.mark.browser
def test_a_diary_day_kept_on_the_device_is_there_after_a_reload(browser, static_server):  # noqa: F811
    name = next(n for n in PAGES if n.startswith("06"))
    url = f"{static_server}voici/render/{name}.html"
    context, page, record = open_cold(browser, url)
    try:
        panel = page.locator(".btc-my-record")
        panel.get_by_role("button", name="Keep my answers on this device").wait_for(timeout=20_000)
        assert page.evaluate("Object.keys(localStorage)") == []  # nothing before the choice
        panel.get_by_role("button", name="Keep my answers on this device").click()
        panel.get_by_text("Done. Your answers will be kept on this device.").wait_for(
            timeout=20_000
        )
        diary = page.locator(".btc-diary")
        diary.locator("textarea").fill(NOTE)
        diary.locator("textarea").blur()
        diary.get_by_role("button", name="Save this day").click()
        diary.locator("table.btc-table").get_by_text(NOTE).wait_for(timeout=20_000)
        page.wait_for_function(
            "note => Object.keys(localStorage).some(k => k.startsWith('btc-record-v1:')"
            " && !k.endsWith(':consent') && localStorage.getItem(k).includes(note))",
            arg=NOTE,
            timeout=20_000,
        )
        page.reload()
        _wait_ready(page)
        page.locator(".btc-diary table.btc-table").get_by_text(NOTE).wait_for(timeout=20_000)
        assert "Welcome back." in page.locator(".btc-my-record .btc-live").inner_text()
        assert _record_keys(page), "the record is in localStorage"
        page.wait_for_timeout(300)  # late requests and console messages
        check_clean(record, static_server)
        host = urlparse(static_server).netloc
        assert all(
            urlparse(u).netloc == host for u in record["requests"] if u.startswith("http")
        ), record["requests"]
    finally:
        context.close()


@needs_site
@pytest.mark.browser
def test_the_record_after_keep_and_a_reload_on_a_phone(browser, static_server):  # noqa: F811
    """Lesson 06 at 390 x 844 once the learner chose to keep their answers, after a reload: the
    question is gone (the choice came back from the device), nothing scrolls sideways and the
    page is clean. Saved as a screenshot when BTC_SCREENSHOT_DIR is set."""
    name = next(n for n in PAGES if n.startswith("06"))
    context, page, record = open_cold(browser, f"{static_server}voici/render/{name}.html")
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        panel = page.locator(".btc-my-record")
        panel.get_by_role("button", name="Keep my answers on this device").click()
        panel.get_by_text("Done. Your answers will be kept on this device.").wait_for(
            timeout=20_000
        )
        page.reload()
        _wait_ready(page)
        panel = page.locator(".btc-my-record")
        panel.wait_for()
        page.wait_for_function(
            "() => document.querySelector('.btc-my-record .btc-record-choice')"
            "?.getClientRects().length === 0",
            timeout=20_000,
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width} px"
        if folder := os.environ.get("BTC_SCREENSHOT_DIR"):
            Path(folder).mkdir(parents=True, exist_ok=True)
            panel.scroll_into_view_if_needed()
            page.screenshot(path=str(Path(folder) / "static-06-record-phone.png"))
        page.wait_for_timeout(300)
        check_clean(record, static_server)
    finally:
        context.close()


@needs_site
@pytest.mark.browser
def test_my_progress_draws_plotly_charts_from_a_restored_backup(
    browser,
    static_server,  # noqa: F811
    tmp_path,
):
    """My progress on the static site: plotly's renderer is in this page (and only here), and a
    backup restored on the page fills its charts, with nothing asked of another host."""
    from datetime import date, timedelta

    from widgets.models.diary import Diary, Entry
    from widgets.models.learner_record import LearnerRecord, SelfCheckEntry, to_text

    start = date(2026, 9, 7)
    record = LearnerRecord(
        diary=Diary(tuple(Entry(start + timedelta(days=i), 5, 7.0, 5, 6, 20) for i in range(21))),
        self_checks=(
            SelfCheckEntry(start, "PHQ-9", (2, 2, 2, 2, 1, 1, 1, 1, 0), 1),
            SelfCheckEntry(start + timedelta(days=28), "PHQ-9", (1, 1, 1, 1, 0, 0, 0, 0, 0), 1),
        ),
    )
    backup = tmp_path / "breaking-the-cycle-backup-2026-10-05.json"
    backup.write_text(to_text(record), encoding="utf-8")
    assert "jupyterlab-plotly" in {
        e["name"] for e in _page_config("my_progress")["federated_extensions"]
    }
    assert "jupyterlab-plotly" not in {
        e["name"] for e in _page_config("06_your_plan")["federated_extensions"]
    }
    context, page, seen = open_cold(browser, f"{static_server}voici/render/my_progress.html")
    try:
        panel = page.locator(".btc-my-record")
        panel.locator(".btc-record-settings-button").click()
        with page.expect_file_chooser() as chooser:
            panel.locator(".widget-upload").click()
        chooser.value.set_files(str(backup))
        page.locator(".btc-chart .js-plotly-plot").first.wait_for(timeout=30_000)
        assert page.locator(".btc-chart .js-plotly-plot").count() >= 2
        alt = page.locator(".btc-chart .btc-alt").first.inner_text()
        assert "2 mood checks" in alt or "mood check" in alt.lower()
        check_clean(seen, static_server)
        host = urlparse(static_server).netloc
        assert all(urlparse(u).netloc == host for u in seen["requests"] if u.startswith("http"))
    finally:
        context.close()
