"""The pacing planner's sentences say the same numbers the charts draw: the plan's weeks, the
baseline, the goal, and the made-up series' flares, rest days, range and totals."""

from __future__ import annotations

import re

import pytest

from widgets.describers.pacing import (
    baseline_sentence,
    describe_comparison,
    describe_plan,
    kind_label,
    minutes,
    plan_text,
)
from widgets.models.pacing import KINDS, baseline, boom_and_bust, paced, plan, summary
from widgets.words import placeholders, words


def test_minutes_are_said_with_one_or_many():
    assert minutes(1) == "1 minute"
    assert minutes(1.0) == "1 minute"
    assert minutes(2) == "2 minutes" and minutes(7.5) == "7.5 minutes" and minutes(0) == "0 minutes"


def test_the_baseline_sentence_says_the_average_and_a_tip_for_few_or_many_days():
    days = [20, 25, 15]
    text = baseline_sentence("Walking", days, baseline(days))
    assert text.startswith("Your baseline for Walking is 20 minutes: the average of your 3 days.")
    assert "Tip" not in text
    assert "Tip: 3 to 7 days give a fairer" in baseline_sentence("x", [10, 20], 15)
    assert baseline_sentence("x", [10] * 8, 10).endswith(
        " Tip: the last 3 to 7 days are usually enough."
    )


@pytest.mark.parametrize(
    ("base", "share", "increase", "count", "goal"),
    [
        (20, 0.8, 0.1, 8, None),
        (30, 1.0, 0.0, 3, None),
        (20, 0.8, 0.2, 10, 25),
        (12, 0.5, 0.3, 1, None),
    ],
)
def test_the_plan_text_says_every_week_of_the_plan_the_chart_draws(
    base, share, increase, count, goal
):
    weeks = plan(base, share, increase, count, goal)
    text = describe_plan("Walking", weeks, base, share, goal)
    listed = re.findall(r"week (\d+): (\d+)", text.split("\n")[1])
    assert [(int(w), int(m)) for w, m in listed] == [(w.week, w.minutes_per_day) for w in weeks]
    assert f"starts at {minutes(weeks[0].minutes_per_day)} a day in week 1" in text
    assert f"{share:.0%} of your baseline of {minutes(base)}." in text
    if count == 1:
        assert "It covers one week." in text
    elif weeks[-1].minutes_per_day == weeks[0].minutes_per_day:
        assert f"stays at that level for all {count} weeks" in text
    else:
        assert f"rises to {minutes(weeks[-1].minutes_per_day)} a day by week {count}." in text
    assert text.endswith(".")


def test_the_plan_text_says_when_the_goal_is_reached_or_out_of_reach():
    weeks = plan(20, 0.8, 0.2, 10, 40)
    first = next(w.week for w in weeks if w.minutes_per_day >= 40)
    assert f"reaches your goal of 40 minutes in week {first}, then stays" in describe_plan(
        "x", weeks, 20, 0.8, 40
    )
    assert "further away than these weeks reach" in describe_plan(
        "x", plan(20, weeks=2), 20, 0.8, 500
    )
    assert "at or below the start, so the plan holds there" in describe_plan(
        "x", plan(20, goal_minutes=10), 20, 0.8, 10
    )


def test_the_comparison_says_the_series_own_totals():
    base = 30
    boom, steady = boom_and_bust(base, 28, 0), paced(base, 28)
    b, s = summary(boom), summary(steady)
    text = describe_comparison(boom, steady)
    assert text.startswith("A made-up example over 28 days, not real data.")
    assert f"Boom and bust: {b.flares} big days (up to {minutes(b.highest)})" in text
    assert f"{b.rest_days} rest days in all (as little as {minutes(b.lowest)})" in text
    assert f"from {minutes(s.lowest)} to {minutes(s.highest)}, with no flares" in text
    assert f"{minutes(b.total_minutes)} with boom and bust" in text
    assert f"{minutes(s.total_minutes)} with pacing." in text
    flat = paced(base, 7)
    assert f"each day, {minutes(flat[0].minutes)}, with no flares" in describe_comparison(
        boom_and_bust(base, 7, 0), flat
    )


def test_the_download_holds_the_plan_and_the_tips():
    weeks = plan(20, 0.8, 0.1, 2, 45)
    text = plan_text("Walking", [20, 25, 15], 20, 0.8, 0.1, weeks, 45)
    lines = text.split("\n")
    assert lines[:3] == ["My pacing plan: Walking", "=" * len("My pacing plan: Walking"), ""]
    assert "Minutes I managed on the days I recorded: 20, 25, 15" in lines
    assert "I start at: 80% of my baseline" in lines and "I add each week: 10%" in lines
    assert "My goal: 45 minutes a day" in lines
    assert "  Week 1: 16 minutes a day" in lines and "  Week 2: 18 minutes a day" in lines
    assert "- Rest breaks are part of the plan, not a failure." in lines
    assert text.endswith("This is a plan to try, not medical advice.\n")
    untitled = plan_text("", [20, 25], 22.5, 0.8, 0.1, weeks, None)
    assert untitled.startswith("My pacing plan\n==============\n")
    assert "My goal: none set yet" in untitled


def test_every_kind_of_day_has_a_label():
    assert [kind_label(kind) for kind in KINDS][1] == "Resting after a flare"


def test_the_describe_templates_fill_only_the_names_the_code_gives():
    describe = words("pacing", "en")["describe"]
    assert placeholders(describe["comparison"]) == {
        "days",
        "flares",
        "highest",
        "rest_days",
        "lowest",
        "spread",
        "boom_total",
        "paced_total",
    }
    assert placeholders(describe["plan"]) == {"activity", "start", "share", "baseline"}


def test_the_downloaded_plan_names_the_course_by_its_title_in_course_toml():
    from widgets.course_config import course_settings
    from widgets.describers.pacing import plan_text

    text = plan_text("walk", [10, 12], 11, 0.8, 0.1, [], None)
    assert f"Made with the course {course_settings().title}." in text
