"""Plain sentences for the pacing planner: the baseline, the plan chart, the boom-and-bust chart,
and the plan as a text file to download.

The sentences are in widgets/content/pacing.toml ([describe], [download], [units]); the numbers
are the same ones the charts draw (widgets/models/pacing.py), so what the words say and what the
picture shows cannot drift apart. The activity's name is learner text: these are plain text, to
be escaped where they are shown as HTML.
"""

from __future__ import annotations

import math

from widgets import formats
from widgets.course_config import course_settings
from widgets.models.pacing import Day, PlanWeek, summary
from widgets.words import word, words

CONTENT = "pacing"


def _say(section: str, key: str, **values: object) -> str:
    return word(CONTENT, section, key).format(**values)


def minutes(value: float) -> str:
    """ "1 minute", "7.5 minutes": a number of minutes as the sentences say it (with the
    language's decimal mark: "7,5 minutos")."""
    text = formats.number(value)
    return _say("units", "one" if text == "1" else "many", n=text)


def numbers_listed(values: list[float]) -> str:
    """Numbers in a list, "20, 25, 7.5": with a decimal comma, "20; 25; 7,5", so that the
    separator cannot be read as a decimal mark."""
    said = [formats.number(value) for value in values]
    return ("; " if any("," in text for text in said) else ", ").join(said)


def _share(value: float) -> str:
    return f"{value:.0%}"


def baseline_sentence(label: str, days: list[float], base: float) -> str:
    """What the baseline is and where it came from, with a tip when there are few or many days."""
    count = len(days)
    text = _say("describe", "baseline", activity=label, baseline=minutes(base), count=count)
    if count < 3:
        text += " " + _say("describe", "few_days")
    elif count > 7:
        text += " " + _say("describe", "many_days")
    return text


def describe_plan(
    label: str, weeks: list[PlanWeek], base: float, share: float, goal: float | None
) -> str:
    """The plan chart's text alternative: where the plan starts and ends, the goal, every week."""
    first, last = weeks[0], weeks[-1]
    parts = [
        _say(
            "describe",
            "plan",
            activity=label,
            start=minutes(first.minutes_per_day),
            share=_share(share),
            baseline=minutes(base),
        )
    ]
    if len(weeks) == 1:
        parts.append(_say("describe", "one_week"))
    elif last.minutes_per_day == first.minutes_per_day:
        parts.append(_say("describe", "flat", weeks=len(weeks)))
    else:
        parts.append(_say("describe", "rises", end=minutes(last.minutes_per_day), week=last.week))
    if goal is not None:
        reached = next((w.week for w in weeks if w.minutes_per_day >= math.floor(goal)), None)
        if reached == 1 and first.minutes_per_day == math.floor(goal):
            parts.append(_say("describe", "goal_at_start", goal=minutes(goal)))
        elif reached:
            parts.append(_say("describe", "goal_reached", goal=minutes(goal), week=reached))
        else:
            parts.append(_say("describe", "goal_beyond", goal=minutes(goal)))
    weekly = "; ".join(
        _say("describe", "week", week=w.week, minutes=w.minutes_per_day) for w in weeks
    )
    return " ".join(parts) + "\n" + _say("describe", "weekly", weeks=weekly)


def describe_comparison(boom: list[Day], steady: list[Day]) -> str:
    """The comparison chart's text alternative: flares, rest days, the range and the totals."""
    b, s = summary(boom), summary(steady)
    spread = (
        minutes(s.lowest)
        if s.lowest == s.highest
        else _say("describe", "spread", lowest=minutes(s.lowest), highest=minutes(s.highest))
    )
    return _say(
        "describe",
        "comparison",
        days=len(boom),
        flares=b.flares,
        highest=minutes(b.highest),
        rest_days=b.rest_days,
        lowest=minutes(b.lowest),
        spread=spread,
        boom_total=minutes(b.total_minutes),
        paced_total=minutes(s.total_minutes),
    )


def plan_text(
    name: str,
    days: list[float],
    base: float,
    share: float,
    increase: float,
    weeks: list[PlanWeek],
    goal: float | None,
) -> str:
    """The plan as plain text for the learner to download or print."""
    say = words(CONTENT)["download"]
    footer = say["footer"].format(course=course_settings().title)  # the title course.toml gives
    title = say["title_named"].format(activity=name) if name else say["title"]
    lines = [
        title,
        "=" * len(title),
        "",
        say["days"].format(days=numbers_listed(days)),
        say["baseline"].format(baseline=minutes(base)),
        say["start"].format(share=_share(share)),
        say["increase"].format(increase=_share(increase)),
        say["goal"].format(goal=minutes(goal)) if goal is not None else say["no_goal"],
        "",
        say["weeks"],
    ]
    lines += [
        "  " + say["week"].format(week=w.week, minutes=minutes(w.minutes_per_day)) for w in weeks
    ]
    lines += ["", say["tips_heading"], *(f"- {tip}" for tip in say["tips"]), "", footer]
    return "\n".join(lines) + "\n"


def kind_label(kind: str) -> str:
    """What a kind of day in the made-up series is, in words ("Resting after a flare")."""
    return word(CONTENT, "kinds", kind)
