"""A week's rhythm: the next lesson and the weekly calendar reminder (RFC 5545)."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets.models.practice import (
    DAYS_BETWEEN_LESSONS,
    REMINDER_WEEKS,
    next_lesson,
    weekly_reminder,
)

LESSONS = ["00_welcome.ipynb", "01_a.ipynb", "02_b.ipynb"]
MADE = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


def test_the_rhythm_is_a_lesson_a_week_for_eight_weeks():
    assert DAYS_BETWEEN_LESSONS == 7 and REMINDER_WEEKS == 8


def test_next_lesson_follows_the_course_order():
    assert next_lesson(LESSONS, "00_welcome.ipynb") == "01_a.ipynb"
    assert next_lesson(LESSONS, "02_b.ipynb") is None
    assert next_lesson(LESSONS, "not_listed.ipynb") is None


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_the_reminder_is_a_weekly_event_in_the_learners_own_time_zone():
    text = weekly_reminder(dt.date(2026, 12, 9), "Course: lesson", "Do it", "course", MADE)
    lines = unfolded(text)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "DTSTART:20261209T180000" in lines  # floating local time: no Z, no TZID
    assert "DTEND:20261209T183000" in lines
    assert "RRULE:FREQ=WEEKLY;COUNT=8" in lines
    assert "DTSTAMP:20261202T093000Z" in lines
    assert any(line.startswith("UID:") and line.endswith(".invalid") for line in lines)
    assert lines.count("BEGIN:VEVENT") == 1 and "TRIGGER:PT0M" in lines


def test_text_is_escaped_and_long_lines_folded_without_splitting_a_character():
    title = "Breaking, the; Cycle\\ " + "é" * 80
    text = weekly_reminder(dt.date(2026, 1, 5), title, "line one\nline two", "c", MADE)
    assert "SUMMARY:Breaking\\, the\\; Cycle\\\\ " in unfolded(text)[10]
    assert "DESCRIPTION:line one line two" in unfolded(text)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        line.encode("utf-8").decode("utf-8")  # each folded piece is whole UTF-8


def test_the_same_course_and_day_give_the_same_uid_so_a_second_import_updates_it():
    first = weekly_reminder(dt.date(2026, 1, 5), "t", "d", "c", MADE)
    again = weekly_reminder(dt.date(2026, 1, 5), "t", "d", "c", MADE + dt.timedelta(days=1))
    uid = [line for line in unfolded(first) if line.startswith("UID:")]
    assert uid == [line for line in unfolded(again) if line.startswith("UID:")]


def test_a_reminder_needs_a_date():
    with pytest.raises(ValueError, match="needs a date"):
        weekly_reminder("2026-01-05", "t", "d", "c")


def test_the_product_id_names_the_language_of_the_text_and_comes_from_the_content_file():
    from widgets.words import word

    product = word("practice", "calendar_product")
    assert product == "-//Breaking the Cycle//weekly check-in//EN"
    text = weekly_reminder(dt.date(2026, 1, 5), "t", "d", "c", MADE)
    assert f"\r\nPRODID:{product}\r\n" in text
