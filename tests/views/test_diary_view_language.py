"""The diary's chart and table follow the course language: the day axis names the months as
widgets/content/<language>/formats.toml does ("07 mar"), and hours of sleep take its decimal mark
("7,5"). The English is what the chart always drew (strftime("%d %b") in the C locale)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import widgets.words
from widgets.models.diary import Diary, Entry
from widgets.ui.svg import wide_part
from widgets.views.diary import diary_svg, diary_table

START = dt.date(2024, 3, 7)
DAYS = Diary(tuple(Entry(START + dt.timedelta(days=n), 4, 7.5, 5, 6, 30) for n in range(0, 36, 5)))


def axis_labels(svg: str) -> list[str]:
    """The chart's day labels ("07 Mar"): two digits, a space and a month word."""
    return re.findall(r">(\d\d [^\W\d_]+)<", wide_part(svg))


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setattr(widgets.words, "course_language", lambda: "es")


def test_the_day_axis_names_the_months_in_english():
    labels = axis_labels(diary_svg(DAYS))
    assert labels[0] == "07 Mar" == START.strftime("%d %b")
    assert {label[3:] for label in labels} == {"Mar", "Apr"}


def test_the_day_axis_names_the_months_in_spanish(spanish):
    labels = axis_labels(diary_svg(DAYS))
    assert labels[0] == "07 mar"
    assert {label[3:] for label in labels} == {"mar", "abr"}


def test_hours_of_sleep_in_the_table_take_the_languages_decimal_mark(spanish, monkeypatch):
    assert "<td>7,5</td>" in diary_table(list(DAYS)) and "7.5" not in diary_table(list(DAYS))
    monkeypatch.setattr(widgets.words, "course_language", lambda: "en")
    assert "<td>7.5</td>" in diary_table(list(DAYS))
