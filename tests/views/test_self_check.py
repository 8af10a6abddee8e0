"""The self-check widget: crisis help at once on item 9, a result only when all are answered."""

from __future__ import annotations

from dataclasses import replace

from widgets.course_config import load_config
from widgets.views.self_check import SelfCheck


def test_crisis_help_appears_as_soon_as_item_9_is_above_zero():
    check = SelfCheck()
    assert check.crisis.value == ""
    check.questions[8].value = 1
    assert "988" in check.crisis.value and "emergency number" in check.crisis.value
    check.questions[8].value = 0
    assert check.crisis.value == ""


def test_result_needs_every_answer_then_gives_a_band_and_not_a_diagnosis():
    check = SelfCheck()
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
