"""The stress-axis model keeps Gupta et al. 2007's resting states, settles back after a hard day,
can stay switched after months of strong stress (bistability, hysteresis), and runs fast."""

from __future__ import annotations

import math

import pytest

from widgets.models.stress_axis import (
    FEEDBACK_RANGE,
    PRESETS,
    StressRun,
    StressSample,
    StressScenario,
    _integrate,
    _settled_start,
    baseline,
    daily_average,
    last_day_change,
    one_day,
    peak,
    returned_to_baseline,
    simulate,
    steady_states,
)


def test_without_a_rhythm_the_resting_states_are_gupta_2007s():
    """The SBML file's steady states: normal r 0.0809 / o 0.0597, threshold 0.339 / 0.0546, high
    0.548 / 0.0515 (docs/models/stress_axis.md)."""
    usual, threshold, switched = steady_states(daily_rhythm=False)
    for state, gr, cortisol in (
        (usual, 0.0809, 0.0597),
        (threshold, 0.339, 0.0546),
        (switched, 0.548, 0.0515),
    ):
        assert state.gr == pytest.approx(gr, abs=0.001)
        assert state.cortisol == pytest.approx(cortisol, abs=0.0001)


def test_the_daily_rhythm_keeps_two_stable_states_with_the_switched_one_lower_in_cortisol():
    usual, threshold, switched = steady_states()
    assert usual.gr < threshold.gr < switched.gr
    assert switched.cortisol < usual.cortisol


@pytest.mark.parametrize("feedback", FEEDBACK_RANGE)
@pytest.mark.parametrize("sleep_loss", [0, 10])
@pytest.mark.parametrize("daily_rhythm", [True, False])
def test_the_usual_state_exists_across_every_allowed_setting(feedback, sleep_loss, daily_rhythm):
    usual = steady_states(feedback, sleep_loss, daily_rhythm)[0]
    assert usual.gr < 0.12  # low GR: the usual state, not the switched one


def test_no_stress_stays_at_baseline():
    run = simulate(StressScenario())
    for day in daily_average(run):
        assert day.gr == pytest.approx(run.baseline.gr, rel=0.005)
        assert day.cortisol == pytest.approx(run.baseline.cortisol, rel=0.005)
    assert returned_to_baseline(run)


def test_no_stress_and_no_rhythm_stays_exactly_put():
    run = simulate(StressScenario(daily_rhythm=False))
    start = run.samples[0]
    assert all(s.cortisol == pytest.approx(start.cortisol, rel=1e-6) for s in run.samples)


def test_cortisol_peaks_in_the_morning():
    run = simulate(StressScenario(days=3))
    day = [s for s in run.samples if 1 <= s.day < 2]
    top = max(day, key=lambda s: s.cortisol)
    assert 6 <= (top.day - 1) * 24 <= 10


def test_a_hard_day_raises_cortisol_then_returns_to_baseline():
    run = simulate(PRESETS["hard_day"])
    assert peak(run) > 1.3 * peak(simulate(PRESETS["calm"]))
    assert returned_to_baseline(run)
    assert abs(last_day_change(run)) < 1
    assert abs(last_day_change(run, "gr")) < 1


def test_a_hard_fortnight_still_returns():
    assert returned_to_baseline(simulate(PRESETS["hard_fortnight"]))


def test_months_of_strong_stress_leave_the_axis_switched_after_the_stress_ends():
    run = simulate(PRESETS["months_of_pain"])
    assert run.scenario.stress_end_day < run.scenario.days  # the stress is over
    assert not returned_to_baseline(run)
    assert run.samples[-1].gr > run.switch_gr
    assert last_day_change(run) < -10  # cortisol settles lower than before: hypocortisolism


def test_switched_means_staying_switched_for_the_rest_of_a_year():
    long = StressScenario(stress_size=5, stress_start_day=10, stress_days=90, days=365)
    run = simulate(long)
    usual, _, switched = steady_states()
    assert run.samples[-1].gr == pytest.approx(switched.gr, rel=0.05)
    assert daily_average(run)[-1].cortisol < usual.cortisol


def test_the_same_stress_switches_only_when_it_lasts_long_enough():
    """Hysteresis: size matters, and so does duration."""
    outcomes = [
        returned_to_baseline(simulate(StressScenario(stress_size=5, stress_days=days)))
        for days in (1, 7, 14, 60, 90)
    ]
    assert outcomes == [True, True, True, False, False]


def test_a_mild_stress_does_not_switch_even_over_months():
    assert returned_to_baseline(simulate(StressScenario(stress_size=1, stress_days=100)))


def test_stronger_feedback_means_a_lower_cortisol_peak():
    peaks = [
        peak(simulate(StressScenario(stress_size=8, stress_days=1, days=20, feedback=g)))
        for g in (0.9, 1.0, 1.1, 1.25)
    ]
    assert peaks == sorted(peaks, reverse=True)
    assert len(set(peaks)) == 4


def test_strong_feedback_leaves_one_state_only():
    run = simulate(StressScenario(stress_size=10, stress_days=90, feedback=1.25))
    assert run.switch_gr is None
    assert returned_to_baseline(run)


def test_sleep_loss_raises_cortisol_and_makes_switching_easier():
    fortnight = {"stress_size": 8, "stress_days": 14}
    assert baseline(sleep_loss=10).cortisol > baseline().cortisol
    assert returned_to_baseline(simulate(StressScenario(**fortnight)))
    assert not returned_to_baseline(simulate(StressScenario(sleep_loss=10, **fortnight)))


def test_the_step_is_fine_enough():
    scenario = PRESETS["hard_fortnight"]
    start = _settled_start(1.0, 0.0, True)
    _, coarse = _integrate(start, scenario, 30, sample=True)
    _, fine = _integrate(start, scenario, 30, sample=True, step_hours=0.05)
    assert len(coarse) == len(fine)
    for a, b in zip(coarse, fine, strict=True):
        assert a.cortisol == pytest.approx(b.cortisol, rel=0.02)
        assert a.gr == pytest.approx(b.gr, rel=0.001)


def test_a_run_has_hourly_samples_of_plain_numbers():
    run = simulate()
    assert isinstance(run, StressRun)
    assert len(run.samples) == 120 * 24 + 1
    assert run.samples[0].day == 0 and run.samples[-1].day == pytest.approx(120)
    sample = run.samples[5]
    assert isinstance(sample, StressSample)
    assert all(isinstance(v, float) for v in (sample.crh, sample.acth, sample.cortisol, sample.gr))
    assert len(daily_average(run)) == 120


def test_runs_repeat_exactly():
    scenario = StressScenario(stress_size=6, stress_days=20, sleep_loss=3)
    assert simulate(scenario) == simulate(scenario)


def test_gupta_2007_sbml_parameters_are_unchanged():
    """Published constants, as in BioModels MODEL1006230111 (docs/models/stress_axis.md)."""
    from widgets.models import stress_axis as m

    assert (m.K_I1, m.K_I2, m.K_CD, m.K_AD) == (0.1, 0.1, 1.0, 10.0)
    assert (m.GR_K, m.K_CR, m.K_RD) == (0.001, 0.05, 0.9)


def test_one_day_gives_the_hours_of_a_whole_day():
    run = simulate(StressScenario(days=3))
    hours = one_day(run, 1)
    assert len(hours) == 24 and hours[0].day == pytest.approx(1.0)
    with pytest.raises(ValueError, match="day must be between"):
        one_day(run, 3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stress_size": -1}, "stress size must be between 0 and 10"),
        ({"stress_size": 11}, "stress size must be between 0 and 10"),
        ({"stress_size": math.nan}, "stress size must be a number"),
        ({"stress_size": True}, "stress size must be a number"),
        ({"stress_days": math.inf}, "stress length in days must be a number"),
        ({"stress_days": -2}, "stress length in days must be between"),
        (
            {"stress_start_day": 200, "stress_size": 5, "stress_days": 3},
            "start day must be between 0 and 120",
        ),
        ({"stress_start_day": 400}, "stress start day must be between 0 and 365"),
        ({"feedback": 0.5}, "feedback strength must be between 0.9 and 1.25"),
        ({"feedback": "strong"}, "feedback strength must be a number"),
        ({"sleep_loss": 12}, "sleep loss must be between 0 and 10"),
        ({"daily_rhythm": 1}, "daily rhythm must be True or False"),
        ({"days": 0}, "days must be between 1 and 365"),
        ({"days": 30.5}, "days must be a whole number"),
        ({"days": True}, "days must be a whole number"),
    ],
)
def test_bad_scenarios_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        StressScenario(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"feedback": 2}, "feedback strength"),
        ({"sleep_loss": -1}, "sleep loss"),
        ({"daily_rhythm": "yes"}, "daily rhythm"),
    ],
)
def test_bad_baseline_settings_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        baseline(**kwargs)
