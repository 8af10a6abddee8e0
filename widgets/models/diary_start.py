"""Start the cycle simulator from the learner's own last two weeks (issue 13, "personal
relevance"): their diary's averages become the loop's starting levels.

Illustrative, and labelled so where it is shown: the diary measures four of the loop's five
problems on everyday scales, and the mapping below is the course's own choice, not a published
one. It sets only where the run starts; the loop's links stay the simulator's. Standard library
only, like every model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from widgets.models.diary import Diary

#: The window read: the two weeks up to the learner's latest diary day (or today).
WINDOW_DAYS = 14
#: Fewer days than this in the window and the averages say too little to start from.
MIN_DAYS = 7
#: Active minutes a day at or above which inactivity starts at 0 (about 150 minutes a week, the
#: usual adult activity guideline, spread over the days); none starts it at 10.
ACTIVE_ENOUGH_MINUTES = 21.4


@dataclass(frozen=True)
class DiaryStart:
    """The loop's starting levels (0–10, higher = worse) and how many diary days they came from."""

    levels: dict[str, float]
    days: int
    first: dt.date
    last: dt.date


def recent_days(diary: Diary, today: dt.date | None = None) -> list:
    """The diary's entries in the WINDOW_DAYS up to `today` (default: the latest entry)."""
    entries = list(diary)
    if not entries:
        return []
    end = today or entries[-1].date
    start = end - dt.timedelta(days=WINDOW_DAYS - 1)
    return [e for e in entries if start <= e.date <= end]


def start_from_diary(diary: Diary, today: dt.date | None = None) -> DiaryStart | None:
    """Starting levels from the last two weeks, or None with fewer than MIN_DAYS days there.

    pain = average pain; low mood = 10 − average mood (mood 10 = best); poor sleep = 10 − average
    sleep quality; inactivity = 10 × (1 − average active minutes / ACTIVE_ENOUGH_MINUTES), never
    below 0. Fatigue is not in the diary, so the simulator's own start is kept for it.
    """
    days = recent_days(diary, today)
    if len(days) < MIN_DAYS:
        return None

    def mean(field: str) -> float:
        return sum(getattr(e, field) for e in days) / len(days)

    minutes = mean("active_minutes")
    levels = {
        "pain": mean("pain"),
        "low_mood": 10 - mean("mood"),
        "poor_sleep": 10 - mean("sleep_quality"),
        "inactivity": 10 * max(0.0, 1 - minutes / ACTIVE_ENOUGH_MINUTES),
    }
    levels = {node: round(min(10.0, max(0.0, value)), 1) for node, value in levels.items()}
    return DiaryStart(levels, len(days), days[0].date, days[-1].date)
