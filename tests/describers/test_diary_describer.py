"""The diary describer names the span of days and the direction of the averages."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tests.content_calls import problems as content_problems
from widgets.describers.diary import describe_diary
from widgets.models.diary import Diary, Entry
from widgets.views.diary import diary_lines


def diary(pains, moods):
    start = date(2026, 1, 1)
    return Diary(
        tuple(
            Entry(start + timedelta(days=i), pain, 7.0, 5, mood, 30)
            for i, (pain, mood) in enumerate(zip(pains, moods, strict=True))
        )
    )


def test_empty_and_short_diaries_say_what_to_do():
    assert "No days recorded yet" in describe_diary(Diary())
    assert "a few more days" in describe_diary(diary([5], [5]))


def test_falling_pain_and_rising_mood_are_both_called_better():
    text = describe_diary(diary([8] * 7 + [3] * 7, [2] * 7 + [7] * 7))
    assert "14 days recorded, from 2026-01-01 to 2026-01-14" in text
    assert "Pain's 7-day average fell from 8.0 to 3.0, which is better" in text
    assert "Mood's 7-day average rose from 2.0 to 7.0, which is better" in text


def test_steady_values_are_called_steady():
    assert "stayed about the same" in describe_diary(diary([5] * 5, [5] * 5))


def test_sleep_trend_is_in_hours_and_not_called_better_or_worse():
    start = date(2026, 1, 1)
    nights = [5.0] * 7 + [8.0] * 7
    record = Diary(
        tuple(Entry(start + timedelta(days=i), 5, h, 5, 5, 30) for i, h in enumerate(nights))
    )
    text = describe_diary(record)
    sleep = text[text.index("Sleep's") :]
    assert sleep == "Sleep's 7-day average rose from 5.0 to 8.0 hours a night."
    assert "near 7.0 hours" in describe_diary(diary([5] * 5, [5] * 5))


def test_the_words_come_from_the_same_averages_as_the_chart():
    """The numbers the describer says are the first and last points of the chart's 7-day
    average lines (widgets/views/diary.py draws them)."""
    start = date(2026, 1, 1)
    record = Diary(
        tuple(
            Entry(start + timedelta(days=i), 9 - i // 2, 4.0 + i / 4, 5, 1 + i // 3, 30)
            for i in range(12)
        )
    )
    averages = {line.name: line.ys for line in diary_lines(record) if ", 7-day" in line.name}
    text = describe_diary(record)
    for name, said in (("Pain", "Pain's"), ("Mood", "Mood's"), ("Hours of sleep", "Sleep's")):
        ys = averages[f"{name}, 7-day average"]
        found = re.search(rf"{said} 7-day average \w+ from ([\d.]+) to ([\d.]+)", text)
        assert found and found.groups() == (f"{ys[0]:.1f}", f"{ys[-1]:.1f}"), (name, text)


def test_every_sentence_the_describer_looks_up_is_in_diary_toml_with_its_fields():
    assert content_problems("diary", "widgets/describers/diary.py", {"say": ()}) == []
