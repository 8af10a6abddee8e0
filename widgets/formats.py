"""Numbers and dates as the course language writes them (widgets/content/formats.toml).

A describer says "7.5 hours" in English and "7,5 horas" in Spanish from the same number the chart
draws. Full dates stay ISO (2024-03-07) in every language: unambiguous, and what the learner's
record and its backups store. Standard library only: models and describers use it.
"""

from __future__ import annotations

import datetime as dt

from widgets.words import words


def number(value: float, places: int | None = None, language: str | None = None) -> str:
    """`value` with `places` decimals (None: as short as it goes, like "{:g}"), with the
    language's decimal mark."""
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", words("formats", language)["decimal_mark"])


def whole(value: int, language: str | None = None) -> str:
    """A whole number with the language's thousands mark: "3,660" in English, "3 660" in Spanish
    (a comma there would read as a decimal mark)."""
    return f"{value:,}".replace(",", words("formats", language)["thousands_mark"])


def day_month(day: dt.date, language: str | None = None) -> str:
    """A short label for a chart's day axis: "07 Mar", "07 mar"."""
    said = words("formats", language)
    return said["day_month"].format(day=f"{day.day:02d}", month=said["months_short"][day.month - 1])


def date_words(day: dt.date, language: str | None = None) -> str:
    """A date in words, for a sentence: "7 March 2024", "7 de marzo de 2024"."""
    said = words("formats", language)
    return said["date_words"].format(
        day=day.day, month=said["months"][day.month - 1], year=day.year
    )
