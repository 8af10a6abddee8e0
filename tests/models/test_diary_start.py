"""The cycle simulator's start from the learner's last two weeks of diary days."""

from __future__ import annotations

import datetime as dt

from widgets.models.cycle import NODES, Scenario, simulate
from widgets.models.diary import Diary, Entry
from widgets.models.diary_start import (
    ACTIVE_ENOUGH_MINUTES,
    MIN_DAYS,
    WINDOW_DAYS,
    recent_days,
    start_from_diary,
)

END = dt.date(2026, 11, 30)


def days(n: int, pain=6, mood=3, quality=4, minutes=0, end=END) -> Diary:
    return Diary(
        tuple(
            Entry(end - dt.timedelta(days=i), pain, 6.0, quality, mood, minutes) for i in range(n)
        )
    )


def test_the_window_and_the_minimum_are_two_weeks_and_one_week():
    assert WINDOW_DAYS == 14 and MIN_DAYS == 7 and round(ACTIVE_ENOUGH_MINUTES * 7) == 150


def test_too_few_days_in_the_last_two_weeks_give_nothing():
    assert start_from_diary(days(MIN_DAYS - 1)) is None
    old = Diary(tuple(days(10, end=END - dt.timedelta(days=40))) + tuple(days(3)))
    assert start_from_diary(old) is None  # ten days, but only three in the window
    assert start_from_diary(Diary()) is None


def test_levels_are_the_averages_turned_so_higher_is_worse():
    start = start_from_diary(days(10, pain=6, mood=3, quality=4, minutes=0))
    assert start.levels == {"pain": 6.0, "low_mood": 7.0, "poor_sleep": 6.0, "inactivity": 10.0}
    assert start.days == 10 and start.last == END
    active = start_from_diary(days(8, minutes=30))
    assert active.levels["inactivity"] == 0.0
    half = start_from_diary(days(8, minutes=round(ACTIVE_ENOUGH_MINUTES / 2)))
    assert 4.5 <= half.levels["inactivity"] <= 5.5


def test_only_the_last_two_weeks_count():
    diary = Diary(tuple(days(20, pain=9)) + tuple())
    assert len(recent_days(diary)) == WINDOW_DAYS
    assert start_from_diary(diary).days == WINDOW_DAYS


def test_the_levels_are_a_valid_start_for_the_simulator_and_it_starts_there():
    start = start_from_diary(days(14, pain=7, mood=2, quality=3, minutes=5))
    assert set(start.levels) <= set(NODES) and "fatigue" not in start.levels
    first = simulate(Scenario(start=start.levels))[0].levels
    assert abs(first["pain"] - 7.0) < 1.5 and abs(first["low_mood"] - 8.0) < 1.5
