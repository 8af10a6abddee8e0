"""The pain-pathway model pushes each way the lesson says: the gate, the brain's brakes and
accelerators, and stress, mood and sleep; every output stays on its scale."""

from __future__ import annotations

import itertools
import math
from dataclasses import fields, replace

import pytest

from widgets.models.pain_signal import PainInputs, PainSignal, pain_signal

ORDINARY = PainInputs()
LEVELS = (0, 2.5, 5, 7.5, 10)


def brain(**changes) -> float:
    return pain_signal(replace(ORDINARY, **changes)).reaching_brain


def rises(name: str, **others) -> bool:
    """True if raising input `name` step by step always raises the signal at the brain."""
    values = [brain(**{name: level}, **others) for level in LEVELS]
    return all(b > a for a, b in itertools.pairwise(values))


def falls(name: str, **others) -> bool:
    values = [brain(**{name: level}, **others) for level in LEVELS]
    return all(b < a for a, b in itertools.pairwise(values))


def test_defaults_give_an_ordinary_middling_signal():
    signal = pain_signal()
    assert 2 < signal.reaching_brain < 6


@pytest.mark.parametrize("others", [{}, {"stress": 9, "low_mood": 9}, {"serotonin": 0}])
def test_more_noradrenaline_means_a_quieter_signal_at_the_brain(others):
    assert falls("noradrenaline", **others)


@pytest.mark.parametrize("others", [{}, {"injury": 9}, {"stress": 8}])
def test_rubbing_lowers_the_signal(others):
    assert falls("touch", **others)


def test_rubbing_closes_the_gate_but_leaves_the_signal_from_the_body_alone():
    rubbed = pain_signal(replace(ORDINARY, touch=10))
    assert rubbed.after_gate < rubbed.from_body == ORDINARY.injury
    assert 0 < rubbed.gate_open < 1


@pytest.mark.parametrize("others", [{}, {"touch": 10}, {"noradrenaline": 10, "serotonin": 10}])
def test_a_stronger_injury_is_louder(others):
    assert rises("injury", **others)


@pytest.mark.parametrize("name", ["stress", "low_mood"])
def test_more_stress_or_lower_mood_turns_the_volume_up(name):
    assert rises(name)
    assert rises(name, noradrenaline=10)


@pytest.mark.parametrize("name", ["stress", "low_mood", "short_sleep"])
def test_stress_low_mood_and_short_sleep_weaken_the_brakes(name):
    """Lesson 04, "Try it" step 3: raise stress, low mood and short sleep; the brakes weaken."""
    calm, strained = (
        pain_signal(replace(ORDINARY, **{name: 0})),
        pain_signal(replace(ORDINARY, **{name: 10})),
    )
    assert strained.descending_inhibition < calm.descending_inhibition


def test_stress_weakens_inhibition_and_adds_facilitation():
    calm, stressed = (
        pain_signal(replace(ORDINARY, stress=0)),
        pain_signal(replace(ORDINARY, stress=10)),
    )
    assert stressed.descending_inhibition < calm.descending_inhibition
    assert stressed.descending_facilitation > calm.descending_facilitation


def test_short_sleep_turns_the_volume_up():
    assert rises("short_sleep")


def test_serotonin_dampens_modestly_and_less_than_noradrenaline():
    for others in ({}, {"stress": 10, "low_mood": 10, "short_sleep": 10}, {"noradrenaline": 10}):
        assert falls("serotonin", **others)
    serotonin_drop = brain(serotonin=0) - brain(serotonin=10)
    noradrenaline_drop = brain(noradrenaline=0) - brain(noradrenaline=10)
    assert 0 < serotonin_drop < noradrenaline_drop / 2


def test_no_injury_means_next_to_no_signal():
    worst = PainInputs(
        injury=0, noradrenaline=0, serotonin=0, stress=10, low_mood=10, short_sleep=10
    )
    assert pain_signal(worst).reaching_brain < 0.01


def test_every_output_stays_in_range_across_the_input_grid():
    corners = (0, 5, 10)
    names = [item.name for item in fields(PainInputs)]
    for values in itertools.product(corners, repeat=len(names)):
        signal = pain_signal(PainInputs(**dict(zip(names, values, strict=True))))
        for stage in ("from_body", "after_gate", "descending_inhibition"):
            assert 0 <= getattr(signal, stage) <= 10
        assert 0 <= signal.descending_facilitation <= 10
        assert 0 <= signal.reaching_brain < 10
        assert 0 < signal.gate_open <= 1
        assert 0.25 <= signal.volume <= 4


def test_results_are_plain_floats():
    signal = pain_signal(PainInputs(injury=7))
    assert isinstance(signal, PainSignal)
    assert all(isinstance(getattr(signal, item.name), float) for item in fields(PainSignal))


def test_same_inputs_give_the_same_signal():
    assert pain_signal(PainInputs(stress=7)) == pain_signal(PainInputs(stress=7))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"injury": -1}, "injury must be between 0 and 10"),
        ({"touch": 11}, "touch must be between 0 and 10"),
        ({"noradrenaline": math.nan}, "noradrenaline must be a number"),
        ({"serotonin": math.inf}, "serotonin must be a number"),
        ({"stress": True}, "stress must be a number"),
        ({"low_mood": "low"}, "low mood must be a number"),
        ({"short_sleep": None}, "short sleep must be a number"),
    ],
)
def test_bad_inputs_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        PainInputs(**kwargs)


def test_the_sizes_the_docstring_gives():
    """Full rubbing lets through about 62%; full distress halves the brakes; every VOLUME_STEP
    points of accelerator over brake doubles the volume (docs/models/pain_signal.md)."""
    from widgets.models.pain_signal import VOLUME_STEP

    rubbed = pain_signal(replace(ORDINARY, touch=10))
    assert rubbed.after_gate / rubbed.from_body == pytest.approx(1 / 1.6)
    calm = pain_signal(replace(ORDINARY, stress=0, low_mood=0, short_sleep=0))
    distressed = pain_signal(replace(ORDINARY, stress=10, low_mood=10, short_sleep=10))
    assert distressed.descending_inhibition == pytest.approx(calm.descending_inhibition / 2)
    for signal in (calm, distressed, rubbed):
        net = signal.descending_facilitation - signal.descending_inhibition
        assert signal.volume == pytest.approx(2 ** (net / VOLUME_STEP))
