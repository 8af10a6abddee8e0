"""The cycle model does what lesson 03 says it does: links push the right way, weak loops recover
from a flare and tight ones get stuck (two stable states), strategies help, runs repeat."""

from __future__ import annotations

import time

import pytest

from widgets.models.cycle import (
    LINKS,
    NODES,
    STRATEGIES,
    Scenario,
    long_run,
    simulate,
    with_strategies,
)

FLARE = {"flare_day": 7, "flare_days": 14, "flare_size": 7}


def settled(**kwargs) -> dict[str, float]:
    return long_run(simulate(Scenario(**kwargs)))


def test_sleep_to_pain_is_stronger_than_pain_to_sleep():
    assert LINKS[("pain", "poor_sleep")][0] > LINKS[("poor_sleep", "pain")][0]


def test_every_link_names_its_mechanism_and_every_strategy_its_source():
    assert all(why for _weight, why in LINKS.values())
    assert all(s.source and s.why for s in STRATEGIES.values())


def test_a_bad_run_of_nights_raises_pain_then_fades_in_a_loose_loop():
    days = simulate(Scenario(connectivity=0.8, short_sleep_days=(10, 16)))
    before, during = days[9].levels["pain"], max(d.levels["pain"] for d in days[10:25])
    assert during > before + 0.3
    assert abs(long_run(days)["pain"] - before) < 0.3


def test_more_pain_condition_means_more_pain_and_more_low_mood():
    low, high = settled(pain_condition=2), settled(pain_condition=6)
    assert high["pain"] > low["pain"] and high["low_mood"] >= low["low_mood"]


def test_a_flare_fades_in_a_medium_loop_but_leaves_a_tight_loop_stuck():
    medium, tight = settled(connectivity=1.0, **FLARE), settled(connectivity=1.3, **FLARE)
    calm = settled(connectivity=1.0)
    assert medium["low_mood"] < calm["low_mood"] + 0.5
    assert tight["low_mood"] > 6 and tight["pain"] > 6


def test_two_stable_states_for_the_same_loop_depending_on_history():
    """Hysteresis: the same loop on the same calm days settles high or low by where it began."""
    from_well = settled(connectivity=1.15)
    from_stuck = settled(connectivity=1.15, start={node: 8 for node in NODES})
    assert from_well["low_mood"] < 2 and from_stuck["low_mood"] > 6


def test_loose_loop_has_one_state_only():
    assert settled(connectivity=0.6, start={node: 8 for node in NODES})["low_mood"] < 2


@pytest.mark.parametrize("key", sorted(STRATEGIES))
def test_each_strategy_lowers_what_it_targets_in_a_stuck_loop(key):
    stuck = Scenario(connectivity=1.2, **FLARE)
    without, with_it = (
        long_run(simulate(stuck)),
        long_run(simulate(with_strategies(stuck, {key: 30}))),
    )
    strategy = STRATEGIES[key]
    targets = set(strategy.inputs) | {target for target, _source in strategy.link_scale}
    for node in targets:
        assert with_it[node] < without[node] - 0.05, f"{key} should lower {node}"
    assert all(with_it[node] <= without[node] + 1e-9 for node in NODES)


def test_strategies_together_can_unstick_the_loop():
    stuck = Scenario(connectivity=1.2, **FLARE)
    together = long_run(simulate(with_strategies(stuck, {key: 30 for key in STRATEGIES})))
    assert together["low_mood"] < 2


def test_same_seed_same_run_and_variation_varies():
    a = simulate(Scenario(variation=0.6, seed=4))
    b = simulate(Scenario(variation=0.6, seed=4))
    c = simulate(Scenario(variation=0.6, seed=5))
    assert [d.levels for d in a] == [d.levels for d in b]
    assert [d.levels for d in a] != [d.levels for d in c]
    assert all(0 <= d.levels[n] <= 10 for d in a for n in NODES)


def test_days_scales_and_pushes():
    days = simulate(Scenario())
    assert len(days) == 84 and days[0].day == 0
    assert 4 <= days[0].sleep_hours <= 8 and 0 <= days[0].activity <= 10
    assert set(days[0].pushes) == set(LINKS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"connectivity": 5}, "connectivity must be between"),
        ({"flare_size": -1}, "flare size"),
        ({"variation": float("nan")}, "variation must be a number"),
        ({"strategies": {"magic": 3}}, "unknown strategy 'magic'"),
        ({"strategies": {"cbt": 200}}, "start day of cbt"),
        ({"start": {"joy": 3}}, "unknown starting level 'joy'"),
        ({"start": {"pain": 11}}, "starting pain"),
        ({"flare_day": 90}, "flare day"),
        ({"short_sleep_days": (10, 5)}, "last short night"),
        ({"connectivity": "tight"}, "must be a number"),
    ],
)
def test_out_of_range_inputs_are_rejected_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Scenario(**kwargs)


def test_a_12_week_run_is_fast():
    """Reported, not timed strictly (noisy machines): a loose bound to catch a 10x regression."""
    start = time.perf_counter()
    for _ in range(20):
        simulate(Scenario(variation=0.5, strategies={key: 10 for key in STRATEGIES}))
    assert (time.perf_counter() - start) / 20 < 0.1
