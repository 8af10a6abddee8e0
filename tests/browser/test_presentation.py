"""Presentation mode (issue 12): a group leader projects a lesson while members follow on phones.

`?present=1` or the "Present" switch in the header turns it on for the tab: large type, no lesson
menu, one section on screen (a section starts at each markdown cell with an h1 or h2), with
Previous/Next buttons, arrow keys, a "Section 2 of 14" indicator and #section-2 in the address.
Keys that belong to a form control or a widget (a slider's arrows) must stay with it, and help,
tools and accessibility must all keep working. Run at the projector viewport of geometry.py.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.geometry import PHONE_TARGET, VIEWPORTS
from tests.harness import NOTEBOOKS, VoilaServer, wait_interactive
from tests.lesson_text import cells, source
from widgets.course_config import load_config

COURSE = load_config()
HEADING = re.compile(r"^#{1,2} ", re.M)


def section_count(file: str) -> int:
    """Sections as the learner should see them, read from the notebook: one per markdown cell with
    a `#` or `##` heading (anything before the first belongs to the first)."""
    headed = [
        c
        for c in cells(NOTEBOOKS / file)
        if c["cell_type"] == "markdown"
        and HEADING.search(re.sub(r"```.*?```", "", source(c), flags=re.S))
    ]
    return max(len(headed), 1)


#: The longest lesson in the course's own order (05 with the shipped course.toml).
LONG = max((lesson.file for lesson in COURSE.lessons), key=section_count)
SECTIONS = section_count(LONG)

#: Where the page is: the mode, the section and how many cells of each kind are on screen.
STATE_JS = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
  const text = el => el.textContent.replace('¶', '').trim();
  const cells = [...document.querySelectorAll('.btc-cells .jp-Cell')];
  const visible = cells.filter(shown);
  const starts = visible.filter(
    c => c.classList.contains('jp-MarkdownCell') && c.querySelector('h1, h2'));
  const focus = document.activeElement;
  return {
    presenting: document.documentElement.classList.contains('btc-presenting'),
    pressed: document.getElementById('btc-present').getAttribute('aria-pressed'),
    status: document.querySelector('.btc-present-status').textContent,
    live: document.querySelector('.btc-present-status').getAttribute('aria-live'),
    hash: location.hash,
    cells: cells.length,
    visible: visible.length,
    starts: starts.map(c => text(c.querySelector('h1, h2'))),
    focus: focus ? `${focus.tagName}:${text(focus).slice(0, 60)}` : '',
    menu: shown(document.querySelector('.btc-nav')),
  };
}"""


#: The number of the section that holds the first cell matching a selector (0: none), counted the
#: way the notebook reads (section_count), independently of course.js.
SECTION_OF_JS = """selector => {
  let n = 0, headed = false;
  for (const cell of document.querySelectorAll('.btc-cells .jp-Cell')) {
    const heading = cell.classList.contains('jp-MarkdownCell') && cell.querySelector('h1, h2');
    if (n === 0 || (heading && headed)) { n += 1; headed = false; }
    if (heading) headed = true;
    if (cell.querySelector(selector)) return n;
  }
  return 0;
}"""


def open_presenting(
    browser: Browser,
    server: VoilaServer,
    file: str,
    query: str = "?present=1",
    size: str = "projector",
    **options: object,
) -> tuple[BrowserContext, Page, list[str]]:
    """A fresh tab (its own sessionStorage) on `file`, recording console and page errors."""
    context = browser.new_context(**VIEWPORTS[size], **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response",
        lambda r: r.status == 403 and "/api/shutdown/" in r.url and errors.append(SHUTDOWN),
    )
    page.goto(server.lesson_url(file) + query)
    wait_interactive(page)
    return context, page, errors


#: Leaving a Voila page (reload, another lesson) sends a kernel shutdown that the server refuses
#: with 403; the browser logs that as a console error. It is Voila's, not presentation mode's.
SHUTDOWN = "(a refused kernel shutdown on leaving the page)"
REFUSED = "Failed to load resource: the server responded with a status of 403 (Forbidden)"


def unexplained(errors: list[str]) -> list[str]:
    """The console and page errors, less one refusal log per refused shutdown."""
    left = [e for e in errors if e != SHUTDOWN]
    for _ in range(errors.count(SHUTDOWN)):
        if REFUSED in left:
            left.remove(REFUSED)
    return left


def state(page: Page) -> dict:
    return page.evaluate(STATE_JS)


def wait_section(page: Page, number: int) -> dict:
    """Wait until section `number` is on screen, and return the page's state."""
    page.wait_for_function(
        "n => document.querySelector('.btc-present-status').textContent"
        ".startsWith('Section ' + n + ' ')",
        arg=number,
        timeout=5_000,
    )
    return state(page)


def test_present_parameter_gives_large_type_one_section_and_no_menu(browser, voila_server):
    context, page, errors = open_presenting(browser, voila_server, LONG)
    try:
        now = state(page)
        assert now["presenting"] and now["pressed"] == "true"
        assert now["status"] == f"Section 1 of {SECTIONS}" and now["live"] == "polite"
        assert now["hash"] == "#section-1"
        assert len(now["starts"]) == 1, now["starts"]  # exactly one section on screen
        assert 0 < now["visible"] < now["cells"]
        assert now["menu"] is False
        sizes = page.evaluate(
            """() => {
              const px = el => el ? parseFloat(getComputedStyle(el).fontSize) : 0;
              const on = document.querySelector('.btc-on-section');
              return {body: px(on.querySelector('.jp-RenderedHTMLCommon p')),
                      heading: px(on.querySelector('h1, h2')),
                      main: document.querySelector('.btc-main').getBoundingClientRect().width,
                      window: window.innerWidth};
            }"""
        )
        assert sizes["body"] >= 24, sizes
        assert sizes["heading"] > sizes["body"] * 1.3, sizes
        assert sizes["main"] >= 0.9 * sizes["window"], sizes  # the lesson uses the full width
        # Widget text grows too: read in the first section that has a labelled widget.
        number = page.evaluate(SECTION_OF_JS, ".widget-label, .jupyter-button")
        if number:
            page.evaluate(f"location.hash = '#section-{number}'")
            wait_section(page, number)
            size = page.evaluate(
                """() => Math.min(...[...document.querySelectorAll(
                  '.btc-on-section .widget-label, .btc-on-section .jupyter-button')]
                  .filter(el => el.getClientRects().length && el.textContent.trim())
                  .map(el => parseFloat(getComputedStyle(el).fontSize)))"""
            )
            assert size >= 22, size
        assert unexplained(errors) == []
    finally:
        context.close()


def test_next_button_and_arrow_keys_move_focus_and_keep_the_place(browser, voila_server):
    context, page, errors = open_presenting(browser, voila_server, LONG)
    try:
        first = state(page)["starts"]
        page.locator(".btc-present-next").click()
        now = wait_section(page, 2)
        assert now["status"] == f"Section 2 of {SECTIONS}" and now["hash"] == "#section-2"
        assert len(now["starts"]) == 1 and now["starts"] != first
        assert re.match(r"H[12]:", now["focus"]) and now["starts"][0] in now["focus"], now
        page.keyboard.press("ArrowRight")
        assert wait_section(page, 3)["hash"] == "#section-3"
        page.keyboard.press("ArrowLeft")
        now = wait_section(page, 2)
        assert now["hash"] == "#section-2" and re.match(r"H[12]:", now["focus"])
        page.keyboard.press("PageUp")  # at the top of the section: back one
        wait_section(page, 1)
        assert page.locator(".btc-present-prev").is_disabled()
        page.keyboard.press("ArrowRight")
        wait_section(page, 2)
        # A reload keeps the place, and a plain address keeps the mode (this tab chose it).
        page.reload()
        wait_interactive(page)
        assert wait_section(page, 2)["presenting"]
        page.goto(voila_server.lesson_url(LONG))
        wait_interactive(page)
        assert wait_section(page, 1)["presenting"]
        # The last section brings the links to the other lessons; the next lesson presents too.
        page.goto(voila_server.lesson_url(LONG) + f"#section-{SECTIONS}")
        wait_interactive(page)
        wait_section(page, SECTIONS)
        assert page.locator(".btc-present-next").is_disabled()
        before, after = COURSE.neighbours(LONG)
        link = page.locator(".btc-pager a").first
        if after or before:
            assert link.is_visible()
            target = (after or before).file
            link = page.locator(f".btc-pager a[rel='{'next' if after else 'prev'}']")
            link.click()
            page.wait_for_url(f"**/voila/render/{target}")
            wait_interactive(page)
            now = wait_section(page, 1)
            assert now["presenting"] and len(now["starts"]) == 1
        assert unexplained(errors) == []
    finally:
        context.close()


def test_slider_keys_stay_with_the_slider(browser, voila_server):
    """ArrowRight on a focused slider moves the slider, not the lesson; the tool still works."""
    context, page, errors = open_presenting(browser, voila_server, LONG)
    try:
        # The first slider that ArrowRight can move (not already at its end).
        found = page.evaluate(
            """() => {
              const handle = [...document.querySelectorAll('.widget-hslider .noUi-handle')].find(
                h => +h.getAttribute('aria-valuenow') < +h.getAttribute('aria-valuemax'));
              if (handle) handle.setAttribute('data-test-slider', '');
              return !!handle;
            }"""
        )
        if not found:
            pytest.skip(f"{LONG} has no slider")
        number = page.evaluate(SECTION_OF_JS, "[data-test-slider]")
        page.evaluate(f"location.hash = '#section-{number}'")
        wait_section(page, number)
        handle = page.locator("[data-test-slider]")
        handle.scroll_into_view_if_needed()
        assert handle.is_visible()
        value = float(handle.get_attribute("aria-valuenow"))
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([el, old]) => parseFloat(el.getAttribute('aria-valuenow')) > old",
            arg=[handle.element_handle(), value],
            timeout=5_000,
        )
        now = state(page)
        assert (
            now["status"].startswith(f"Section {number} ") and now["hash"] == f"#section-{number}"
        )
        # A text box keeps its arrow keys too.
        boxes = ".widget-text input, .widget-textarea textarea"
        number = page.evaluate(SECTION_OF_JS, boxes)
        if number:
            page.evaluate(f"location.hash = '#section-{number}'")
            wait_section(page, number)
            field = page.locator(f":is({boxes}):visible").first
            field.fill("ab")
            field.press("ArrowLeft")
            field.press("ArrowRight")
            field.press("Space")
            assert state(page)["status"].startswith(f"Section {number} ")
            assert field.input_value() == "ab "
        assert unexplained(errors) == []
    finally:
        context.close()


def test_help_opens_and_escape_leaves_presentation_mode(browser, voila_server):
    context, page, errors = open_presenting(browser, voila_server, LONG, "?present=1#section-2")
    try:
        wait_section(page, 2)
        summary = page.locator("#btc-help > summary")
        assert summary.is_visible()
        summary.click()
        body = page.locator("#btc-help .btc-help-body")
        assert body.is_visible()
        assert COURSE.crisis_lines[0].contact in body.inner_text()
        page.keyboard.press("Escape")  # closes help first, and stays presenting
        assert page.locator("#btc-help").get_attribute("open") is None
        assert state(page)["presenting"]
        page.locator(".btc-on-section h1, .btc-on-section h2").first.click()
        page.keyboard.press("Escape")
        now = state(page)
        assert not now["presenting"] and now["pressed"] == "false"
        assert now["visible"] > 3 and now["menu"] and now["hash"] == ""
        assert now["focus"].startswith("BUTTON:") and "Present" in now["focus"]
        assert unexplained(errors) == []
    finally:
        context.close()


def test_switch_turns_it_on_and_off_by_keyboard(browser, voila_server):
    context, page, errors = open_presenting(browser, voila_server, LONG, query="")
    try:
        assert not state(page)["presenting"]
        for _ in range(10):  # Tab from the top of the page to the switch
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id === 'btc-present'"):
                break
        else:
            pytest.fail("the Present switch could not be reached with the Tab key")
        switch = page.get_by_role("button", name="Present")
        assert switch.get_attribute("aria-pressed") == "false"
        page.keyboard.press("Enter")
        now = wait_section(page, 1)
        assert now["presenting"] and now["pressed"] == "true" and len(now["starts"]) == 1
        page.keyboard.press("ArrowRight")  # the switch does not keep the arrows for itself
        wait_section(page, 2)
        switch.focus()
        page.keyboard.press("Space")
        now = state(page)
        assert not now["presenting"] and now["pressed"] == "false" and now["menu"]
        assert len(now["starts"]) == SECTIONS  # every section is back on the page
        # Off is remembered for the tab too.
        other = next(lesson.file for lesson in COURSE.lessons if lesson.file != LONG)
        page.goto(voila_server.lesson_url(other))
        wait_interactive(page)
        assert not state(page)["presenting"]
        assert unexplained(errors) == []
    finally:
        context.close()


def test_switch_is_thumb_sized_on_a_phone(browser, voila_server):
    context, page, errors = open_presenting(browser, voila_server, LONG, query="", size="phone")
    try:
        switch = page.get_by_role("button", name="Present")
        box = switch.bounding_box()
        assert box and box["width"] >= PHONE_TARGET and box["height"] >= PHONE_TARGET, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS["phone"]["viewport"]["width"]
        switch.tap()
        now = wait_section(page, 1)
        assert now["presenting"]
        for name in ("Previous section", "Next section"):
            button = page.get_by_role("button", name=name).bounding_box()
            assert button["width"] >= PHONE_TARGET and button["height"] >= PHONE_TARGET, button
        help_box = page.locator("#btc-help > summary").bounding_box()
        assert help_box["y"] + help_box["height"] <= VIEWPORTS["phone"]["viewport"]["height"]
        assert unexplained(errors) == []
    finally:
        context.close()


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_sections_appear_without_motion_when_asked(browser, voila_server, motion):
    context, page, _ = open_presenting(browser, voila_server, LONG, reduced_motion=motion)
    try:
        page.locator(".btc-present-next").click()
        wait_section(page, 2)
        animation = page.evaluate(
            "getComputedStyle(document.querySelector('.btc-on-section')).animationName"
        )
        assert (animation == "none") == (motion == "reduce"), animation
    finally:
        context.close()


def test_presentation_mode_has_no_serious_accessibility_violations(browser, voila_server):
    context, page, errors = open_presenting(browser, voila_server, LONG)
    try:
        found = []
        for number in (1, SECTIONS):
            page.evaluate(f"location.hash = '#section-{number}'")
            wait_section(page, number)
            results = Axe().run(page)
            found += [
                f"section {number}: {v['id']} ({v['impact']}): {v['help']} -> "
                + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
                for v in results.response["violations"]
                if v["impact"] in {"serious", "critical"}
            ]
        assert found == []
        assert unexplained(errors) == []
    finally:
        context.close()
