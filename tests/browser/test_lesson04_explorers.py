"""Lesson 04's three explorers by keyboard: each control redraws its picture and its narration."""

from __future__ import annotations

from tests.harness import wait_interactive

LESSON = "04_inside_the_body.ipynb"


def alt_text(page, root: str, index: int = 0) -> str:
    return page.locator(f"{root} .btc-alt").nth(index).inner_text()


def press_and_wait_for_change(page, handle_label: str, key: str, root: str, index: int = 0) -> str:
    before = alt_text(page, root, index)
    handle = page.locator(f"{root} .noUi-handle[aria-label='{handle_label}']")
    handle.focus()
    page.keyboard.press(key)
    page.wait_for_function(
        "([sel, i, old]) => document.querySelectorAll(sel)[i].innerText !== old",
        arg=[f"{root} .btc-alt", index, before],
        timeout=15_000,
    )
    return alt_text(page, root, index)


def test_each_explorer_answers_the_keyboard(page, voila_server):
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.btc-simulator .noUi-handle'))"
        ".every(h => h.getAttribute('aria-label'))"
    )
    text = press_and_wait_for_change(
        page, "Rubbing the sore spot (0 none – 10 firm)", "End", ".btc-pain-signal"
    )
    assert "Rubbing closes the gate" in text
    assert page.locator(".btc-pain-signal svg.btc-svg").count() == 1

    text = press_and_wait_for_change(
        page, "Medicine strength (0 none – 100 full dose)", "Home", ".btc-synapse", 1
    )
    assert "No medicine" in text

    page.locator(".btc-stress select").focus()
    page.keyboard.press("Home")  # "A calm stretch"
    page.wait_for_function(
        "document.querySelector('.btc-stress .btc-narration').innerText.includes('no extra stress')"
    )
    page.keyboard.press("ArrowDown")  # "A hard day"
    # The chart's own text (not only the narration) must show the story before the next key.
    page.wait_for_function(
        "document.querySelector('.btc-stress .btc-alt').innerText.includes('size 8 for 1 day')"
    )
    text = press_and_wait_for_change(page, "How long it lasts (days)", "End", ".btc-stress")
    assert "has not come back" in text  # a size-8 stress for 100 days leaves it switched
