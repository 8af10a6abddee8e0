"""Plain sentences about a run of the cycle model: the narration and the charts' text alternatives.

Pure functions of model output, computed from the same numbers the charts draw, so they are
tested directly and read the same everywhere. Every sentence is a pattern in
widgets/content/cycle_scene.toml (the problems' names, the links' mechanisms, the strategies'
labels, the narration, one day of a run, a pinned run, "predict first"), filled in here with the
model's numbers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from widgets import formats
from widgets.models.cycle import (
    CALIBRATION,
    NODES,
    STRATEGIES,
    STUCK_LEVEL,
    TRIAL_PEOPLE,
    Day,
    Scenario,
    is_stuck,
    long_run,
    trial,
)
from widgets.words import course_language, words

#: A link holding up at least this many points of its target counts as pushing hard.
HARD_PUSH = 0.5
#: The upper edges of the 0–10 levels the content file's [levels] words name, lowest first.
LEVEL_EDGES = (1.5, 3.5, 5.5, 7.5)


def names() -> dict[str, str]:
    """Each problem's name inside a sentence, by the model's key: {"low_mood": "low mood", ...}."""
    return scene_text()["names"]


def strategy_label(key: str) -> str:
    """A strategy's label, as on its checkbox: "A steady sleep routine"."""
    return scene_text()["strategies"][key]["label"]


def mechanism(link: tuple[str, str]) -> str:
    """What a link (target, source) stands for, in words (lesson 03)."""
    target, source = link
    return scene_text()["mechanisms"][target][source]


def level_word(level: float) -> str:
    """A 0–10 level in words."""
    found = scene_text()["levels"]["words"]
    return found[sum(level >= edge for edge in LEVEL_EDGES)]


def points(amount: float) -> str:
    """An amount of points, to one decimal, with the right word: "1 point", "0.6 points" (with
    the language's decimal mark: "0,6")."""
    whole = f"{abs(amount):.1f}".endswith(".0")  # "1.0" is said "1"
    text = formats.number(abs(amount), 0 if whole else 1)
    return _say("points", "one" if text == "1" else "many", amount=text)


def _levels(levels: dict[str, float]) -> str:
    """Each problem's level, in a list: "pain 3, poor sleep 1, ..."."""
    return ", ".join(
        _say("narration", "level", name=names()[n], level=formats.number(levels[n], 0))
        for n in NODES
    )


def strongest_links(day: Day, count: int = 2) -> list[tuple[tuple[str, str], float]]:
    """The links doing most today: ranked by the points of their target's level each holds up."""
    return sorted(day.effects.items(), key=lambda item: item[1], reverse=True)[:count]


def describe_course(days: list[Day]) -> str:
    """The 12-week chart in words: where each problem starts, peaks and settles."""
    first, settled = days[0].levels, long_run(days)
    parts = []
    for node in NODES:
        top = max(d.levels[node] for d in days)
        reached = next(d for d in days if d.levels[node] >= top - 0.25)
        parts.append(
            _say(
                "narration",
                "course_node",
                name=names()[node].capitalize(),
                start_word=level_word(first[node]),
                start=formats.number(first[node], 0),
                peak=formats.number(top, 0),
                peak_day=reached.day + 1,
                end_word=level_word(settled[node]),
                end=formats.number(settled[node], 0),
            )
        )
    return " ".join(parts)


def _link_phrase(link: tuple[str, str], effect: float) -> str:
    target, source = link
    return _say(
        "narration",
        "link",
        source=names()[source],
        target=names()[target],
        amount=points(effect),
        mechanism=mechanism(link),
    )


def describe_loop(day: Day) -> str:
    """The loop diagram in words: each problem's level and the two links doing most."""
    links = [item for item in strongest_links(day) if item[1] >= HARD_PUSH]
    if not links:
        push_text = _say("narration", "loop_quiet")
    else:
        joined = "; ".join(_link_phrase(*item) for item in links)
        push_text = _say("narration", "loop_pushes", links=joined)
    return _say("narration", "loop", levels=_levels(day.levels), pushes=push_text)


def describe_comparison(without: dict[str, float], with_them: dict[str, float]) -> str:
    """The with-vs-without chart in words, to one decimal so small changes read true."""
    changes = []
    for node in NODES:
        delta = round(with_them[node], 1) - round(without[node], 1)
        if abs(delta) >= 0.5:
            changes.append(
                _say(
                    "narration",
                    "comparison_lower" if delta < 0 else "comparison_higher",
                    name=names()[node],
                    amount=points(delta),
                    now=_one(with_them[node]),
                    then=_one(without[node]),
                )
            )
    if not changes:
        return _say("narration", "comparison_none")
    return _say("narration", "comparison", changes="; ".join(changes))


def describe_settled(settled: dict[str, float]) -> str:
    """The with-vs-without chart in words when no strategy is on: where each problem settles."""
    return _say("narration", "settled", levels=_levels(settled))


def describe_trial(keys: list[str]) -> str:
    """What the chosen strategies do on average across the model's made-up people.

    Said when one loop changes little: in a loop with two stable states, one loop either tips
    back or does not, while a trial reports an average over many people.
    """
    result = trial(tuple(sorted(keys)))
    main = {node for key in keys for node in STRATEGIES[key].inputs} | {
        node for key in keys for node, *_ in CALIBRATION.get(key, ())
    }
    changes = "; ".join(
        _say(
            "narration",
            "trial_change",
            name=names()[node],
            percent=formats.number(abs(result.percent(node)), 0),
        )
        for node in NODES
        if node in main and result.change(node) < 0
    )
    people = _say("narration", "trial_people", count=len(TRIAL_PEOPLE))
    if not changes:
        return _say("narration", "trial_little", people=people)
    tipped = (
        _say("narration", "trial_tipped", unstuck=result.unstuck, stuck=result.stuck)
        if result.stuck
        else ""
    )
    return _say("narration", "trial", people=people, changes=changes, tipped=tipped).strip()


def narrate(scenario: Scenario, days: list[Day], without: list[Day] | None = None) -> str:
    """What is happening and why, in a few sentences (the simulator's live narration)."""
    settled = long_run(days)
    sentences = []
    if scenario.flare_day is not None and scenario.flare_size + scenario.stress_size > 0:
        what = "flare" if scenario.flare_size >= scenario.stress_size else "hard_stretch"
        sentences.append(
            _say("narration", what, start=scenario.flare_day + 1, days=scenario.flare_days)
        )
    if scenario.short_sleep_days:
        first, last = scenario.short_sleep_days
        sentences.append(_say("narration", "short_nights", first=first + 1, last=last + 1))
    before = long_run(without) if without else None
    if is_stuck(settled):
        sentences.append(_say("narration", "stuck"))
    elif before and is_stuck(before):
        sentences.append(_say("narration", "unstuck_by_strategies"))
    elif any(d.levels[n] > settled[n] + 1.5 for d in days for n in NODES):
        sentences.append(_say("narration", "recovered"))
    else:
        sentences.append(_say("narration", "calm"))
    (link, effect), *_ = strongest_links(days[-1], 1)
    if effect >= HARD_PUSH:
        sentences.append(_say("narration", "hardest", link=_link_phrase(link, effect)))
    if scenario.strategies:
        chosen = ", ".join(
            _say("narration", "strategy_from", strategy=strategy_label(key), day=day + 1)
            for key, day in sorted(scenario.strategies.items(), key=lambda item: item[1])
        )
        sentences.append(_say("narration", "strategies", strategies=chosen))
        if before:
            comparison = describe_comparison(before, settled)
            sentences.append(comparison)
            if is_stuck(before) and is_stuck(settled):
                trial_text = describe_trial(list(scenario.strategies))
                sentences.append(_say("narration", "pulled_back", trial=trial_text))
    return " ".join(sentences)


# --- the scene: one day of a run, a pinned run, predict first ---------------------------------


def scene_text() -> dict:
    """The scene's words from widgets/content/cycle_scene.toml, in the course language (read at
    call time; the file is read once and cached by widgets.words)."""
    return words("cycle_scene")


def _say(section: str, key: str, **values) -> str:
    return scene_text()[section][key].format(**values)


def _one(level: float) -> str:
    """A level to one decimal, as the comparison sentences give it (with the language's decimal
    mark)."""
    return formats.number(level, 1)


def day_title(day: int, total: int) -> str:
    """The loop diagram's title on `day` (counted from 1) of a run of `total` days."""
    return _say("day", "last_title" if day == total else "title", day=day)


def describe_day(day: Day, total: int) -> str:
    """The loop diagram on one day in words: that day's levels and the links pushing hardest."""
    text = _say("day", "levels", day=day.day + 1, total=total, levels=_levels(day.levels))
    links = [item for item in strongest_links(day) if item[1] >= HARD_PUSH]
    if links:
        joined = "; ".join(_link_phrase(*item) for item in links)
        return f"{text} {_say('day', 'pushes', links=joined)}"
    return f"{text} {_say('day', 'quiet')}"


def _week_change(name: str, now: float, before: float) -> str:
    change = round(now, 1) - round(before, 1)
    values = {"name": name, "amount": points(change), "level": formats.number(now, 0)}
    if change >= 0.5:
        return _say("day", "week_up", **values)
    if change <= -0.5:
        return _say("day", "week_down", **values)
    return _say("day", "week_same", **values)


def narrate_day(scenario: Scenario, days: list[Day], index: int) -> str:
    """What is going on on day `index` (counted from 0): the events on that day, and how pain
    and low mood moved over the week before it."""
    day = days[index]
    sentences = [_say("day", "heading", day=index + 1, total=len(days))]
    if scenario.flare_day is not None and scenario.flare_size + scenario.stress_size > 0:
        first, last = scenario.flare_day, scenario.flare_day + scenario.flare_days - 1
        if first <= index <= last:
            sentences.append(_say("day", "flare_on", first=first + 1, last=last + 1))
    if scenario.short_sleep_days:
        first, last = scenario.short_sleep_days
        if first <= index <= last:
            sentences.append(_say("day", "nights_on", first=first + 1, last=last + 1))
    for key, start in sorted(scenario.strategies.items(), key=lambda item: item[1]):
        if start == index:
            sentences.append(
                _say("day", "strategy_started", strategy=strategy_label(key), start=start + 1)
            )
    if index == 0:
        sentences.append(_say("day", "first_day"))
    else:
        before = days[max(0, index - 7)]
        changes = [
            _week_change(names()[node], day.levels[node], before.levels[node])
            for node in ("pain", "low_mood")
        ]
        sentence = _say("day", "week", changes="; ".join(changes))
        sentences.append(sentence[0].upper() + sentence[1:])
    return " ".join(sentences)


def describe_course_to(days: list[Day], shown: int) -> str:
    """The 12-week chart in words while it shows only days 1 to `shown`: the whole-run text
    (`describe_course`) once every day is shown."""
    if shown >= len(days):
        return describe_course(days)
    part = days[:shown]
    now = part[-1]
    parts = [_say("course", "so_far", day=shown, total=len(days))]
    for node in NODES:
        top = max(d.levels[node] for d in part)
        peak = next(d for d in part if d.levels[node] >= top - 0.25)
        parts.append(
            _say(
                "course",
                "node_so_far",
                name=names()[node].capitalize(),
                start_word=level_word(part[0].levels[node]),
                start=formats.number(part[0].levels[node], 0),
                peak_day=peak.day + 1,
                peak=formats.number(top, 0),
                now=formats.number(now.levels[node], 0),
                day=shown,
            )
        )
    return " ".join(parts)


#: The problems a pinned run keeps on the chart.
PINNED = ("pain", "low_mood")


def describe_pin(days: list[Day], pinned: list[Day], label: str, shown: int | None = None) -> str:
    """How this run differs from the pinned one, for pain and low mood: where they settle (the
    last two weeks), or on day `shown` while the chart shows only the first days."""
    shown = len(days) if shown is None else shown
    if shown >= len(days):
        now, then = long_run(days), long_run(pinned)
    else:
        now, then = days[shown - 1].levels, pinned[min(shown, len(pinned)) - 1].levels
    changes = []
    for node in PINNED:
        delta = round(now[node], 1) - round(then[node], 1)
        values = {"name": names()[node], "now": _one(now[node]), "then": _one(then[node])}
        if delta <= -0.5:
            changes.append(_say("pinned", "lower", amount=points(delta), **values))
        elif delta >= 0.5:
            changes.append(_say("pinned", "higher", amount=points(delta), **values))
        else:
            changes.append(_say("pinned", "equal", **values))
    first = _say("pinned", "shown", label=label)
    if all(abs(round(now[n], 1) - round(then[n], 1)) < 0.5 for n in PINNED):
        return f"{first} {_say('pinned', 'same')}"
    joined = "; ".join(changes)
    if shown >= len(days):
        return f"{first} {_say('pinned', 'at_end', changes=joined)}"
    return f"{first} {_say('pinned', 'on_day', day=shown, changes=joined)}"


#: The results each kind of prediction can have (the options' keys in the content file).
MEASURES = {
    "rise": ("up", "same", "down"),
    "return": ("back", "high"),
    "stuck": ("unstuck", "stuck"),
}


@dataclass(frozen=True)
class Prediction:
    """A "predict first" prompt for one story: a question, its options, and what is measured."""

    story: str
    question: str
    measure: str
    options: tuple[tuple[str, str], ...]  # (key, text)
    node: str = "pain"

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}; choose from {', '.join(MEASURES)}")
        if self.node not in NODES:
            raise ValueError(f"unknown problem {self.node!r}; choose from {', '.join(NODES)}")
        keys = [key for key, _text in self.options]
        if sorted(keys) != sorted(MEASURES[self.measure]):
            raise ValueError(
                f"the options of {self.story!r} must be {', '.join(MEASURES[self.measure])}"
            )

    def text_of(self, key: str) -> str:
        return dict(self.options)[key]


def predictions() -> dict[str, Prediction]:
    """Every story's prompt from the content file, by story name (checked when read)."""
    return _predictions(course_language())


@functools.cache
def _predictions(language: str) -> dict[str, Prediction]:
    return {
        item["story"]: Prediction(
            item["story"],
            item["question"],
            item["measure"],
            tuple((option["key"], option["text"]) for option in item["options"]),
            item.get("node", "pain"),
        )
        for item in words("cycle_scene", language)["predict"]["stories"]
    }


def _event_days(scenario: Scenario) -> tuple[int, int]:
    """First and last day (from 0) of the run's event: the flare or hard time, else the short
    nights, else the strategies' start to the end."""
    if scenario.flare_day is not None and scenario.flare_size + scenario.stress_size > 0:
        return scenario.flare_day, scenario.flare_day + scenario.flare_days - 1
    if scenario.short_sleep_days:
        return scenario.short_sleep_days
    first = min(scenario.strategies.values(), default=0)
    return first, scenario.days - 1


def outcome(prediction: Prediction, scenario: Scenario, days: list[Day]) -> tuple[str, str]:
    """What the model's run did, as (the matching option's key, a sentence with its numbers)."""
    settled = long_run(days)
    if prediction.measure == "stuck":
        average = _one(sum(settled.values()) / len(settled))
        key = "stuck" if is_stuck(settled) else "unstuck"
        sentence = _say("predict", key, average=average)
        return key, f"{sentence} {_say('predict', 'why_stuck', level=formats.number(STUCK_LEVEL))}"
    node, name = prediction.node, names()[prediction.node]
    first, last = _event_days(scenario)
    start = days[max(0, first - 1)]
    window = days[first : min(len(days), last + 8)]
    before, end = start.levels[node], settled[node]
    peak = max(window, key=lambda d: d.levels[node])
    low = min(window, key=lambda d: d.levels[node])
    values = {"name": name, "before": _one(before), "end": _one(end)}
    if prediction.measure == "return":
        key = "back" if end - before < 1.0 else "high"
        sentence = "came_back" if key == "back" else "stayed_high"
        return key, _say("predict", sentence, peak=_one(peak.levels[node]), **values)
    values["before_day"] = start.day + 1
    if peak.levels[node] - before >= 0.5:
        return "up", _say(
            "predict", "went_up", peak=_one(peak.levels[node]), peak_day=peak.day + 1, **values
        )
    if low.levels[node] - before <= -0.5:
        return "down", _say(
            "predict", "went_down", low=_one(low.levels[node]), low_day=low.day + 1, **values
        )
    return "same", _say("predict", "stayed", **values)


def describe_guess(prediction: Prediction, guess: str, scenario: Scenario, days: list[Day]) -> str:
    """The learner's guess beside the model's result, computed from the run."""
    key, sentence = outcome(prediction, scenario, days)
    verdict = "guessed_right" if guess == key else "guessed_wrong"
    return f"{_say('predict', verdict, guess=prediction.text_of(guess))} {sentence}"
