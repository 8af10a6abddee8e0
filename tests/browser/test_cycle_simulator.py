"""The cycle simulator in lesson 03, by keyboard: each kind of control redraws charts and text;
the scene keeps chart and controls on one screen, plays day by day and fits every viewport."""

from __future__ import annotations

import pytest

from tests.browser.geometry import VIEWPORTS, audit
from tests.harness import wait_interactive

LESSON = "03_the_vicious_cycle.ipynb"


def text_of(page, selector: str) -> str:
    return page.locator(selector).first.inner_text()


def wait_for_change(page, selector: str, before: str) -> str:
    page.wait_for_function(
        "([sel, old]) => { const el = document.querySelector(sel);"
        " return el && el.innerText !== old; }",
        arg=[selector, before],
        timeout=15_000,
    )
    return text_of(page, selector)


@pytest.fixture
def simulator(page, voila_server):
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    page.wait_for_function(  # each of the three figures, drawn wide and narrow
        "document.querySelectorAll('.btc-cycle-simulator svg.btc-svg-wide').length === 3"
    )
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.btc-cycle-simulator .noUi-handle'))"
        ".every(h => h.getAttribute('aria-label'))"
    )
    return page


NARRATION = ".btc-cycle-simulator .btc-narration"
COURSE_ALT = ".btc-cycle-simulator .btc-alt"


def test_it_says_what_it_is_and_narrates_politely(simulator):
    page = simulator
    assert "illustrative model, not a prediction" in text_of(
        page, ".btc-cycle-simulator .btc-model-note"
    )
    assert page.locator(NARRATION).get_attribute("aria-live") == "polite"
    assert "stuck" in text_of(page, NARRATION)
    assert page.locator(".btc-cycle-simulator .btc-plot[role='figure']").count() == 3
    assert page.locator(".btc-model-details summary").inner_text().startswith("Where this model")


def test_slider_by_keyboard_loosens_the_loop(simulator):
    page = simulator
    narration, course = text_of(page, NARRATION), text_of(page, COURSE_ALT)
    handle = page.locator(".noUi-handle[aria-label^='How tightly']")
    handle.focus()
    for _ in range(6):  # 1.30 -> 1.00: the same flare now fades
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "document.querySelector('.btc-cycle-simulator .btc-narration')"
        ".innerText.includes('settled back')",
        timeout=15_000,
    )
    assert text_of(page, NARRATION) != narration
    assert text_of(page, COURSE_ALT) != course


def test_strategy_checkbox_by_keyboard_adds_a_comparison(simulator):
    page = simulator
    before = text_of(page, NARRATION)
    box = page.get_by_role("checkbox", name="A steady sleep routine")
    box.focus()
    page.keyboard.press("Space")
    after = wait_for_change(page, NARRATION, before)
    assert "Your strategies: A steady sleep routine from day 35" in after


def test_story_menu_and_reset_by_keyboard(simulator):
    page = simulator
    before = text_of(page, NARRATION)
    page.get_by_label("Start from a story").select_option("A bad week of sleep")
    after = wait_for_change(page, NARRATION, before)
    assert "Nights are short" in after
    handle = page.locator(".noUi-handle[aria-label^='How tightly']")
    handle.focus()
    page.keyboard.press("End")
    changed = wait_for_change(page, NARRATION, after)
    menu = page.get_by_label("Start from a story")
    page.wait_for_function("el => el.value === 'Your own settings'", arg=menu.element_handle())
    page.get_by_role("button", name="Reset").focus()
    page.keyboard.press("Enter")
    assert wait_for_change(page, NARRATION, changed) == after
    assert menu.input_value() == "A bad week of sleep"


def test_pain_through_the_day_by_keyboard(page, voila_server):
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    handle = page.locator(".noUi-handle[aria-label='Bedtime']")
    handle.wait_for()
    page.wait_for_function("document.querySelectorAll('.btc-plot svg.btc-svg').length >= 4")
    alt = ".btc-alt:has-text('Your night:')"
    before = page.locator(alt).inner_text()
    assert "02:00 to 07:00" in before
    handle.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "old => { const el = Array.from(document.querySelectorAll('.btc-alt'))"
        ".find(e => e.innerText.includes('Your night:')); return el && el.innerText !== old; }",
        arg=before,
    )
    assert "01:30 to 07:00" in page.locator(alt).inner_text()


STRATEGY_LABELS = [
    "Professional help and CBT",
    "Medication, with your prescriber",
    "Physical activity and pacing",
    "Mindfulness and relaxation",
    "Social support",
    "A steady sleep routine",
]


def test_every_control_changes_the_run_by_keyboard(simulator):
    """Each strategy box and start day, the loop sliders, variation and the reseed button."""
    page = simulator

    def course_text() -> str:
        return text_of(page, COURSE_ALT) + text_of(page, NARRATION)

    def press_and_expect_change(key: str) -> None:
        before = course_text()
        page.keyboard.press(key)
        page.wait_for_function(
            "old => { const q = s => document.querySelector(s).innerText;"
            " return q('.btc-cycle-simulator .btc-alt') + q('.btc-cycle-simulator .btc-narration')"
            " !== old; }",
            arg=before,
            timeout=15_000,
        )

    for label in STRATEGY_LABELS:
        page.get_by_role("checkbox", name=label).focus()
        press_and_expect_change("Space")
        page.locator(f".noUi-handle[aria-label='{label}: starts on day']").focus()
        press_and_expect_change("Home")
    for name, key in (
        ("Flare strength", "Home"),  # a stronger flare would change nothing: pain is at its top
        ("Stress in that", "End"),
        ("Pain from your body", "End"),
        ("Flare or hard time", "End"),
    ):
        page.locator(f".noUi-handle[aria-label^='{name}']").focus()
        press_and_expect_change(key)
    page.get_by_role("checkbox", name="Day-to-day ups and downs").focus()
    press_and_expect_change("Space")
    page.get_by_role("button", name="New ups and downs").focus()
    press_and_expect_change("Enter")


# --- the scene (issue 12) ------------------------------------------------------------------------

SIM = ".btc-cycle-simulator"
LOOP_ALT = f"{SIM} .btc-scene-stage .btc-chart:nth-child(3) .btc-alt"


def open_simulator(browser, voila_server, viewport: str):
    """Lesson 03 at one of the course's viewports, its simulator ready, console errors kept."""
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
    return context, page, errors


def day_now(page) -> int:
    value = page.locator(f"{SIM} .noUi-handle[aria-label='Day']").get_attribute("aria-valuenow")
    return round(float(value))


@pytest.mark.parametrize("viewport", ["laptop", "projector"])
def test_the_chart_and_the_first_slider_fit_on_one_screen(browser, voila_server, viewport):
    """Issue 12: the 12-week chart's top scrolled into view, the first control slider is in view
    too (it was 954 px below the chart on a projector)."""
    context, page, errors = open_simulator(browser, voila_server, viewport)
    chart = page.locator(f"{SIM} .btc-scene-stage .btc-chart").first
    chart.evaluate("el => el.scrollIntoView({block: 'start'})")
    header = page.evaluate("document.querySelector('.btc-header').getBoundingClientRect().bottom")
    page.evaluate(f"document.getElementById('rendered_cells').scrollBy(0, -{header})")
    box = chart.bounding_box()
    slider = page.locator(f"{SIM} .btc-scene-controls .widget-hslider").first.bounding_box()
    height = page.evaluate("innerHeight")
    assert header - 1 <= box["y"] < height
    assert slider["y"] >= header - 1 and slider["y"] + slider["height"] <= height, (box, slider)
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_play_advances_the_day_and_pause_stops_it(browser, voila_server, viewport):
    context, page, errors = open_simulator(browser, voila_server, viewport)
    sim = page.locator(SIM)
    assert day_now(page) == 84
    sim.get_by_role("button", name="Play").focus()
    page.keyboard.press("Enter")  # on the last day: from day 1 again
    page.wait_for_function(  # from day 84 back to day 1, then on: past day 5 (not 84 again)
        f"() => {{ const v = +document.querySelector(\"{SIM} .noUi-handle[aria-label='Day']\")"
        ".getAttribute('aria-valuenow'); return v >= 5 && v < 84; }",
        timeout=15_000,
    )
    page.wait_for_function(  # the kernel draws the loop on each day as it comes
        f"() => [...document.querySelectorAll('{SIM} .btc-scene-stage svg.btc-svg-wide > title')]"
        ".some(t => /^The loop on day \\d+$/.test(t.textContent))",
        timeout=15_000,
    )
    assert "Playing" in sim.locator(".btc-narration").inner_text()
    sim.get_by_role("button", name="Pause").click()
    sim.get_by_role("button", name="Play").wait_for()
    stopped = day_now(page)
    assert 5 <= stopped < 84
    page.wait_for_timeout(1000)
    assert day_now(page) == stopped
    page.wait_for_function(
        "([sel, day]) => document.querySelector(sel).innerText.includes(`Day ${day} of 84`)",
        arg=[LOOP_ALT, stopped],
        timeout=15_000,
    )
    alt = page.locator(LOOP_ALT)
    assert f"The loop on day {stopped}" in alt.inner_text()  # the figure's name says the day
    handle = sim.locator(".noUi-handle[aria-label='Day']")  # and the slider works by keyboard
    handle.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "([sel, day]) => document.querySelector(sel).innerText.includes(`Day ${day} of 84`)",
        arg=[LOOP_ALT, stopped - 1],
        timeout=15_000,
    )
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_scene_has_no_narrow_track_and_no_clipped_label(browser, voila_server, viewport):
    """The geometry checks of tests/browser/geometry.py, with every section open."""
    context, page, errors = open_simulator(browser, voila_server, viewport)
    sim = page.locator(SIM)
    toggles = sim.locator(".btc-scene-toggle")
    for index in range(toggles.count()):
        if toggles.nth(index).is_visible():
            toggles.nth(index).click()
            page.wait_for_function(
                "el => el.innerText.startsWith('Hide')", arg=toggles.nth(index).element_handle()
            )
    if viewport == "phone":
        assert toggles.first.is_visible()  # narrow: the sheet's sections open on demand
    else:
        assert not toggles.first.is_visible()
    assert sim.locator(".btc-scene-controls .widget-hslider").first.is_visible()
    found = audit(page)
    assert found["tracks"] == [] and found["clipped"] == [], found
    assert found["sideways"] == []
    assert errors == []
    context.close()


def test_predict_first_then_show_me_plays_and_compares(simulator):
    page = simulator
    sim = page.locator(SIM)
    page.get_by_label("Start from a story").select_option("A bad week of sleep")
    question = sim.locator(".btc-predict .btc-question")
    question.wait_for()
    assert "When sleep gets worse for a week" in question.inner_text()
    page.wait_for_function(
        f"() => document.querySelector(\"{SIM} .noUi-handle[aria-label='Day']\")"
        ".getAttribute('aria-valuenow') === '1.0'"
    )
    group = sim.locator(".btc-predict [role='radiogroup']")
    group.wait_for()
    sim.get_by_role("radio", name="It goes up").check()
    sim.get_by_role("button", name="Show me").click()
    feedback = sim.locator(".btc-predict .btc-live")
    page.wait_for_function(
        "el => el.innerText.includes('Your guess: It goes up')", arg=feedback.element_handle()
    )
    sim.get_by_role("button", name="Pause").click()  # it plays; skip to the end by keyboard
    sim.locator(".noUi-handle[aria-label='Day']").focus()
    page.keyboard.press("End")
    page.wait_for_function(
        "el => el.innerText.includes('The model agrees')",
        arg=feedback.element_handle(),
        timeout=30_000,
    )
    assert "pain went up" in feedback.inner_text()
    sim.get_by_role("button", name="Close").click()
    question.wait_for(state="detached")


def test_pin_keeps_the_run_on_the_chart(simulator):
    page = simulator
    sim = page.locator(SIM)
    sim.get_by_role("button", name="Pin this run").click()
    page.wait_for_function(
        "document.querySelector('.btc-cycle-simulator .btc-alt').innerText.includes('Pinned run')"
    )
    legend = sim.locator(".btc-scene-stage svg.btc-svg-wide text", has_text="Pinned: pain")
    assert legend.count() == 1
    sim.get_by_role("button", name="Clear pin").click()
    page.wait_for_function(
        "!document.querySelector('.btc-cycle-simulator .btc-alt').innerText.includes('Pinned')"
    )


def test_on_a_phone_show_me_brings_the_chart_into_view(browser, voila_server):
    """The question sits in the control sheet under the chart on a phone: pressing "Show me"
    there must not leave the run playing off screen."""
    context, page, errors = open_simulator(browser, voila_server, "phone")
    sim = page.locator(SIM)
    page.get_by_label("Start from a story").select_option("A bad week of sleep")
    sim.locator(".btc-predict [role='radiogroup']").wait_for()
    sim.get_by_role("radio", name="It goes up").check()
    show_me = sim.get_by_role("button", name="Show me")
    show_me.scroll_into_view_if_needed()
    chart = sim.locator(".btc-scene-stage .btc-chart").first
    assert chart.bounding_box()["y"] + chart.bounding_box()["height"] < 0  # above the screen
    show_me.tap()
    page.wait_for_function(
        """sel => { const box = document.querySelector(sel).getBoundingClientRect();
                   return box.top >= 0 && box.top < window.innerHeight / 2; }""",
        arg=f"{SIM} .btc-scene-stage .btc-chart",
        timeout=15_000,
    )
    assert errors == []
    context.close()
