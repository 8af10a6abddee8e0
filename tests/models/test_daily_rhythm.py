"""The daily pain-sensitivity model: the published rhythm, never wrapped; a night cut short never
lowers sensitivity; the clock explains most of the swing (docs/models/daily_rhythm.md)."""

from __future__ import annotations

import math

import pytest

from widgets.models.daily_rhythm import (
    CIRCADIAN_AMPLITUDE,
    CIRCADIAN_PHASE,
    CIRCADIAN_RATE,
    FALL_HOURS,
    PRESSURE_WEIGHT,
    RISE_HOURS,
    Night,
    circadian,
    day_after,
    difference,
    pressure_share_of_swing,
    usual_pressure_at_wake,
)
from widgets.views.pain_through_the_day import BEDTIMES, USUAL, WAKE_TIMES


def offered_nights():
    """Every night the widget's two sliders can make that the model accepts."""
    for _label, bedtime in BEDTIMES:
        for _label2, wake in WAKE_TIMES:
            try:
                yield Night(bedtime, wake)
            except ValueError:
                continue


def test_published_constants():
    """Crodelle et al. 2019 Fig 4A: f(x) = 11·sin(0.25x + 2.8); two-process 18.2 h and 4.2 h."""
    assert (CIRCADIAN_AMPLITUDE, CIRCADIAN_RATE, CIRCADIAN_PHASE) == (11.0, 0.25, 2.8)
    assert (RISE_HOURS, FALL_HOURS) == (18.2, 4.2)
    assert circadian(0) == pytest.approx(11 * math.sin(2.8))
    assert circadian(10) == pytest.approx(11 * math.sin(0.25 * 10 + 2.8))


def test_rhythm_is_lowest_in_the_afternoon_and_highest_in_the_middle_of_the_night():
    curve = day_after(USUAL, USUAL)
    lowest = curve.clock_hours[curve.sensitivity.index(min(curve.sensitivity))]
    highest = curve.clock_hours[curve.sensitivity.index(max(curve.sensitivity))]
    assert 14 <= lowest <= 15  # about 14:40 for a 07:00 wake (Crodelle 2019)
    assert 26.5 <= highest <= 27.5  # about 03:10 the next night: inside the window shown


def test_after_a_usual_night_the_curve_is_crodelles_exactly():
    curve = day_after(USUAL, USUAL)
    for hour, value in zip(curve.clock_hours, curve.sensitivity, strict=True):
        assert value == pytest.approx(circadian(hour - USUAL.wake), abs=0.01)


def test_the_curve_is_never_wrapped_at_24_hours():
    """Issue 11: the 25.1-hour curve wrapped at 24 h jumped about 2.8 points at the wake time."""
    with pytest.raises(ValueError, match="3 h before to 24 h after"):
        circadian(-4)
    with pytest.raises(ValueError, match="3 h before to 24 h after"):
        circadian(25)
    steps = [abs(circadian(x / 4 + 0.25) - circadian(x / 4)) for x in range(-12, 96)]
    assert max(steps) <= CIRCADIAN_AMPLITUDE * CIRCADIAN_RATE * 0.25 + 1e-9


@pytest.mark.parametrize("wake", [4.0, 5.0, 6.0, 6.5])
def test_waking_before_seven_has_no_jump_at_seven(wake):
    """The old bug: a day starting before the usual wake time jumped where the wrap fell."""
    curve = day_after(Night(2.0, wake), USUAL)
    at = {h: v for h, v in zip(curve.clock_hours, curve.sensitivity, strict=True)}
    assert abs(at[7.0] - at[6.5]) < 1.5 and abs(at[7.5] - at[7.0]) < 1.5


def test_a_night_cut_short_never_lowers_sensitivity_for_any_night_offered():
    """Issue 11's test: for every bedtime and wake time the sliders offer, a night inside the
    usual one (to bed later, up earlier, or both) never lowers sensitivity at any hour."""
    normal = day_after(USUAL, USUAL)
    checked = 0
    for night in offered_nights():
        if night.within(USUAL):
            assert min(difference(day_after(night, USUAL), normal)) >= -1e-9, night
            checked += 1
    assert checked >= 40


def test_a_short_night_ending_at_4_raises_sensitivity_until_the_usual_wake_time():
    """The reported bug: 02:00 to 04:00 showed lower sensitivity (down to -7) until 07:00."""
    normal = day_after(USUAL, USUAL)
    mine = day_after(Night(2.0, 4.0), USUAL)
    early = [c for h, c in zip(mine.clock_hours, difference(mine, normal), strict=True) if h < 7]
    assert early and min(early) > 0


def test_getting_up_later_than_usual_can_lower_it_later_in_the_day():
    """What the describer says for a late night: less time awake at each hour (Daguet 2022)."""
    normal = day_after(USUAL, USUAL)
    mine = day_after(Night(2.0, 9.0), USUAL)
    awake_changes = [c for c, up in zip(difference(mine, normal), mine.awake, strict=True) if up]
    assert min(awake_changes) < 0


def test_sleep_pressure_makes_about_a_fifth_of_the_daily_swing():
    """Daguet et al. 2022: about 80% clock, 20% sleep pressure; PRESSURE_WEIGHT is set by it."""
    assert PRESSURE_WEIGHT == 11.0
    assert pressure_share_of_swing() == pytest.approx(0.20, abs=0.02)


def test_settled_sleep_pressure_is_low_on_waking():
    assert 0.05 < usual_pressure_at_wake(Night()) < 0.15


def test_a_short_night_raises_sensitivity_all_day_most_in_the_morning():
    usual, short = day_after(USUAL, USUAL), day_after(Night(bedtime=2.0, wake=7.0), USUAL)
    changes = difference(short, usual)
    awake = [c for c, up in zip(changes, short.awake, strict=True) if up]
    assert all(c > 0 for c in awake)
    assert awake[0] > awake[-1]


def test_the_body_clock_dominates_the_day():
    """Daguet 2022: about 80% of the daily swing is the clock, so a short night shifts it little."""
    usual, short = day_after(USUAL, USUAL), day_after(Night(bedtime=2.0, wake=7.0), USUAL)
    swing = max(usual.sensitivity) - min(usual.sensitivity)
    assert max(difference(short, usual)) < 0.3 * swing


def test_the_window_covers_24_hours_from_three_hours_before_the_usual_wake():
    curve = day_after(USUAL, USUAL)
    assert curve.clock_hours[0] == 4.0 and curve.clock_hours[-1] == 28.0
    assert len(curve.clock_hours) == len(curve.awake) == 49


def test_difference_needs_the_same_hours():
    with pytest.raises(ValueError, match="same hours"):
        difference(day_after(USUAL, USUAL, step=0.5), day_after(USUAL, USUAL, step=1.0))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bedtime": 25}, "between 0 and 24"),
        ({"wake": "seven"}, "clock hour"),
        ({"bedtime": 6.0, "wake": 7.0}, "2 to 12 hours"),
    ],
)
def test_bad_nights_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Night(**kwargs)
