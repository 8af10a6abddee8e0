"""The learner's record on their own device: a versioned schema, checked on the way in.

Why (issue 13): programmes with evidence behind them work over weeks, so the course must remember
what a learner did between visits, without an account and without the server ever holding it.
The record lives in the learner's browser (widgets/ui/device_store.py) and comes back to the
kernel as a JSON text. That text is UNTRUSTED: anyone can edit browser storage or a backup file.
So `parse` checks every part against the schema below and the course's own models (the diary,
the self-check, the pain check, the thought record, pacing, the support map, the action plan),
keeps what is valid, and says in plain words what it left out and why. It never raises on bad
input. docs/models/learner_record.md describes the schema, the limits and the threats.

Decisions (each tested in tests/models/test_learner_record.py):
- A document is at most 1 MB as compact UTF-8 JSON (`MAX_BYTES`, as the diary's CSV), at most
  `MAX_DEPTH` levels deep and `MAX_VALUES` values; each list has a cap (3,660 diary days, 500
  self-checks, 200 thought records...). A list over its cap is left out whole, with a message:
  a record the course wrote never has one, so it was made by hand.
- One bad item leaves out that item only; a part of the wrong type leaves out that part only;
  unknown parts are left out and named. NaN and infinity are refused wherever a number is read.
- Text is plain text, cleaned as the models clean it (control and bidirectional-override
  characters removed); names and ids (lesson files, knowledge-check names, section ids) with
  control characters are refused. HTML stays text: the views escape it.
- Versions: `SCHEMA_VERSION` = 1. Version 0 is what the course kept before: no "version" key and
  "visited" as a plain list of lesson files (course.js's 'btc-visited-v1' holds such a list, and
  a bare list is read as that). `migrate` upgrades it. A document from a NEWER version is refused
  whole with a message (`ParseResult.newer`): the caller must keep the stored copy untouched.
- `merge` never loses what is already on the page: on a clash the current value is kept and the
  clash is reported (as diary.merge does).
- Dates must be real days from 1900 on and not in the future (one day of slack for time zones).
- The browser keeps the record one key per part (`PARTS`, `to_part_texts`, `parse_parts`), each
  a one-part document {"version": 1, "<part>": ...}, so a change rewrites only its part and two
  tabs do not overwrite each other; the 1 MB limit holds for all parts together.
Standard library only: this also runs in the browser kernel (Pyodide).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from urllib.parse import quote, urlsplit

from widgets.models import pacing, pain_check, self_check
from widgets.models.action_plan import DEFAULT_TITLE, TITLE_LIMIT, ActionPlan
from widgets.models.diary import (
    COLUMNS as DIARY_COLUMNS,
)
from widgets.models.diary import (
    EARLIEST,
    EXAMPLE_DATE,
    FUTURE_SLACK_DAYS,
    MAX_ROWS,
    Diary,
    Entry,
    clean_text,
)
from widgets.models.diary import merge as merge_diary
from widgets.models.support_map import MAX_SUPPORTERS, Supporter, SupportMap
from widgets.models.thought_record import ThoughtRecord

SCHEMA_VERSION = 1
KEY_PREFIX = f"btc-record-v{SCHEMA_VERSION}"
#: What course.js kept before the record existed: a JSON list of lesson files (version 0).
LEGACY_KEYS = ("btc-visited-v1",)

MAX_BYTES = 1_000_000  # the whole document as compact UTF-8 JSON
MAX_DEPTH = 8  # the schema needs 6 levels (record, list, item, feelings, pair, value)
MAX_VALUES = 100_000  # every string, number, list and object counts as one
MAX_LESSONS = 100
MAX_CHECKS = 100
MAX_QUESTIONS = 50  # question index 0-49 in one knowledge check
MAX_CHOICES = 6  # knowledge checks have 2-6 choices (widgets/models/knowledge_check.py)
MAX_DIARY_DAYS = MAX_ROWS  # 3,660: about ten years, as the diary's CSV
MAX_SELF_CHECKS = 500
MAX_PAIN_CHECKS = 500
MAX_THOUGHT_RECORDS = 200
MAX_PACING_PLANS = 50
MAX_PRACTICE = 100
SECTION_LIMIT = 200  # characters in a section id
ACTIVITY_LIMIT = 60  # as the pacing planner's activity box (widgets/views/pacing_planner.py)
MAX_PROBLEMS = 50  # problems listed; the rest are counted
MESSAGE_LIMIT = 300  # characters in one problem message

LESSON_FILE = re.compile(r"[A-Za-z0-9_-]{1,80}\.ipynb")
_CHECK_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INDEX = re.compile(r"0|[1-9][0-9]{0,2}")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")

NOT_A_RECORD = (
    "This is not a record from this course. Choose a backup file that this course made "
    "(its name ends in -backup- and a date)."
)
UNREADABLE = (
    "This record could not be read: it is not written the way this course writes its records."
)
TOO_BIG = (
    "This record is too big to read: {size}. The most this course can read is 1 MB, which is "
    "about ten years of diary days."
)
TOO_DEEP = "This record could not be read: it has far more layers than a course record has."
TOO_MANY = "This record could not be read: it holds far more values than a course record can."
NEWER = (
    "This record was made by a newer version of the course (version {version}; this page reads "
    "version {known}). Nothing was changed. Open it with the newer course, or keep it safe until "
    "this course is updated."
)
BAD_VERSION = "This record could not be read: its version number, {version}, makes no sense."
EMPTY = "This record is empty."


# ---- small checks ----------------------------------------------------------------------------


def _shown(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _kind(value: object) -> str:
    """What a JSON value is, in plain words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a group of named values"
    return "something else"


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text)


def _check_day(day: object, what: str) -> None:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise ValueError(f"{what} must be a calendar date like {EXAMPLE_DATE}, not {_shown(day)}.")
    if day < EARLIEST:
        raise ValueError(f"{what} {day.isoformat()} is before 1900.")
    if day > date.today() + timedelta(days=FUTURE_SLACK_DAYS):
        raise ValueError(f"{what} {day.isoformat()} is in the future.")


def _read_day(value: object, what: str = "The date") -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{what} must be written like {EXAMPLE_DATE}, but it is {_shown(value)}.")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f'{what} "{value}" is not a real day on the calendar.') from None
    _check_day(day, what)
    return day


def _check_lesson_file(file: object, what: str = "A lesson") -> None:
    if not isinstance(file, str) or not LESSON_FILE.fullmatch(file):
        raise ValueError(
            f"{what} must be a lesson's file name, like 00_welcome.ipynb, not {_shown(file)}."
        )


def _check_bool(value: object, what: str) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"{what} must be true or false, but it is {_kind(value)}.")


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number, but it is {_kind(value)}.")
    if not low <= value <= high:
        raise ValueError(f"{what} must be from {low} to {high}, but it is {value}.")
    return value


def _tuple(value: object, what: str) -> tuple:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{what} must be a list, but it is {_kind(value)}.")
    return tuple(value)


# ---- the schema's parts ----------------------------------------------------------------------


@dataclass(frozen=True)
class LessonProgress:
    """A lesson the learner opened, and whether they marked it done."""

    file: str
    opened: bool = True
    done: bool = False

    def __post_init__(self) -> None:
        _check_lesson_file(self.file)
        _check_bool(self.opened, "Opened")
        _check_bool(self.done, "Done")


@dataclass(frozen=True)
class Resume:
    """Where to continue: a lesson file and, optionally, a section id in it."""

    lesson: str
    section: str = ""

    def __post_init__(self) -> None:
        _check_lesson_file(self.lesson, "The lesson to continue")
        if not isinstance(self.section, str):
            raise ValueError(f"The section must be text, but it is {_kind(self.section)}.")
        if len(self.section) > SECTION_LIMIT or _has_control(self.section):
            raise ValueError("The section to continue from is not a section of a lesson.")


@dataclass(frozen=True)
class CheckAnswers:
    """A knowledge check's answers: (question index, chosen index) pairs, counting from 0."""

    check: str
    answers: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.check, str) or not _CHECK_NAME.fullmatch(self.check):
            raise ValueError(f"{_shown(self.check)} is not the name of a knowledge check.")
        pairs = []
        for pair in _tuple(self.answers, "The answers"):
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise ValueError("Each answer needs a question number and a choice.")
            question = _whole(pair[0], "A question number", 0, MAX_QUESTIONS - 1)
            choice = _whole(pair[1], "A chosen answer", 0, MAX_CHOICES - 1)
            pairs.append((question, choice))
        if len({q for q, _ in pairs}) != len(pairs):
            raise ValueError("A question has two answers.")
        object.__setattr__(self, "answers", tuple(sorted(pairs)))

    def chosen(self) -> dict[int, int]:
        """Question index -> chosen index."""
        return dict(self.answers)


@dataclass(frozen=True)
class SelfCheckEntry:
    """One mood self-check (PHQ-9 or PHQ-8): every answer 0-3, the closing question optional."""

    date: date
    version: str
    answers: tuple[int, ...]
    difficulty: int | None = None

    def __post_init__(self) -> None:
        _check_day(self.date, "The date")
        answers = _tuple(self.answers, "The answers")
        self_check.score(list(answers), self.version, self.difficulty)  # raises ValueError
        object.__setattr__(self, "answers", answers)

    def result(self) -> self_check.Result:
        """Its score, band and the self-harm flag, computed by widgets/models/self_check.py."""
        return self_check.score(list(self.answers), self.version, self.difficulty)


@dataclass(frozen=True)
class PainCheckEntry:
    """One three-question pain check: each answer 0-10."""

    date: date
    answers: tuple[int, ...]

    def __post_init__(self) -> None:
        _check_day(self.date, "The date")
        answers = _tuple(self.answers, "The answers")
        pain_check.score(list(answers))  # raises ValueError
        object.__setattr__(self, "answers", answers)

    def result(self) -> pain_check.PainCheckResult:
        return pain_check.score(list(self.answers))


@dataclass(frozen=True)
class SavedThoughtRecord:
    """A thought record (widgets/models/thought_record.py) and the day it was written."""

    date: date
    record: ThoughtRecord

    def __post_init__(self) -> None:
        _check_day(self.date, "The date")
        if not isinstance(self.record, ThoughtRecord):
            raise ValueError("A saved thought record needs a thought record.")


@dataclass(frozen=True)
class PacingPlanEntry:
    """A pacing plan's inputs (widgets/models/pacing.py); the weeks are worked out again."""

    date: date
    activity: str
    days: tuple[float, ...]
    start_share: float = 0.8
    weekly_increase: float = 0.1
    weeks: int = 8
    goal_minutes: float | None = None

    def __post_init__(self) -> None:
        _check_day(self.date, "The date")
        activity = clean_text(self.activity, multiline=False)
        if len(activity) > ACTIVITY_LIMIT:
            raise ValueError(f"The activity's name can have up to {ACTIVITY_LIMIT} characters.")
        days = _tuple(self.days, "The minutes of each day")
        self.plan_weeks(days)  # raises ValueError on any bad number
        object.__setattr__(self, "activity", activity)
        object.__setattr__(self, "days", days)

    def plan_weeks(self, days: tuple[float, ...] | None = None) -> list[pacing.PlanWeek]:
        """The plan, week by week."""
        base = pacing.baseline(list(self.days if days is None else days))
        return pacing.plan(
            base, self.start_share, self.weekly_increase, self.weeks, self.goal_minutes
        )


@dataclass(frozen=True)
class SavedActionPlan:
    """The action plan (widgets/models/action_plan.py) without crisis lines: the course supplies
    those for the learner's region when the plan is shown, so a stored copy never goes stale."""

    plan: ActionPlan
    title: str = DEFAULT_TITLE
    date: date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.plan, ActionPlan):
            raise ValueError("A saved action plan needs an action plan.")
        if self.plan.crisis_lines:
            raise ValueError("A saved action plan keeps no crisis lines: the course adds them.")
        title = clean_text(self.title, multiline=False)
        if len(title) > TITLE_LIMIT:
            raise ValueError(f"The plan's title can have up to {TITLE_LIMIT} characters.")
        if self.date is not None:
            _check_day(self.date, "The plan's date")
        object.__setattr__(self, "title", title)


@dataclass(frozen=True)
class PracticeEntry:
    """This week's practice for a lesson (its "Try this"): done or not, and when."""

    lesson: str
    done: bool
    date: date

    def __post_init__(self) -> None:
        _check_lesson_file(self.lesson)
        _check_bool(self.done, "Done")
        _check_day(self.date, "The date")


def _unique(items: tuple, key: Callable, what: str) -> None:
    seen = set()
    for item in items:
        if key(item) in seen:
            raise ValueError(f"{what} {key(item)} is in the record twice.")
        seen.add(key(item))


#: (field, item type, cap, sort key or None to keep the order given)
_LISTS = (
    ("lessons", LessonProgress, MAX_LESSONS, lambda x: x.file),
    ("checks", CheckAnswers, MAX_CHECKS, lambda x: x.check),
    ("self_checks", SelfCheckEntry, MAX_SELF_CHECKS, lambda x: x.date),
    ("pain_checks", PainCheckEntry, MAX_PAIN_CHECKS, lambda x: x.date),
    ("thought_records", SavedThoughtRecord, MAX_THOUGHT_RECORDS, lambda x: x.date),
    ("pacing_plans", PacingPlanEntry, MAX_PACING_PLANS, lambda x: x.date),
    ("practice", PracticeEntry, MAX_PRACTICE, lambda x: x.lesson),
)


@dataclass(frozen=True)
class LearnerRecord:
    """Everything the course keeps for a learner, valid by construction (ValueError otherwise).

    Lists are kept in a fixed order (lessons, checks and practice by name; dated items by date,
    stable), so the same record always writes the same document.
    """

    lessons: tuple[LessonProgress, ...] = ()
    resume: Resume | None = None
    checks: tuple[CheckAnswers, ...] = ()
    diary: Diary = Diary()
    self_checks: tuple[SelfCheckEntry, ...] = ()
    pain_checks: tuple[PainCheckEntry, ...] = ()
    thought_records: tuple[SavedThoughtRecord, ...] = ()
    pacing_plans: tuple[PacingPlanEntry, ...] = ()
    support_map: SupportMap = SupportMap()
    action_plan: SavedActionPlan | None = None
    practice: tuple[PracticeEntry, ...] = ()

    def __post_init__(self) -> None:
        for name, kind, cap, key in _LISTS:
            items = _tuple(getattr(self, name), name)
            if len(items) > cap:
                raise ValueError(f"{name} has {len(items):,} items; the most is {cap:,}.")
            if not all(isinstance(item, kind) for item in items):
                raise ValueError(f"{name} holds {kind.__name__} items only.")
            object.__setattr__(self, name, tuple(sorted(items, key=key)))
        _unique(self.lessons, lambda x: x.file, "The lesson")
        _unique(self.checks, lambda x: x.check, "The knowledge check")
        _unique(self.practice, lambda x: x.lesson, "The practice for")
        if not isinstance(self.diary, Diary) or len(self.diary) > MAX_DIARY_DAYS:
            raise ValueError(f"diary must be a Diary of up to {MAX_DIARY_DAYS:,} days.")
        if not isinstance(self.support_map, SupportMap):
            raise ValueError("support_map must be a SupportMap.")
        if self.resume is not None and not isinstance(self.resume, Resume):
            raise ValueError("resume must be a Resume or None.")
        if self.action_plan is not None and not isinstance(self.action_plan, SavedActionPlan):
            raise ValueError("action_plan must be a SavedActionPlan or None.")

    @property
    def is_empty(self) -> bool:
        return self == LearnerRecord()

    def lesson(self, file: str) -> LessonProgress | None:
        return next((x for x in self.lessons if x.file == file), None)

    def check(self, name: str) -> CheckAnswers | None:
        return next((x for x in self.checks if x.check == name), None)


def counts(record: LearnerRecord) -> dict[str, int]:
    """How much of each kind the record holds (for "what was restored" and "what is kept")."""
    return {
        "lessons_opened": sum(x.opened for x in record.lessons),
        "lessons_done": sum(x.done for x in record.lessons),
        "checks": len(record.checks),
        "diary_days": len(record.diary),
        "self_checks": len(record.self_checks),
        "pain_checks": len(record.pain_checks),
        "thought_records": len(record.thought_records),
        "pacing_plans": len(record.pacing_plans),
        "supporters": len(record.support_map),
        "action_plan": int(record.action_plan is not None),
        "practice_done": sum(x.done for x in record.practice),
    }


# ---- writing -----------------------------------------------------------------------------------


def _date_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def to_document(record: LearnerRecord) -> dict:
    """The record as plain JSON-ready data (the inverse of `parse`)."""
    plan = record.action_plan
    return {
        "version": SCHEMA_VERSION,
        "lessons": {x.file: {"opened": x.opened, "done": x.done} for x in record.lessons},
        "resume": (
            None
            if record.resume is None
            else {"lesson": record.resume.lesson, "section": record.resume.section}
        ),
        "checks": {x.check: {str(q): c for q, c in x.answers} for x in record.checks},
        "diary": [
            {
                "date": e.date.isoformat(),
                "pain": e.pain,
                "sleep_hours": e.sleep_hours,
                "sleep_quality": e.sleep_quality,
                "mood": e.mood,
                "active_minutes": e.active_minutes,
                "note": e.note,
            }
            for e in record.diary
        ],
        "self_checks": [
            {
                "date": x.date.isoformat(),
                "version": x.version,
                "answers": list(x.answers),
                "difficulty": x.difficulty,
            }
            for x in record.self_checks
        ],
        "pain_checks": [
            {"date": x.date.isoformat(), "answers": list(x.answers)} for x in record.pain_checks
        ],
        "thought_records": [
            {
                "date": x.date.isoformat(),
                "situation": x.record.situation,
                "automatic_thought": x.record.automatic_thought,
                "feelings": [list(pair) for pair in x.record.feelings],
                "traps": list(x.record.traps),
                "evidence_for": x.record.evidence_for,
                "evidence_against": x.record.evidence_against,
                "balanced_thought": x.record.balanced_thought,
                "rerated": [list(pair) for pair in x.record.rerated],
            }
            for x in record.thought_records
        ],
        "pacing_plans": [
            {
                "date": x.date.isoformat(),
                "activity": x.activity,
                "days": list(x.days),
                "start_share": x.start_share,
                "weekly_increase": x.weekly_increase,
                "weeks": x.weeks,
                "goal_minutes": x.goal_minutes,
            }
            for x in record.pacing_plans
        ],
        "support_map": [
            {"name": s.name, "kind": s.kind, "helps_with": sorted(s.helps_with)}
            for s in record.support_map.supporters
        ],
        "action_plan": (
            None
            if plan is None
            else {
                "title": plan.title,
                "date": _date_text(plan.date),
                "reasons": list(plan.plan.reasons),
                "strategies": list(plan.plan.strategies),
                "goals": list(plan.plan.goals),
                "warning_signs": list(plan.plan.warning_signs),
                "helps": list(plan.plan.helps),
                "people_to_call": [list(pair) for pair in plan.plan.people_to_call],
            }
        ),
        "practice": {
            x.lesson: {"done": x.done, "date": x.date.isoformat()} for x in record.practice
        },
    }


def to_text(record: LearnerRecord) -> str:
    """The record as compact JSON text: what the browser stores and a backup file holds."""
    return json.dumps(to_document(record), ensure_ascii=False, separators=(",", ":"))


_EMPTY_DOCUMENT = to_document(LearnerRecord())


def size_in_bytes(text: str) -> int:
    """A text's size as UTF-8 (lone surrogates, which a browser can hold, counted too)."""
    return len(text.encode("utf-8", "surrogatepass"))


# ---- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParseResult:
    """What `parse` read: a valid record, what was left out, or why the whole document was not.

    error: the whole document was refused (record is then empty); newer: refused because a newer
    version of the course wrote it, so the stored copy must be kept as it is; migrated_from: the
    version it was upgraded from, if it was older.
    """

    record: LearnerRecord = LearnerRecord()
    problems: tuple[str, ...] = ()
    error: str | None = None
    newer: bool = False
    migrated_from: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class _Problems:
    """Collects plain-language problems, each kept short, and counts those past the limit."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.more = 0

    def add(self, message: str) -> None:
        if len(self.items) >= MAX_PROBLEMS - 1:
            self.more += 1
            return
        text = " ".join(str(message).split())
        self.items.append(text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…")

    def result(self) -> tuple[str, ...]:
        if self.more:
            return (*self.items, f"…and {self.more:,} more parts were left out.")
        return tuple(self.items)


def _refused(message: str, newer: bool = False) -> ParseResult:
    return ParseResult(error=message, newer=newer)


def _structure_problem(document: object) -> str | None:
    """Too deep, too many values, too big, or not JSON-shaped data: checked without recursion."""
    stack: list[tuple[object, int]] = [(document, 1)]
    values = 0
    size = 0
    while stack:
        value, depth = stack.pop()
        values += 1
        if values > MAX_VALUES:
            return TOO_MANY
        if depth > MAX_DEPTH:
            return TOO_DEEP
        if isinstance(value, str):
            size += len(value) + 2
        elif value is None or isinstance(value, bool | int | float):
            size += 4
        elif isinstance(value, list):
            size += 2
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, dict):
            size += 2
            for key, item in value.items():
                if not isinstance(key, str):
                    return UNREADABLE
                size += len(key) + 3
                stack.append((item, depth + 1))
        else:
            return UNREADABLE
        if size > MAX_BYTES:
            return TOO_BIG.format(size="more than 1 MB")
    exact = size_in_bytes(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
    if exact > MAX_BYTES:
        return TOO_BIG.format(size=f"{exact:,} bytes")
    return None


def _fields(item: object, allowed: Iterable[str], label: str, problems: _Problems) -> dict:
    """The known parts of one item (an object); unknown parts are left out and named."""
    if not isinstance(item, dict):
        raise ValueError(f"it should be a group of named values, but it is {_kind(item)}.")
    allowed = tuple(allowed)
    unknown = [key for key in item if key not in allowed]
    if unknown:
        named = ", ".join(f"“{key[:30]}”" for key in unknown[:3])
        if len(unknown) == 1:
            problems.add(f"{label}: the unknown part {named} was left out.")
        else:
            extra = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
            problems.add(f"{label}: the unknown parts {named}{extra} were left out.")
    return {key: item[key] for key in allowed if key in item}


def _reason(error: BaseException) -> str:
    text = str(error).strip() or "it could not be read."
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _read_list(
    value: object,
    cap: int,
    what: str,
    item_name: str,
    reader: Callable[[object, str, _Problems], object],
    problems: _Problems,
) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(f"{what} was left out: it should be a list, but it is {_kind(value)}.")
        return []
    if len(value) > cap:
        problems.add(
            f"{what} was left out: it has {len(value):,} items, more than the {cap:,} this "
            "course keeps."
        )
        return []
    kept = []
    for number, item in enumerate(value, start=1):
        label = f"{item_name} {number}"
        try:
            kept.append(reader(item, label, problems))
        except (ValueError, TypeError, OverflowError) as error:
            problems.add(f"{label} was left out: {_reason(error)}")
    return kept


def _read_mapping(
    value: object,
    cap: int,
    what: str,
    reader: Callable[[str, object, _Problems], object],
    problems: _Problems,
) -> list:
    if value is None:
        return []
    if not isinstance(value, dict):
        problems.add(
            f"{what} was left out: it should be a group of named values, but it is {_kind(value)}."
        )
        return []
    if len(value) > cap:
        problems.add(
            f"{what} was left out: it has {len(value):,} items, more than the {cap:,} this "
            "course keeps."
        )
        return []
    kept = []
    for key, item in value.items():
        try:
            kept.append(reader(key, item, problems))
        except (ValueError, TypeError, OverflowError) as error:
            problems.add(f"{what}: “{key[:40]}” was left out: {_reason(error)}")
    return kept


def _lesson(key: str, item: object, problems: _Problems) -> LessonProgress:
    values = _fields(item, ("opened", "done"), f"The lesson “{key[:40]}”", problems)
    return LessonProgress(key, values.get("opened", False), values.get("done", False))


def _check(key: str, item: object, problems: _Problems) -> CheckAnswers:
    if not isinstance(key, str) or not _CHECK_NAME.fullmatch(key):
        raise ValueError("that is not the name of a knowledge check.")
    if not isinstance(item, dict):
        raise ValueError(f"it should be a group of answers, but it is {_kind(item)}.")
    pairs = []
    for question, choice in item.items():
        if not _INDEX.fullmatch(question) or int(question) >= MAX_QUESTIONS:
            problems.add(f"Knowledge check “{key}”: an answer to no known question was left out.")
            continue
        try:
            pairs.append(CheckAnswers(key, ((int(question), choice),)).answers[0])
        except ValueError as error:
            problems.add(
                f"Knowledge check “{key}”, question {int(question) + 1}: the answer was left "
                f"out: {_reason(error)}"
            )
    return CheckAnswers(key, tuple(pairs))


#: A stored diary day has the diary file's columns (one list, in widgets/models/diary.py).
_DIARY_FIELDS = DIARY_COLUMNS


def _diary_day(item: object, label: str, problems: _Problems) -> Entry:
    values = _fields(item, _DIARY_FIELDS, label, problems)
    missing = [name for name in _DIARY_FIELDS[:-1] if name not in values]
    if missing:
        raise ValueError(f"it has no {missing[0]} value.")
    values["date"] = _read_day(values["date"])
    return Entry(**values)


def _self_check(item: object, label: str, problems: _Problems) -> SelfCheckEntry:
    values = _fields(item, ("date", "version", "answers", "difficulty"), label, problems)
    if "answers" not in values or "version" not in values:
        raise ValueError("it has no answers, or does not say which self-check it is.")
    return SelfCheckEntry(
        _read_day(values.get("date")),
        values["version"],
        _tuple(values["answers"], "The answers"),
        values.get("difficulty"),
    )


def _pain_check(item: object, label: str, problems: _Problems) -> PainCheckEntry:
    values = _fields(item, ("date", "answers"), label, problems)
    return PainCheckEntry(
        _read_day(values.get("date")), _tuple(values.get("answers"), "The answers")
    )


_THOUGHT_TEXTS = (
    "situation",
    "automatic_thought",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
)


def _thought_record(item: object, label: str, problems: _Problems) -> SavedThoughtRecord:
    values = _fields(
        item, ("date", *_THOUGHT_TEXTS, "feelings", "traps", "rerated"), label, problems
    )
    day = _read_day(values.pop("date", None))
    for name in ("feelings", "traps", "rerated"):
        if name in values:
            values[name] = _tuple(values[name], f"The {name}")
    for name in ("feelings", "rerated"):
        for pair in values.get(name, ()):
            if isinstance(pair, list | tuple) and len(pair) == 2 and not isinstance(pair[0], str):
                raise ValueError(f"each feeling's name must be text, not {_kind(pair[0])}.")
    if not all(isinstance(trap, str) for trap in values.get("traps", ())):
        raise ValueError("the thinking traps must be names.")
    return SavedThoughtRecord(day, ThoughtRecord(**values))


_PACING_FIELDS = (
    "date",
    "activity",
    "days",
    "start_share",
    "weekly_increase",
    "weeks",
    "goal_minutes",
)


def _pacing_plan(item: object, label: str, problems: _Problems) -> PacingPlanEntry:
    values = _fields(item, _PACING_FIELDS, label, problems)
    values["date"] = _read_day(values.get("date"))
    values["days"] = _tuple(values.get("days"), "The minutes of each day")
    values.setdefault("activity", "")
    return PacingPlanEntry(**values)


def _supporter(item: object, label: str, problems: _Problems) -> Supporter:
    values = _fields(item, ("name", "kind", "helps_with"), label, problems)
    helps = _tuple(values.get("helps_with"), "The kinds of help")
    if not all(isinstance(h, str) for h in helps):
        raise ValueError("the kinds of help must be names.")
    if not isinstance(values.get("name"), str):
        raise ValueError("the name must be text.")
    return Supporter(values["name"], values.get("kind"), frozenset(helps))


def _support_map(value: object, problems: _Problems) -> SupportMap:
    supporters = _read_list(
        value, MAX_SUPPORTERS, "The support map", "Supporter", _supporter, problems
    )
    kept: list[Supporter] = []
    for supporter in supporters:
        if any(s.name.casefold() == supporter.name.casefold() for s in kept):
            problems.add(f"The support map names {supporter.name} twice; the first was kept.")
            continue
        kept.append(supporter)
    return SupportMap(tuple(kept))


_PLAN_LISTS = ("reasons", "strategies", "goals", "warning_signs", "helps", "people_to_call")


def _action_plan(value: object, problems: _Problems) -> SavedActionPlan | None:
    if value is None:
        return None
    label = "The action plan"
    try:
        values = _fields(value, ("title", "date", *_PLAN_LISTS), label, problems)
    except ValueError as error:
        problems.add(f"{label} was left out: {_reason(error)}")
        return None
    parts: dict[str, object] = {}
    for name in _PLAN_LISTS:  # one bad part leaves out that part only
        if name not in values:
            continue
        try:
            part = _tuple(values[name], f"The {name.replace('_', ' ')}")
            if name == "people_to_call":
                part = tuple(_tuple(pair, "Each person") for pair in part)
                if not all(isinstance(x, str) for pair in part for x in pair):
                    raise ValueError("names and ways to reach people must be text.")
            elif not all(isinstance(x, str) for x in part):
                raise ValueError("each line must be text.")
            ActionPlan(**{name: part})
            parts[name] = part
        except (ValueError, TypeError) as error:
            problems.add(f"{label}: its {name.replace('_', ' ')} were left out: {_reason(error)}")
    try:
        title = values.get("title", DEFAULT_TITLE)
        if not isinstance(title, str):
            raise ValueError("the title must be text.")
        day = None if values.get("date") is None else _read_day(values["date"])
        return SavedActionPlan(ActionPlan(**parts), title, day)  # type: ignore[arg-type]
    except (ValueError, TypeError) as error:
        problems.add(f"{label}'s title or date was left out: {_reason(error)}")
        return SavedActionPlan(ActionPlan(**parts))  # type: ignore[arg-type]


def _practice(key: str, item: object, problems: _Problems) -> PracticeEntry:
    values = _fields(item, ("done", "date"), f"The practice for “{key[:40]}”", problems)
    return PracticeEntry(key, values.get("done", False), _read_day(values.get("date")))


def _resume(value: object, problems: _Problems) -> Resume | None:
    if value is None:
        return None
    try:
        values = _fields(value, ("lesson", "section"), "Where to continue", problems)
        return Resume(values.get("lesson"), values.get("section", ""))  # type: ignore[arg-type]
    except (ValueError, TypeError) as error:
        problems.add(f"Where to continue was left out: {_reason(error)}")
        return None


_SECTIONS = (
    "version",
    "lessons",
    "resume",
    "checks",
    "diary",
    "self_checks",
    "pain_checks",
    "thought_records",
    "pacing_plans",
    "support_map",
    "action_plan",
    "practice",
)


def migrate(document: dict | list) -> tuple[dict, list[str]]:
    """Upgrade an older document to SCHEMA_VERSION: a new dict, and notes on what was dropped.

    Version 0 is version 1 without the "version" key and with "visited", a plain list of lesson
    files, in place of "lessons"; a bare list is version 0's "visited" on its own (the shape of
    course.js's 'btc-visited-v1'). Each lesson listed becomes opened, not done.
    """
    notes: list[str] = []
    old = {"visited": document} if isinstance(document, list) else dict(document)
    old.pop("version", None)
    if "lessons" in old:
        notes.append("An older record's unknown part “lessons” was left out.")
        old.pop("lessons")
    visited = old.pop("visited", [])
    lessons: dict[str, dict] = {}
    if isinstance(visited, list):
        for file in visited:
            if isinstance(file, str) and LESSON_FILE.fullmatch(file):
                lessons.setdefault(file, {"opened": True, "done": False})
            else:
                notes.append(f"The lessons you opened: {_shown(file)} is not a lesson; left out.")
    else:
        notes.append(
            "The list of lessons you opened was left out: it should be a list, but it is "
            f"{_kind(visited)}."
        )
    return {"version": SCHEMA_VERSION, "lessons": lessons, **old}, notes


def parse(document: object) -> ParseResult:
    """A valid record from an untrusted, JSON-decoded document; never raises on bad input."""
    problem = _structure_problem(document)
    if problem:
        return _refused(problem)
    migrated_from = None
    problems = _Problems()
    if isinstance(document, list) or (isinstance(document, dict) and "version" not in document):
        if (
            isinstance(document, dict)
            and document
            and not (set(document) & {*_SECTIONS, "visited"})
        ):
            return _refused(NOT_A_RECORD)
        document, notes = migrate(document)
        migrated_from = 0
        for note in notes:
            problems.add(note)
    if not isinstance(document, dict):
        return _refused(NOT_A_RECORD)
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        return _refused(BAD_VERSION.format(version=_shown(version, 20)))
    if version > SCHEMA_VERSION:
        return _refused(NEWER.format(version=version, known=SCHEMA_VERSION), newer=True)
    if not set(document) & set(_SECTIONS[1:]) and len(document) > 1:
        return _refused(NOT_A_RECORD)
    unknown = [key for key in document if key not in _SECTIONS]
    for key in unknown[:5]:
        problems.add(f"Something this course does not know, “{key[:40]}”, was left out.")
    if len(unknown) > 5:
        problems.add(f"{len(unknown) - 5} more unknown parts were left out.")

    lessons = _read_mapping(
        document.get("lessons"), MAX_LESSONS, "The list of lessons", _lesson, problems
    )
    checks = _read_mapping(
        document.get("checks"), MAX_CHECKS, "The list of knowledge-check answers", _check, problems
    )
    days = _read_list(
        document.get("diary"), MAX_DIARY_DAYS, "The diary", "Diary day", _diary_day, problems
    )
    by_date: dict[date, Entry] = {}
    for entry in days:
        if entry.date in by_date:
            problems.add(
                f"The diary has two entries for {entry.date.isoformat()}; the later one was kept."
            )
        by_date[entry.date] = entry
    record = LearnerRecord(
        lessons=tuple(lessons),
        resume=_resume(document.get("resume"), problems),
        checks=tuple(checks),
        diary=Diary(tuple(by_date.values())),
        self_checks=tuple(
            _read_list(
                document.get("self_checks"),
                MAX_SELF_CHECKS,
                "The list of mood self-checks",
                "Mood self-check",
                _self_check,
                problems,
            )
        ),
        pain_checks=tuple(
            _read_list(
                document.get("pain_checks"),
                MAX_PAIN_CHECKS,
                "The list of pain checks",
                "Pain check",
                _pain_check,
                problems,
            )
        ),
        thought_records=tuple(
            _read_list(
                document.get("thought_records"),
                MAX_THOUGHT_RECORDS,
                "The list of thought records",
                "Thought record",
                _thought_record,
                problems,
            )
        ),
        pacing_plans=tuple(
            _read_list(
                document.get("pacing_plans"),
                MAX_PACING_PLANS,
                "The list of pacing plans",
                "Pacing plan",
                _pacing_plan,
                problems,
            )
        ),
        support_map=_support_map(document.get("support_map"), problems),
        action_plan=_action_plan(document.get("action_plan"), problems),
        practice=tuple(
            _read_mapping(
                document.get("practice"), MAX_PRACTICE, "This week's practice", _practice, problems
            )
        ),
    )
    return ParseResult(record, problems.result(), migrated_from=migrated_from)


def _too_deep(text: str) -> bool:
    """True when the JSON text nests deeper than MAX_DEPTH (checked before json.loads, whose
    recursion a browser kernel's small stack may not survive)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for ch in _NOT_BRACKET.sub("", _STRING.sub('""', text)):
        depth += 1 if ch in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def parse_text(text: str | bytes) -> ParseResult:
    """`parse` for JSON text (as the browser stores it) or a file's bytes (UTF-8)."""
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_BYTES:
            return _refused(TOO_BIG.format(size=f"{len(text):,} bytes"))
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            return _refused(UNREADABLE)
    if not isinstance(text, str):
        return _refused(UNREADABLE)
    size = len(text) if len(text) > MAX_BYTES else size_in_bytes(text)
    if size > MAX_BYTES:
        return _refused(TOO_BIG.format(size=f"{size:,} bytes"))
    if not text.strip():
        return _refused(EMPTY)
    if _too_deep(text):
        return _refused(TOO_DEEP)
    try:
        document = json.loads(text, parse_constant=float)  # NaN/Infinity: refused where read
    except (ValueError, RecursionError):
        return _refused(UNREADABLE)
    return parse(document)


# ---- stored as one key per part ---------------------------------------------------------------

#: The record's parts. The browser keeps each under its own key, the record's key + ":" + the
#: part ("btc-record-v1:<course>:<base>:diary"), so that a change writes only the part it
#: changed and two tabs that change different parts never overwrite each other
#: (docs/models/learner_record.md, "Two tabs").
PARTS = _SECTIONS[1:]


def to_part_texts(record: LearnerRecord) -> dict[str, str | None]:
    """Each part of the record as its own small document, {"version": 1, "<part>": value}, as
    compact JSON text; None for a part that is empty (it is not stored: its key is removed).

    Each text is a valid record document on its own, so `parse_text` reads it, a newer course's
    part is refused as newer, and the parts joined are `to_document(record)`.
    """
    document = to_document(record)
    empty = _EMPTY_DOCUMENT
    return {
        name: None
        if document[name] == empty[name]
        else json.dumps(
            {"version": SCHEMA_VERSION, name: document[name]},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for name in PARTS
    }


def stored_size(texts: Mapping[str, str | None]) -> int:
    """The bytes the parts take together (the 1 MB limit holds for all of them together)."""
    return sum(size_in_bytes(text) for text in texts.values() if isinstance(text, str))


def parse_parts(texts: Mapping[str, object]) -> ParseResult:
    """`parse` for a record stored one key per part: {part name: that key's text}.

    Untrusted like any stored copy. All parts together are at most MAX_BYTES; each text must be
    {"version": 1, "<its part>": value} and nothing else (a part holding another part, or a
    foreign object, is not a record of this course); a part from a newer version refuses the
    whole record as newer. Then the parts are joined and checked by `parse`, item by item.
    """
    items = sorted((str(name), text) for name, text in texts.items() if text is not None)
    if not items:
        return ParseResult(LearnerRecord())
    if not all(isinstance(text, str) for _, text in items):
        return _refused(UNREADABLE)
    chars = sum(len(text) for _, text in items)
    size = chars if chars > MAX_BYTES else sum(size_in_bytes(text) for _, text in items)
    if size > MAX_BYTES:
        return _refused(TOO_BIG.format(size=f"{size:,} bytes"))
    joined: dict = {"version": SCHEMA_VERSION}
    for name, text in items:
        if name not in PARTS:
            return _refused(NOT_A_RECORD)
        if _too_deep(text):
            return _refused(TOO_DEEP)
        try:
            document = json.loads(text, parse_constant=float)
        except (ValueError, RecursionError):
            return _refused(UNREADABLE)
        if not isinstance(document, dict) or "version" not in document:
            return _refused(NOT_A_RECORD)
        version = document["version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            return _refused(BAD_VERSION.format(version=_shown(version, 20)))
        if version > SCHEMA_VERSION:
            return _refused(NEWER.format(version=version, known=SCHEMA_VERSION), newer=True)
        if set(document) - {"version", name}:
            return _refused(NOT_A_RECORD)
        if name in document:
            joined[name] = document[name]
    return parse(joined)


# ---- combining two records -------------------------------------------------------------------


def _combined(current: tuple, incoming: tuple, cap: int, what: str, notes: list[str]) -> tuple:
    """Both lists without repeats; over the cap, the oldest incoming items are left out."""
    extra = tuple(item for item in incoming if item not in current)
    room = max(0, cap - len(current))
    if len(extra) > room:
        notes.append(
            f"{what}: {len(extra) - room} of the older ones were left out, to stay within {cap:,}."
        )
        extra = tuple(sorted(extra, key=lambda x: x.date)[len(extra) - room :][:room])
    return current + extra


def merge(current: LearnerRecord, incoming: LearnerRecord) -> tuple[LearnerRecord, list[str]]:
    """`current` plus what `incoming` adds; on a clash `current` wins and the clash is named.

    Used when the stored copy arrives after the learner has started on the page, and when a
    backup is restored: nothing already on the page is lost.
    """
    notes: list[str] = []
    lessons = {x.file: x for x in incoming.lessons}
    for x in current.lessons:
        old = lessons.get(x.file)
        lessons[x.file] = (
            x if old is None else replace(x, opened=x.opened or old.opened, done=x.done or old.done)
        )
    if len(lessons) > MAX_LESSONS:
        keep = {x.file for x in current.lessons}
        lessons = {k: v for k, v in lessons.items() if k in keep}
        notes.append("Some lessons from the other copy were left out, to stay within the limit.")
    checks = {x.check: x for x in incoming.checks}
    for x in current.checks:
        old = checks.get(x.check)
        if old is not None and any(q in x.chosen() and x.chosen()[q] != c for q, c in old.answers):
            notes.append(f"Knowledge check “{x.check}”: your answers on this page were kept.")
        answers = {**(old.chosen() if old else {}), **x.chosen()}
        checks[x.check] = CheckAnswers(x.check, tuple(answers.items()))
    if len(checks) > MAX_CHECKS:
        keep = {x.check for x in current.checks}
        checks = {k: v for k, v in checks.items() if k in keep}
    diary, clashes = merge_diary(current.diary, incoming.diary)
    notes += clashes
    if len(diary) > MAX_DIARY_DAYS:
        diary = current.diary
        notes.append("The other copy's diary days were left out: together they are too many.")
    supporters = list(current.support_map.supporters)
    for s in incoming.support_map.supporters:
        if any(k.name.casefold() == s.name.casefold() for k in supporters):
            if s not in supporters:
                notes.append(f"Your support map already has {s.name}, so yours was kept.")
            continue
        if len(supporters) >= MAX_SUPPORTERS:
            notes.append("Some supporters were left out: the map has room for 30.")
            break
        supporters.append(s)
    if current.action_plan and incoming.action_plan and current.action_plan != incoming.action_plan:
        notes.append("You already have an action plan on this page, so yours was kept.")
    practice = {x.lesson: x for x in incoming.practice}
    practice.update({x.lesson: x for x in current.practice})
    record = LearnerRecord(
        lessons=tuple(lessons.values()),
        resume=current.resume or incoming.resume,
        checks=tuple(checks.values()),
        diary=diary,
        self_checks=_combined(
            current.self_checks,
            incoming.self_checks,
            MAX_SELF_CHECKS,
            "Mood self-checks",
            notes,
        ),
        pain_checks=_combined(
            current.pain_checks, incoming.pain_checks, MAX_PAIN_CHECKS, "Pain checks", notes
        ),
        thought_records=_combined(
            current.thought_records,
            incoming.thought_records,
            MAX_THOUGHT_RECORDS,
            "Thought records",
            notes,
        ),
        pacing_plans=_combined(
            current.pacing_plans, incoming.pacing_plans, MAX_PACING_PLANS, "Pacing plans", notes
        ),
        support_map=SupportMap(tuple(supporters)),
        action_plan=current.action_plan or incoming.action_plan,
        practice=tuple(practice.values())[:MAX_PRACTICE],
    )
    return record, notes


# ---- where it is kept --------------------------------------------------------------------------


def course_id(title: str) -> str:
    """A course's id in storage keys: its title in lower-case ASCII words joined by dashes."""
    ascii_title = unicodedata.normalize("NFKD", str(title)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].strip("-") or "course"


def default_course_id() -> str:
    """The id of this course, from the title in course.toml."""
    from widgets.course_config import course_settings

    return course_id(course_settings().title)


def base_path(base_url: str) -> str:
    """The course's base path, "/" or "/some/folder/", from a base URL or path."""
    path = urlsplit(base_url).path if "://" in base_url else base_url.split("?")[0].split("#")[0]
    if not path.startswith("/"):
        path = "/" + path
    return path if path.endswith("/") else path + "/"


def storage_key(course_id: str, base_url: str) -> str:
    """The browser storage key of a course's record: "btc-record-v1:<course id>:<base path>".

    The base path is percent-encoded as JavaScript's encodeURIComponent does, so the key has
    exactly two colons before any suffix: the record's other keys are this key + ":consent" and
    so on, and no other course's key can start with this one + ":". device_store.js builds the
    same key from the page's address (the base path as the browser shows it).
    """
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?", course_id):
        raise ValueError(f"a course id is lower-case letters, digits and dashes, not {course_id!r}")
    encoded = quote(base_path(base_url), safe="!*'()")
    return f"{KEY_PREFIX}:{course_id}:{encoded}"


__all__ = [
    "CheckAnswers",
    "LearnerRecord",
    "LessonProgress",
    "PacingPlanEntry",
    "PainCheckEntry",
    "ParseResult",
    "PracticeEntry",
    "Resume",
    "SavedActionPlan",
    "SavedThoughtRecord",
    "SelfCheckEntry",
    "counts",
    "course_id",
    "merge",
    "migrate",
    "parse",
    "parse_parts",
    "parse_text",
    "storage_key",
    "to_document",
    "to_part_texts",
    "to_text",
]
