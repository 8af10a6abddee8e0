"""Plain sentences for the diary chart: how many days, and where pain, mood and sleep head."""

from __future__ import annotations

from widgets.models.diary import Diary


def _trend(first: float, last: float, higher_is: str) -> str:
    change = last - first
    if abs(change) < 0.5:
        return f"stayed about the same (near {last:.1f})"
    direction = "rose" if change > 0 else "fell"
    better = (change > 0) == (higher_is == "better")
    return f"{direction} from {first:.1f} to {last:.1f}, which is {'better' if better else 'worse'}"


def _hours(first: float, last: float) -> str:
    """Sleep's trend in hours: more is not always better, so it is not called better or worse."""
    if abs(last - first) < 0.25:
        return f"stayed about the same (near {last:.1f} hours)"
    direction = "rose" if last > first else "fell"
    return f"{direction} from {first:.1f} to {last:.1f} hours a night"


def describe_diary(diary: Diary) -> str:
    """What the chart shows, as text: the range of days and the 7-day average trends."""
    if not len(diary):
        return "No days recorded yet. Save a day, or load a diary file, to see your chart."
    entries = list(diary)
    first, last = entries[0].date, entries[-1].date
    days = "1 day" if len(entries) == 1 else f"{len(entries)} days"
    text = f"{days} recorded, from {first.isoformat()} to {last.isoformat()}."
    if len(entries) < 3:
        return text + " Record a few more days to see a trend."
    parts = []
    for field, name, higher_is in (("pain", "Pain", "worse"), ("mood", "Mood", "better")):
        averages = [value for _day, value in diary.seven_day_average(field) if value is not None]
        parts.append(f"{name}'s 7-day average {_trend(averages[0], averages[-1], higher_is)}.")
    sleep = [value for _day, value in diary.seven_day_average("sleep_hours") if value is not None]
    parts.append(f"Sleep's 7-day average {_hours(sleep[0], sleep[-1])}.")
    return " ".join([text, *parts])
