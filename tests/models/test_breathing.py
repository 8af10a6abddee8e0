"""Breathing patterns: valid phases only, the pace each pattern claims, whole-cycle sessions that
end after a breath out, and the phase the page script shows at a given second."""

from __future__ import annotations

import math
import re

import pytest

from widgets.models.breathing import (
    DEFAULT_LENGTH,
    DEFAULT_PATTERN,
    LENGTHS,
    PATTERNS,
    USUAL_BREATHS_A_MINUTE,
    Pattern,
    cycles_for,
    phase_at,
    phase_ends,
    session_seconds,
)
from widgets.words import words


def relaxation_words() -> dict:
    return words("relaxation", "en")


@pytest.mark.parametrize(
    "phases",
    [
        (),
        (("out", 4), ("in", 4)),
        (("in", 4), ("in", 4), ("out", 4)),
        (("in", 4),),
        (("in", 0), ("out", 4)),
        (("in", 21), ("out", 4)),
        (("in", 4.5), ("out", 4)),
        (("in", True), ("out", 4)),
        (("in", 4), ("sigh", 2), ("out", 4)),
        (("hold", 4),),
    ],
)
def test_bad_patterns_are_refused(phases):
    with pytest.raises(ValueError):
        Pattern(phases)


def test_a_pattern_knows_its_cycle_slug_and_seconds_of_each_kind():
    box = PATTERNS["box4"]
    assert box.cycle_seconds == 16 and box.slug == "in4-hold4-out4-hold4"
    assert (box.seconds_of("in"), box.seconds_of("hold"), box.seconds_of("out")) == (4, 8, 4)
    assert PATTERNS["in4-out6"].slug == "in4-out6"
    assert PATTERNS["in3-out4"].seconds_of("hold") == 0


def test_breaths_per_minute_is_the_pace():
    assert PATTERNS["in4-out6"].breaths_per_minute == 6
    assert PATTERNS["in5-out5"].breaths_per_minute == 6
    assert PATTERNS["box4"].breaths_per_minute == 3.75
    assert math.isclose(PATTERNS["in3-out4"].breaths_per_minute, 60 / 7)


@pytest.mark.parametrize("key", list(PATTERNS))
def test_every_pattern_is_slow_breathing_with_a_breath_out_as_long_or_longer(key):
    """The module docstring, "Slow breathing" in the sources, and "Longer breath out"."""
    pattern = PATTERNS[key]
    assert pattern.breaths_per_minute < USUAL_BREATHS_A_MINUTE
    assert pattern.seconds_of("out") >= pattern.seconds_of("in")


@pytest.mark.parametrize("key", list(PATTERNS))
def test_each_pattern_name_says_its_own_seconds(key):
    """ "Longer breath out: in 4, out 6" must be what the guide counts, in the same order."""
    name = relaxation_words()["patterns"][key]
    said = [(kind, int(n)) for kind, n in re.findall(r"\b(in|hold|out) (\d+)", name)]
    assert tuple(said) == PATTERNS[key].phases
    pattern = PATTERNS[key]
    if name.startswith("Longer breath out"):
        assert pattern.seconds_of("out") > pattern.seconds_of("in")
    if name.startswith("Even"):
        assert pattern.seconds_of("out") == pattern.seconds_of("in")


def test_the_default_is_the_lessons_count_of_4_in_and_6_out():
    """Lesson 05: breathe in to a count of 4, out a little longer, to a count of 6."""
    assert PATTERNS[DEFAULT_PATTERN].phases == (("in", 4), ("out", 6))
    assert DEFAULT_LENGTH in LENGTHS


@pytest.mark.parametrize("seconds", LENGTHS)
def test_each_length_name_says_its_minutes(seconds):
    name = relaxation_words()["lengths"][str(seconds)]
    assert int(re.match(r"\d+", name).group()) * 60 == seconds


def test_phase_ends_are_percentages_of_the_cycle():
    assert phase_ends(PATTERNS["in4-out6"]) == [(40.0, "in"), (100.0, "out")]
    assert phase_ends(PATTERNS["box4"]) == [
        (25.0, "in"),
        (50.0, "hold"),
        (75.0, "out"),
        (100.0, "hold"),
    ]
    assert phase_ends(PATTERNS["in3-out4"])[0] == (42.857, "in")


def test_sessions_are_whole_cycles_nearest_the_length_and_at_least_one():
    box = PATTERNS["box4"]
    assert cycles_for(box, 180) == 11 and session_seconds(box, 180) == 176
    assert session_seconds(box, 60) == 64
    assert (
        cycles_for(PATTERNS["in4-out6"], 1) == 1 and session_seconds(PATTERNS["in4-out6"], 1) == 10
    )
    for pattern in PATTERNS.values():
        for seconds in LENGTHS:
            assert abs(session_seconds(pattern, seconds) - seconds) <= pattern.cycle_seconds / 2


@pytest.mark.parametrize("key", list(PATTERNS))
@pytest.mark.parametrize("seconds", LENGTHS)
def test_a_session_ends_after_a_breath_out(key, seconds):
    pattern = PATTERNS[key]
    total = session_seconds(pattern, seconds)
    last_move = next(
        phase_at(pattern, total - t)[0]
        for t in range(1, pattern.cycle_seconds + 1)
        if phase_at(pattern, total - t)[0] != "hold"
    )
    assert last_move == "out"


def test_phase_at_counts_down_each_phase_as_the_page_does():
    pattern = PATTERNS["in4-out6"]
    assert [phase_at(pattern, t) for t in range(11)] == [
        ("in", 4),
        ("in", 3),
        ("in", 2),
        ("in", 1),
        ("out", 6),
        ("out", 5),
        ("out", 4),
        ("out", 3),
        ("out", 2),
        ("out", 1),
        ("in", 4),
    ]
    assert phase_at(pattern, 3.5) == ("in", 1)  # never shows 0
    assert phase_at(PATTERNS["box4"], 5) == ("hold", 3)
    assert phase_at(PATTERNS["box4"], 12) == ("hold", 4)
    # Counting a whole session, the seconds spent breathing in and out add up to the pattern's.
    kinds = [phase_at(pattern, t + 0.5)[0] for t in range(session_seconds(pattern, 60))]
    assert kinds.count("in") == 6 * 4 and kinds.count("out") == 6 * 6


@pytest.mark.parametrize("elapsed", [-1, float("nan"), float("inf"), "3", None, True])
def test_phase_at_refuses_what_is_not_a_time(elapsed):
    with pytest.raises(ValueError, match="elapsed"):
        phase_at(PATTERNS["in4-out6"], elapsed)
