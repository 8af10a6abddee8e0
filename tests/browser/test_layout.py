"""Issue 12: every page and tool is usable on a phone, a laptop and a projector.

Each page is measured by tests/browser/geometry.py at the three viewports: no sideways scroll, no
slider track too short to move, no label or option cut off or printed over its neighbour, widget
text as large as the prose, thumb-sized targets on phones, chart text readable on screen.
"""

from __future__ import annotations

import pytest

from tests.browser.geometry import VIEWPORTS, audit, problems
from tests.harness import lesson_files, wait_interactive

LESSONS = lesson_files()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_page_meets_the_geometry_at_every_viewport(browser, voila_server, size):
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    found = {}
    try:
        for file in LESSONS:
            page.goto(voila_server.lesson_url(file))
            wait_interactive(page)
            page.wait_for_timeout(200)
            if lines := problems(audit(page)):
                found[file] = lines
            # A phone folds a simulator's control sheet away: open every part and look again.
            toggles = page.locator(".btc-scene-toggle:visible")
            if toggles.count():
                for index in range(toggles.count()):
                    toggles.nth(index).click()
                page.wait_for_timeout(500)
                if lines := problems(audit(page)):
                    found[f"{file}, controls open"] = lines
    finally:
        context.close()
    assert found == {}


def test_a_small_phone_has_no_sideways_scroll_and_readable_charts(browser, voila_server):
    """The narrowest phones in use (320-360 px): the charts' narrow versions still fit."""
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    found = {}
    try:
        for file in LESSONS:
            page.goto(voila_server.lesson_url(file))
            wait_interactive(page)
            page.wait_for_timeout(200)
            checked = audit(page)
            if lines := checked["sideways"] + checked["small_svg_text"] + checked["clipped"]:
                found[file] = lines
    finally:
        context.close()
    assert found == {}


def test_the_audit_sees_what_it_is_for(browser, voila_server):
    """The checks can fail: a page squeezed back to stock widget sizes is caught (on a laptop,
    where every control of the lesson is open; a phone folds the simulator's controls away)."""
    context = browser.new_context(**VIEWPORTS["laptop"])
    page = context.new_page()
    try:
        page.goto(voila_server.lesson_url(next(f for f in LESSONS if f.startswith("03"))))
        wait_interactive(page)
        page.add_style_tag(
            content=".btc-page .widget-label { font-size: 12px !important; }"
            ".btc-page .widget-hslider { flex-wrap: nowrap !important; }"
            ".btc-page .widget-hslider > .widget-label { flex: 0 0 auto !important;"
            " white-space: nowrap !important; overflow: hidden !important; max-width: 60%; }"
            ".btc-page .widget-hslider > .slider-container { flex: 0 0 60px !important; }"
            ".btc-page .noUi-handle { width: 16px !important; height: 16px !important; }"
            ".btc-page .btc-plot { container-type: normal !important; width: 200px !important; }"
            ".btc-page .btc-svg-narrow { display: none !important; }"
            ".btc-page .btc-svg-wide { display: block !important; }"
        )
        page.wait_for_timeout(200)
        found = audit(page)
    finally:
        context.close()
    for kind in ("tracks", "clipped", "small_text", "small_targets", "small_svg_text"):
        assert found[kind], kind


def test_the_audit_sees_a_text_box_spilling_under_the_next_control(browser, voila_server):
    """The diary's note box once lay under "Save this day" on a phone: its label moved above it
    inside a box of fixed height. Put that height back and the audit must say so."""
    context = browser.new_context(**VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(voila_server.lesson_url(next(f for f in LESSONS if f.startswith("06"))))
        wait_interactive(page)
        assert not [p for p in audit(page)["overlaps"] if "spills" in p]
        page.add_style_tag(content=".btc-page .widget-textarea { height: 4.5rem !important; }")
        page.wait_for_timeout(200)
        spills = [p for p in audit(page)["overlaps"] if "spills" in p]
    finally:
        context.close()
    assert spills and any("Note (optional" in p for p in spills), spills


def test_phone_header_is_one_short_row(browser, voila_server):
    """The sticky header used to take about 100 px of an 844 px phone screen."""
    context = browser.new_context(**VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(voila_server.lesson_url(LESSONS[0]))
        wait_interactive(page)
        header = page.locator(".btc-header").bounding_box()
        assert header and header["height"] <= 70, header
        help_box = page.locator("#btc-help > summary").bounding_box()
        lessons = page.locator(".btc-to-lessons").bounding_box()
        assert help_box and lessons and abs(help_box["y"] - header["y"]) < 20
    finally:
        context.close()
