"""PHQ-9 / PHQ-8 scoring: every band edge, the self-harm rule, bad answers refused."""

from __future__ import annotations

import pytest

from widgets.models.self_check import (
    BANDS,
    SELF_HARM_ITEM,
    band,
    form,
    items,
    needs_crisis_help,
    score,
)
from widgets.words import words


@pytest.mark.parametrize(
    ("total", "name"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_band_edges(total, name):
    assert band(total) == name


def test_phq9_and_phq8_scores():
    assert score([3] * 9).score == 27 and score([3] * 9).maximum == 27
    result = score([1, 1, 1, 1, 1, 0, 0, 0, 0])
    assert (result.score, result.band) == (5, "mild")
    assert score([2] * 8, "PHQ-8").maximum == 24
    assert len(items("PHQ-8")) == 8 and "hurting yourself" not in " ".join(items("PHQ-8"))
    assert "hurting yourself" in items("PHQ-9")[8]


@pytest.mark.parametrize("answer", [1, 2, 3])
def test_any_self_harm_answer_above_zero_needs_crisis_help(answer):
    assert needs_crisis_help([None] * 8 + [answer])
    assert not needs_crisis_help([3] * 8 + [0])
    assert not needs_crisis_help([3] * 8)  # PHQ-8 has no such item


@pytest.mark.parametrize(
    ("answers", "version", "message"),
    [
        ([0] * 8, "PHQ-9", "has 9 questions"),
        ([0] * 8 + [None], "PHQ-9", "answer question 9"),
        ([0] * 8 + [4], "PHQ-9", "must be 0, 1, 2 or 3"),
        ([0] * 8 + [True], "PHQ-9", "must be 0, 1, 2 or 3"),
        ([0] * 9, "PHQ-2", "unknown self-check"),
    ],
)
def test_bad_answers_are_refused(answers, version, message):
    with pytest.raises(ValueError, match=message):
        score(answers, version)


def test_the_result_flags_a_self_harm_answer_whatever_the_total():
    assert score([0] * 8 + [1]).self_harm
    assert score([0] * 8 + [1]).band == "minimal"
    assert not score([3] * 8 + [0]).self_harm
    assert not score([3] * 8, "PHQ-8").self_harm


def test_the_closing_question_is_kept_but_never_scored():
    plain, asked = score([1] * 9), score([1] * 9, difficulty=3)
    assert plain.score == asked.score == 9
    assert asked.difficulty == 3 and plain.difficulty is None
    with pytest.raises(ValueError, match="last question"):
        score([1] * 9, difficulty=4)
    with pytest.raises(ValueError, match="last question"):
        score([1] * 9, difficulty=True)


def test_the_form_wording_is_the_published_one():
    """Published text (Kroenke, Spitzer & Williams 2001): fail if the English stem, items, options
    or closing question in widgets/content/self_check.toml drift from the form, by one letter."""
    published = words("self_check", "en")["form"]
    assert published["stem"] == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert published["options"] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert published["items"] == [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed, or the opposite: "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ]
    assert published["difficulty_question"] == (
        "If you checked off any problems, how difficult have these problems made it for you to do "
        "your work, take care of things at home, or get along with other people?"
    )
    assert published["difficulty_options"] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]
    assert published["attribution"].startswith("PHQ-9 and PHQ-8: developed by Drs. Robert L.")


def test_phq8_is_the_first_eight_items_and_item_9_is_the_self_harm_question():
    assert items("PHQ-8") == items("PHQ-9")[:8]
    assert len(items("PHQ-9")) == 9 and SELF_HARM_ITEM == 8
    assert items("PHQ-9")[SELF_HARM_ITEM] == form()["items"][8]
    assert "better off dead" in items("PHQ-9")[SELF_HARM_ITEM]


def test_every_band_has_a_name_and_a_next_step():
    content = words("self_check", "en")
    keys = [key for _low, key in BANDS]
    assert list(content["bands"]) == keys and list(content["next_steps"]) == keys
    assert content["bands"]["moderately_severe"] == "moderately severe"
