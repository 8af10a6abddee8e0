"""Pain through the day in lesson 03, in a real browser: Play unfolds the day hour by hour and
Pause stops it, the scrubber works by keyboard, "predict first" shows the model's computed answer,
a pinned night shows on the chart, and the lesson meets the geometry checks at every viewport."""

from __future__ import annotations

import pytest

from tests.browser.geometry import VIEWPORTS, audit, problems
from tests.harness import wait_interactive

LESSON = "03_the_vicious_cycle.ipynb"
SIM = ".btc-pain-through-the-day"
HOUR = f"{SIM} .noUi-handle[aria-label='Hours since 04:00']"
CHART_ALT = f"{SIM} .btc-scene-stage > .btc-chart:first-child .btc-alt"
NARRATION = f"{SIM} .btc-narration"


def open_lesson(browser, voila_server, viewport: str):
    """Lesson 03 at one of the course's viewports, the tool ready, console errors kept."""
    context = browser.new_context(**VIEWPORTS[viewport])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    page.wait_for_function(
        f"Array.from(document.querySelectorAll('{SIM} .noUi-handle'))"
        ".every(h => h.getAttribute('aria-label'))"
    )
    page.locator(HOUR).wait_for(state="attached")
    return context, page, errors


def hour_now(page) -> int:
    return round(float(page.locator(HOUR).get_attribute("aria-valuenow")))


def wait_text(page, selector: str, text: str, timeout: float = 15_000) -> None:
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return el && el.innerText.includes(text); }",
        arg=[selector, text],
        timeout=timeout,
    )


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_play_unfolds_the_day_and_pause_stops_it(browser, voila_server, viewport):
    context, page, errors = open_lesson(browser, voila_server, viewport)
    sim = page.locator(SIM)
    assert "illustrative model, not a prediction" in sim.locator(".btc-model-note").inner_text()
    assert hour_now(page) == 24
    sim.get_by_role("button", name="Play").focus()
    page.keyboard.press("Enter")  # at the last hour: from the first again
    page.wait_for_function(
        f"() => {{ const v = +document.querySelector(\"{HOUR}\").getAttribute('aria-valuenow');"
        " return v >= 4 && v < 24; }",
        timeout=15_000,
    )
    page.wait_for_function(  # the kernel draws the day so far, with a ring on the hour
        f"() => [...document.querySelectorAll('{SIM} svg.btc-svg text')]"
        ".some(t => /^now \\d\\d:00$/.test(t.textContent))",
        timeout=15_000,
    )
    assert "Playing" in page.locator(NARRATION).inner_text()
    sim.get_by_role("button", name="Pause").click()
    sim.get_by_role("button", name="Play").wait_for()
    page.wait_for_timeout(800)
    stopped = hour_now(page)
    assert 4 <= stopped < 24
    page.wait_for_timeout(800)
    assert hour_now(page) == stopped
    time = f"{(4 + stopped) % 24:02d}:00"
    wait_text(page, CHART_ALT, f"The chart shows 04:00 to {time}")  # the words catch up
    wait_text(page, NARRATION, f"{time}.")
    page.locator(HOUR).focus()  # and the scrubber works by keyboard
    page.keyboard.press("ArrowLeft")
    wait_text(page, CHART_ALT, f"04:00 to {(3 + stopped) % 24:02d}:00")
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_predict_first_then_show_me_plays_and_gives_the_models_answer(
    browser, voila_server, viewport
):
    context, page, errors = open_lesson(browser, voila_server, viewport)
    sim = page.locator(SIM)
    menu = page.get_by_label("Try a night")
    menu.select_option("A usual night: 23:00 to 07:00")
    wait_text(page, CHART_ALT, "Your night: 23:00 to 07:00")
    menu.select_option("A short night: bed at 02:00")
    question = sim.locator(".btc-predict .btc-question")
    question.wait_for()
    assert "when does it add the most" in question.inner_text()
    page.wait_for_function(
        f"() => document.querySelector(\"{HOUR}\").getAttribute('aria-valuenow') === '1.0'"
    )
    sim.locator(".btc-predict [role='radiogroup']").wait_for()
    sim.get_by_role("radio", name="In the morning").check()
    sim.get_by_role("button", name="Show me").click()
    feedback = sim.locator(".btc-predict .btc-live")
    page.wait_for_function(
        "el => el.innerText.includes('Your guess: In the morning')", arg=feedback.element_handle()
    )
    sim.get_by_role("button", name="Pause").click()  # it plays; go to the end by keyboard
    page.locator(HOUR).focus()
    page.keyboard.press("End")
    page.wait_for_function(
        "el => el.innerText.includes('The model agrees')",
        arg=feedback.element_handle(),
        timeout=30_000,
    )
    answer = feedback.inner_text()
    assert "at 07:00, in the morning: 1.3% more than after a usual night" in answer
    sim.get_by_role("button", name="Close").click()
    question.wait_for(state="detached")
    assert errors == []
    context.close()


def test_a_pinned_night_shows_on_the_chart_and_in_its_text(browser, voila_server):
    context, page, errors = open_lesson(browser, voila_server, "laptop")
    sim = page.locator(SIM)
    sim.get_by_role("button", name="Pin this run").click()
    wait_text(page, CHART_ALT, "Pinned night (02:00 to 07:00)")
    page.get_by_label("Try a night").select_option("A usual night: 23:00 to 07:00")
    wait_text(page, CHART_ALT, "less sensitive than the pinned night")
    legend = sim.locator(
        ".btc-scene-stage svg.btc-svg-wide text", has_text="Pinned: 02:00 to 07:00"
    )
    assert legend.count() == 2  # on both charts
    sim.get_by_role("button", name="Clear pin").click()
    page.wait_for_function(
        f"!document.querySelector('{CHART_ALT}').innerText.includes('Pinned')", timeout=15_000
    )
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_lesson_03_meets_the_geometry_with_the_tool_open_and_playing(
    browser, voila_server, viewport
):
    """tests/browser/geometry.py on lesson 03 (the layout audit's checks, on this lesson only):
    as it opens, with every section open and a question asked, and with a night pinned."""
    context, page, errors = open_lesson(browser, voila_server, viewport)
    sim = page.locator(SIM)
    found = {"open": problems(audit(page))}
    toggles = page.locator(".btc-scene-toggle:visible")
    for index in range(toggles.count()):
        toggles.nth(index).click()
    if viewport == "phone":
        assert sim.locator(".btc-scene-toggle").is_visible()  # the sliders fold away on a phone
    page.get_by_label("Try a night").select_option("Up early: 23:00 to 05:00")
    sim.locator(".btc-predict .btc-question").wait_for()
    sim.get_by_role("button", name="Pin this run").click()
    wait_text(page, CHART_ALT, "Pinned night")
    page.wait_for_timeout(300)
    found["asking, pinned"] = problems(audit(page))
    assert found == {"open": [], "asking, pinned": []}
    assert errors == []
    context.close()
