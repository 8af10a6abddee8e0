"""Every notebook in notebooks/, in a real headless Chromium through the course's Voila.

Each lesson must render with no error output and no console error, load nothing from any host
but the course server, pass axe-core with no serious or critical violation, link to the right
previous and next lessons, and let a keyboard user open and close the crisis-help panel.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.harness import lesson_files, wait_interactive
from widgets.course_config import load_config

LESSONS = lesson_files()
COURSE = load_config()


def open_lesson(page, server, file):
    """Open a lesson, recording every request, console error and page error."""
    record = {"requests": [], "console_errors": [], "page_errors": [], "sockets": []}
    page.on("request", lambda request: record["requests"].append(request.url))
    page.on("websocket", lambda socket: record["sockets"].append(socket.url))
    page.on(
        "console",
        lambda message: message.type == "error" and record["console_errors"].append(message.text),
    )
    page.on("pageerror", lambda error: record["page_errors"].append(str(error)))
    page.goto(server.lesson_url(file))
    wait_interactive(page)
    return record


@pytest.mark.parametrize("file", LESSONS)
def test_lesson_renders_cleanly_and_offline(page, voila_server, file):
    record = open_lesson(page, voila_server, file)
    page.wait_for_timeout(500)  # let late requests and console messages arrive
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-RenderedText[data-mime-type*='error']").count() == 0
    assert "There was an error when executing cell" not in page.content()
    assert record["console_errors"] == []
    assert record["page_errors"] == []
    course_host = f"127.0.0.1:{voila_server.port}"
    foreign = [
        url
        for url in record["requests"] + record["sockets"]
        if urlparse(url).scheme in {"http", "https", "ws", "wss"}
        and urlparse(url).netloc != course_host
    ]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert record["requests"], "no requests were recorded at all"


@pytest.mark.parametrize("file", LESSONS)
def test_lesson_has_no_serious_accessibility_violations(page, voila_server, file):
    open_lesson(page, voila_server, file)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize("file", LESSONS)
def test_previous_and_next_links_reach_the_right_lessons(page, voila_server, file):
    open_lesson(page, voila_server, file)
    before, after = COURSE.neighbours(file)
    current = page.locator(".btc-nav a[aria-current='page']")
    if COURSE.lesson(file) is None:
        is_guide = file in [page.file for page in (*COURSE.guides, *COURSE.pages)]
        assert current.count() == (1 if is_guide else 0)
        assert page.locator(".btc-pager a").count() == 0
        return
    assert current.get_attribute("data-lesson") == file
    for rel, lesson in (("prev", before), ("next", after)):
        link = page.locator(f".btc-pager a[rel='{rel}']")
        if lesson is None:
            assert link.count() == 0
            continue
        assert lesson.title in link.inner_text()
        link.click()
        page.wait_for_url(f"**/voila/render/{lesson.file}")
        assert page.locator("body").get_attribute("data-lesson") == lesson.file
        page.go_back()
        page.wait_for_url(f"**/voila/render/{file}")
        wait_interactive(page)


@pytest.mark.parametrize("file", LESSONS)
def test_help_panel_opens_and_closes_by_keyboard(page, voila_server, file):
    open_lesson(page, voila_server, file)
    panel = page.locator("#btc-help")
    for _ in range(10):  # Tab from the top of the page until the "Get help now" button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#btc-help > summary')"):
            break
    else:
        pytest.fail("'Get help now' could not be reached with the Tab key")
    assert panel.get_attribute("open") is None
    page.keyboard.press("Enter")
    assert panel.get_attribute("open") is not None
    assert page.locator("#btc-help .btc-help-body").is_visible()
    assert COURSE.crisis_lines[0].contact in page.locator("#btc-help .btc-help-body").inner_text()
    page.keyboard.press("Escape")
    assert panel.get_attribute("open") is None
    assert page.evaluate("document.activeElement.matches('#btc-help > summary')")
    page.keyboard.press("Space")
    assert panel.get_attribute("open") is not None
    page.keyboard.press("Space")
    assert panel.get_attribute("open") is None


def test_lesson_and_phone_links_stay_in_the_same_tab(page, voila_server):
    """Issue 12: course-map links (and tel:/sms: links) used to open new tabs."""
    open_lesson(page, voila_server, COURSE.lessons[0].file)
    page.wait_for_timeout(500)
    stray = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[target=_blank]'))"
        ".map(a => a.getAttribute('href'))"
        ".filter(h => !/^https?:/i.test(h || ''))"
    )
    assert stray == []
    if page.locator(".btc-map a").count():
        assert page.locator(".btc-map a[target]").count() == 0


def test_home_page_opens_the_first_lesson(page, voila_server):
    page.goto(voila_server.url)
    page.wait_for_url(f"**/voila/render/{COURSE.lessons[0].file}")
    wait_interactive(page)
    assert page.locator("ol.btc-lessons a").count() == len(COURSE.lessons)


def test_visited_lessons_are_marked_in_this_browser_only(page, voila_server):
    """Only once the learner keeps their answers on this device (issue 13): before that the
    page writes nothing, so a reload marks nothing either."""
    first = COURSE.lessons[0].file
    page.goto(voila_server.lesson_url(first))
    wait_interactive(page)
    page.wait_for_timeout(300)  # the page script has run
    fresh = page.locator(f".btc-lessons a[data-lesson='{first}']")
    assert "opened before" not in fresh.inner_text()  # a first visit is not "opened before"
    page.reload()
    wait_interactive(page)
    page.wait_for_timeout(300)
    assert "opened before" not in fresh.inner_text()  # nothing was kept: no choice yet
    assert page.evaluate("localStorage.getItem('btc-visited-v1')") is None
    record = page.locator(".btc-my-record")
    record.get_by_role("button", name="Keep my answers on this device").click()
    record.get_by_text("Done. Your answers will be kept on this device.").wait_for(timeout=20_000)
    page.wait_for_function("localStorage.getItem('btc-visited-v1') !== null")
    page.reload()
    wait_interactive(page)
    link = page.locator(f".btc-lessons a[data-lesson='{first}']")
    assert "opened before" in link.inner_text()
    stored = page.evaluate("JSON.parse(localStorage.getItem('btc-visited-v1'))")
    assert first in stored
    progress = page.locator(".btc-map-progress")
    if progress.count():
        assert "You have opened" in progress.inner_text()


def knowledge_checks(file: str) -> list[str]:
    """Names of the knowledge checks a notebook shows, read from its code."""
    from tests.harness import NOTEBOOKS
    from tests.lesson_text import cells, source

    code = "\n".join(source(c) for c in cells(NOTEBOOKS / file) if c["cell_type"] == "code")
    return re.findall(r"knowledge_check\(\s*[\"']([^\"']+)[\"']", code)


def choose_by_keyboard(page, question, index: int) -> None:
    """Select choice `index` with Space and arrow keys, then press Check answer with Enter."""
    question.locator("input[type='radio']").first.focus()
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Check answer"
    page.keyboard.press("Enter")


@pytest.mark.parametrize("file", [f for f in LESSONS if knowledge_checks(f)])
def test_knowledge_check_gives_feedback_by_keyboard(page, voila_server, file):
    from widgets.models.knowledge_check import load_questions
    from widgets.views.knowledge_check import checks_dir

    open_lesson(page, voila_server, file)
    questions = load_questions(checks_dir() / f"{knowledge_checks(file)[0]}.toml")
    first = questions[0]
    view = page.locator(".btc-quiz:not(.btc-self-check) .btc-quiz-question").first
    feedback = view.locator(".btc-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    wrong = next(i for i in range(len(first.choices)) if i != first.answer)
    choose_by_keyboard(page, view, wrong)
    page.wait_for_function(
        "el => el.innerText.includes('Not quite.')", arg=feedback.element_handle()
    )
    assert first.why.split(" [")[0][:40] in feedback.inner_text()
    choose_by_keyboard(page, view, first.answer)
    page.wait_for_function("el => el.innerText.includes('Right.')", arg=feedback.element_handle())
    assert "right so far" in page.locator(".btc-score").inner_text()


VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1366, "height": 768}},
    "projector": {"viewport": {"width": 1280, "height": 720}, "device_scale_factor": 1.5},
}


@pytest.mark.parametrize("size", VIEWPORTS)
def test_help_is_one_tap_away_from_the_bottom_of_every_page(browser, voila_server, size):
    """Issue 12: "Get help now" stays on screen after scrolling to the end of any page, at every
    viewport, and every number in the panel is a tel: (or sms:) link."""
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    try:
        for file in LESSONS:
            open_lesson(page, voila_server, file)
            page.evaluate(
                "() => { const s = document.querySelector('#rendered_cells');"
                " s.scrollTop = s.scrollHeight; window.scrollTo(0, document.body.scrollHeight); }"
            )
            page.wait_for_timeout(200)
            summary = page.locator("#btc-help > summary")
            box = summary.bounding_box()
            height = VIEWPORTS[size]["viewport"]["height"]
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (file, box)
            assert box["height"] >= 24 and box["width"] >= 24
            if size == "phone":
                assert box["height"] >= 44, (file, box)  # a thumb-sized target
            summary.click()
            links = page.locator(
                "#btc-help .btc-crisis-lines a[href^='tel:'], #btc-help .btc-crisis-lines "
                "a[href^='sms:'], #btc-help .btc-crisis-lines a[href^='https:']"
            )
            assert links.count() >= 1, file
            assert links.first.is_visible()
            if any(re.search(r"\d{3}", line.contact) for line in COURSE.crisis_lines):
                tel = page.locator("#btc-help .btc-crisis-lines a[href^='tel:']")
                assert tel.count() >= 1, file
            summary.click()
    finally:
        context.close()
