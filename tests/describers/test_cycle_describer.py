"""The cycle describer says, in plain sentences, what the charts show."""

from __future__ import annotations

import pytest

from widgets.describers.cycle import (
    describe_comparison,
    describe_course,
    describe_loop,
    level_word,
    narrate,
)
from widgets.models.cycle import NODES, Scenario, long_run, simulate, with_strategies

FLARE = {"flare_day": 6, "flare_days": 14, "flare_size": 8}


@pytest.mark.parametrize(
    ("level", "word"),
    [(0, "very low"), (2, "low"), (5, "moderate"), (7, "high"), (9.5, "very high")],
)
def test_level_words(level, word):
    assert level_word(level) == word


def test_stuck_loop_is_called_stuck_and_names_the_hardest_push():
    scenario = Scenario(connectivity=1.2, **FLARE)
    text = narrate(scenario, simulate(scenario))
    assert "A pain flare starts on day 7 and lasts 14 days." in text
    assert "The loop is stuck" in text and "hardest push" in text


def test_fading_flare_is_described_as_settling():
    scenario = Scenario(connectivity=0.9, **FLARE)
    assert "settled back down by itself" in narrate(scenario, simulate(scenario))


def test_strategies_are_listed_and_compared():
    stuck = Scenario(connectivity=1.2, **FLARE)
    helped = with_strategies(stuck, {"sleep": 34, "activity": 34, "support": 34})
    text = narrate(helped, simulate(helped), simulate(stuck))
    assert "Without your strategies the loop would stay stuck" in text
    assert "A steady sleep routine from day 35" in text
    assert "low mood" in text and "instead of" in text


def test_course_loop_and_comparison_texts_give_numbers():
    days = simulate(Scenario(connectivity=1.2, **FLARE))
    assert "Pain starts low (2 of 10)" in describe_course(days)
    loop = describe_loop(days[-1])
    assert all(name in loop for name in ("pain", "poor sleep", "low mood", "doing less"))
    same = long_run(days)
    assert "less than half a point" in describe_comparison(same, same)
    better = {node: 1.0 for node in NODES}
    assert "pain 7 points lower (1 instead of 8)" in describe_comparison(same, better)


def test_quiet_loop_has_no_hard_push():
    days = simulate(Scenario(connectivity=0.5, pain_condition=0))
    assert "the loop is quiet" in describe_loop(days[-1])
