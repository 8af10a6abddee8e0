"""The sleep–pain–mood cycle: an illustrative day-by-day model of five problems pushing each other.

No published model of the pain–mood loop itself exists, so this is the course's own illustration,
assembled from published parts and labelled as such everywhere it is shown. Teachers' and
maintainers' notes, with every equation, number and the test that holds each claim:
docs/models/cycle.md.

- Structure: a small symptom network in the style of Cramer et al. 2016 (PLOS ONE 11:e0167490):
  each problem is pushed by the others through weighted links, and one "connectivity" factor
  multiplies every link. Low mood, doing less and tiredness answer with a threshold (a logistic
  curve, as Cramer's symptoms do), which is what lets a tight loop tip into a stuck state and stay
  there (two stable states, hysteresis). Pain and poor sleep answer in proportion to what pushes
  them, so the strength of a link between them is the same at every level (see below).
- Cramer's symptoms are on/off and random; ours are 0–10 levels that move part of the way to
  their target each day (a mean-field version), which keeps runs smooth and cheap.
- Sleep → next-day pain is stronger than pain → that night's sleep (Edwards et al. 2008, Pain
  137:202; Finan et al. 2013, J Pain 14:1539). Tested as the course states it: the same 2-point
  push on poor sleep moves next-day pain more than a 2-point push on pain moves poor sleep, from
  every state the controls reach, unless pain is already at the top of its scale.
- Strategies: each changes an input or a link, sized so that in the reference loop
  (`REFERENCE`) it does about what the lessons' sources report; the mapping is in
  docs/models/cycle.md and `CALIBRATION`.
Every number not named as sourced is an illustrative choice. Standard library only, deterministic
for a given seed.
"""

from __future__ import annotations

import functools
import math
import random
from dataclasses import dataclass, field, replace

from widgets.words import word, words

#: The five problems in the loop. Internally each is 0 (no problem) to 1 (as bad as it gets).
NODES = ("pain", "poor_sleep", "low_mood", "inactivity", "fatigue")

#: Links (target ← source): how hard a fully-active source pushes its target, before `connectivity`.
#: Each stands for a mechanism the article names (lesson 03); its words are in
#: widgets/content/cycle_scene.toml, [mechanisms]. Sizes are illustrative; sleep → pain is larger
#: than pain → sleep, in the order the evidence gives (Edwards 2008; Finan 2013).
LINKS: dict[tuple[str, str], float] = {
    ("pain", "poor_sleep"): 1.6,
    ("pain", "low_mood"): 1.0,
    ("pain", "fatigue"): 0.9,
    ("pain", "inactivity"): 0.5,
    ("poor_sleep", "pain"): 0.7,
    ("poor_sleep", "low_mood"): 1.1,
    ("low_mood", "pain"): 1.1,
    ("low_mood", "inactivity"): 0.9,
    ("low_mood", "fatigue"): 0.8,
    ("inactivity", "pain"): 1.1,
    ("inactivity", "low_mood"): 1.0,
    ("inactivity", "fatigue"): 0.6,
    ("fatigue", "poor_sleep"): 1.3,
    ("fatigue", "low_mood"): 0.4,
}

#: Pain and poor sleep move in proportion to their push: level = base + slope × push (clamped to
#: FLOOR–CEILING). Illustrative slopes; with the link weights they set the sleep–pain asymmetry.
PROPORTIONAL = {"pain": 0.2, "poor_sleep": 0.25}
#: Low mood, doing less and tiredness switch on past a threshold: a logistic curve of their push
#: (as Cramer 2016's symptoms do). The threshold is this share of the most their links could push
#: (illustrative; with GAIN it sets where a loop tips).
THRESHOLD_SHARES = {"low_mood": 0.56, "inactivity": 0.52, "fatigue": 0.56}
#: Steepness of each threshold node's logistic curve (illustrative). Doing less changes more gently.
GAIN = {"low_mood": 4.0, "inactivity": 3.0, "fatigue": 4.0}
#: Levels stay between these shares of the scale: nobody's problems are ever exactly zero, and
#: even a stuck loop has better and worse days. Even in a stuck loop most people keep up some
#: activity, so doing less tops out lower (illustrative).
FLOOR = 0.05
CEILING = {"pain": 0.85, "poor_sleep": 0.85, "low_mood": 0.85, "inactivity": 0.75, "fatigue": 0.85}
#: Share of the gap to its target a node closes each day: a few days to settle. Habits of activity
#: change more slowly than the rest (illustrative).
DAILY_RATE = {
    "pain": 0.35,
    "poor_sleep": 0.35,
    "low_mood": 0.35,
    "inactivity": 0.25,
    "fatigue": 0.35,
}
DAYS = 84  # 12 weeks
#: The body's own condition sets a base under pain: condition 10 alone gives this share of the
#: scale (illustrative).
CONDITION_SHARE = 0.6
#: How hard events push, per point of their 0–10 size (illustrative).
FLARE_PUSH = 0.3  # on pain
STRESS_PUSH = 0.12  # on low mood and poor sleep
SHORT_NIGHTS_PUSH = 1.6  # on poor sleep, for each night of a bad run


@dataclass(frozen=True)
class Strategy:
    """A way of stepping into the loop: a documented change to inputs or links from a start day.

    Its label, source and why are words in widgets/content/cycle_scene.toml, [strategies.<key>].
    """

    key: str
    inputs: dict[str, float] = field(default_factory=dict)  # added to a node's push
    link_scale: dict[tuple[str, str], float] = field(default_factory=dict)


STRATEGIES: dict[str, Strategy] = {
    s.key: s
    for s in (
        # Dear et al. 2015; Williams et al. 2020: CBT mostly eases low mood and how much pain
        # gets in the way, with smaller effects on pain itself.
        Strategy(
            "cbt",
            inputs={"low_mood": -0.55},
            link_scale={("low_mood", "pain"): 0.85, ("pain", "low_mood"): 0.9},
        ),
        # Ferreira et al. 2021
        Strategy("medication", inputs={"pain": -0.4}),
        # Fransen et al. 2015; Geneen et al. 2017
        Strategy("activity", inputs={"inactivity": -0.6, "pain": -0.6}),
        # Hilton et al. 2017
        Strategy("relaxation", inputs={"low_mood": -0.3, "poor_sleep": -0.15, "pain": -0.1}),
        # No trial gives a size for social support: the course's own guess.
        Strategy("support", inputs={"low_mood": -0.3}),
        # Finan et al. 2014
        Strategy("sleep", inputs={"poor_sleep": -0.9}),
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
        _check_range("pain_condition", self.pain_condition, 0, 10)
        _check_range("flare_size", self.flare_size, 0, 10)
        _check_range("stress_size", self.stress_size, 0, 10)
        _check_range("variation", self.variation, 0, 1)
        _check_range("days", self.days, 1, 365)
        _check_range("flare_days", self.flare_days, 1, 84)
        if self.flare_day is not None:
            _check_range("flare_day", self.flare_day, 0, self.days - 1)
        for node, level in self.start.items():
            if node not in NODES:
                raise ValueError(f"unknown starting level {node!r}; choose from {', '.join(NODES)}")
            _check_range("start", level, 0, 10, node=node)
        for key, day in self.strategies.items():
            if key not in STRATEGIES:
                raise ValueError(f"unknown strategy {key!r}; choose from {', '.join(STRATEGIES)}")
            _check_range("strategy_day", day, 0, self.days - 1, strategy=key)
        if self.short_sleep_days is not None:
            first, last = self.short_sleep_days
            _check_range("first_short_night", first, 0, self.days - 1)
            _check_range("last_short_night", last, first, self.days - 1)


def _check_range(setting: str, value: float, low: float, high: float, **names: str) -> None:
    """Refuse a value outside its range, in words a learner reads ("That setting could not be
    used: flare day must be between 0 and 83, got 400"): the setting's name and the message are
    in widgets/content/cycle_scene.toml ([settings] and [errors])."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(_say_error("not_a_number", setting, names, value=repr(value)))
    if not low <= value <= high:
        raise ValueError(
            _say_error(
                "out_of_range",
                setting,
                names,
                low=_said(low),
                high=_said(high),
                value=_said(value),
            )
        )


def _said(value: float) -> str:
    """A number in a message as Python writes it ("0.3", "2.0", "400"), with the course
    language's decimal mark ("0,3" in Spanish)."""
    return str(value).replace(".", words("formats")["decimal_mark"])


def _say_error(error: str, setting: str, names: dict[str, str], **values: str) -> str:
    name = word("cycle_scene", "settings", setting).format(**names)
    return word("cycle_scene", "errors", error).format(name=name, **values)


@dataclass(frozen=True)
class Day:
    """One day of a run, on 0–10 scales a person knows (10 = worst for each problem)."""

    day: int
    levels: dict[str, float]
    pushes: dict[tuple[str, str], float]  # link -> how hard it pushed today (0 to its weight)
    drives: dict[str, float] = field(default_factory=dict)  # node -> its total push today
    pain_condition: float = 3.0

    @functools.cached_property
    def effects(self) -> dict[tuple[str, str], float]:
        """link -> how many points (0–10) of its target's level that link holds up today: how
        much lower the target would be heading without it. What the narration and the diagram
        show. Worked out when asked for (the view needs it for one day, not all 84)."""
        return {
            (target, source): round(
                10
                * (
                    _target(target, self.drives[target], self.pain_condition)
                    - _target(target, self.drives[target] - push, self.pain_condition)
                ),
                3,
            )
            for (target, source), push in self.pushes.items()
        }

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
        for (target, source), weight in LINKS.items()
    }


#: The threshold of each threshold node (see THRESHOLD_SHARES).
THRESHOLDS = {
    node: share * sum(w for (target, _s), w in LINKS.items() if target == node)
    for node, share in THRESHOLD_SHARES.items()
}


def _target(node: str, drive: float, pain_condition: float) -> float:
    """Where `node` heads (0–1) for a day's total push `drive`."""
    top = CEILING[node]
    if node in PROPORTIONAL:
        base = (
            FLOOR + (top - FLOOR) * CONDITION_SHARE * pain_condition / 10
            if node == "pain"
            else FLOOR
        )
        return min(top, max(FLOOR, base + PROPORTIONAL[node] * drive))
    return FLOOR + (top - FLOOR) * _logistic(GAIN[node] * (drive - THRESHOLDS[node]))


def _day_inputs(scenario: Scenario, day: int) -> tuple[dict[str, float], dict]:
    """Outside pushes on each node and link changes from strategies and events, for one day."""
    inputs = dict.fromkeys(NODES, 0.0)
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
        inputs["pain"] += scenario.flare_size * FLARE_PUSH
        inputs["low_mood"] += scenario.stress_size * STRESS_PUSH
        inputs["poor_sleep"] += scenario.stress_size * STRESS_PUSH
    if scenario.short_sleep_days and (
        scenario.short_sleep_days[0] <= day <= scenario.short_sleep_days[1]
    ):
        inputs["poor_sleep"] += SHORT_NIGHTS_PUSH
    return inputs, link_scale


#: The links as (target index, source index, weight, key), for the day loop.
_LINK_ROWS = tuple(
    (NODES.index(target), NODES.index(source), weight, (target, source))
    for (target, source), weight in LINKS.items()
)


def simulate(scenario: Scenario) -> list[Day]:
    """Run the loop for `scenario.days` days and return every day's levels and pushes (each day
    works out its links' effects when asked).

    Written with lists and indices rather than helper calls per link: a 12-week run is paid on
    every control change (and about 30 times for the first `trial` of a set of strategies).
    """
    rng = random.Random(scenario.seed)
    condition = float(scenario.pain_condition)
    scale = float(scenario.connectivity)
    rest = _resting_levels(scale, condition)
    u = [scenario.start.get(node, rest[node] * 10) / 10 for node in NODES]
    noise_size = 0.06 * scenario.variation
    rates = [DAILY_RATE[node] for node in NODES]
    targets_of = [functools.partial(_target, node, pain_condition=condition) for node in NODES]
    days: list[Day] = []
    last_scale_key = None
    weights: list[float] = []
    for day in range(scenario.days):
        inputs, link_scale = _day_inputs(scenario, day)
        key = tuple(sorted(link_scale.items()))
        if key != last_scale_key:  # strategies change the links only on their start days
            weights = [w * scale * link_scale.get(k, 1.0) for _t, _s, w, k in _LINK_ROWS]
            last_scale_key = key
        pushes = [weights[i] * u[row[1]] for i, row in enumerate(_LINK_ROWS)]
        drives = [inputs[node] for node in NODES]
        for (target, _source, _w, _k), push in zip(_LINK_ROWS, pushes, strict=True):
            drives[target] += push
        targets = [targets_of[n](drives[n]) for n in range(len(NODES))]
        days.append(
            Day(
                day,
                {node: round(u[n] * 10, 2) for n, node in enumerate(NODES)},
                {row[3]: push for row, push in zip(_LINK_ROWS, pushes, strict=True)},
                dict(zip(NODES, drives, strict=True)),
                condition,
            )
        )
        new = []
        for n in range(len(NODES)):
            noise = rng.gauss(0.0, noise_size) if noise_size else 0.0
            new.append(min(1.0, max(0.0, u[n] + rates[n] * (targets[n] - u[n]) + noise)))
        u = new
    return days


@functools.lru_cache(maxsize=256)
def _resting_levels(connectivity: float, pain_condition: float) -> dict[str, float]:
    """Where the loop settles with no events, starting from no problems at all (0–1 per node).

    Cached: a learner moving other controls keeps the same resting point.
    """
    u = dict.fromkeys(NODES, FLOOR)
    for _ in range(400):
        drives = dict.fromkeys(NODES, 0.0)
        for (target, _source), push in _pushes(u, connectivity, {}).items():
            drives[target] += push
        new = {
            node: u[node]
            + DAILY_RATE[node] * (_target(node, drives[node], pain_condition) - u[node])
            for node in NODES
        }
        settled = max(abs(new[node] - u[node]) for node in NODES) < 1e-9
        u = new
        if settled:
            break
    return u


def resting_levels(connectivity: float = 1.0, pain_condition: float = 3.0) -> dict[str, float]:
    """Where a loop with no events settles, from no problems at all, on 0–10 scales."""
    Scenario(connectivity=connectivity, pain_condition=pain_condition)  # checks the values
    rest = _resting_levels(float(connectivity), float(pain_condition))
    return {node: round(level * 10, 2) for node, level in rest.items()}


def long_run(days: list[Day], last: int = 14) -> dict[str, float]:
    """Average level of each problem over the last `last` days: where the loop has settled."""
    tail = days[-last:]
    return {node: round(sum(d.levels[node] for d in tail) / len(tail), 2) for node in NODES}


def with_strategies(scenario: Scenario, strategies: dict[str, int]) -> Scenario:
    return replace(scenario, strategies=dict(strategies))


# --- the model's own small trial: how strategies are sized -------------------------------------
#
# This loop has two stable states, so one strategy in one loop either changes little (the other
# links pull the loop back) or tips it back to calm. Trials report averages over many people, whose
# loops differ. So each strategy is sized on a made-up "trial": the same flare in 15 loops of
# different tightness and pain, the strategy from day 35 or not, and the average of where they
# settle. `CALIBRATION` lists the averages the lessons cite; tests hold the model to them.

#: (connectivity, pain condition) of the trial's 15 made-up people.
TRIAL_PEOPLE = tuple((c, p) for c in (1.0, 1.1, 1.2, 1.3, 1.4) for p in (3.0, 5.0, 7.0))
TRIAL_FLARE = {"flare_day": 6, "flare_days": 14, "flare_size": 8.0}
TRIAL_START_DAY = 34  # strategies start on day 35, after the flare

#: strategy -> (node, target change, unit) from the lessons' sources: "%" is the change in the
#: trial's average level, "points" the change on the 0-10 scale. Strategies not listed have no
#: trial number behind them (their size is illustrative): docs/models/cycle.md says so.
CALIBRATION: dict[str, tuple[tuple[str, float, str], ...]] = {
    "cbt": (
        ("low_mood", -36.0, "%"),  # Dear et al. 2015: depression scores fell 36% or more
        ("pain", -12.0, "%"),  # Dear et al. 2015: average pain fell 12% or more
    ),
    # Ferreira et al. 2021: SNRIs, back pain, about 5 of 100
    "medication": (("pain", -0.5, "points"),),
    # Fransen et al. 2015: exercise, knee arthritis, about 12 of 100
    "activity": (("pain", -1.2, "points"),),
}


@dataclass(frozen=True)
class TrialResult:
    """Average settled levels (0–10) across the trial's people, with and without strategies."""

    keys: tuple[str, ...]
    without: dict[str, float]
    with_them: dict[str, float]
    stuck: int  # people whose loop stays stuck without the strategies
    unstuck: int  # of those, how many the strategies tip back to calm

    def change(self, node: str) -> float:
        """Change in the average level of `node`, in points (negative = better)."""
        return round(self.with_them[node] - self.without[node], 2)

    def percent(self, node: str) -> float:
        """Change in the average level of `node`, as a % of its average without."""
        return round(100 * (self.with_them[node] - self.without[node]) / self.without[node], 1)


#: A loop counts as stuck when its problems settle at this average level or above (0–10).
STUCK_LEVEL = 5.0


def is_stuck(settled: dict[str, float]) -> bool:
    """Whether settled levels (0–10 per problem) are a stuck loop: the trial and the narration
    use this one rule."""
    return sum(settled.values()) / len(settled) >= STUCK_LEVEL


@functools.lru_cache(maxsize=1)
def _trial_without() -> tuple[dict[str, float], ...]:
    """Where each of the trial's people settles with no strategy (shared by every trial)."""
    return tuple(
        long_run(simulate(Scenario(connectivity=c, pain_condition=p, **TRIAL_FLARE)))
        for c, p in TRIAL_PEOPLE
    )


@functools.lru_cache(maxsize=64)
def trial(keys: tuple[str, ...]) -> TrialResult:
    """The model's trial of strategies `keys` (sorted tuple of strategy keys), cached.

    15 runs (about 25 ms here) per new set of strategies, plus 15 shared runs the first time.
    """
    for key in keys:
        if key not in STRATEGIES:
            raise ValueError(f"unknown strategy {key!r}; choose from {', '.join(STRATEGIES)}")
    totals_without = dict.fromkeys(NODES, 0.0)
    totals_with = dict.fromkeys(NODES, 0.0)
    stuck = unstuck = 0
    for (connectivity, condition), without in zip(TRIAL_PEOPLE, _trial_without(), strict=True):
        person = Scenario(connectivity=connectivity, pain_condition=condition, **TRIAL_FLARE)
        helped = long_run(simulate(with_strategies(person, dict.fromkeys(keys, TRIAL_START_DAY))))
        for node in NODES:
            totals_without[node] += without[node]
            totals_with[node] += helped[node]
        if is_stuck(without):
            stuck += 1
            unstuck += not is_stuck(helped)
    count = len(TRIAL_PEOPLE)
    return TrialResult(
        tuple(keys),
        {node: round(total / count, 2) for node, total in totals_without.items()},
        {node: round(total / count, 2) for node, total in totals_with.items()},
        stuck,
        unstuck,
    )
