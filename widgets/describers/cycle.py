"""Plain sentences about a run of the cycle model: the narration and the charts' text alternatives.

Pure functions of model output, so they are tested directly and read the same everywhere.
"""

from __future__ import annotations

from widgets.models.cycle import LINKS, NODES, STRATEGIES, Day, Scenario, long_run

NAMES = {
    "pain": "pain",
    "poor_sleep": "poor sleep",
    "low_mood": "low mood",
    "inactivity": "doing less",
    "fatigue": "tiredness",
}
STUCK_LEVEL = 5.0


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


def is_stuck(settled: dict[str, float]) -> bool:
    return sum(settled.values()) / len(settled) >= STUCK_LEVEL


def strongest_links(day: Day, count: int = 2) -> list[tuple[tuple[str, str], float]]:
    return sorted(day.pushes.items(), key=lambda item: item[1], reverse=True)[:count]


def describe_course(days: list[Day]) -> str:
    """The 12-week chart in words: where each problem starts, peaks and settles."""
    first, settled = days[0].levels, long_run(days)
    parts = []
    for node in ("pain", "low_mood", "poor_sleep", "inactivity"):
        top = max(d.levels[node] for d in days)
        reached = next(d for d in days if d.levels[node] >= top - 0.25)
        parts.append(
            f"{NAMES[node].capitalize()} starts {level_word(first[node])} "
            f"({first[node]:.0f} of 10), reaches its highest, {top:.0f}, by day "
            f"{reached.day + 1} and ends {level_word(settled[node])} ({settled[node]:.0f} of 10)."
        )
    return " ".join(parts)


def describe_loop(day: Day) -> str:
    """The loop diagram in words: each problem's level and the two links pushing hardest."""
    levels = ", ".join(f"{NAMES[n]} {day.levels[n]:.0f}" for n in NODES)
    pushes = strongest_links(day)
    if pushes[0][1] < 0.3:
        push_text = "No link is pushing hard: the loop is quiet."
    else:
        push_text = "The strongest pushes: " + "; ".join(
            f"{NAMES[source]} → {NAMES[target]} ({LINKS[(target, source)][1]})"
            for (target, source), _value in pushes
        )
        push_text += "."
    return f"On the last day, out of 10: {levels}. {push_text}"


def describe_comparison(without: dict[str, float], with_them: dict[str, float]) -> str:
    """The with-vs-without chart in words."""
    changes = []
    for node in NODES:
        delta = with_them[node] - without[node]
        if abs(delta) >= 0.5:
            direction = "lower" if delta < 0 else "higher"
            changes.append(
                f"{NAMES[node]} {abs(delta):.0f} points {direction} "
                f"({with_them[node]:.0f} instead of {without[node]:.0f})"
            )
    if not changes:
        return "Your strategies change where the loop settles by less than half a point."
    return "By the end, with your strategies: " + "; ".join(changes) + "."


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
    top = strongest_links(days[-1], 1)[0]
    if top[1] >= 0.3:
        (target, source), _ = top
        sentences.append(
            f"Right now the hardest push is {NAMES[source]} → {NAMES[target]}: "
            f"{LINKS[(target, source)][1]}."
        )
    if scenario.strategies:
        names = ", ".join(
            f"{STRATEGIES[key].label} from day {day + 1}"
            for key, day in sorted(scenario.strategies.items(), key=lambda item: item[1])
        )
        sentences.append(f"Your strategies: {names}.")
        if before:
            sentences.append(describe_comparison(before, settled))
    return " ".join(sentences)
