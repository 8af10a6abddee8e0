"""The cycle simulator in lesson 03, by keyboard: each kind of control redraws charts and text."""

from __future__ import annotations

import pytest

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
    page.wait_for_function(
        "document.querySelectorAll('.btc-cycle-simulator svg.btc-svg').length === 3"
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
