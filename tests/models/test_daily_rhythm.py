"""The daily pain-sensitivity model: the published rhythm's shape, and a short night adds to it."""

from __future__ import annotations

import pytest

from widgets.models.daily_rhythm import Night, circadian, day_after, usual_pressure_at_wake


def test_rhythm_is_lowest_in_the_afternoon_and_highest_at_night():
    hours = [h / 4 for h in range(96)]
    values = [circadian(h) for h in hours]
    lowest = hours[values.index(min(values))]
    highest = hours[values.index(max(values))]
    assert 7 <= lowest <= 8.5  # about 14:40 for a 07:00 wake (Crodelle 2019)
    assert 19.5 <= highest <= 21  # about 03:10


def test_settled_sleep_pressure_is_low_on_waking():
    assert 0.05 < usual_pressure_at_wake(Night()) < 0.15


def test_a_short_night_raises_sensitivity_all_day_most_in_the_morning():
    usual, short = day_after(Night()), day_after(Night(bedtime=2.0, wake=7.0))
    differences = [s - u for s, u in zip(short.sensitivity, usual.sensitivity, strict=True)]
    assert all(d > 0 for d in differences)
    assert differences[0] > differences[-1]
    assert all(s > u for s, u in zip(short.pressure, usual.pressure, strict=True))


def test_the_body_clock_dominates_the_day():
    """Daguet 2022: about 80% of the daily swing is the clock, so a short night shifts it little."""
    usual, short = day_after(Night()), day_after(Night(bedtime=2.0, wake=7.0))
    swing = max(usual.sensitivity) - min(usual.sensitivity)
    shift = max(s - u for s, u in zip(short.sensitivity, usual.sensitivity, strict=True))
    assert shift < 0.3 * swing


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
