"""A week's rhythm: the lesson to open next, and a weekly reminder as a calendar file.

Why: the programmes with evidence behind them run over weeks (The Pain Course: 5 lessons over 8
weeks, practice in between), so the course suggests one lesson a week and lets a learner put a
weekly check-in in their own calendar. The reminder is an iCalendar file (RFC 5545) the learner
downloads: their calendar app does the reminding; nothing is ever pushed from a server. Standard
library only, so it runs in the browser's kernel too. The file's product id, which names the
language of its text, is in widgets/content/practice.toml (`calendar_product`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from widgets.words import word

#: A week between lessons, as the programmes pace them.
DAYS_BETWEEN_LESSONS = 7
#: How many weekly reminders the calendar file makes (about the length of The Pain Course).
REMINDER_WEEKS = 8
#: The reminder's time of day (local, "floating": it follows the learner's own time zone).
REMINDER_TIME = dt.time(18, 0)
REMINDER_MINUTES = 30
TEXT_LIMIT = 300


def next_lesson(lessons: Sequence[str], current: str) -> str | None:
    """The lesson after `current` in the course's order, or None (the last, or not a lesson)."""
    if current not in lessons:
        return None
    index = list(lessons).index(current)
    return lessons[index + 1] if index + 1 < len(lessons) else None


def _escape(text: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    text = " ".join(str(text).split())[:TEXT_LIMIT]
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 3.1)."""
    data, parts = line.encode("utf-8"), []
    while len(data) > 75:
        cut = 75 if not parts else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    parts.append(data.decode("utf-8"))
    return "\r\n ".join(parts)


def weekly_reminder(
    first_day: dt.date,
    title: str,
    description: str,
    course_id: str,
    made: dt.datetime | None = None,
) -> str:
    """A calendar file with a weekly event, REMINDER_WEEKS times, from `first_day` at
    REMINDER_TIME in the learner's own time zone."""
    if not isinstance(first_day, dt.date):
        raise ValueError("the first reminder needs a date")
    made = made or dt.datetime.now(dt.UTC)
    start = dt.datetime.combine(first_day, REMINDER_TIME)
    end = start + dt.timedelta(minutes=REMINDER_MINUTES)
    seed = f"{course_id}|{first_day.isoformat()}".encode()
    uid = hashlib.sha256(seed).hexdigest()[:24] + "@breaking-the-cycle.invalid"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{word('practice', 'calendar_product')}",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{made.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{start.strftime('%Y%m%dT%H%M%S')}",
        f"DTEND:{end.strftime('%Y%m%dT%H%M%S')}",
        f"RRULE:FREQ=WEEKLY;COUNT={REMINDER_WEEKS}",
        f"SUMMARY:{_escape(title)}",
        f"DESCRIPTION:{_escape(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(title)}",
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
