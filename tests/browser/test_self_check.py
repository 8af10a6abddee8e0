"""The mood self-check in lesson 02, by keyboard: crisis help the moment item 9 is above zero."""

from __future__ import annotations

from tests.harness import wait_interactive


def test_item_9_above_zero_shows_crisis_help_at_once(page, voila_server):
    page.goto(voila_server.lesson_url("02_depression.ipynb"))
    wait_interactive(page)
    check = page.locator(".btc-self-check")
    questions = check.locator(".btc-quiz-question")
    assert questions.count() == 9
    crisis = check.locator(".btc-crisis-now")
    assert crisis.count() == 0
    questions.nth(8).locator("input[type='radio']").first.focus()
    page.keyboard.press("Space")  # "Not at all"
    page.wait_for_timeout(500)
    assert crisis.count() == 0
    page.keyboard.press("ArrowDown")  # "Several days"
    crisis.wait_for(timeout=10_000)
    assert "988" in crisis.inner_text() and "emergency number" in crisis.inner_text()
    assert check.locator(".btc-live").first.get_attribute("aria-live") == "polite"
    check.get_by_role("button", name="See my result").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.btc-self-check .btc-narration').innerText"
        ".includes('Please answer question 1 first')"
    )
