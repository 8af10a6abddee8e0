"""Activity pacing: find a starting point from a few days' records, then build up step by step.

Why (docs/sources.md): pacing is "an active self-management strategy whereby individuals learn to
balance time spent on activity and rest for the purpose of achieving increased function and
participation in meaningful activities" (Jamieson-Lega, Berry & Brown 2013). The planner follows
the operant, quota-based tradition (Nielson et al. 2013): activity is planned by time, not by how
the pain feels that day, and raised gradually (Antcliff et al. 2013: breaking tasks down, not
over-doing, gradually increasing). The evidence for pacing on its own is mixed (Nielson 2013;
Andrews et al. 2012), so the course presents it as a commonly taught skill, not a cure.

Decisions:
- `baseline` is the MEAN of the days given (2–14 values; 3–7 is the usual advice). Pacing guides
  usually say: measure for a few days, take the average, then start a little below it. The median
  would ignore one unusual day, but the plan already starts below the average (`start_share`), and
  the mean is easier to explain.
- `plan` starts at start_share × baseline (80% by default) and grows by `weekly_increase` (10%)
  each week, compounding, in whole minutes, never above the goal (so a goal below the start gives
  a flat plan at the goal).
- `boom_and_bust` and `paced` make ILLUSTRATIVE daily series for a chart; their rules (below) are
  the course's own choices, not measured data. Deterministic for a given seed.
- The messages a learner sees for days that cannot give a baseline are in
  widgets/content/pacing.toml [errors]; the others name a parameter, for a maintainer.
Standard library only (widgets.words is too).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from widgets.words import word

MIN_DAYS, MAX_DAYS = 2, 14
MAX_MINUTES = 1440  # a day
START_SHARE_RANGE = (0.5, 1.0)
INCREASE_RANGE = (0.0, 0.3)
WEEKS_RANGE = (1, 26)
SERIES_DAYS_RANGE = (7, 182)

# Illustrative boom-and-bust rules (the course's own choices, for a picture, not data):
GOOD_DAY_CHANCE = 0.35  # on a day that is not a rest day, the chance it feels like a good day
OVERDO_SHARE = (1.5, 2.0)  # on a good day the person does 1.5–2 × their baseline...
FLARE_ABOVE = 1.3  # ...and anything over 1.3 × baseline sets off a flare
REST_DAYS = (2, 3)  # after a flare, 2–3 days of rest...
REST_SHARE = (0.2, 0.4)  # ...doing only 20–40% of the baseline
USUAL_SHARE = (0.8, 1.1)  # an ordinary day stays near the baseline


def _number(name: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g}, got {value:g}")
    return float(value)


def _whole(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, got {value}")
    return value


def _say(key: str, **values: object) -> str:
    """A message for the learner from widgets/content/pacing.toml [errors], filled in."""
    return word("pacing", "errors", key).format(**values)


def _round(x: float) -> int:
    return math.floor(x + 0.5)  # half up, as people expect (round() would give round(2.5) == 2)


def baseline(days: list[float]) -> float:
    """Average minutes a learner could do before pain flared, over 2–14 days (3–7 is best).

    A learner's days that cannot give a baseline raise ValueError with a message for them, from
    widgets/content/pacing.toml [errors].
    """
    if isinstance(days, str | bytes) or not hasattr(days, "__len__"):
        raise ValueError(f"give a list of minutes, one for each day, got {days!r}")
    if len(days) < MIN_DAYS:
        raise ValueError(_say("too_few_days", min_days=MIN_DAYS))
    if len(days) > MAX_DAYS:
        raise ValueError(_say("too_many_days", max_days=MAX_DAYS))
    values = []
    for i, value in enumerate(days):
        try:
            values.append(_number(f"day {i + 1}", value, 0, MAX_MINUTES))
        except ValueError:
            raise ValueError(
                _say("day_out_of_range", day=i + 1, max_minutes=MAX_MINUTES, value=repr(value))
            ) from None
    mean = sum(values) / len(values)
    if mean < 1:  # a plan needs at least a minute a day to build on
        raise ValueError(_say("under_a_minute"))
    return round(mean, 1)


@dataclass(frozen=True)
class PlanWeek:
    week: int
    minutes_per_day: int


def plan(
    baseline_minutes: float,
    start_share: float = 0.8,
    weekly_increase: float = 0.10,
    weeks: int = 8,
    goal_minutes: float | None = None,
) -> list[PlanWeek]:
    """A week-by-week pacing plan: start a little below the baseline, add a little each week.

    Whole minutes, at least 1; never above `goal_minutes` when one is given.
    """
    base = _number("baseline_minutes", baseline_minutes, 0, MAX_MINUTES)
    if base == 0:
        raise ValueError("baseline_minutes must be more than 0")
    share = _number("start_share", start_share, *START_SHARE_RANGE)
    increase = _number("weekly_increase", weekly_increase, *INCREASE_RANGE)
    count = _whole("weeks", weeks, *WEEKS_RANGE)
    goal = None if goal_minutes is None else _number("goal_minutes", goal_minutes, 1, MAX_MINUTES)
    result = []
    for week in range(1, count + 1):
        minutes = max(1, min(MAX_MINUTES, _round(base * share * (1 + increase) ** (week - 1))))
        if goal is not None:
            minutes = min(minutes, math.floor(goal))
        result.append(PlanWeek(week, minutes))
    return result


#: The kinds of day in an illustrative series; what each means, in words, is in
#: widgets/content/pacing.toml [kinds].
KINDS = ("overdo", "rest", "usual", "paced")


@dataclass(frozen=True)
class Day:
    """One day of an illustrative series. kind: "overdo", "rest", "usual" or "paced"."""

    day: int
    minutes: int
    kind: str


def boom_and_bust(baseline_minutes: float, days: int = 28, seed: int = 0) -> list[Day]:
    """An illustrative boom-and-bust pattern: overdo on good days, then rest after the flare.

    Rules (illustrative, see the constants): a day that is not a rest day is a good day with chance
    GOOD_DAY_CHANCE; on a good day the person does OVERDO_SHARE × baseline, which is over
    FLARE_ABOVE, so a flare follows: REST_DAYS days at REST_SHARE × baseline. Other days are
    USUAL_SHARE × baseline. Deterministic for a given seed.
    """
    base = _number("baseline_minutes", baseline_minutes, 1, MAX_MINUTES)
    count = _whole("days", days, *SERIES_DAYS_RANGE)
    _whole("seed", seed, -(2**63), 2**63)
    rng = random.Random(seed)
    series: list[Day] = []
    rest_left = 0
    for day in range(1, count + 1):
        if rest_left:
            share, kind = rng.uniform(*REST_SHARE), "rest"
            rest_left -= 1
        elif rng.random() < GOOD_DAY_CHANCE:
            share, kind = rng.uniform(*OVERDO_SHARE), "overdo"
            rest_left = rng.randint(*REST_DAYS)
        else:
            share, kind = rng.uniform(*USUAL_SHARE), "usual"
        series.append(Day(day, min(MAX_MINUTES, _round(base * share)), kind))
    return series


def paced(
    baseline_minutes: float,
    days: int = 28,
    start_share: float = 0.8,
    weekly_increase: float = 0.10,
) -> list[Day]:
    """The same person pacing: each day follows that week's `plan`, so no day sets off a flare."""
    count = _whole("days", days, *SERIES_DAYS_RANGE)
    weeks = plan(baseline_minutes, start_share, weekly_increase, weeks=math.ceil(count / 7))
    return [Day(day, weeks[(day - 1) // 7].minutes_per_day, "paced") for day in range(1, count + 1)]


@dataclass(frozen=True)
class Summary:
    total_minutes: int
    average: float
    lowest: int
    highest: int
    flares: int
    rest_days: int


def summary(series: list[Day]) -> Summary:
    """Totals for a series, for a caption such as "3 flares, 8 rest days"."""
    if not series:
        raise ValueError("the series is empty")
    minutes = [d.minutes for d in series]
    return Summary(
        total_minutes=sum(minutes),
        average=round(sum(minutes) / len(minutes), 1),
        lowest=min(minutes),
        highest=max(minutes),
        flares=sum(d.kind == "overdo" for d in series),
        rest_days=sum(d.kind == "rest" for d in series),
    )
