"""The cycle describer says, in plain sentences, what the charts show, from the same numbers."""

from __future__ import annotations

import re

import pytest

from widgets.describers.cycle import (
    NAMES,
    describe_comparison,
    describe_course,
    describe_loop,
    describe_trial,
    level_word,
    narrate,
    points,
    strongest_links,
)
from widgets.models.cycle import NODES, Scenario, long_run, simulate, trial, with_strategies

FLARE = {"flare_day": 6, "flare_days": 14, "flare_size": 8}


@pytest.mark.parametrize(
    ("level", "word"),
    [(0, "very low"), (2, "low"), (5, "moderate"), (7, "high"), (9.5, "very high")],
)
def test_level_words(level, word):
    assert level_word(level) == word


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1.0, "1 point"), (-0.6, "0.6 points"), (7.04, "7 points"), (2.5, "2.5 points")],
)
def test_points_reads_naturally(amount, text):
    assert points(amount) == text


def test_stuck_loop_is_called_stuck_and_names_the_link_doing_most():
    scenario = Scenario(connectivity=1.3, **FLARE)
    days = simulate(scenario)
    text = narrate(scenario, days)
    assert "A pain flare starts on day 7 and lasts 14 days." in text
    assert "The loop is stuck" in text and "hardest push" in text
    (target, source), effect = strongest_links(days[-1], 1)[0]
    assert f"{NAMES[source]} → {NAMES[target]} adds {points(effect)}" in text


def test_the_hardest_push_is_ranked_by_effect_not_by_raw_push():
    day = simulate(Scenario(connectivity=1.3, **FLARE))[-1]
    ranked = strongest_links(day, len(day.effects))
    assert [effect for _link, effect in ranked] == sorted(day.effects.values(), reverse=True)


def test_fading_flare_is_described_as_settling():
    scenario = Scenario(connectivity=0.9, **FLARE)
    assert "settled back down by itself" in narrate(scenario, simulate(scenario))


def test_strategies_that_unstick_the_loop_are_listed_and_compared():
    stuck = Scenario(connectivity=1.3, **FLARE)
    helped = with_strategies(stuck, {"sleep": 34, "activity": 34, "support": 34})
    text = narrate(helped, simulate(helped), simulate(stuck))
    assert "Without your strategies the loop would stay stuck" in text
    assert "A steady sleep routine from day 35" in text
    assert "low mood" in text and "instead of" in text


def test_one_step_that_leaves_the_loop_stuck_is_explained_with_the_trial_average():
    """Issue 11: CBT alone leaves this loop stuck, while The Pain Course cut depression by about
    a third. The narration says why, with the model's own trial numbers."""
    stuck = Scenario(connectivity=1.3, **FLARE)
    helped = with_strategies(stuck, {"cbt": 34})
    text = narrate(helped, simulate(helped), simulate(stuck))
    assert "The loop is stuck" in text and "the other links keep pulling it back" in text
    result = trial(("cbt",))
    assert f"low mood by {abs(result.percent('low_mood')):.0f}%" in text
    assert f"{result.unstuck} of the {result.stuck} stuck loops" in text


def test_describe_trial_names_the_strategys_own_targets():
    assert "poor sleep by" in describe_trial(["sleep"])
    assert "pain by" in describe_trial(["medication"])


def test_course_text_covers_all_five_problems_with_the_charted_numbers():
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    text = describe_course(days)
    for node in NODES:
        assert NAMES[node].capitalize() in text
    assert f"Pain starts low ({days[0].levels['pain']:.0f} of 10)" in text


def test_loop_text_names_every_problem_and_the_strongest_pushes():
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    loop = describe_loop(days[-1])
    assert all(NAMES[name] in loop for name in NODES)
    assert "The strongest pushes" in loop


def test_comparison_never_says_a_change_with_equal_numbers():
    """Issue 11: "poor sleep 1 points lower (7 instead of 7)" can no longer be written."""
    for without_level in [x / 10 for x in range(0, 100, 3)]:
        for change in (-0.51, -0.55, -0.6, -1.0, -1.49):
            with_level = without_level + change
            text = describe_comparison(
                dict.fromkeys(NODES, without_level), dict.fromkeys(NODES, with_level)
            )
            for amount, new, old in re.findall(
                r"(\S+) points? lower \((\S+) instead of (\S+)\)", text
            ):
                assert new != old
                assert abs(float(old) - float(new) - float(amount)) < 0.051
    assert "1 points" not in describe_comparison(
        dict.fromkeys(NODES, 7.2), dict.fromkeys(NODES, 6.2)
    )


def test_comparison_of_the_same_run_is_under_half_a_point():
    same = long_run(simulate(Scenario(connectivity=1.3, **FLARE)))
    assert "less than half a point" in describe_comparison(same, same)
    better = dict.fromkeys(NODES, 1.0)
    assert "pain 7.5 points lower (1.0 instead of 8.5)" in describe_comparison(same, better)


def test_quiet_loop_has_no_hard_push():
    days = simulate(Scenario(connectivity=0.5, pain_condition=0))
    assert "the loop is quiet" in describe_loop(days[-1])
