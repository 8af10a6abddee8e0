"""The action plan: limits are enforced with plain messages, goals are checked for "when" and
"how much", and the words come from widgets/content/action_plan.toml. The exported page and
Markdown are tested in tests/describers/test_action_plan_describer.py."""

from __future__ import annotations

import pytest

from widgets.models import action_plan
from widgets.models.action_plan import (
    MAX_ITEMS,
    SECTION_KEYS,
    STRATEGY_KEYS,
    ActionPlan,
    default_title,
    goal_hint,
    goal_misses,
    plan_title,
    sections,
    strategies,
)
from widgets.words import placeholders, word, words


def test_a_plan_keeps_clean_text_and_drops_blanks():
    plan = ActionPlan(
        strategies=["pacing", "pacing", "diary"],
        goals=["  Walk\n10 minutes  ", "", "   "],
        warning_signs=["Sleeping\tbadly"],
        people_to_call=[("Jo", "0123"), ("", "")],
    )
    assert plan.strategies == ("pacing", "diary")
    assert plan.goals == ("Walk 10 minutes",)
    assert plan.warning_signs == ("Sleeping badly",)
    assert plan.people_to_call == (("Jo", "0123"),)
    assert ActionPlan() == ActionPlan((), (), (), (), ())


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"strategies": ["magic"]}, "unknown strategy 'magic'"),
        ({"strategies": "pacing"}, "strategies must be a list"),
        ({"goals": ["g"] * (MAX_ITEMS + 1)}, "up to 5 goals"),
        ({"goals": ["x" * 201]}, "Goal can have up to 200 characters; this one has 201"),
        ({"goals": "walk"}, "goals must be a list"),
        ({"goals": [42]}, "expected text"),
        ({"warning_signs": ["s"] * 6}, "up to 5 warning signs"),
        ({"warning_signs": ["x" * 201]}, "Warning sign can have up to 200"),
        ({"people_to_call": [("p", "1")] * 6}, "up to 5 people"),
        ({"people_to_call": [("x" * 61, "1")]}, "A name can have up to 60"),
        ({"people_to_call": [("Jo", "x" * 101)]}, "How to reach them can have up to 100"),
        ({"people_to_call": [("Jo", "")]}, "add how to reach Jo"),
        ({"people_to_call": [("", "0123")]}, "add a name for 0123"),
        ({"people_to_call": ["Jo"]}, "needs a name and how to reach them"),
        ({"crisis_lines": [("c", "1")] * 11}, "up to 10 crisis lines"),
        (
            {"reasons": ["x" * 201]},
            "^Reason can have up to 200 characters; this one has 201. Please",
        ),
        ({"helps": ["x" * 201]}, "^What helps can have up to 200 characters"),
        ({"people_to_call": [("p", "1")] * 6}, "A few you trust is enough.$"),
        ({"goals": ["g"] * 6}, "^Please choose up to 5 goals. A few clear ones work best.$"),
    ],
)
def test_limits_are_enforced(fields, message):
    with pytest.raises(ValueError, match=message):
        ActionPlan(**fields)


def test_limits_are_inclusive():
    ActionPlan(
        strategies=list(STRATEGY_KEYS),
        goals=["x" * 200] * 5,
        warning_signs=["y" * 200] * 5,
        people_to_call=[("n" * 60, "h" * 100)] * 5,
        crisis_lines=[("c" * 100, "h" * 100)] * 10,
    )


@pytest.mark.parametrize(
    ("goal", "missing"),
    [
        ("Walk for 10 minutes after lunch", []),
        ("Walk more", ["how_much", "when"]),
        ("Walk twice", ["when"]),
        ("Walk on Monday", ["how_much"]),
        ("Walk on Mon/Wed/Fri", []),  # issue 12: named days say both when and how often
        ("Swim on Tues and Thurs mornings", []),
        ("Walk on weekdays", []),
        ("Stretch every evening", []),
        ("", []),
    ],
)
def test_goal_misses(goal, missing):
    assert goal_misses(goal) == missing


def test_reasons_and_what_helps_are_checked_like_the_other_parts():
    plan = ActionPlan(reasons=["  Sleep through\nthe night ", ""], helps=["A short walk"])
    assert plan.reasons == ("Sleep through the night",) and plan.helps == ("A short walk",)
    with pytest.raises(ValueError, match="up to 5 reasons"):
        ActionPlan(reasons=[f"reason {i}" for i in range(6)])
    with pytest.raises(ValueError, match="200 characters"):
        ActionPlan(helps=["x" * 201])


def test_a_title_is_one_clean_line_or_the_default():
    assert plan_title("  Jo's\nplan ") == "Jo's plan"
    assert plan_title("   ") == plan_title("") == default_title() == "My action plan"
    with pytest.raises(ValueError, match="^The title can have up to 100 characters"):
        plan_title("t" * 101)


# ---- the content file (widgets/content/action_plan.toml) -----------------------------------------


def test_the_content_file_has_every_strategy_and_part_in_order():
    content = words("action_plan", "en")
    assert tuple(content["strategies"]) == STRATEGY_KEYS == tuple(strategies())
    assert tuple(content["sections"]) == SECTION_KEYS == tuple(f for f, _ in sections())
    assert [heading for _, heading in sections()][0] == "1. My reasons"
    assert len(content["export"]["months"]) == 12
    assert "when" in goal_hint() and "how much" in goal_hint()


@pytest.mark.parametrize(
    ("key", "fields"),
    [
        ("too_long", {"what", "limit", "length"}),
        ("too_many", {"most", "parts"}),
        ("no_name", {"how"}),
        ("no_way_to_reach", {"name"}),
        ("too_many_people", {"most", "parts"}),
    ],
)
def test_each_message_keeps_the_placeholders_the_model_fills(key, fields):
    assert placeholders(word("action_plan", "errors", key, language="en")) == fields


def test_the_old_constant_names_still_read_the_content():
    """workbook/sheets.py, widgets/models/learner_record.py and some tests use these names."""
    assert strategies() == action_plan.STRATEGIES and sections() == action_plan.SECTIONS
    assert goal_hint() == action_plan.GOAL_HINT and default_title() == action_plan.DEFAULT_TITLE
    assert action_plan.CRISIS_HEADING == "If things get very hard"
    assert action_plan.CRISIS_TEXT.startswith("You do not have to face a crisis alone.")
    assert action_plan.EMERGENCY_TEXT.endswith("call your local emergency number.")
    assert action_plan.NOTHING_YET == "Nothing added yet."
    with pytest.raises(AttributeError):
        action_plan.NO_SUCH_NAME  # noqa: B018
