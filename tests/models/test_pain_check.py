"""The three-question pain check: every band edge, plain messages, bad answers refused."""

from __future__ import annotations

import pytest

from widgets.models.pain_check import QUESTION_COUNT, band, questions, score
from widgets.words import words

CHECK = words("pain_check", "en")["check"]
NOT_A_DIAGNOSIS, SOURCE = CHECK["not_a_diagnosis"], CHECK["source"]


@pytest.mark.parametrize(
    ("answers", "mean", "name"),
    [
        ([0, 0, 0], 0.0, "mild"),
        ([4, 4, 3], 3.7, "mild"),  # mean 3.67: just under 4
        ([4, 4, 4], 4.0, "moderate"),  # 4 is the first moderate mean
        ([7, 7, 6], 6.7, "moderate"),  # mean 6.67: just under 7
        ([7, 7, 7], 7.0, "severe"),  # 7 is the first severe mean
        ([10, 10, 10], 10.0, "severe"),
        ([10, 0, 1], 3.7, "mild"),
        ([0, 10, 2], 4.0, "moderate"),
    ],
)
def test_band_edges(answers, mean, name):
    result = score(answers)
    assert (result.mean, result.band) == (mean, name)


@pytest.mark.parametrize(
    ("total", "name"),
    [(0, "mild"), (11, "mild"), (12, "moderate"), (20, "moderate"), (21, "severe")],
)
def test_band_by_total(total, name):
    assert band(total) == name


def test_every_message_says_not_a_diagnosis_and_gives_a_next_step():
    for answers in ([1, 1, 1], [5, 5, 5], [9, 9, 9]):
        message = score(answers).message
        assert "not a diagnosis" in message
        assert "try this check again" in message.lower() or "doctor" in message
    severe = score([9, 9, 9]).message
    assert "doctor" in severe and "crisis line" in severe and "emergency" in severe
    assert "not a diagnosis" in NOT_A_DIAGNOSIS and "not medical cut-offs" in NOT_A_DIAGNOSIS


def test_questions_are_our_own_and_cite_the_peg():
    assert len(questions()) == QUESTION_COUNT == 3
    assert "Krebs" in SOURCE and "2009" in SOURCE and "our own wording" in SOURCE
    peg_phrases = (
        "describes your pain on average",
        "interfered with your enjoyment of life",
        "interfered with your general activity",
    )
    for question in questions():
        assert question.low_label.startswith("0 = ") and question.high_label.startswith("10 = ")
        assert not any(phrase in question.text for phrase in peg_phrases)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([5, 5], "has 3 questions, but there are 2 answers"),
        ([5, 5, 5, 5], "there are 4 answers"),
        ([], "there are 0 answers"),
        ([5, None, 5], "Please answer question 2 first"),
        ([5, 5, 11], "Answer 3 must be a whole number from 0 to 10, but it is 11"),
        ([-1, 5, 5], "Answer 1 must be a whole number from 0 to 10, but it is -1"),
        ([5, 5.0, 5], "Answer 2 must be a whole number"),
        ([True, 5, 5], "Answer 1 must be a whole number"),
        ([False, 5, 5], "Answer 1 must be a whole number"),
        (["5", 5, 5], "Answer 1 must be a whole number"),
        ("555", "give the three answers as a list"),
        (None, "give the three answers as a list"),
    ],
)
def test_bad_answers_are_refused(answers, message):
    with pytest.raises(ValueError, match=message):
        score(answers)


def test_every_band_has_a_name_and_a_message_in_the_content_file():
    content = words("pain_check", "en")
    assert set(content["bands"]) == set(content["messages"]) == {"mild", "moderate", "severe"}
    assert score([9, 9, 9]).message == content["messages"]["severe"]
    assert [q.short_name for q in questions()] == [
        "Pain strength",
        "Gets in the way of enjoying life",
        "Gets in the way of activities",
    ]
