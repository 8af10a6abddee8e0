"""Plain sentences about a run of the cycle model: the narration and the charts' text alternatives.

Pure functions of model output, computed from the same numbers the charts draw, so they are
tested directly and read the same everywhere.
"""

from __future__ import annotations

from widgets.models.cycle import (
    CALIBRATION,
    LINKS,
    NODES,
    STRATEGIES,
    TRIAL_PEOPLE,
    Day,
    Scenario,
    is_stuck,
    long_run,
    trial,
)

NAMES = {
    "pain": "pain",
    "poor_sleep": "poor sleep",
    "low_mood": "low mood",
    "inactivity": "doing less",
    "fatigue": "tiredness",
}
#: A link holding up at least this many points of its target counts as pushing hard.
HARD_PUSH = 0.5


def level_word(level: float) -> str:
    """A 0–10 level in words."""
    if level < 1.5:
        return "very low"
    if level < 3.5:
        return "low"
    if level < 5.5:
        return "moderate"
    if level < 7.5:
        return "high"
    return "very high"


def points(amount: float) -> str:
    """An amount of points, to one decimal, with the right word: "1 point", "0.6 points"."""
    text = f"{abs(amount):.1f}".removesuffix(".0")
    return f"{text} point" if text == "1" else f"{text} points"


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
            f"{NAMES[node].capitalize()} starts {level_word(first[node])} "
            f"({first[node]:.0f} of 10), reaches its highest, {top:.0f}, by day "
            f"{reached.day + 1} and ends {level_word(settled[node])} ({settled[node]:.0f} of 10)."
        )
    return " ".join(parts)


def _link_phrase(link: tuple[str, str], effect: float) -> str:
    target, source = link
    return (
        f"{NAMES[source]} → {NAMES[target]} adds {points(effect)} to {NAMES[target]} "
        f"({LINKS[link][1]})"
    )


def describe_loop(day: Day) -> str:
    """The loop diagram in words: each problem's level and the two links doing most."""
    levels = ", ".join(f"{NAMES[n]} {day.levels[n]:.0f}" for n in NODES)
    links = [item for item in strongest_links(day) if item[1] >= HARD_PUSH]
    if not links:
        push_text = "No link is pushing hard: the loop is quiet."
    else:
        push_text = "The strongest pushes: " + "; ".join(_link_phrase(*item) for item in links)
        push_text += "."
    return f"On the last day, out of 10: {levels}. {push_text}"


def describe_comparison(without: dict[str, float], with_them: dict[str, float]) -> str:
    """The with-vs-without chart in words, to one decimal so small changes read true."""
    changes = []
    for node in NODES:
        delta = round(with_them[node], 1) - round(without[node], 1)
        if abs(delta) >= 0.5:
            direction = "lower" if delta < 0 else "higher"
            changes.append(
                f"{NAMES[node]} {points(delta)} {direction} "
                f"({with_them[node]:.1f} instead of {without[node]:.1f})"
            )
    if not changes:
        return "Your strategies change where the loop settles by less than half a point."
    return "By the end, with your strategies: " + "; ".join(changes) + "."


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
        f"{NAMES[node]} by {abs(result.percent(node)):.0f}%"
        for node in NODES
        if node in main and result.change(node) < 0
    )
    who = f"{len(TRIAL_PEOPLE)} made-up people like this one"
    if not changes:
        return f"Across {who}, these steps change little on average."
    tipped = (
        f"That average comes from tipping {result.unstuck} of the {result.stuck} stuck loops back "
        "to calm while the rest stay stuck. A trial's average can hide the same mix."
        if result.stuck
        else ""
    )
    return f"Across {who}, the same steps lower {changes} on average. {tipped}".strip()


def narrate(scenario: Scenario, days: list[Day], without: list[Day] | None = None) -> str:
    """What is happening and why, in a few sentences (the simulator's live narration)."""
    settled = long_run(days)
    sentences = []
    if scenario.flare_day is not None and scenario.flare_size + scenario.stress_size > 0:
        what = "A pain flare" if scenario.flare_size >= scenario.stress_size else "A hard stretch"
        start = scenario.flare_day + 1
        sentences.append(f"{what} starts on day {start} and lasts {scenario.flare_days} days.")
    if scenario.short_sleep_days:
        first, last = scenario.short_sleep_days
        sentences.append(f"Nights are short from day {first + 1} to day {last + 1}.")
    before = long_run(without) if without else None
    if is_stuck(settled):
        sentences.append(
            "The loop is stuck: pain, poor sleep and low mood keep each other high, "
            "even when the event that started it is over."
        )
    elif before and is_stuck(before):
        sentences.append(
            "Without your strategies the loop would stay stuck; with them it settles back down."
        )
    elif any(d.levels[n] > settled[n] + 1.5 for d in days for n in NODES):
        sentences.append("Things got worse for a while, then the loop settled back down by itself.")
    else:
        sentences.append("The loop stays fairly calm.")
    (link, effect), *_ = strongest_links(days[-1], 1)
    if effect >= HARD_PUSH:
        sentences.append(f"Right now the hardest push is {_link_phrase(link, effect)}.")
    if scenario.strategies:
        names = ", ".join(
            f"{STRATEGIES[key].label} from day {day + 1}"
            for key, day in sorted(scenario.strategies.items(), key=lambda item: item[1])
        )
        sentences.append(f"Your strategies: {names}.")
        if before:
            comparison = describe_comparison(before, settled)
            sentences.append(comparison)
            if is_stuck(before) and is_stuck(settled):
                sentences.append(
                    "In a loop this stuck, the other links keep pulling it back. "
                    + describe_trial(list(scenario.strategies))
                )
    return " ".join(sentences)
