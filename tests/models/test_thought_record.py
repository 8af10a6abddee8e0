"""The thought record: traps are complete and plain, records are checked, and the words (traps,
questions, worked examples, messages) come from widgets/content/thought_record.toml."""

from __future__ import annotations

import pytest

from widgets.models import thought_record
from widgets.models.thought_record import (
    MAX_FEELINGS,
    STEP_KEYS,
    TEXT_LIMIT,
    TRAP_KEYS,
    ThoughtRecord,
    change_in_feelings,
    feeling_ideas,
    prompts,
    thinking_traps,
    worked_examples,
)
from widgets.words import placeholders, word, words

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
    traps = thinking_traps()
    assert set(traps) == EXPECTED_TRAPS and tuple(traps) == TRAP_KEYS
    for trap in traps.values():
        assert trap.name and trap.description.endswith(".") and trap.example
        assert len(trap.description.split()) <= 20  # short, plain sentences
        assert max(len(word) for word in trap.description.split()) <= 15


def test_worked_examples_are_valid_pain_related_and_show_feelings_easing():
    examples = worked_examples()
    assert 2 <= len(examples) <= 3
    pain_words = ("pain", "back", "knee", "shoulder", "ache", "flare", "stiff")
    for record in examples.values():
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
    assert record.traps == () and record.situation == ""


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


def test_every_step_has_a_prompt():
    assert tuple(prompts()) == STEP_KEYS
    assert all(question.endswith(("?", ".", ")")) for question in prompts().values())
    assert set(prompts()) == {
        "situation",
        "automatic_thought",
        "feelings",
        "traps",
        "evidence_for",
        "evidence_against",
        "balanced_thought",
        "rerated",
    }


# ---- the content file (widgets/content/thought_record.toml) -------------------------------------


def test_the_content_file_names_every_trap_once_and_no_other():
    keys = [trap["key"] for trap in words("thought_record", "en")["traps"]]
    assert sorted(keys) == sorted(TRAP_KEYS) and len(keys) == len(set(keys))


def test_the_worked_examples_in_the_content_file_name_known_traps_and_valid_feelings():
    for example in words("thought_record", "en")["examples"]:
        assert set(example["traps"]) <= set(TRAP_KEYS)
        for feeling in example["feelings"]:
            assert set(feeling) == {"name", "before", "after"}
    names = [f for f, _b, _a in change_in_feelings(worked_examples()["A stiff morning"])]
    assert names == ["worried", "sad"]


def test_feeling_ideas_fill_the_three_feeling_boxes():
    ideas = feeling_ideas()
    assert len(ideas) >= 3 and all(idea and " " not in idea for idea in ideas)


@pytest.mark.parametrize(
    ("key", "fields"),
    [
        ("too_long", {"limit", "length"}),
        ("feeling_unnamed", set()),
        ("feeling_name_too_long", {"limit"}),
        ("strength_not_whole", {"name", "rating"}),
        ("strength_out_of_range", {"name", "rating"}),
        ("feeling_twice", {"name"}),
        ("too_many_feelings", {"most"}),
        ("not_in_first_list", {"name"}),
    ],
)
def test_each_message_keeps_the_placeholders_the_model_fills(key, fields):
    assert placeholders(word("thought_record", "errors", key, language="en")) == fields


def test_the_old_constant_names_still_read_the_content():
    """workbook/sheets.py and widgets/models/learner_record.py's tests use these names."""
    assert thinking_traps() == thought_record.THINKING_TRAPS
    assert prompts() == thought_record.PROMPTS
    assert worked_examples() == thought_record.WORKED_EXAMPLES
    assert feeling_ideas() == thought_record.FEELING_IDEAS
    with pytest.raises(AttributeError):
        thought_record.NO_SUCH_NAME  # noqa: B018
