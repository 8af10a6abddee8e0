"""The shared UI pieces in a real browser, before any lesson uses them: a labelled slider moved by
keyboard redraws an AccessibleChart and its text alternative, and axe finds nothing serious."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.harness import ROOT, start_course_copy, wait_interactive


@pytest.fixture(scope="module")
def ui_course(tmp_path_factory):
    chart = (ROOT / "benchmarks/reference/course_chart.ipynb").read_text(encoding="utf-8")
    server = start_course_copy(tmp_path_factory.mktemp("ui-course"), {"zz_ui.ipynb": chart})
    yield server
    server.stop()


def test_slider_by_keyboard_updates_chart_and_text(page, ui_course):
    page.goto(ui_course.lesson_url("zz_ui.ipynb"))
    wait_interactive(page)
    handle = page.locator(".noUi-handle")
    page.wait_for_function("document.querySelector('.noUi-handle').getAttribute('aria-label')")
    assert handle.get_attribute("aria-label") == "Level"
    alt = page.locator(".btc-alt")
    assert alt.get_attribute("aria-live") == "polite"
    assert alt.get_attribute("role") == "status"
    assert "level 10" in alt.inner_text()
    plot = page.locator(".btc-plot")
    assert plot.get_attribute("role") == "figure"
    assert plot.get_attribute("aria-label") == "Chart: A test pattern"
    assert plot.get_attribute("aria-describedby") == alt.get_attribute("id")
    page.wait_for_selector(".btc-plot .js-plotly-plot")
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.btc-alt').innerText.includes('level 11')")
    page.keyboard.press("Home")
    page.wait_for_function("document.querySelector('.btc-alt').innerText.includes('level 0')")
    assert page.locator(".btc-plot .js-plotly-plot").count() == 1


def test_ui_pieces_pass_axe(page, ui_course):
    page.goto(ui_course.lesson_url("zz_ui.ipynb"))
    wait_interactive(page)
    page.wait_for_selector(".btc-plot .js-plotly-plot")
    page.wait_for_function("document.querySelector('.noUi-handle').getAttribute('aria-label')")
    violations = [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert violations == []
