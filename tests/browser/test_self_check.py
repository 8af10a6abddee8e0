"""The mood self-check in lesson 02, by keyboard: crisis help the moment item 9 is above zero, kept
if the answer is changed back, and leading the result whatever the total."""

from __future__ import annotations

import pytest

from tests.harness import wait_interactive
from widgets.course_config import load_config
from widgets.models.self_check import items

CONFIG = load_config()


def test_item_9_above_zero_shows_crisis_help_at_once(page, voila_server):
    page.goto(voila_server.lesson_url("02_depression.ipynb"))
    wait_interactive(page)
    check = page.locator(".btc-self-check")
    questions = check.locator(".btc-quiz-question")
    # the form's questions, then its closing "how difficult" question (not scored)
    assert questions.count() == len(items(CONFIG.selfcheck_version)) + 1
    assert "how difficult have these problems made it" in questions.last.inner_text()
    if CONFIG.selfcheck_version != "PHQ-9":
        pytest.skip("PHQ-8 is configured: there is no self-harm question to test")
    first_line = CONFIG.crisis_lines[0].contact
    crisis = check.locator(".btc-crisis-now")
    assert crisis.count() == 0
    questions.nth(8).locator("input[type='radio']").first.focus()
    page.keyboard.press("Space")  # "Not at all"
    page.wait_for_timeout(500)
    assert crisis.count() == 0
    page.keyboard.press("ArrowDown")  # "Several days"
    crisis.wait_for(timeout=10_000)
    assert first_line in crisis.inner_text() and "emergency number" in crisis.inner_text()
    assert check.locator(".btc-live").first.get_attribute("aria-live") == "polite"
    page.keyboard.press("ArrowUp")  # back to "Not at all": the help stays, with a note
    page.wait_for_function(
        "document.querySelector('.btc-self-check .btc-crisis-now').innerText"
        ".includes('You changed your answer')"
    )
    assert first_line in crisis.first.inner_text()
    page.keyboard.press("ArrowDown")  # "Several days" again
    check.get_by_role("button", name="See my result").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.btc-self-check .btc-narration').innerText"
        ".includes('Please answer question 1 first')"
    )
    for number in range(8):  # "Not at all" everywhere else: a low total
        questions.nth(number).locator("input[type='radio']").first.focus()
        page.keyboard.press("Space")
    check.get_by_role("button", name="See my result").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.btc-self-check .btc-narration').innerText.includes('Your total')"
    )
    result = check.locator(".btc-narration").inner_text()
    assert result.index("Whatever your total") < result.index("Your total")
    assert first_line in result and "Few of these problems bothered you" not in result
