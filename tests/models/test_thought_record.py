"""The thought record: traps are complete and plain, records are checked, summaries are text."""

from __future__ import annotations

import pytest

from widgets.models.thought_record import (
    MAX_FEELINGS,
    PROMPTS,
    TEXT_LIMIT,
    THINKING_TRAPS,
    WORKED_EXAMPLES,
    ThoughtRecord,
    change_in_feelings,
    to_text,
)

EXPECTED_TRAPS = {
    "catastrophising",
    "all_or_nothing",
    "fortune_telling",
    "mind_reading",
    "should_statements",
    "overgeneralising",
    "discounting_positive",
    "emotional_reasoning",
    "labelling",
}


def test_every_trap_has_a_name_a_short_description_and_an_example():
    assert set(THINKING_TRAPS) == EXPECTED_TRAPS
    for trap in THINKING_TRAPS.values():
        assert trap.name and trap.description.endswith(".") and trap.example
        assert len(trap.description.split()) <= 20  # short, plain sentences
        assert max(len(word) for word in trap.description.split()) <= 15


def test_worked_examples_are_valid_pain_related_and_show_feelings_easing():
    assert 2 <= len(WORKED_EXAMPLES) <= 3
    pain_words = ("pain", "back", "knee", "shoulder", "ache", "flare", "stiff")
    for record in WORKED_EXAMPLES.values():
        text = " ".join([record.situation, record.automatic_thought]).lower()
        assert any(word in text for word in pain_words)
        assert record.traps and record.balanced_thought
        for _, before, after in change_in_feelings(record):
            assert after is not None and after < before


def test_a_record_keeps_clean_text_and_matches_rerated_names_to_the_first_spelling():
    record = ThoughtRecord(
        situation="  Pain\x00 woke me at 3am\r\n",
        feelings=[("Worried", 70), ("sad", 50)],
        traps=["catastrophising", "catastrophising", "labelling"],
        rerated=[("worried", 30)],
    )
    assert record.situation == "Pain woke me at 3am"
    assert record.feelings == (("Worried", 70), ("sad", 50))
    assert record.traps == ("catastrophising", "labelling")
    assert change_in_feelings(record) == [("Worried", 70, 30), ("sad", 50, None)]


def test_an_empty_record_is_allowed_while_the_learner_works():
    record = ThoughtRecord()
    assert change_in_feelings(record) == []
    assert "(left blank)" in to_text(record)


def test_limits_are_inclusive():
    ThoughtRecord(
        situation="x" * TEXT_LIMIT,
        feelings=[(f"feeling {i}", i * 20) for i in range(MAX_FEELINGS)],
        rerated=[("feeling 0", 0), ("feeling 5", 100)],
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"situation": "x" * (TEXT_LIMIT + 1)}, "up to 1000 characters"),
        ({"balanced_thought": "y" * 1001}, "this one has 1001"),
        ({"situation": 5}, "expected text"),
        ({"feelings": [("sad", 101)]}, "must be from 0 to 100, but it is 101"),
        ({"feelings": [("sad", -1)]}, "must be from 0 to 100"),
        ({"feelings": [("sad", 50.5)]}, "must be a whole number from 0 to 100"),
        ({"feelings": [("sad", True)]}, "must be a whole number"),
        ({"feelings": [("sad", "50")]}, "must be a whole number"),
        ({"feelings": [("", 50)]}, "give each feeling a name"),
        ({"feelings": [("x" * 41, 50)]}, "up to 40 characters"),
        ({"feelings": [("sad", 50), ("Sad", 60)]}, "in the list twice"),
        ({"feelings": [(f"f{i}", 10) for i in range(7)]}, "up to 6 feelings"),
        ({"feelings": [("sad",)]}, "needs a name and a strength"),
        ({"feelings": "sad"}, "list of \\(feeling, strength\\) pairs"),
        ({"feelings": [("sad", 50)], "rerated": [("angry", 20)]}, "not in your first list"),
        ({"feelings": [("sad", 50)], "rerated": [("sad", 200)]}, "from 0 to 100"),
        ({"traps": ["doom"]}, "unknown thinking trap 'doom'"),
        ({"traps": "labelling"}, "list of trap keys"),
    ],
)
def test_bad_records_are_refused(fields, message):
    with pytest.raises(ValueError, match=message):
        ThoughtRecord(**fields)


def test_to_text_is_plain_text_with_every_part_and_keeps_markup_as_typed():
    record = ThoughtRecord(
        situation="Line one\nLine two <script>alert(1)</script>",
        automatic_thought="It will never get better",
        feelings=[("low", 80)],
        traps=["overgeneralising"],
        balanced_thought="Some days are better than others",
        rerated=[("low", 50)],
    )
    text = to_text(record, title="Tuesday\n<b>")
    assert text.startswith("Tuesday <b>\n===========\n")
    assert "  Line one\n  Line two <script>alert(1)</script>" in text
    assert "- low: 80 before, 50 after" in text
    assert "- Overgeneralising" in text
    assert text.endswith("Some days are better than others\n")


def test_every_step_has_a_prompt():
    assert set(PROMPTS) == {
        "situation",
        "automatic_thought",
        "feelings",
        "traps",
        "evidence_for",
        "evidence_against",
        "balanced_thought",
        "rerated",
    }
