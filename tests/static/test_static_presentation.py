"""Presentation mode on the static site (issue 12): the same course.js and course.css as on Voila,
with the lesson's Python in the browser. One lesson, at the projector viewport, like a group
leader would open it from a link: `?present=1`, then Next, a key, a slider and a reload.

Skipped without BTC_STATIC_DIR, like tests/static/test_static_build.py, whose server, page
opener and checks it reuses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.geometry import VIEWPORTS
from tests.static.test_static_build import (  # noqa: F401  (static_server is a fixture)
    COURSE,
    PAGES,
    READY_JS,
    SITE,
    check_clean,
    open_cold,
    static_server,
)

pytestmark = pytest.mark.skipif(
    SITE is None,
    reason="Static-site tests skipped: set BTC_STATIC_DIR to a site built with "
    "`python static_site/build.py --out build/static`.",
)

STATUS_JS = "() => document.querySelector('.btc-present-status').textContent"


@pytest.mark.browser
def test_presentation_mode_works_on_the_static_site(browser, static_server):  # noqa: F811
    lessons = [Path(f).stem for f in COURSE["lessons"]]
    name = next((n for n in lessons if n.startswith("05")), lessons[-1])
    projector = VIEWPORTS["projector"]
    context, page, record = open_cold(
        browser,
        f"{static_server}voici/render/{name}.html?present=1",
        device_scale_factor=projector["device_scale_factor"],
    )
    try:
        page.set_viewport_size(projector["viewport"])
        state = page.evaluate(
            """() => ({
              presenting: document.documentElement.classList.contains('btc-presenting'),
              shown: [...document.querySelectorAll('.btc-cells .jp-Cell')]
                .filter(c => c.getClientRects().length).length,
              menu: document.querySelector('.btc-nav').getClientRects().length,
              body: parseFloat(getComputedStyle(
                document.querySelector('.btc-on-section .jp-RenderedHTMLCommon p')).fontSize),
            })"""
        )
        assert state["presenting"] and state["menu"] == 0, state
        assert state["body"] >= 24, state
        assert page.evaluate(STATUS_JS).startswith("Section 1 of ")
        page.locator(".btc-present-next").click()
        page.wait_for_function("() => location.hash === '#section-2'")
        assert page.evaluate(STATUS_JS).startswith("Section 2 of ")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => location.hash === '#section-3'")
        # A slider in its own section still belongs to the kernel in the browser: it moves, and
        # its arrow key does not turn the page.
        handle = page.locator(".widget-hslider .noUi-handle").first
        if handle.count():
            page.evaluate("() => { location.hash = '#section-1'; }")
            page.wait_for_function(
                """() => {
                  const cell = document.querySelector('.widget-hslider .noUi-handle')
                    .closest('.jp-Cell');
                  if (cell.classList.contains('btc-on-section')) return true;
                  document.querySelector('.btc-present-next').click();
                  return false;
                }""",
                timeout=10_000,
            )
            here = page.evaluate(STATUS_JS)
            value = handle.get_attribute("aria-valuenow")
            handle.focus()
            key = "ArrowLeft" if value == handle.get_attribute("aria-valuemax") else "ArrowRight"
            page.keyboard.press(key)
            page.wait_for_function(
                "([el, old]) => el.getAttribute('aria-valuenow') !== old",
                arg=[handle.element_handle(), value],
                timeout=15_000,
            )
            assert page.evaluate(STATUS_JS) == here
        # A reload keeps the place; the site's links keep the mode (sessionStorage, same tab).
        place = page.evaluate("() => location.hash")
        page.reload()
        page.wait_for_function(READY_JS, timeout=120_000, polling=100)
        assert page.evaluate("() => location.hash") == place
        assert page.evaluate(STATUS_JS).startswith(f"Section {place.split('-')[1]} of ")
        others = [n for n in PAGES if n != name]
        if others:
            page.goto(f"{static_server}voici/render/{others[0]}.html")
            page.wait_for_function(READY_JS, timeout=120_000, polling=100)
            assert page.evaluate("document.documentElement.classList.contains('btc-presenting')")
        page.wait_for_timeout(300)
        check_clean(record, static_server)
    finally:
        context.close()
