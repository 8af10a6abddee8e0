"""The relaxation tools in a real browser, by keyboard only: the breathing guide counts in text
(also with reduced motion, where the circle stays still), the muscle steps move on with Next and
time themselves, axe finds nothing serious, and nothing is fetched from another host."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.harness import start_course_copy, wait_interactive

NOTEBOOK = json.dumps(
    {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "relax-0",
                "metadata": {},
                "outputs": [],
                "source": ["from widgets.views.relaxation import relaxation\n", "relaxation()"],
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
)
PHASE = ".btc-pacer-phase"
COUNT = ".btc-pacer-count"


@pytest.fixture(scope="module")
def relax_course(tmp_path_factory):
    server = start_course_copy(
        tmp_path_factory.mktemp("relax-course"), {"zz_relax.ipynb": NOTEBOOK}
    )
    yield server
    server.stop()


def open_tool(page, server):
    record = {"requests": [], "errors": []}
    page.on("request", lambda request: record["requests"].append(request.url))
    page.on("websocket", lambda socket: record["requests"].append(socket.url))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda error: record["errors"].append(str(error)))
    page.goto(server.lesson_url("zz_relax.ipynb"))
    wait_interactive(page)
    page.wait_for_selector(".btc-relaxation .btc-pacer")
    return record


def tab_to(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until `predicate` (JS, given the focused element `el`) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    pytest.fail(f"could not reach {predicate!r} with the Tab key")


def button(name: str) -> str:
    return f"el.tagName === 'BUTTON' && el.textContent.trim() === {name!r}"


def dropdown(label: str) -> str:
    return (
        "el.tagName === 'SELECT' && el.closest('.widget-dropdown')"
        f".querySelector('.widget-label').textContent.trim() === {label!r}"
    )


def text(page, selector: str) -> str:
    return page.evaluate(f"(document.querySelector({selector!r}) || {{}}).textContent || ''")


def wait_text_change(page, selector: str, before: str, timeout: float) -> str:
    page.wait_for_function(
        "([sel, before]) => { const el = document.querySelector(sel);"
        " return el && el.textContent !== before && el.textContent !== ''; }",
        arg=[selector, before],
        timeout=timeout,
    )
    return text(page, selector)


def test_breathing_guide_by_keyboard(page, relax_course):
    record = open_tool(page, relax_course)
    tab_to(page, dropdown("Breathing pattern"))
    page.keyboard.press("ArrowDown")  # "Even: in 5, out 5"
    page.keyboard.press("Tab")
    assert page.evaluate(
        f"(() => {{ const el = document.activeElement; return {dropdown('How long')}; }})()"
    )
    page.keyboard.press("ArrowDown")  # 3 minutes
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Start the breathing guide"
    page.keyboard.press("Enter")
    page.wait_for_selector('.btc-pacer[data-phases="in:5,out:5"][data-seconds="180"]')
    page.wait_for_function(f"document.querySelector({PHASE!r}).textContent === 'Breathe in…'")
    circle = page.evaluate(
        "getComputedStyle(document.querySelector('.btc-pacer-circle')).animationName"
    )
    assert circle == "btc-breathe-in5-out5"
    assert page.locator(PHASE).get_attribute("aria-live") == "polite"
    assert page.locator(COUNT).get_attribute("aria-hidden") == "true"
    count = wait_text_change(page, COUNT, text(page, COUNT), 3000)  # the seconds count down
    assert count in {"1", "2", "3", "4", "5"}
    assert wait_text_change(page, PHASE, "Breathe in…", 8000) == "Breathe out…"
    assert "left" in text(page, ".btc-pacer-left")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stop the breathing guide"
    page.keyboard.press("Space")
    page.wait_for_function("!document.querySelector('.btc-pacer[data-seconds]')")
    assert "Stopped" in page.locator(".btc-pacer").inner_text()
    assert record["errors"] == []
    host = f"127.0.0.1:{relax_course.port}"
    foreign = [u for u in record["requests"] if urlparse(u).netloc not in {host, ""}]
    assert foreign == [], f"requests to other hosts: {foreign}"


def test_reduced_motion_keeps_the_circle_still_and_the_words_counting(page, relax_course):
    page.emulate_media(reduced_motion="reduce")
    open_tool(page, relax_course)
    tab_to(page, button("Start the breathing guide"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".btc-pacer[data-seconds][data-phase='in']")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.btc-pacer-circle'));"
        " return [s.animationName, s.transform]; })()"
    )
    assert style[0] == "none"
    assert text(page, PHASE) == "Breathe in…"
    wait_text_change(page, COUNT, text(page, COUNT), 3000)
    assert wait_text_change(page, PHASE, "Breathe in…", 7000) == "Breathe out…"


def test_muscle_steps_by_keyboard_with_a_timer(page, relax_course):
    open_tool(page, relax_course)
    tab_to(page, button("Next muscle step"))
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.btc-step-text').textContent.includes('Step 1 of 9: Feet')"
    )
    status = page.locator(".btc-step-timer .btc-timer-status").first
    page.wait_for_function(
        "document.querySelector('.btc-timer-status').textContent === 'Timer started: 20 seconds.'"
    )
    assert status.get_attribute("aria-live") == "polite"
    wait_text_change(page, ".btc-timer-count", "0:20", 3000)
    page.keyboard.press("Enter")  # focus stays on Next
    page.wait_for_function(
        "document.querySelector('.btc-step-text').textContent.includes('Step 2 of 9: Legs')"
    )
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Previous muscle step"
    page.keyboard.press("Space")
    page.wait_for_function(
        "document.querySelector('.btc-step-text').textContent.includes('Step 1 of 9: Feet')"
    )


def test_page_script_ends_short_timers_and_says_so(page, relax_course):
    """course.js on markup of its own: a 2-second guide and a 1-second step timer finish."""
    open_tool(page, relax_course)
    page.evaluate(
        """() => document.querySelector('.btc-main').insertAdjacentHTML('beforeend',
        '<div id="t1" class="btc-pacer" data-phases="in:1,out:1" data-seconds="2" ' +
        'data-done="Done. Notice how you feel."><span class="btc-pacer-phase"></span>' +
        '<span class="btc-pacer-count"></span><span class="btc-pacer-left"></span></div>' +
        '<div id="t2" class="btc-step-timer" data-seconds="1" data-done="Time is up.">' +
        '<span class="btc-timer-status"></span><span class="btc-timer-count"></span></div>')"""
    )
    page.wait_for_function(
        "document.querySelector('#t1 .btc-pacer-phase').textContent"
        " === 'Done. Notice how you feel.'",
        timeout=5000,
    )
    assert page.locator("#t1").get_attribute("data-phase") == "done"
    page.wait_for_function(
        "document.querySelector('#t2 .btc-timer-status').textContent === 'Time is up.'",
        timeout=5000,
    )
    assert text(page, "#t2 .btc-timer-count") == "0:00"


def test_relaxation_passes_axe(page, relax_course):
    open_tool(page, relax_course)
    tab_to(page, button("Start the breathing guide"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".btc-pacer[data-phase]")
    tab_to(page, button("Next imagery step"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".btc-step-timer")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert violations == []
