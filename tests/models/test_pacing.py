"""Pacing: the baseline is an average, plans start low and grow step by step, series are steady."""

from __future__ import annotations

import pytest

from widgets.models.pacing import (
    FLARE_ABOVE,
    KINDS,
    MAX_DAYS,
    MIN_DAYS,
    PlanWeek,
    baseline,
    boom_and_bust,
    paced,
    plan,
    summary,
)
from widgets.words import placeholders, words


def test_baseline_is_the_mean_rounded_to_one_decimal():
    assert baseline([20, 25, 30]) == 25
    assert baseline([10, 11]) == 10.5
    assert baseline([10, 0, 12.5]) == 7.5
    assert baseline([7] * 14) == 7


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ([], "at least 2 days"),
        ([30], "at least 2 days"),
        ([10] * 15, "last 14 days or fewer"),
        ([10, -5], "Day 2 must be a number of minutes from 0 to 1440, but it is -5"),
        ([10, 1441], "Day 2 must be a number of minutes"),
        ([10, float("nan")], "Day 2 must be a number"),
        ([10, "20"], "Day 2 must be a number"),
        ([True, 10], "Day 1 must be a number"),
        ([0, 0, 0], "average under 1 minute"),
        ([0, 0, 1], "average under 1 minute"),
        ("20,30", "give a list of minutes"),
        (None, "give a list of minutes"),
    ],
)
def test_bad_baselines_are_refused(days, message):
    with pytest.raises(ValueError, match=message):
        baseline(days)


def test_a_learners_messages_come_from_the_content_file_with_the_models_numbers():
    errors = words("pacing", "en")["errors"]
    assert placeholders(errors["too_few_days"]) == {"min_days"}
    assert placeholders(errors["day_out_of_range"]) == {"day", "max_minutes", "value"}
    with pytest.raises(ValueError) as error:
        baseline([5])
    assert str(error.value) == errors["too_few_days"].format(min_days=MIN_DAYS)
    with pytest.raises(ValueError) as error:
        baseline([5] * (MAX_DAYS + 1))
    assert str(error.value) == errors["too_many_days"].format(max_days=MAX_DAYS)


def test_every_kind_of_day_has_words():
    assert set(words("pacing", "en")["kinds"]) == set(KINDS)


def test_plan_starts_below_baseline_and_grows_ten_percent_a_week():
    weeks = plan(20)
    assert weeks[0] == PlanWeek(1, 16)
    assert [w.week for w in weeks] == list(range(1, 9))
    assert [w.minutes_per_day for w in weeks] == [16, 18, 19, 21, 23, 26, 28, 31]
    assert all(
        a.minutes_per_day <= b.minutes_per_day for a, b in zip(weeks, weeks[1:], strict=False)
    )


def test_plan_is_capped_at_the_goal_and_a_low_goal_gives_a_flat_plan():
    assert [w.minutes_per_day for w in plan(20, goal_minutes=25)][-3:] == [25, 25, 25]
    assert {w.minutes_per_day for w in plan(20, goal_minutes=10)} == {10}


def test_plan_options_and_small_baselines():
    assert [w.minutes_per_day for w in plan(10, start_share=1.0, weekly_increase=0, weeks=3)] == [
        10,
        10,
        10,
    ]
    assert plan(1, start_share=0.5)[0].minutes_per_day == 1  # never below 1 minute
    assert plan(5, start_share=0.5, weeks=1) == [PlanWeek(1, 3)]  # 2.5 rounds half up
    assert len(plan(30, weeks=26)) == 26
    assert max(w.minutes_per_day for w in plan(1440, weekly_increase=0.3, weeks=26)) == 1440


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"baseline_minutes": 0}, "more than 0"),
        ({"baseline_minutes": -1}, "baseline_minutes must be from 0 to 1440"),
        ({"baseline_minutes": float("nan")}, "baseline_minutes must be a number"),
        ({"start_share": 0.4}, "start_share must be from 0.5 to 1"),
        ({"start_share": 1.1}, "start_share must be from 0.5 to 1"),
        ({"weekly_increase": 0.31}, "weekly_increase must be from 0 to 0.3"),
        ({"weekly_increase": -0.1}, "weekly_increase must be from 0 to 0.3"),
        ({"weeks": 0}, "weeks must be from 1 to 26"),
        ({"weeks": 27}, "weeks must be from 1 to 26"),
        ({"weeks": 8.0}, "weeks must be a whole number"),
        ({"weeks": True}, "weeks must be a whole number"),
        ({"goal_minutes": 0}, "goal_minutes must be from 1 to 1440"),
        ({"goal_minutes": "30"}, "goal_minutes must be a number"),
    ],
)
def test_bad_plans_are_refused(kwargs, message):
    values = {"baseline_minutes": 20} | kwargs
    with pytest.raises(ValueError, match=message):
        plan(**values)


def test_boom_and_bust_is_deterministic_and_follows_its_rules():
    series = boom_and_bust(30, days=56, seed=3)
    assert series == boom_and_bust(30, days=56, seed=3)
    assert series != boom_and_bust(30, days=56, seed=4)
    assert [d.day for d in series] == list(range(1, 57))
    assert {d.kind for d in series} <= set(KINDS)
    for i, d in enumerate(series):
        if d.kind == "overdo":
            assert d.minutes > FLARE_ABOVE * 30
            after = [x.kind for x in series[i + 1 : i + 3]]
            assert after == ["rest"] * len(after)  # at least two rest days follow a flare
        if d.kind in ("usual", "rest"):
            assert d.minutes <= FLARE_ABOVE * 30


def test_paced_follows_the_plan_and_is_steadier_than_boom_and_bust():
    series = paced(30, days=28)
    weekly = [w.minutes_per_day for w in plan(30, weeks=4)]
    assert [d.minutes for d in series] == [m for m in weekly for _ in range(7)]
    steady = summary(series)
    assert steady.flares == 0 and steady.rest_days == 0
    for seed in range(20):
        bumpy = summary(boom_and_bust(30, days=28, seed=seed))
        assert bumpy.highest - bumpy.lowest > steady.highest - steady.lowest
        assert bumpy.flares >= 1
    assert len(paced(30, days=10)) == 10


def test_summary_counts():
    result = summary(boom_and_bust(30, seed=0))
    series = boom_and_bust(30, seed=0)
    assert result.total_minutes == sum(d.minutes for d in series)
    assert result.flares == sum(d.kind == "overdo" for d in series)
    with pytest.raises(ValueError, match="empty"):
        summary([])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: boom_and_bust(30, days=6), "days must be from 7 to 182"),
        (lambda: boom_and_bust(30, days=183), "days must be from 7 to 182"),
        (lambda: boom_and_bust(0), "baseline_minutes must be from 1"),
        (lambda: boom_and_bust(30, seed=1.5), "seed must be a whole number"),
        (lambda: paced(30, days=200), "days must be from 7 to 182"),
        (lambda: paced(30, weekly_increase=0.5), "weekly_increase"),
    ],
)
def test_bad_series_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()
