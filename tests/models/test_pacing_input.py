"""What the learner types into the pacing planner: plain numbers become values, and anything else
(empty, negative, huge, not a number, very long) gives a plain message that quotes them back."""

from __future__ import annotations

import pytest

from widgets.models.pacing import MAX_MINUTES, baseline
from widgets.models.pacing_input import (
    ACTIVITY_LIMIT,
    TYPED_LIMIT,
    activity_name,
    parse_goal,
    parse_minutes,
)
from widgets.words import words


@pytest.mark.parametrize(
    ("typed", "values"),
    [
        ("20, 25, 15", [20, 25, 15]),
        ("7.5 12", [7.5, 12]),
        ("12\n18; 15 min, 20mins", [12, 18, 15, 20]),
        ("20 minutes, 1 minute, 5 m", [20, 1, 5]),
        ("20 MIN, 30 Mins", [20, 30]),
        ("  20,,, 25  ", [20, 25]),
        ("-5, 10", [-5, 10]),  # a number: baseline() says why it cannot be used
        ("99999, 10", [99999, 10]),
    ],
)
def test_minutes_are_read_as_numbers(typed, values):
    parsed = parse_minutes(typed)
    assert parsed == values
    assert all(type(v) is int for v in parsed if v == int(v))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (None, "Please type your minutes as numbers, like 20, 25, 15."),
        (20, "Please type your minutes as numbers"),
        ("", "Please type the minutes you managed on a few days, like 20, 25, 15."),
        ("   \n ", "Please type the minutes you managed"),
        ("min, mins", "Please type the minutes you managed"),
        ("abc", "Day 1 (“abc”) is not a number of minutes. Please use numbers, like 20, 25, 15."),
        ("20, lots, 15", "Day 2 (“lots”) is not a number of minutes"),
        ("nan, 5", "Day 1 (“nan”) is not a number of minutes"),
        ("inf, 5", "Day 1 (“inf”) is not a number of minutes"),
        ("1e9, 5", "Day 1 (“1e9”) is not a number of minutes"),
        ("20, 2O", "Day 2 (“2O”) is not a number"),
        ("x" * 30, "Day 1 (“" + "x" * 20 + "…”) is not a number"),
        ("9" * 201, "That is a lot of text (201 characters). Please type just the minutes for 2"),
    ],
)
def test_bad_minutes_give_a_plain_message(typed, message):
    with pytest.raises(ValueError) as error:
        parse_minutes(typed)
    assert message in str(error.value)


def test_typed_text_up_to_the_limit_is_read_and_one_more_character_is_not():
    typed = ", ".join(["10"] * 50) + "  "
    assert len(typed) == TYPED_LIMIT and parse_minutes(typed) == [10] * 50
    with pytest.raises(ValueError, match="That is a lot of text"):
        parse_minutes(typed + " ")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5, 10", "Day 1 must be a number of minutes from 0 to 1440, but it is -5."),
        ("10, 99999", "Day 2 must be a number of minutes from 0 to 1440, but it is 99999."),
        ("10", "Please record at least 2 days"),
        (", ".join(["10"] * 15), "Please use your last 14 days or fewer (3 to 7 is best)."),
        ("0, 0.5", "These days average under 1 minute."),
    ],
)
def test_numbers_a_plan_cannot_use_are_explained_by_the_baseline(typed, message):
    with pytest.raises(ValueError) as error:
        baseline(parse_minutes(typed))
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("typed", "goal"),
    [("", None), ("   ", None), (None, None), ("45", 45), ("30 min", 30), ("7.5", 7.5)],
)
def test_a_goal_is_a_number_or_blank(typed, goal):
    assert parse_goal(typed) == goal


@pytest.mark.parametrize(
    "typed", ["lots", "0", "-3", "5000", "inf", "nan", "1441", "x" * 300, "4 5"]
)
def test_a_bad_goal_says_the_range_and_that_blank_is_fine(typed):
    with pytest.raises(ValueError) as error:
        parse_goal(typed)
    message = str(error.value)
    assert f"must be a number of minutes a day from 1 to {MAX_MINUTES}" in message
    assert "or left blank for no goal" in message
    assert message.startswith("The goal (“") and len(message) < 140  # long text is shortened


def test_the_activity_is_cleaned_and_its_length_limited():
    assert activity_name("  Gardening\n in the  yard ") == "Gardening in the yard"
    assert activity_name("") == ""
    assert activity_name("a" * ACTIVITY_LIMIT) == "a" * ACTIVITY_LIMIT
    with pytest.raises(ValueError, match="up to 60 characters. Try a shorter one"):
        activity_name("a" * (ACTIVITY_LIMIT + 1))
    with pytest.raises(ValueError, match="Please type the activity as words"):
        activity_name(None)


def test_the_unit_words_come_from_the_content_file():
    assert words("pacing", "en")["units"]["typed"] == ["m", "min", "mins", "minute", "minutes"]
