"""The self-check widget: crisis help at once on item 9, a result only when all are answered."""

from __future__ import annotations

import html
from dataclasses import replace

import pytest

from widgets.course_config import load_config
from widgets.crisis_html import contact_html
from widgets.models.self_check import DIFFICULTY_OPTIONS, DIFFICULTY_QUESTION
from widgets.views.self_check import CHANGED_BACK, FOLLOW_UP, NEXT_STEPS, SelfCheck

PHQ9 = replace(load_config(), selfcheck_version="PHQ-9")


def first_line(config=PHQ9) -> str:
    """The first configured crisis line's contact as rendered, whatever region course.toml sets."""
    return contact_html(config.crisis_lines[0].contact)


def test_crisis_help_appears_as_soon_as_item_9_is_above_zero():
    check = SelfCheck(PHQ9)
    assert check.crisis.value == ""
    check.questions[8].value = 1
    assert first_line() in check.crisis.value and "emergency number" in check.crisis.value


def test_changing_item_9_back_to_zero_keeps_the_help_with_a_note():
    """Issue 11: the message is never dropped silently."""
    check = SelfCheck(PHQ9)
    check.questions[8].value = 2
    check.questions[8].value = 0
    assert html.escape(CHANGED_BACK) in check.crisis.value
    assert first_line() in check.crisis.value


@pytest.mark.parametrize("item_9", [1, 2, 3])
def test_a_self_harm_answer_leads_the_result_whatever_the_total(item_9):
    """Issue 11: a low total with item 9 above 0 never reads "Few of these problems bothered
    you. Keep doing what helps you."; the follow-up and the crisis lines come first."""
    check = SelfCheck(PHQ9)
    for question, answer in zip(check.questions, [0] * 8 + [item_9], strict=True):
        question.value = answer
    check.show_result()
    result = check.result.value
    assert result.index(html.escape(FOLLOW_UP)) < result.index("Your total")
    assert first_line() in result
    assert html.escape(NEXT_STEPS["minimal"]) not in result


def test_after_changing_item_9_back_the_result_still_leads_with_help():
    check = SelfCheck(PHQ9)
    check.questions[8].value = 1
    for question in check.questions:
        question.value = 0
    check.show_result()
    result = check.result.value
    assert result.index(html.escape(CHANGED_BACK)) < result.index("Your total")
    assert html.escape(NEXT_STEPS["minimal"]) not in result


def test_a_low_total_without_self_harm_answers_gets_the_usual_words():
    check = SelfCheck(PHQ9)
    for question in check.questions:
        question.value = 0
    check.show_result()
    assert html.escape(NEXT_STEPS["minimal"]) in check.result.value
    assert html.escape(FOLLOW_UP) not in check.result.value


def test_the_closing_question_is_asked_as_on_the_form_and_not_scored():
    check = SelfCheck(PHQ9)
    closing = check.children[-5]  # before the crisis box, button, result and attribution
    assert html.escape(DIFFICULTY_QUESTION) in closing.children[0].value
    assert [label for label, _value in check.difficulty.options] == list(DIFFICULTY_OPTIONS)
    for question in check.questions:
        question.value = 1
    check.show_result()
    without = check.result.value
    check.difficulty.value = 3
    check.show_result()
    assert "9 out of 27" in without and "9 out of 27" in check.result.value
    assert "extremely difficult" in check.result.value


def test_result_needs_every_answer_then_gives_a_band_and_not_a_diagnosis():
    check = SelfCheck(PHQ9)
    check.show_result()
    assert "Please answer question 1 first" in check.result.value
    for question, answer in zip(check.questions, [2, 2, 2, 1, 1, 1, 1, 0, 0], strict=True):
        question.value = answer
    check.show_result()
    assert "10 out of 27" in check.result.value and "moderate" in check.result.value
    assert "not a diagnosis" in check.result.value


def test_phq8_mode_has_no_self_harm_question():
    check = SelfCheck(replace(load_config(), selfcheck_version="PHQ-8"))
    assert len(check.questions) == 8
    for question in check.questions:
        question.value = 3
    check.show_result()
    assert "24 out of 24" in check.result.value and check.crisis.value == ""
