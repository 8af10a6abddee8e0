"""The synapse model: a blocker keeps more messenger in the gap at once, pain relief follows within
days and the mood effect over weeks (Obata 2017); with no blocker nothing changes."""

from __future__ import annotations

import math

import pytest

from widgets.models.synapse import (
    BASE_LEVEL_UM,
    BASE_RELEASE_UM_PER_HOUR,
    KM_UM,
    SynapseDay,
    clear_burst,
    half_clearance_seconds,
    half_way_day,
    no_blocker,
    reuptake_rate,
    simulate_blocker,
)

FIELDS = ("blocker", "level", "adaptation", "pain_relief", "mood_effect")


def test_at_rest_reuptake_balances_release():
    assert reuptake_rate(BASE_LEVEL_UM) == pytest.approx(BASE_RELEASE_UM_PER_HOUR)
    assert BASE_LEVEL_UM < KM_UM / 10  # resting level well below Km


def test_a_competitive_blocker_slows_reuptake_at_the_same_level():
    assert reuptake_rate(BASE_LEVEL_UM, 4.0) < reuptake_rate(BASE_LEVEL_UM) / 3


def test_no_blocker_keeps_a_steady_baseline():
    for day in no_blocker(weeks=8):
        assert day.level == pytest.approx(1.0)
        assert day.blocker == day.adaptation == day.pain_relief == day.mood_effect == 0


def test_dose_zero_is_the_same_as_no_blocker():
    assert simulate_blocker(0.0, weeks=8, start_day=7) == no_blocker(weeks=8)


def test_nothing_changes_before_the_first_dose():
    run = simulate_blocker(1.0, weeks=8, start_day=14)
    assert all(day.level == 1.0 and day.pain_relief == 0 for day in run[:15])


def test_the_blocker_raises_the_level_within_a_day_or_two():
    run = simulate_blocker(1.0, weeks=8, start_day=7)
    assert run[9].level > 2
    assert run[-1].level > run[9].level  # and further as the autoreceptors adapt


def test_a_bigger_dose_raises_the_level_more():
    levels = [simulate_blocker(dose)[-1].level for dose in (0.25, 0.5, 1.0)]
    assert levels[0] < levels[1] < levels[2]


def test_pain_relief_comes_before_the_mood_effect():
    run = simulate_blocker(1.0, weeks=8, start_day=7)
    assert half_way_day(run, "pain_relief") < half_way_day(run, "mood_effect")


def test_pain_relief_within_two_weeks_mood_effect_over_four_to_six():
    run = simulate_blocker(1.0, weeks=26, start_day=7)
    settled = run[-1]
    relief, mood = run[7 + 14], run[7 + 28]
    assert relief.pain_relief > 0.8 * settled.pain_relief
    assert 0.4 * settled.mood_effect < mood.mood_effect < 0.8 * settled.mood_effect
    assert run[7 + 42].mood_effect > 0.75 * settled.mood_effect


def test_every_output_stays_in_range():
    for dose in (0.1, 0.5, 1.0):
        for day in simulate_blocker(dose, weeks=12, start_day=3):
            assert isinstance(day, SynapseDay)
            assert day.level >= 1
            for name in ("blocker", "adaptation", "pain_relief", "mood_effect"):
                assert 0 <= getattr(day, name) <= 1


def test_runs_repeat_exactly():
    assert simulate_blocker(0.6, weeks=6, start_day=5) == simulate_blocker(
        0.6, weeks=6, start_day=5
    )


def test_a_run_has_one_entry_per_day_from_day_zero():
    run = simulate_blocker(0.5, weeks=4, start_day=0)
    assert [day.day for day in run] == list(range(29))


def test_a_blocker_slows_clearing_a_burst_from_the_gap():
    times = [half_clearance_seconds(clear_burst(dose)) for dose in (0.0, 0.5, 1.0)]
    assert times[0] < times[1] < times[2]
    assert 0.5 < times[0] < 5  # seconds, with the SERT's Km and Vmax


def test_without_a_blocker_the_gap_clears_back_to_its_resting_level():
    points = clear_burst(0.0, seconds=30)
    assert points[-1].level == pytest.approx(BASE_LEVEL_UM, rel=0.01)
    assert all(b.level <= a.level for a, b in zip(points, points[1:], strict=False))


def test_half_way_day_is_none_when_nothing_rises():
    assert half_way_day(no_blocker(), "mood_effect") is None


def test_published_transporter_numbers_are_unchanged():
    """SERT Km 0.060 µM and Vmax 250 µM/h (Reed/Nijhout/Best line; docs/models/synapse.md)."""
    from widgets.models.synapse import VMAX_UM_PER_HOUR

    assert (KM_UM, VMAX_UM_PER_HOUR) == (0.060, 250.0)
    # Michaelis–Menten: half the most at Km; a competitive blocker doubles the apparent Km at I = Ki
    assert reuptake_rate(KM_UM) == pytest.approx(VMAX_UM_PER_HOUR / 2)
    assert reuptake_rate(2 * KM_UM, inhibitor_ratio=1.0) == pytest.approx(VMAX_UM_PER_HOUR / 2)


def test_half_way_means_half_of_where_the_effect_ends_up():
    """The describer's and chart's "half": reached on the day named, not before."""
    run = simulate_blocker(0.6, 8, 7)
    for field in ("pain_relief", "mood_effect"):
        day = half_way_day(run, field)
        top = max(getattr(d, field) for d in run)
        assert getattr(run[day], field) >= top / 2 > getattr(run[day - 1], field)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"dose": -0.1}, "dose must be between 0 and 1"),
        ({"dose": 1.5}, "dose must be between 0 and 1"),
        ({"dose": math.nan}, "dose must be a number"),
        ({"dose": math.inf}, "dose must be a number"),
        ({"dose": True}, "dose must be a number"),
        ({"dose": "half"}, "dose must be a number"),
        ({"dose": 0.5, "weeks": 0}, "weeks must be between 1 and 26"),
        ({"dose": 0.5, "weeks": 2.5}, "weeks must be a whole number"),
        ({"dose": 0.5, "weeks": True}, "weeks must be a whole number"),
        ({"dose": 0.5, "weeks": 2, "start_day": 14}, "start day must be between 0 and 13"),
        ({"dose": 0.5, "start_day": -1}, "start day must be between"),
        ({"dose": 0.5, "start_day": 1.5}, "start day must be a whole number"),
    ],
)
def test_bad_blocker_runs_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        simulate_blocker(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"dose": 2}, "dose must be between 0 and 1"),
        ({"burst_um": -1}, "burst size"),
        ({"seconds": math.nan}, "seconds must be a number"),
        ({"seconds": 0}, "seconds must be between 1 and 600"),
    ],
)
def test_bad_bursts_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        clear_burst(**kwargs)


def test_every_field_is_a_plain_number():
    day = simulate_blocker(0.5)[-1]
    assert all(isinstance(getattr(day, name), float) for name in FIELDS)
