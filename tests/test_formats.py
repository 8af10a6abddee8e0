"""Numbers and short dates follow the course language (widgets/formats.py)."""

from __future__ import annotations

import datetime as dt

from widgets.formats import date_words, day_month, number, whole


def test_numbers_use_the_languages_decimal_mark():
    assert number(7.5, 1, "en") == "7.5" and number(7.5, 1, "es") == "7,5"
    assert number(7.0, language="en") == "7" and number(0.25, language="es") == "0,25"
    assert number(12, 0, "es") == "12"


def test_chart_day_labels_use_the_languages_month_names():
    day = dt.date(2024, 3, 7)
    assert day_month(day, "en") == "07 Mar" == day.strftime("%d %b")  # as the diary chart drew
    assert day_month(day, "es") == "07 mar"
    assert [day_month(dt.date(2024, m, 1), "es")[3:] for m in (1, 8, 12)] == ["ene", "ago", "dic"]


def test_dates_in_sentences_use_the_languages_words():
    day = dt.date(2024, 3, 7)
    assert date_words(day, "en") == "7 March 2024" == f"{day.day} {day:%B %Y}"
    assert date_words(day, "es") == "7 de marzo de 2024"


def test_large_numbers_use_the_languages_thousands_mark():
    assert whole(3660, "en") == "3,660" == f"{3660:,}"
    assert whole(3660, "es") == "3\u00a0660" and whole(999, "es") == "999"
