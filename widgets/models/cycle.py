"""The sleep–pain–mood cycle: an illustrative day-by-day model of five problems pushing each other.

No published model of the pain–mood loop itself exists (MODELS.md §6), so this is the course's own
illustration, assembled from published parts and labelled as such everywhere it is shown:
- Structure: a small symptom network in the style of Cramer et al. 2016 (PLOS ONE 11:e0167490).
  Each node is pushed by the others through weighted links; its level follows a logistic function
  of that push; a single "connectivity" factor multiplies every link. Strong links make two stable
  states (a flare can leave the loop stuck) and hysteresis; weak links let a flare fade.
  Cramer's nodes are binary and random; ours are continuous 0–10 levels that move part of the way
  to their target each day (a mean-field version), which keeps runs smooth and cheap.
- Links: the ones the seed article names (lesson 03). Sleep → next-day pain is stronger than pain →
  that night's sleep (Edwards et al. 2008, Pain 137:202; Finan et al. 2013, J Pain 14:1539).
- Strategies: each changes a documented input or link, sized to the modest effects in FACTS.md §4.
All numbers not named as sourced are illustrative choices, tuned so that the behaviour above holds.
Standard library only, deterministic for a given seed.
"""

from __future__ import annotations

import functools
import math
import random
from dataclasses import dataclass, field, replace

#: The five problems in the loop. Internally each is 0 (no problem) to 1 (as bad as it gets).
NODES = ("pain", "poor_sleep", "low_mood", "inactivity", "fatigue")

#: Links (target ← source): how hard a fully-active source pushes its target, before `connectivity`.
#: Each names the article's mechanism it stands for (lesson 03); sizes are illustrative, ordered as
#: the evidence suggests (sleep → pain stronger than pain → sleep: Edwards 2008, Finan 2013).
LINKS: dict[tuple[str, str], tuple[float, str]] = {
    ("pain", "poor_sleep"): (1.6, "a short, broken night makes the next day's pain worse"),
    ("pain", "low_mood"): (1.0, "low mood turns up how strongly pain is felt"),
    ("pain", "fatigue"): (0.9, "tiredness lowers how much pain you can bear"),
    ("pain", "inactivity"): (0.5, "less movement means fewer endorphins and stiffer muscles"),
    ("poor_sleep", "pain"): (0.7, "pain makes it hard to fall and stay asleep"),
    ("poor_sleep", "low_mood"): (0.7, "worry and low mood disturb sleep"),
    ("low_mood", "pain"): (1.1, "constant pain brings a sense of losing control"),
    ("low_mood", "inactivity"): (
        0.9,
        "doing less of what you enjoy means fewer feel-good chemicals",
    ),
    ("low_mood", "fatigue"): (0.8, "tiredness brings irritability"),
    ("inactivity", "pain"): (1.1, "pain makes it hard to move, work and see people"),
    ("inactivity", "low_mood"): (1.0, "low mood drains motivation for activity and self-care"),
    ("inactivity", "fatigue"): (0.6, "tiredness makes everything harder to start"),
    ("fatigue", "poor_sleep"): (1.3, "poor sleep leaves you tired"),
    ("fatigue", "low_mood"): (0.4, "low mood is tiring"),
}

#: A node climbs once the push on it passes this share of the most its links could push
#: (illustrative; with GAIN it sets where the loop tips, as the thresholds b_i do in Cramer 2016).
THRESHOLD_SHARE = 0.56
THRESHOLDS = {
    node: THRESHOLD_SHARE * sum(w for (target, _s), (w, _why) in LINKS.items() if target == node)
    for node in NODES
}
#: Steepness of the logistic response (as in Cramer 2016's logistic activation).
GAIN = 3.0
#: Levels stay between these shares of the scale: nobody's problems are ever exactly zero, and
#: even a stuck loop has better and worse days.
FLOOR, CEILING = 0.05, 0.85
#: Share of the gap to its target a node closes each day: a few days to settle (illustrative).
DAILY_RATE = 0.35
DAYS = 84  # 12 weeks
#: How much a push on pain (a flare, or medication's negative push) moves the floor that the
#: body's own condition sets under pain, per unit of push (illustrative).
PAIN_INPUT_TO_FLOOR = 0.1


@dataclass(frozen=True)
class Strategy:
    """A way of stepping into the loop: a documented change to inputs or links from a start day."""

    key: str
    label: str
    inputs: dict[str, float] = field(default_factory=dict)  # added to a node's push
    link_scale: dict[tuple[str, str], float] = field(default_factory=dict)
    source: str = ""
    why: str = ""


STRATEGIES: dict[str, Strategy] = {
    s.key: s
    for s in (
        Strategy(
            "cbt",
            "Professional help and CBT",
            inputs={"low_mood": -0.2},
            link_scale={("low_mood", "pain"): 0.88, ("pain", "low_mood"): 0.85},
            source="Williams et al. 2020, Cochrane CD007407 (FACTS §4.1)",
            why="CBT mostly eases distress and disability, with small effects on pain itself, so "
            "it "
            "weakens the links between pain and mood more than it lowers pain.",
        ),
        Strategy(
            "medication",
            "Medication, with your prescriber",
            inputs={"pain": -0.6},
            source="Ferreira et al. 2021, BMJ; Birkinshaw et al. 2023, Cochrane (FACTS §4.4)",
            why="Some medicines lower pain a little on average; benefit varies a lot from person "
            "to person.",
        ),
        Strategy(
            "activity",
            "Physical activity and pacing",
            inputs={"inactivity": -0.6},
            source="Geneen et al. 2017, Cochrane; Nielson et al. 2013 (FACTS §4.2, §4.6)",
            why="Starting small and building up steadily makes activity likelier on hard days, "
            "which brings endorphins and fitness back into the loop.",
        ),
        Strategy(
            "relaxation",
            "Mindfulness and relaxation",
            inputs={"low_mood": -0.15, "poor_sleep": -0.15},
            link_scale={("low_mood", "pain"): 0.95},
            source="Hilton et al. 2017, Ann Behav Med (FACTS §4.3)",
            why="Mindfulness brings a small drop in pain and improves low mood; calmer evenings "
            "can help sleep.",
        ),
        Strategy(
            "support",
            "Social support",
            inputs={"low_mood": -0.3},
            source="PLOS ONE 2025 review of social support (FACTS §4.7)",
            why="Feeling supported goes with less depression; the kind of support matters.",
        ),
        Strategy(
            "sleep",
            "A steady sleep routine",
            inputs={"poor_sleep": -0.35},
            source="Finan et al. 2014, Sleep Med Clin (FACTS §2)",
            why="CBT for insomnia improves sleep clearly; its effect on pain is mixed, which the "
            "model shows through the sleep → pain link.",
        ),
    )
}


@dataclass(frozen=True)
class Scenario:
    """Everything that shapes a 12-week run. Values outside their ranges raise ValueError."""

    connectivity: float = 1.0  # "how tightly your loop is wound": 0.5 (loose) to 1.5 (tight)
    pain_condition: float = 3.0  # 0–10: the pain your body's condition causes on its own
    start: dict[str, float] = field(default_factory=dict)  # starting levels, 0–10 per node
    flare_day: int | None = None  # a pain flare or stressful event starting this day
    flare_days: int = 7
    flare_size: float = 0.0  # 0–10: how hard the flare pushes pain
    stress_size: float = 0.0  # 0–10: a stressful period pushing mood and sleep (same days)
    short_sleep_days: tuple[int, int] | None = None  # (first day, last day) of a bad run of nights
    strategies: dict[str, int] = field(default_factory=dict)  # strategy key -> start day
    variation: float = 0.0  # 0–1: size of day-to-day ups and downs
    seed: int = 1
    days: int = DAYS

    def __post_init__(self) -> None:
        _check_range("connectivity", self.connectivity, 0.3, 2.0)
        _check_range("pain condition", self.pain_condition, 0, 10)
        _check_range("flare size", self.flare_size, 0, 10)
        _check_range("stress size", self.stress_size, 0, 10)
        _check_range("variation", self.variation, 0, 1)
        _check_range("days", self.days, 1, 365)
        _check_range("flare length", self.flare_days, 1, 84)
        if self.flare_day is not None:
            _check_range("flare day", self.flare_day, 0, self.days - 1)
        for node, level in self.start.items():
            if node not in NODES:
                raise ValueError(f"unknown starting level {node!r}; choose from {', '.join(NODES)}")
            _check_range(f"starting {node}", level, 0, 10)
        for key, day in self.strategies.items():
            if key not in STRATEGIES:
                raise ValueError(f"unknown strategy {key!r}; choose from {', '.join(STRATEGIES)}")
            _check_range(f"start day of {key}", day, 0, self.days - 1)
        if self.short_sleep_days is not None:
            first, last = self.short_sleep_days
            _check_range("first short night", first, 0, self.days - 1)
            _check_range("last short night", last, first, self.days - 1)


def _check_range(name: str, value: float, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")


@dataclass(frozen=True)
class Day:
    """One day of a run, on 0–10 scales a person knows (10 = worst for each problem)."""

    day: int
    levels: dict[str, float]
    pushes: dict[tuple[str, str], float]  # link -> how hard it pushed today (0 to its weight)

    @property
    def sleep_hours(self) -> float:
        """Poor sleep shown as hours: about 8 h when sleep is fine, about 4.5 h at its worst."""
        return round(8.0 - 0.35 * self.levels["poor_sleep"], 1)

    @property
    def activity(self) -> float:
        """Activity on 0–10 (10 = as active as you like), the inverse of inactivity."""
        return round(10 - self.levels["inactivity"], 1)


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _pushes(levels01: dict[str, float], scale: float, link_scale: dict) -> dict:
    return {
        (target, source): weight * scale * link_scale.get((target, source), 1.0) * levels01[source]
        for (target, source), (weight, _why) in LINKS.items()
    }


def simulate(scenario: Scenario) -> list[Day]:
    """Run the loop for `scenario.days` days and return every day's levels and link pushes."""
    rng = random.Random(scenario.seed)
    rest = _resting_levels(float(scenario.connectivity), float(scenario.pain_condition))
    u = {node: scenario.start.get(node, rest[node] * 10) / 10 for node in NODES}
    days: list[Day] = []
    for day in range(scenario.days):
        inputs = {node: 0.0 for node in NODES}
        link_scale: dict[tuple[str, str], float] = {}
        for key, start_day in scenario.strategies.items():
            if day >= start_day:
                strategy = STRATEGIES[key]
                for node, amount in strategy.inputs.items():
                    inputs[node] += amount
                for link, factor in strategy.link_scale.items():
                    link_scale[link] = link_scale.get(link, 1.0) * factor
        if scenario.flare_day is not None and (
            scenario.flare_day <= day < scenario.flare_day + scenario.flare_days
        ):
            inputs["pain"] += scenario.flare_size * 0.45
            inputs["low_mood"] += scenario.stress_size * 0.3
            inputs["poor_sleep"] += scenario.stress_size * 0.3
        if scenario.short_sleep_days and (
            scenario.short_sleep_days[0] <= day <= scenario.short_sleep_days[1]
        ):
            inputs["poor_sleep"] += 3.5
        pushes = _pushes(u, scenario.connectivity, link_scale)
        days.append(Day(day, {n: round(u[n] * 10, 2) for n in NODES}, pushes))
        drives = dict(inputs)
        for (target_node, _source), push in pushes.items():
            drives[target_node] += push
        new = {}
        for node in NODES:
            target = _response(drives[node] - THRESHOLDS[node])
            if node == "pain":  # the body's own condition sets where the loop's push starts from
                target = _with_condition(target, scenario.pain_condition, inputs["pain"])
            noise = rng.gauss(0.0, 0.06 * scenario.variation) if scenario.variation else 0.0
            new[node] = min(1.0, max(0.0, u[node] + DAILY_RATE * (target - u[node]) + noise))
        u = new
    return days


def _response(excess: float) -> float:
    """A node's target level for a push `excess` above its threshold (logistic, Cramer 2016)."""
    return FLOOR + (CEILING - FLOOR) * _logistic(GAIN * excess)


@functools.lru_cache(maxsize=256)
def _resting_levels(connectivity: float, pain_condition: float) -> dict[str, float]:
    """Where the loop settles with no events, starting from no problems at all (0–1 per node).

    Cached: a learner moving other controls keeps the same resting point.
    """
    u = {node: FLOOR for node in NODES}
    for _ in range(300):
        drives = dict.fromkeys(NODES, 0.0)
        for (target, _source), push in _pushes(u, connectivity, {}).items():
            drives[target] += push
        new = {node: _response(drives[node] - THRESHOLDS[node]) for node in NODES}
        new["pain"] = _with_condition(new["pain"], pain_condition, 0.0)
        settled = max(abs(new[node] - u[node]) for node in NODES) < 1e-9
        u = new
        if settled:
            break
    return u


def _with_condition(loop_level: float, pain_condition: float, pain_input: float) -> float:
    """Pain from the body's condition plus the share of the remaining room the loop pushes up.

    The condition alone gives a base level (medication, a negative input, lowers it; a flare
    raises it); the loop's push then fills part of the room between that base and the ceiling.
    """
    share = max(0.0, min(1.0, pain_condition / 10 + pain_input * PAIN_INPUT_TO_FLOOR))
    base = FLOOR + (CEILING - FLOOR) * share * 0.6
    return base + (CEILING - base) * (loop_level - FLOOR) / (CEILING - FLOOR)


def long_run(days: list[Day], last: int = 14) -> dict[str, float]:
    """Average level of each problem over the last `last` days: where the loop has settled."""
    tail = days[-last:]
    return {node: round(sum(d.levels[node] for d in tail) / len(tail), 2) for node in NODES}


def with_strategies(scenario: Scenario, strategies: dict[str, int]) -> Scenario:
    return replace(scenario, strategies=dict(strategies))
