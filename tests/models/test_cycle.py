"""The cycle model does what lessons 03 and 05, the narration and docs/models/cycle.md say it does.

Every claim is tested through the public API (Scenario, simulate, trial): sleep pushes next-day
pain harder than pain pushes sleep, for matched pushes; loose loops recover from a flare and tight
ones get stuck (two stable states); one step helps a little and several together can unstick a
loop; each strategy does about what its source reports across the model's trial.
"""

from __future__ import annotations

import pytest

from widgets.models.cycle import (
    CALIBRATION,
    CEILING,
    LINKS,
    NODES,
    STRATEGIES,
    TRIAL_PEOPLE,
    Scenario,
    long_run,
    resting_levels,
    simulate,
    trial,
    with_strategies,
)
from widgets.words import words

FLARE = {"flare_day": 6, "flare_days": 14, "flare_size": 8}
STUCK = {node: 8.0 for node in NODES}
TIGHTNESS = [round(0.5 + 0.05 * i, 2) for i in range(21)]  # every value the slider offers
CONDITIONS = list(range(11))


def settled(**kwargs) -> dict[str, float]:
    return long_run(simulate(Scenario(**kwargs)))


def stuck(levels: dict[str, float]) -> bool:
    return sum(levels.values()) / len(levels) >= 5


def next_day_change(source: str, target: str, start: dict[str, float], **kwargs) -> float:
    """How much a 2-point push on `source` today moves `target` tomorrow, from state `start`."""
    pushed = dict(start)
    pushed[source] = min(10.0, start[source] + 2)
    before = simulate(Scenario(days=2, start=start, **kwargs))[1].levels[target]
    after = simulate(Scenario(days=2, start=pushed, **kwargs))[1].levels[target]
    return after - before


def reachable_states():
    """Every resting state the controls reach: each tightness and condition, calm and stuck."""
    for connectivity in TIGHTNESS:
        for condition in CONDITIONS:
            kwargs = {"connectivity": connectivity, "pain_condition": condition}
            yield kwargs, resting_levels(connectivity, condition)
            yield kwargs, long_run(simulate(Scenario(days=200, start=STUCK, **kwargs)))


# --- sleep and pain (Edwards 2008; Finan 2013) ----------------------------------------------


def test_the_sleep_to_pain_weight_is_larger_than_the_pain_to_sleep_weight():
    assert LINKS[("pain", "poor_sleep")] > LINKS[("poor_sleep", "pain")]


def test_a_matched_push_on_sleep_moves_next_day_pain_more_than_the_reverse_everywhere():
    """The lesson's claim, as a reviewer would test it: the same 2-point push, from every state
    the controls reach, unless pain is already within half a point of the top of its scale."""
    checked = 0
    for kwargs, state in reachable_states():
        if state["pain"] > 10 * CEILING["pain"] - 0.5:
            continue
        sleep_to_pain = next_day_change("poor_sleep", "pain", state, **kwargs)
        pain_to_sleep = next_day_change("pain", "poor_sleep", state, **kwargs)
        assert sleep_to_pain > pain_to_sleep > 0, (kwargs, state, sleep_to_pain, pain_to_sleep)
        checked += 1
    assert checked > 300


def test_at_the_default_loop_sleep_to_pain_is_clearly_stronger():
    state = resting_levels()
    sleep_to_pain = next_day_change("poor_sleep", "pain", state)
    pain_to_sleep = next_day_change("pain", "poor_sleep", state)
    assert sleep_to_pain > 1.5 * pain_to_sleep


def test_a_bad_week_of_sleep_raises_pain_then_pain_settles_back():
    """Lesson 03, step 4: pain follows the short nights, then settles."""
    days = simulate(Scenario(short_sleep_days=(13, 19)))
    before = days[12].levels["pain"]
    during = max(d.levels["pain"] for d in days[13:25])
    assert during > before + 0.8
    assert abs(long_run(days)["pain"] - before) < 0.2


# --- tipping, stuck states and hysteresis (Cramer 2016) -------------------------------------


def test_the_flare_story_stays_stuck_and_fades_when_the_loop_is_looser():
    """Lesson 03, steps 1 and 2: stuck at the story's 1.3; at about 0.9 the same flare fades."""
    assert stuck(settled(connectivity=1.3, **FLARE))
    for connectivity in (0.9, 1.0, 1.1):
        calm = settled(connectivity=connectivity)
        after_flare = settled(connectivity=connectivity, **FLARE)
        assert not stuck(after_flare)
        assert after_flare["low_mood"] < calm["low_mood"] + 0.3


def test_two_stable_states_for_the_same_loop_depending_on_history():
    """Hysteresis: the same loop on the same calm days settles high or low by where it began."""
    for connectivity in (1.2, 1.3, 1.4):
        from_well = settled(connectivity=connectivity, days=200)
        from_stuck = settled(connectivity=connectivity, days=200, start=STUCK)
        assert from_well["low_mood"] < 2 and from_stuck["low_mood"] > 6


@pytest.mark.parametrize("connectivity", [0.5, 0.6, 0.8, 1.0])
def test_a_loose_loop_has_one_state_only(connectivity):
    assert settled(connectivity=connectivity, days=200, start=STUCK)["low_mood"] < 2


def test_a_stuck_loop_keeps_pain_poor_sleep_and_low_mood_high():
    """The narration's words: "pain, poor sleep and low mood keep each other high"."""
    levels = settled(connectivity=1.3, **FLARE)
    assert levels["pain"] > 7 and levels["low_mood"] > 7 and levels["poor_sleep"] > 4


def test_low_mood_and_doing_less_do_not_run_on_top_of_each_other():
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    gaps = [abs(d.levels["low_mood"] - d.levels["inactivity"]) for d in days]
    assert max(gaps) > 1.0 and sum(gaps) / len(gaps) > 0.4


def test_more_pain_condition_means_more_pain_and_more_low_mood():
    low, high = settled(pain_condition=2), settled(pain_condition=6)
    assert high["pain"] > low["pain"] and high["low_mood"] >= low["low_mood"]


# --- strategies ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(STRATEGIES))
def test_each_strategy_lowers_what_it_targets_and_raises_nothing(key):
    """In a stuck loop with room below the scale's top (at the top, nothing moves pain)."""
    story = Scenario(connectivity=1.2, **FLARE)
    assert stuck(long_run(simulate(story)))
    without = long_run(simulate(story))
    with_it = long_run(simulate(with_strategies(story, {key: 34})))
    strategy = STRATEGIES[key]
    for node in set(strategy.inputs) | {target for target, _source in strategy.link_scale}:
        assert with_it[node] < without[node] - 0.05, f"{key} should lower {node}"
    assert all(with_it[node] <= without[node] + 1e-9 for node in NODES)


@pytest.mark.parametrize("key", sorted(STRATEGIES))
def test_one_step_alone_does_not_unstick_the_flare_story(key):
    """Lesson 03 step 3 and lesson 05: one step helps a little..."""
    story = Scenario(connectivity=1.3, **FLARE)
    assert stuck(long_run(simulate(with_strategies(story, {key: 34}))))


def test_several_small_steps_together_unstick_it():
    """...and several small steps together can loosen the whole loop (sleep, activity, support,
    as lesson 03 asks; and the "Several small steps together" story)."""
    story = Scenario(connectivity=1.3, **FLARE)
    for keys in (("sleep", "activity", "support"), ("activity", "sleep", "support", "cbt")):
        helped = long_run(simulate(with_strategies(story, dict.fromkeys(keys, 34))))
        assert not stuck(helped) and helped["low_mood"] < 2


def test_starting_later_can_still_unstick_the_loop_but_not_too_late():
    """Lesson 05 asks what happens when a start day moves later."""
    story = Scenario(connectivity=1.3, **FLARE)
    keys = ("sleep", "activity", "support", "cbt")
    assert not stuck(long_run(simulate(with_strategies(story, dict.fromkeys(keys, 50)))))
    assert stuck(long_run(simulate(with_strategies(story, dict.fromkeys(keys, 80)))))


@pytest.mark.parametrize("key", sorted(CALIBRATION))
def test_each_sourced_strategy_does_about_what_its_source_reports_across_the_trial(key):
    """docs/models/cycle.md, "How strategies are sized": the trial's averages match the lessons."""
    result = trial((key,))
    for node, target, unit in CALIBRATION[key]:
        if unit == "%":
            assert result.percent(node) == pytest.approx(target, abs=5), (key, node)
        else:
            assert result.change(node) == pytest.approx(target, abs=0.25), (key, node)


def test_the_calibration_targets_are_the_ones_the_lessons_cite():
    """Published numbers: fail if a target drifts from its source (Dear 2015; Ferreira 2021;
    Fransen 2015)."""
    assert CALIBRATION["cbt"][0] == ("low_mood", -36.0, "%")
    assert CALIBRATION["cbt"][1] == ("pain", -12.0, "%")
    assert CALIBRATION["medication"][0] == ("pain", -0.5, "points")
    assert CALIBRATION["activity"][0] == ("pain", -1.2, "points")


def test_the_illustrative_strategies_keep_their_stated_order():
    """Sizes without a trial number follow the lessons' words: CBT-I helps sleep clearly and pain
    less; mindfulness and support help mood less than CBT; medication moves pain least."""
    results = {key: trial((key,)) for key in STRATEGIES}
    sleep = results["sleep"]
    assert all(
        sleep.change("poor_sleep") < r.change("poor_sleep")
        for k, r in results.items()
        if k != "sleep"
    )
    assert sleep.change("pain") > sleep.change("poor_sleep")
    for key in ("relaxation", "support"):
        assert results["cbt"].change("low_mood") < results[key].change("low_mood") < 0
    assert results["medication"].change("low_mood") > -0.2


def test_the_trial_is_a_mix_of_stuck_and_calm_loops_and_strategies_tip_some_back():
    without = trial(())
    assert 0 < without.stuck < len(TRIAL_PEOPLE)
    assert 0 < trial(("cbt",)).unstuck < without.stuck
    everything = trial(tuple(sorted(STRATEGIES)))
    assert everything.unstuck == everything.stuck


def test_trial_refuses_an_unknown_strategy():
    with pytest.raises(ValueError, match="unknown strategy 'magic'"):
        trial(("magic",))


# --- what each day carries ------------------------------------------------------------------


def test_effects_are_the_points_each_link_holds_up():
    """A link's effect is how much lower its target would be heading without that link today:
    zero when the source is at rest and the target is a proportional node well below its cap."""
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    for day in days:
        assert set(day.effects) == set(LINKS)
        assert all(0 <= effect <= 10 for effect in day.effects.values())
    calm = simulate(Scenario(connectivity=0.5, pain_condition=0))[-1]
    assert max(calm.effects.values()) < 0.5
    stuck_day = days[-1]
    assert max(stuck_day.effects.values()) > 2


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


def test_every_link_names_its_mechanism_and_every_strategy_its_source():
    """The words are in widgets/content/cycle_scene.toml, one entry per link and strategy."""
    content = words("cycle_scene", "en")
    assert all(content["mechanisms"][target][source] for target, source in LINKS)
    assert sum(len(pushed) for pushed in content["mechanisms"].values()) == len(LINKS)
    assert set(content["strategies"]) == set(STRATEGIES)
    assert all(s["label"] and s["source"] and s["why"] for s in content["strategies"].values())


def test_moving_no_longer_claims_endorphins():
    """Lesson 03 was corrected (Siebers 2021; Vaegter & Jones 2020): the link says "the body's
    own pain relief", not endorphins."""
    mechanisms = words("cycle_scene", "en")["mechanisms"]
    assert mechanisms["pain"]["inactivity"].endswith("the body's own pain relief")
    assert all("endorphin" not in why for pushed in mechanisms.values() for why in pushed.values())


def test_the_range_messages_come_from_the_content_file():
    """A learner reads these after "That setting could not be used:" (widgets/ui/controls.py)."""
    with pytest.raises(ValueError) as caught:
        Scenario(flare_day=400)
    assert str(caught.value) == "flare day must be between 0 and 83, got 400"
    with pytest.raises(ValueError) as caught:
        Scenario(start={"low_mood": 12})
    assert str(caught.value) == "starting low_mood must be between 0 and 10, got 12"
    with pytest.raises(ValueError) as caught:
        Scenario(connectivity="tight")
    assert str(caught.value) == "connectivity must be a number, got 'tight'"


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


def test_resting_levels_checks_its_inputs():
    with pytest.raises(ValueError, match="pain condition"):
        resting_levels(1.0, 12)


# --- what the simulator's scene relies on (issue 12) ------------------------------------------


def test_every_day_carries_its_own_levels_and_effects_for_the_loop_diagram():
    """Play and the Day slider draw the loop on any day, not only the last one."""
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    for day in (days[0], days[10], days[-1]):
        assert set(day.effects) == set(LINKS)
        assert all(effect >= 0 for effect in day.effects.values())
    assert days[10].effects != days[-1].effects and days[10].levels != days[-1].levels
    assert max(days[0].effects.values()) < max(days[-1].effects.values())  # calm, then stuck


def test_a_stressful_month_leaves_the_default_loop_calm():
    """The "A stressful month" question: low mood rises in the month, then the loop settles."""
    days = simulate(Scenario(flare_day=13, flare_days=28, stress_size=4))
    assert max(d.levels["low_mood"] for d in days[13:41]) > days[12].levels["low_mood"] + 0.5
    assert not stuck(long_run(days))
