"""Plain sentences for the "My progress" page: the charts' text alternatives and the readings.

Pure functions of widgets/models/progress.py's output, so they say the same numbers the charts
draw (the model rounds them once). Every learner-facing word is a pattern in
widgets/content/my_progress.toml, filled in here. Sentences are short (grade 6 to 8). Paragraphs
are separated by "\n": the chart wrapper (widgets/ui/plots.py) shows each as its own paragraph.
"""

from __future__ import annotations

from datetime import date

from widgets import formats
from widgets.models.progress import (
    MIN_NIGHTS,
    ChangeReading,
    ChangeReadings,
    NightsReading,
    PainPoint,
    ScorePoint,
    WeekAverage,
)
from widgets.words import words as content_words

#: Up to this many checks are listed one by one; more are summed up (first, range, latest).
LISTED = 6
#: A week with fewer diary days than this gets the "less steady average" note.
FEW_DAYS = 4


def words() -> dict:
    """The page's words from widgets/content/my_progress.toml, in the course language."""
    return content_words("my_progress")


def say(section: str, key: str, **values: object) -> str:
    """One pattern from the words file with its {names} filled in (plain text, not HTML)."""
    return words()[section][key].format(**values)


def raw(section: str, key: str) -> str:
    """A text from the words file as it is (for plotly hover templates, whose %{x} must stay)."""
    return words()[section][key]


def count(name: str, n: float) -> str:
    """ "1 mood check", "3 mood checks", "0.5 points"."""
    one, many = words()["counts"][name]
    return (one if n == 1 else many).format(n=number(n))


def number(value: float) -> str:
    """A number as the chart shows it: one decimal at most, "6" rather than "6.0" (with the
    language's decimal mark: "6,5" in Spanish)."""
    return formats.number(float(f"{value:.1f}"))


def day_text(day: date) -> str:
    """A date in words: "7 March 2024", "7 de marzo de 2024"."""
    return formats.date_words(day)


def join(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {words()['counts']['and']} {items[-1]}"


# ---- mood self-checks ----------------------------------------------------------------------


def _span(reading: ChangeReading, key: str) -> str:
    return say("change", key, earlier=day_text(reading.earlier), later=day_text(reading.later))


def describe_reading(reading: ChangeReading, span_key: str) -> str:
    """One comparison: how the score moved, what that can be read as, and any version note."""
    span = _span(reading, span_key)
    change = reading.change or 0
    values = {
        "span": span,
        "score": say("change", "shared_score" if reading.mixed_versions else "score"),
        "before": reading.earlier_score,
        "after": reading.later_score,
    }
    parts = [say("change", "mixed")] if reading.mixed_versions else []
    if change == 0:
        parts.append(say("change", "same", **values))
    else:
        key = "down" if change < 0 else "up"
        parts.append(say("change", key, points=count("point", abs(change)), **values))
        parts.append(say("change", reading.kind))
    if reading.phq8:
        parts.append(say("change", "phq8"))
    return " ".join(parts)


def describe_change(readings: ChangeReadings) -> str:
    """The honest reading of change: first to latest and, with 3 or more checks, the latest two.
    Empty when there are no checks (the page shows its empty message instead)."""
    first = readings.first_to_latest
    if first.kind == "too_few":
        return say("change", "too_few") if first.checks else ""
    if readings.same_pair:
        return describe_reading(first, "only_two")
    return "\n".join(
        [
            describe_reading(first, "first_to_latest"),
            describe_reading(readings.last_two, "last_two"),
        ]
    )


def describe_self_checks(points: list[ScorePoint], readings: ChangeReadings) -> str:
    """The mood chart in words: the scores, the 5-point band, and the reading of change."""
    if not points:
        return say("empty", "self_checks")
    if len(points) == 1:
        (only,) = points
        summary = say(
            "self_checks",
            "one",
            date=day_text(only.date),
            score=only.score,
            maximum=only.maximum,
            version=only.version,
        )
    else:
        parts = [
            say(
                "self_checks",
                "many",
                checks=count("mood_check", len(points)),
                first=day_text(points[0].date),
                last=day_text(points[-1].date),
            )
        ]
        if len(points) <= LISTED:
            scores = [
                say("self_checks", "score_on", score=p.score, date=day_text(p.date)) for p in points
            ]
            parts.append(say("self_checks", "listed", scores=join(scores)))
        else:
            scores = [p.score for p in points]
            parts += [
                say("self_checks", "first", score=points[0].score, date=day_text(points[0].date)),
                say("self_checks", "range", low=min(scores), high=max(scores)),
                say(
                    "self_checks", "latest", score=points[-1].score, date=day_text(points[-1].date)
                ),
            ]
        summary = " ".join(parts)
    summary += " " + say("self_checks", "lower_is") + " " + say("self_checks", "band")
    change = describe_change(readings)
    return "\n".join(part for part in (summary, change) if part)


# ---- pain checks ---------------------------------------------------------------------------


def describe_pain_checks(points: list[PainPoint]) -> str:
    """The pain-check chart in words."""
    if not points:
        return say("empty", "pain_checks")
    if len(points) == 1:
        (only,) = points
        summary = say("pain_checks", "one", date=day_text(only.date), mean=number(only.mean))
    else:
        parts = [
            say(
                "pain_checks",
                "many",
                checks=count("pain_check", len(points)),
                first=day_text(points[0].date),
                last=day_text(points[-1].date),
            )
        ]
        if len(points) <= LISTED:
            means = [
                say("pain_checks", "mean_on", mean=number(p.mean), date=day_text(p.date))
                for p in points
            ]
            parts.append(say("pain_checks", "listed", means=join(means)))
        else:
            means = [p.mean for p in points]
            first, last = points[0], points[-1]
            parts += [
                say("pain_checks", "first", mean=number(first.mean), date=day_text(first.date)),
                say("pain_checks", "range", low=number(min(means)), high=number(max(means))),
                say("pain_checks", "latest", mean=number(last.mean), date=day_text(last.date)),
            ]
        summary = " ".join(parts)
    rest = [say("pain_checks", "scale")]
    if len(points) > 1:
        rest.append(say("pain_checks", "no_rule"))
    return summary + " " + " ".join(rest)


# ---- the diary, week by week ---------------------------------------------------------------


def _averages(week: WeekAverage) -> str:
    return say(
        "weeks",
        "averages",
        pain=number(week.pain),
        mood=number(week.mood),
        sleep=number(week.sleep_hours),
        active=number(week.active_minutes),
    )


def describe_weeks(weeks: list[WeekAverage]) -> str:
    """The weekly chart of pain, mood and sleep in words (active minutes too, as numbers)."""
    if not weeks:
        return say("empty", "diary")
    if len(weeks) == 1:
        (only,) = weeks
        parts = [
            say("weeks", "one", start=day_text(only.start), days=count("day", only.days)),
            say("weeks", "in_only", averages=_averages(only)),
        ]
    else:
        first, last = weeks[0], weeks[-1]
        parts = [
            say(
                "weeks",
                "many",
                weeks=count("week", len(weeks)),
                first=day_text(first.start),
                last=day_text(last.start),
            ),
            say("weeks", "in_first", days=count("day", first.days), averages=_averages(first)),
            say("weeks", "in_latest", days=count("day", last.days), averages=_averages(last)),
        ]
        if len(weeks) >= 3:
            low = min(weeks, key=lambda w: w.pain)
            high = max(weeks, key=lambda w: w.pain)
            parts.append(
                say(
                    "weeks",
                    "pain_range",
                    low=number(low.pain),
                    low_week=day_text(low.start),
                    high=number(high.pain),
                    high_week=day_text(high.start),
                )
            )
    parts.append(say("weeks", "scale"))
    if any(w.days < FEW_DAYS for w in weeks):
        parts.append(say("weeks", "few_days"))
    return " ".join(parts)


def describe_activity(weeks: list[WeekAverage]) -> str:
    """The weekly active-minutes chart in words."""
    if not weeks:
        return say("empty", "diary")
    if len(weeks) == 1:
        (only,) = weeks
        return say(
            "activity", "one", start=day_text(only.start), active=number(only.active_minutes)
        )
    parts = [
        say(
            "activity",
            "many",
            first=number(weeks[0].active_minutes),
            last=number(weeks[-1].active_minutes),
        )
    ]
    if len(weeks) >= 3:
        low = min(weeks, key=lambda w: w.active_minutes)
        high = max(weeks, key=lambda w: w.active_minutes)
        parts.append(
            say(
                "activity",
                "range",
                low=number(low.active_minutes),
                low_week=day_text(low.start),
                high=number(high.active_minutes),
                high_week=day_text(high.start),
            )
        )
    return " ".join(parts)


# ---- your nights and next days -------------------------------------------------------------


def describe_nights(reading: NightsReading) -> str:
    """Next-day pain after short and usual nights, always with what it cannot show."""
    parts = [say("nights", "intro")]
    short = count("short_night", reading.short_days)
    usual = count("usual_night", reading.usual_days)
    if not reading.enough:
        parts.append(
            say(
                "nights",
                "not_enough",
                minimum=f"{count('short_night', MIN_NIGHTS)} {words()['counts']['and']} "
                f"{count('usual_night', MIN_NIGHTS)}",
                short=short,
                usual=usual,
            )
        )
    else:
        parts.append(
            say(
                "nights",
                "averages",
                short=short,
                usual=usual,
                short_pain=number(reading.short_pain),
                usual_pain=number(reading.usual_pain),
            )
        )
        difference = reading.difference or 0.0
        if abs(difference) < 0.05:
            parts.append(say("nights", "same"))
        else:
            key = "higher" if difference > 0 else "lower"
            parts.append(say("nights", key, difference=count("point", abs(difference))))
            parts.append(say("nights", "clear" if reading.clear else "not_clear"))
    if reading.long_days:
        parts.append(say("nights", "long_left_out", long=count("long_night", reading.long_days)))
    parts.append(say("nights", "caution"))
    return " ".join(parts)
