"""Breathing patterns for the breathing guide (lesson 05): the timing of each breath and the pace.

A pattern is a cycle of phases, each "in", "hold" or "out" for a whole number of seconds. The
view (widgets/views/relaxation.py) turns a pattern into a CSS animation and the data the course
page script (assets/voila/templates/course/static/course.js) counts down; `phase_at` mirrors
that script, so the timing the learner sees can be tested here. The names a learner reads for
each pattern and length are in widgets/content/relaxation.toml, keyed like `PATTERNS` and
`LENGTHS`.

Decisions (the course's own, not from a trial):
- Every pattern is slow breathing: fewer breaths a minute than the 12 to 20 of usual breathing at
  rest, with the breath out as long as the breath in, or longer.
- A session is whole cycles, the number nearest the chosen length (at least one), so it always
  ends after a breath out.
Standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PHASE_KINDS = ("in", "hold", "out")
PHASE_SECONDS = (1, 20)  # the shortest and longest phase, in whole seconds
USUAL_BREATHS_A_MINUTE = 12  # the low end of usual breathing at rest; slow breathing is below it


@dataclass(frozen=True)
class Pattern:
    """A breathing pattern: phases of "in", "hold" or "out", each a whole number of seconds."""

    phases: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        check_phases(self.phases)

    @property
    def cycle_seconds(self) -> int:
        """How long one breath takes, in and out with any holds."""
        return sum(seconds for _kind, seconds in self.phases)

    @property
    def breaths_per_minute(self) -> float:
        """The pace: how many whole cycles (breaths) fit in a minute."""
        return 60 / self.cycle_seconds

    @property
    def slug(self) -> str:
        """A CSS-safe name made of the phases, e.g. "in4-out6"."""
        return "-".join(f"{kind}{seconds}" for kind, seconds in self.phases)

    def seconds_of(self, kind: str) -> int:
        """The seconds spent on one kind of phase in a cycle (0 if the pattern has none)."""
        return sum(seconds for phase, seconds in self.phases if phase == kind)


def check_phases(phases: tuple[tuple[str, int], ...]) -> None:
    """A cycle must breathe in, then out, alternating (holds allowed between), 1–20 s a phase."""
    if not phases:
        raise ValueError("a pattern needs at least one phase")
    low, high = PHASE_SECONDS
    for kind, seconds in phases:
        if kind not in PHASE_KINDS:
            raise ValueError(f"unknown phase {kind!r}; use one of {', '.join(PHASE_KINDS)}")
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not low <= seconds <= high:
            raise ValueError(
                f"a phase lasts a whole number of seconds from {low} to {high}, not {seconds!r}"
            )
    moves = [kind for kind, _seconds in phases if kind != "hold"]
    if not moves or moves[0] != "in" or moves[-1] != "out":
        raise ValueError("a pattern starts with a breath in and ends with a breath out")
    if any(a == b for a, b in zip(moves, moves[1:], strict=False)):
        raise ValueError("breaths in and out must take turns")


#: The patterns offered, in the order of the list; their names are in relaxation.toml [patterns].
PATTERNS = {
    "in4-out6": Pattern((("in", 4), ("out", 6))),
    "in5-out5": Pattern((("in", 5), ("out", 5))),
    "in3-out4": Pattern((("in", 3), ("out", 4))),
    "box4": Pattern((("in", 4), ("hold", 4), ("out", 4), ("hold", 4))),
}
DEFAULT_PATTERN = "in4-out6"
#: The session lengths offered, in seconds; their names are in relaxation.toml [lengths].
LENGTHS = (60, 180, 300)
DEFAULT_LENGTH = 60


def phase_ends(pattern: Pattern) -> list[tuple[float, str]]:
    """(percent of the cycle at which a phase ends, its kind), in order: the animation's stops."""
    ends, elapsed = [], 0
    for kind, seconds in pattern.phases:
        elapsed += seconds
        ends.append((round(100 * elapsed / pattern.cycle_seconds, 3), kind))
    return ends


def cycles_for(pattern: Pattern, seconds: int) -> int:
    """Whole cycles nearest the session length (at least one), so it ends after a breath out."""
    return max(1, round(seconds / pattern.cycle_seconds))


def session_seconds(pattern: Pattern, seconds: int) -> int:
    """How long a session asked to last `seconds` really lasts: whole cycles only."""
    return cycles_for(pattern, seconds) * pattern.cycle_seconds


def phase_at(pattern: Pattern, elapsed: float) -> tuple[str, int]:
    """(phase, count shown) `elapsed` seconds into a session, as course.js counts: the count is
    the whole seconds left in that phase, never below 1."""
    is_time = isinstance(elapsed, int | float) and not isinstance(elapsed, bool)
    if not is_time or not (math.isfinite(elapsed) and elapsed >= 0):
        raise ValueError(f"elapsed must be a number of seconds, 0 or more, not {elapsed!r}")
    t = elapsed % pattern.cycle_seconds
    for index, (kind, seconds) in enumerate(pattern.phases):
        if t < seconds or index == len(pattern.phases) - 1:
            return kind, max(1, math.ceil(seconds - t))
        t -= seconds
    raise AssertionError("unreachable: a pattern has at least one phase")
