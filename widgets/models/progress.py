"""My progress: the learner's own checks and diary over time, read honestly.

What it computes, all from the learner's record (widgets/models/learner_record.py), in the
learner's own kernel; nothing is sent anywhere. Notes for teachers: docs/models/progress.md.

- Mood self-check scores by date (PHQ-9 or PHQ-8), and an honest reading of change: between the
  first and the latest check, and between the latest two. A change of `MEANINGFUL_CHANGE` = 5
  points or more is the usual threshold for a meaningful change for one person: Löwe B, Unützer J,
  Callahan CM, Perkins AJ, Kroenke K (2004) Med Care 42(12):1194–1201 (434 people in the IMPACT
  trial of late-life depression; the minimal clinically important difference for individual
  change, estimated as 2 standard errors of measurement, was 5 points on the 0–27 PHQ-9). The
  threshold was found for the PHQ-9; a reading that involves a PHQ-8 says so. A PHQ-8 and a PHQ-9
  are compared on the 8 questions they share (the PHQ-8 is the PHQ-9 without item 9).
- Pain-check averages by date (the mean of the three 0–10 answers, widgets/models/pain_check.py).
- Weekly diary averages, in weeks that start on Monday (ISO weeks), of pain, hours of sleep, mood
  and active minutes, with the number of diary days in each week.
- "Your nights and next days": next-day pain after short nights against after usual ones, from the
  learner's own days. Choices, each a constant with a test:
  - Which night goes with which day: the diary asks, on each day's entry, "about how many hours
    you slept". We read that as the night BEFORE that day (as most pain diaries ask it: "last
    night"), so a day's own pain is its "next day". The view says so.
  - A short night is under `SHORT_NIGHT_HOURS` = 6 hours; a usual night is 6 to
    `LONG_NIGHT_HOURS` = 9 hours. Why fixed hours and not the learner's own median: a median split
    always calls half the nights "short", even for someone who sleeps 7 to 8 hours every night;
    6 hours is what the course teaches in lesson 06, after Edwards et al. 2008 (Pain 137:202:
    under 6 hours, and over 9, went with more next-day pain). Nights over 9 hours are left out,
    because they too went with more pain in that study, and would blur "usual".
  - At least `MIN_NIGHTS` = 7 days of each kind. Why: about a week of each; with fewer days one
    unusual day moves an average a lot. A judgement call, not a published rule (docs/models/
    progress.md); even 7 of each is noisy, which the reading always says.
  - The reading never claims a cause: it is a pattern in the learner's own days, pain can also
    shorten nights, and one person's diary is noisy. A difference counts as "clear" only when it
    is at least `SMALL_DIFFERENCE` = 1 point AND at least twice its standard error (a rough guide,
    not a test: days are not independent).
Standard library only; no widgets.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from widgets.models.diary import Diary, Entry
from widgets.models.self_check import SELF_HARM_ITEM

#: Points of PHQ-9 change that count as a meaningful change for one person (Löwe et al. 2004).
MEANINGFUL_CHANGE = 5
#: The PHQ-9 item left out of the PHQ-8: a PHQ-8 and a PHQ-9 are compared without it.
SHARED_ITEMS = 8
#: A night under this many hours is "short" (Edwards et al. 2008; lesson 06).
SHORT_NIGHT_HOURS = 6.0
#: A night of SHORT_NIGHT_HOURS up to this many hours is "usual"; longer nights are left out.
LONG_NIGHT_HOURS = 9.0
#: Days of each kind (short, usual) needed before nights and next days are compared.
MIN_NIGHTS = 7
#: A difference in average next-day pain under this many points is "about the same".
SMALL_DIFFERENCE = 1.0
DIARY_FIELDS = ("pain", "sleep_hours", "mood", "active_minutes")


def _one_decimal(value: float) -> float:
    return round(value + 0.0, 1)


# ---- self-checks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScorePoint:
    """One mood self-check on the chart."""

    date: date
    score: int
    version: str
    maximum: int
    self_harm: bool


def self_check_points(checks: Iterable) -> list[ScorePoint]:
    """The self-checks (SelfCheckEntry) in date order, as scored by widgets/models/self_check."""
    points = []
    for check in sorted(checks, key=lambda c: c.date):
        result = check.result()
        points.append(
            ScorePoint(check.date, result.score, check.version, result.maximum, result.self_harm)
        )
    return points


def latest_needs_crisis_help(checks: Sequence) -> bool:
    """True when the latest self-check (by date; the record's order on the same day) has an
    answer above 0 on the self-harm item (PHQ-9 item 9)."""
    if not checks:
        return False
    latest = sorted(checks, key=lambda c: c.date)[-1]  # sorted() is stable
    answers = list(latest.answers)
    return len(answers) > SELF_HARM_ITEM and answers[SELF_HARM_ITEM] > 0


@dataclass(frozen=True)
class ChangeReading:
    """How a mood score changed between two checks, and what that can honestly be read as.

    `kind`: "too_few" (fewer than 2 checks: too few points to tell), "lower" (went down by
    MEANINGFUL_CHANGE or more: fewer problems), "higher" (went up by MEANINGFUL_CHANGE or more),
    or "unclear" (changed by less than MEANINGFUL_CHANGE, including no change).
    Scores are the ones compared: on the 8 shared items when a PHQ-8 is involved.
    """

    kind: str
    checks: int
    earlier: date | None = None
    later: date | None = None
    earlier_score: int | None = None
    later_score: int | None = None
    items_compared: int = 9
    mixed_versions: bool = False  # a PHQ-8 against a PHQ-9: compared on the shared 8 items
    phq8: bool = False  # a PHQ-8 is involved: the threshold was found for the PHQ-9

    @property
    def change(self) -> int | None:
        """Later score minus earlier score (negative: fewer problems)."""
        if self.earlier_score is None or self.later_score is None:
            return None
        return self.later_score - self.earlier_score

    @property
    def meaningful(self) -> bool:
        return self.kind in ("lower", "higher")


def compare_checks(earlier, later, count: int = 2) -> ChangeReading:
    """Read the change from `earlier` to `later` (SelfCheckEntry), `count` checks in all."""
    versions = {earlier.version, later.version}
    phq8 = "PHQ-8" in versions
    if phq8:
        items = SHARED_ITEMS
        before = sum(list(earlier.answers)[:SHARED_ITEMS])
        after = sum(list(later.answers)[:SHARED_ITEMS])
    else:
        items = len(earlier.answers)
        before, after = earlier.result().score, later.result().score
    change = after - before
    if change <= -MEANINGFUL_CHANGE:
        kind = "lower"
    elif change >= MEANINGFUL_CHANGE:
        kind = "higher"
    else:
        kind = "unclear"
    return ChangeReading(
        kind,
        count,
        earlier.date,
        later.date,
        before,
        after,
        items,
        mixed_versions=len(versions) > 1,
        phq8=phq8,
    )


@dataclass(frozen=True)
class ChangeReadings:
    """First-to-latest and latest-two readings. With exactly 2 checks they are the same pair
    (`same_pair`), so it is said once."""

    first_to_latest: ChangeReading
    last_two: ChangeReading

    @property
    def same_pair(self) -> bool:
        return self.first_to_latest.checks <= 2


def change_readings(checks: Iterable) -> ChangeReadings:
    ordered = sorted(checks, key=lambda c: c.date)
    if len(ordered) < 2:
        too_few = ChangeReading("too_few", len(ordered))
        return ChangeReadings(too_few, too_few)
    n = len(ordered)
    return ChangeReadings(
        compare_checks(ordered[0], ordered[-1], n), compare_checks(ordered[-2], ordered[-1], n)
    )


# ---- pain checks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PainPoint:
    date: date
    mean: float  # the mean of the three 0–10 answers, one decimal
    band: str


def pain_check_points(checks: Iterable) -> list[PainPoint]:
    """The pain checks (PainCheckEntry) in date order, as scored by widgets/models/pain_check."""
    points = []
    for check in sorted(checks, key=lambda c: c.date):
        result = check.result()
        points.append(PainPoint(check.date, result.mean, result.band))
    return points


# ---- the diary, week by week ---------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of `day`'s week (ISO weeks start on Monday)."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekAverage:
    """The mean of each diary number over the diary days in one Monday-to-Sunday week."""

    start: date  # the Monday
    days: int  # diary days in this week (1–7)
    pain: float
    sleep_hours: float
    mood: float
    active_minutes: float

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def iso_week(self) -> tuple[int, int]:
        """(ISO year, ISO week number)."""
        year, week, _ = self.start.isocalendar()
        return year, week


def weekly_averages(diary: Diary | Iterable[Entry]) -> list[WeekAverage]:
    """One WeekAverage for each week that has at least one diary day, in date order. Weeks
    without days are left out (no average is made up). Values are rounded to one decimal: the
    chart and the sentences use these same numbers."""
    weeks: dict[date, list[Entry]] = {}
    for entry in diary:
        weeks.setdefault(week_start(entry.date), []).append(entry)
    result = []
    for start in sorted(weeks):
        entries = weeks[start]
        means = {
            field: _one_decimal(statistics.fmean(getattr(e, field) for e in entries))
            for field in DIARY_FIELDS
        }
        result.append(WeekAverage(start, len(entries), **means))
    return result


# ---- your nights and next days -------------------------------------------------------------


def night_kind(hours: float) -> str:
    """ "short" (under 6 hours), "usual" (6 to 9 hours) or "long" (over 9 hours, left out)."""
    if hours < SHORT_NIGHT_HOURS:
        return "short"
    if hours <= LONG_NIGHT_HOURS:
        return "usual"
    return "long"


@dataclass(frozen=True)
class NightsReading:
    """Next-day pain after short nights against after usual ones, from the learner's own days.

    `enough` is False until there are MIN_NIGHTS days of each kind; the averages are then None.
    `clear` is True only when the difference is at least SMALL_DIFFERENCE and at least twice its
    standard error: still a pattern in the learner's days, never proof of a cause.
    """

    short_days: int
    usual_days: int
    long_days: int  # nights over 9 hours: left out
    enough: bool
    short_pain: float | None = None
    usual_pain: float | None = None
    standard_error: float | None = None

    @property
    def difference(self) -> float | None:
        """Average pain after short nights minus after usual ones (positive: more pain)."""
        if self.short_pain is None or self.usual_pain is None:
            return None
        return _one_decimal(self.short_pain - self.usual_pain)

    @property
    def clear(self) -> bool:
        if self.difference is None or self.standard_error is None:
            return False
        size = abs(self.difference)
        return size >= SMALL_DIFFERENCE and size >= 2 * self.standard_error


def nights_and_next_days(diary: Diary | Iterable[Entry]) -> NightsReading:
    """Each diary day's pain, grouped by the night before it (that day's hours of sleep)."""
    groups: dict[str, list[int]] = {"short": [], "usual": [], "long": []}
    for entry in diary:
        groups[night_kind(entry.sleep_hours)].append(entry.pain)
    short, usual = groups["short"], groups["usual"]
    counts = (len(short), len(usual), len(groups["long"]))
    if len(short) < MIN_NIGHTS or len(usual) < MIN_NIGHTS:
        return NightsReading(*counts, enough=False)
    error = math.sqrt(
        statistics.variance(short) / len(short) + statistics.variance(usual) / len(usual)
    )
    return NightsReading(
        *counts,
        enough=True,
        short_pain=_one_decimal(statistics.fmean(short)),
        usual_pain=_one_decimal(statistics.fmean(usual)),
        standard_error=round(error, 2),
    )


# ---- everything for the page ---------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Everything the "My progress" page draws and says, computed once from a record."""

    self_checks: list[ScorePoint]
    change: ChangeReadings
    pain_checks: list[PainPoint]
    weeks: list[WeekAverage]
    nights: NightsReading
    crisis: bool

    @property
    def is_empty(self) -> bool:
        return not (self.self_checks or self.pain_checks or self.weeks)


def progress(record) -> Progress:
    """The progress of a LearnerRecord."""
    return Progress(
        self_check_points(record.self_checks),
        change_readings(record.self_checks),
        pain_check_points(record.pain_checks),
        weekly_averages(record.diary),
        nights_and_next_days(record.diary),
        latest_needs_crisis_help(record.self_checks),
    )
