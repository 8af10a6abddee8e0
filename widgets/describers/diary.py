"""Plain sentences for the diary chart: how many days, and where pain, mood and sleep head.

The sentences are in widgets/content/diary.toml [describe]; the numbers are the chart's own (the
7-day averages of widgets/models/diary.py).
"""

from __future__ import annotations

from widgets import formats
from widgets.models.diary import Diary, day_count, say


def _trend(first: float, last: float, higher_is: str) -> str:
    change = last - first
    if abs(change) < 0.5:
        return say("describe", "same", last=formats.number(last, 1))
    better = (change > 0) == (higher_is == "better")
    verdict = say("describe", "better" if better else "worse")
    return say(
        "describe",
        "rose" if change > 0 else "fell",
        first=formats.number(first, 1),
        last=formats.number(last, 1),
        verdict=verdict,
    )


def _hours(first: float, last: float) -> str:
    """Sleep's trend in hours: more is not always better, so it is not called better or worse."""
    if abs(last - first) < 0.25:
        return say("describe", "same_hours", last=formats.number(last, 1))
    key = "rose_hours" if last > first else "fell_hours"
    return say("describe", key, first=formats.number(first, 1), last=formats.number(last, 1))


def describe_diary(diary: Diary) -> str:
    """What the chart shows, as text: the range of days and the 7-day average trends."""
    if not len(diary):
        return say("describe", "empty")
    entries = list(diary)
    first, last = entries[0].date, entries[-1].date
    text = say(
        "describe",
        "recorded",
        days=day_count(len(entries)),
        first=first.isoformat(),
        last=last.isoformat(),
    )
    if len(entries) < 3:
        return text + " " + say("describe", "few")
    parts = []
    for field, higher_is in (("pain", "worse"), ("mood", "better")):
        averages = [value for _day, value in diary.seven_day_average(field) if value is not None]
        parts.append(say("describe", field, trend=_trend(averages[0], averages[-1], higher_is)))
    sleep = [value for _day, value in diary.seven_day_average("sleep_hours") if value is not None]
    parts.append(say("describe", "sleep", trend=_hours(sleep[0], sleep[-1])))
    return " ".join([text, *parts])
