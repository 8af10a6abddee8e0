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
- Every message a learner may read (why a record was refused, what was left out, the reasons a
  value is invalid) is in widgets/content/learner_record.toml, read when the message is made.
  Messages about a programming mistake (a wrong type passed in code) stay here, in English.
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

from widgets import formats
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
from widgets.words import word

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


def say(section: str, key: str, /, **fields: object) -> str:
    """A message from widgets/content/learner_record.toml with its {fields} filled in."""
    return word("learner_record", section, key).format(**fields)


def _name(key: str, /, **fields: object) -> str:
    """How the messages name a part of the record, or a thing in it ([name])."""
    return say("name", key, **fields)


#: A name in a message: the text, or a function that gives it. Checks that run for every item of
#: a record take the function, so that they look up words only when there is something to say.
Label = str | Callable[[], str]


def _named(key: str, /, **fields: object) -> Callable[[], str]:
    """`_name(key, ...)`, looked up only when a message needs it."""
    return lambda: _name(key, **fields)


def _label(what: Label) -> str:
    return what() if callable(what) else what


def refusal(key: str, /, **fields: object) -> str:
    """Why a whole record was refused ([refused]: not_a_record, unreadable, too_big, too_deep,
    too_many, newer, bad_version, empty), in the course's language."""
    return say("refused", key, **fields)


def _too_big(size: int | None) -> str:
    """The "too big" refusal: `size` in bytes, or None for "more than 1 MB"."""
    shown = (
        say("refused", "size_over")
        if size is None
        else say("refused", "size", count=formats.whole(size))
    )
    return refusal("too_big", size=shown)


# ---- small checks ----------------------------------------------------------------------------


def _shown(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _kind(value: object) -> str:
    """What a JSON value is, in plain words."""
    if value is None:
        kind = "empty"
    elif isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, int | float):
        kind = "number"
    elif isinstance(value, str):
        kind = "text"
    elif isinstance(value, list | tuple):
        kind = "list"
    elif isinstance(value, dict):
        kind = "group"
    else:
        kind = "other"
    return say("kind", kind)


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text)


def _invalid(key: str, /, **fields: object) -> ValueError:
    """A ValueError whose message a learner may read (in "... was left out: <message>")."""
    return ValueError(say("invalid", key, **fields))


def _check_day(day: object, what: Label | None = None) -> None:
    what = what or _named("date")
    if not isinstance(day, date) or isinstance(day, datetime):
        raise _invalid("not_a_date", what=_label(what), example=EXAMPLE_DATE, value=_shown(day))
    if day < EARLIEST:
        raise _invalid("before_1900", what=_label(what), date=day.isoformat())
    if day > date.today() + timedelta(days=FUTURE_SLACK_DAYS):
        raise _invalid("future", what=_label(what), date=day.isoformat())


def _read_day(value: object, what: Label | None = None) -> date:
    what = what or _named("date")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _invalid("written_like", what=_label(what), example=EXAMPLE_DATE, value=_shown(value))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _invalid("not_a_real_day", what=_label(what), value=value) from None
    _check_day(day, what)
    return day


def _check_lesson_file(file: object, what: Label | None = None) -> None:
    if not isinstance(file, str) or not LESSON_FILE.fullmatch(file):
        what = what or _named("a_lesson")
        raise _invalid("lesson_file", what=_label(what), value=_shown(file))


def _check_bool(value: object, what: Label) -> None:
    if not isinstance(value, bool):
        raise _invalid("true_or_false", what=_label(what), kind=_kind(value))


def _whole(value: object, what: Label, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid("whole_number", what=_label(what), kind=_kind(value))
    if not low <= value <= high:
        raise _invalid("from_to", what=_label(what), low=low, high=high, value=value)
    return value


def _tuple(value: object, what: Label) -> tuple:
    if not isinstance(value, list | tuple):
        raise _invalid("a_list", what=_label(what), kind=_kind(value))
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
        _check_bool(self.opened, _named("opened"))
        _check_bool(self.done, _named("done"))


@dataclass(frozen=True)
class Resume:
    """Where to continue: a lesson file and, optionally, a section id in it."""

    lesson: str
    section: str = ""

    def __post_init__(self) -> None:
        _check_lesson_file(self.lesson, _named("resume_lesson"))
        if not isinstance(self.section, str):
            raise _invalid("section_text", kind=_kind(self.section))
        if len(self.section) > SECTION_LIMIT or _has_control(self.section):
            raise _invalid("section")


@dataclass(frozen=True)
class CheckAnswers:
    """A knowledge check's answers: (question index, chosen index) pairs, counting from 0."""

    check: str
    answers: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.check, str) or not _CHECK_NAME.fullmatch(self.check):
            raise _invalid("check_name", value=_shown(self.check))
        pairs = []
        for pair in _tuple(self.answers, _named("answers")):
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise _invalid("answer_pair")
            question = _whole(pair[0], _named("question_number"), 0, MAX_QUESTIONS - 1)
            choice = _whole(pair[1], _named("chosen"), 0, MAX_CHOICES - 1)
            pairs.append((question, choice))
        if len({q for q, _ in pairs}) != len(pairs):
            raise _invalid("two_answers")
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
        _check_day(self.date)
        answers = _tuple(self.answers, _named("answers"))
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
        _check_day(self.date)
        answers = _tuple(self.answers, _named("answers"))
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
        _check_day(self.date)
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
        _check_day(self.date)
        activity = clean_text(self.activity, multiline=False)
        if len(activity) > ACTIVITY_LIMIT:
            raise _invalid("activity_long", limit=ACTIVITY_LIMIT)
        days = _tuple(self.days, _named("days"))
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
            raise _invalid("title_long", limit=TITLE_LIMIT)
        if self.date is not None:
            _check_day(self.date, _named("plan_date"))
        object.__setattr__(self, "title", title)


@dataclass(frozen=True)
class PracticeEntry:
    """This week's practice for a lesson (its "Try this"): done or not, and when."""

    lesson: str
    done: bool
    date: date

    def __post_init__(self) -> None:
        _check_lesson_file(self.lesson)
        _check_bool(self.done, _named("done"))
        _check_day(self.date)


def _unique(items: tuple, key: Callable, what: Label) -> None:
    seen = set()
    for item in items:
        if key(item) in seen:
            raise _invalid("twice", what=_label(what), value=key(item))
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
                raise _invalid(
                    "too_many_items",
                    name=name,
                    count=formats.whole(len(items)),
                    cap=formats.whole(cap),
                )
            if not all(isinstance(item, kind) for item in items):
                raise ValueError(f"{name} holds {kind.__name__} items only.")
            object.__setattr__(self, name, tuple(sorted(items, key=key)))
        _unique(self.lessons, lambda x: x.file, _named("the_lesson"))
        _unique(self.checks, lambda x: x.check, _named("the_check"))
        _unique(self.practice, lambda x: x.lesson, _named("practice_for"))
        if not isinstance(self.diary, Diary) or len(self.diary) > MAX_DIARY_DAYS:
            raise _invalid("diary_days", cap=formats.whole(MAX_DIARY_DAYS))
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
            return (*self.items, say("left_out", "more", count=formats.whole(self.more)))
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
            return refusal("too_many")
        if depth > MAX_DEPTH:
            return refusal("too_deep")
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
                    return refusal("unreadable")
                size += len(key) + 3
                stack.append((item, depth + 1))
        else:
            return refusal("unreadable")
        if size > MAX_BYTES:
            return _too_big(None)
    exact = size_in_bytes(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
    if exact > MAX_BYTES:
        return _too_big(exact)
    return None


def _fields(item: object, allowed: Iterable[str], label: Label, problems: _Problems) -> dict:
    """The known parts of one item (an object); unknown parts are left out and named."""
    if not isinstance(item, dict):
        raise _invalid("not_a_group", kind=_kind(item))
    allowed = tuple(allowed)
    unknown = [key for key in item if key not in allowed]
    if unknown:
        label = _label(label)
        named = ", ".join(say("left_out", "quoted", name=key[:30]) for key in unknown[:3])
        if len(unknown) == 1:
            problems.add(say("left_out", "unknown_part", label=label, named=named))
        elif len(unknown) > 3:
            problems.add(
                say(
                    "left_out",
                    "unknown_parts_more",
                    label=label,
                    named=named,
                    count=len(unknown) - 3,
                )
            )
        else:
            problems.add(say("left_out", "unknown_parts", label=label, named=named))
    return {key: item[key] for key in allowed if key in item}


def _reason(error: BaseException) -> str:
    text = str(error).strip() or say("invalid", "could_not_read")
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _too_many_items(what: Label, count: int, cap: int) -> str:
    return say(
        "left_out",
        "too_many",
        what=_label(what),
        count=formats.whole(count),
        cap=formats.whole(cap),
    )


def _item_label(item_name: Label, number: int) -> Callable[[], str]:
    """ "Diary day 3": the item's name and number, looked up only for a message."""
    return lambda: _name("item", name=_label(item_name), number=number)


def _read_list(
    value: object,
    cap: int,
    what: Label,
    item_name: Label,
    reader: Callable[[object, Label, _Problems], object],
    problems: _Problems,
) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(say("left_out", "not_a_list", what=_label(what), kind=_kind(value)))
        return []
    if len(value) > cap:
        problems.add(_too_many_items(what, len(value), cap))
        return []
    kept = []
    for number, item in enumerate(value, start=1):
        label = _item_label(item_name, number)
        try:
            kept.append(reader(item, label, problems))
        except (ValueError, TypeError, OverflowError) as error:
            problems.add(say("left_out", "item", label=_label(label), reason=_reason(error)))
    return kept


def _read_mapping(
    value: object,
    cap: int,
    what: Label,
    reader: Callable[[str, object, _Problems], object],
    problems: _Problems,
) -> list:
    if value is None:
        return []
    if not isinstance(value, dict):
        problems.add(say("left_out", "not_a_group", what=_label(what), kind=_kind(value)))
        return []
    if len(value) > cap:
        problems.add(_too_many_items(what, len(value), cap))
        return []
    kept = []
    for key, item in value.items():
        try:
            kept.append(reader(key, item, problems))
        except (ValueError, TypeError, OverflowError) as error:
            problems.add(
                say("left_out", "key", what=_label(what), key=key[:40], reason=_reason(error))
            )
    return kept


def _lesson(key: str, item: object, problems: _Problems) -> LessonProgress:
    values = _fields(item, ("opened", "done"), _named("lesson", key=key[:40]), problems)
    return LessonProgress(key, values.get("opened", False), values.get("done", False))


def _check(key: str, item: object, problems: _Problems) -> CheckAnswers:
    if not isinstance(key, str) or not _CHECK_NAME.fullmatch(key):
        raise _invalid("not_a_check_name")
    if not isinstance(item, dict):
        raise _invalid("not_answers", kind=_kind(item))
    pairs = []
    for question, choice in item.items():
        if not _INDEX.fullmatch(question) or int(question) >= MAX_QUESTIONS:
            problems.add(say("left_out", "no_question", key=key))
            continue
        try:
            pairs.append(CheckAnswers(key, ((int(question), choice),)).answers[0])
        except ValueError as error:
            problems.add(
                say(
                    "left_out",
                    "answer",
                    key=key,
                    number=int(question) + 1,
                    reason=_reason(error),
                )
            )
    return CheckAnswers(key, tuple(pairs))


#: A stored diary day has the diary file's columns (one list, in widgets/models/diary.py).
_DIARY_FIELDS = DIARY_COLUMNS


def _diary_day(item: object, label: Label, problems: _Problems) -> Entry:
    values = _fields(item, _DIARY_FIELDS, label, problems)
    missing = [name for name in _DIARY_FIELDS[:-1] if name not in values]
    if missing:
        raise _invalid("no_value", name=missing[0])
    values["date"] = _read_day(values["date"])
    return Entry(**values)


def _self_check(item: object, label: Label, problems: _Problems) -> SelfCheckEntry:
    values = _fields(item, ("date", "version", "answers", "difficulty"), label, problems)
    if "answers" not in values or "version" not in values:
        raise _invalid("no_answers")
    return SelfCheckEntry(
        _read_day(values.get("date")),
        values["version"],
        _tuple(values["answers"], _named("answers")),
        values.get("difficulty"),
    )


def _pain_check(item: object, label: Label, problems: _Problems) -> PainCheckEntry:
    values = _fields(item, ("date", "answers"), label, problems)
    return PainCheckEntry(
        _read_day(values.get("date")), _tuple(values.get("answers"), _named("answers"))
    )


_THOUGHT_TEXTS = (
    "situation",
    "automatic_thought",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
)


def _the_part(name: str) -> Callable[[], str]:
    """ "The feelings", "The people to call": a thought record's or action plan's part."""
    return lambda: _name("the_part", part=say("part", name))


def _thought_record(item: object, label: Label, problems: _Problems) -> SavedThoughtRecord:
    values = _fields(
        item, ("date", *_THOUGHT_TEXTS, "feelings", "traps", "rerated"), label, problems
    )
    day = _read_day(values.pop("date", None))
    for name in ("feelings", "traps", "rerated"):
        if name in values:
            values[name] = _tuple(values[name], _the_part(name))
    for name in ("feelings", "rerated"):
        for pair in values.get(name, ()):
            if isinstance(pair, list | tuple) and len(pair) == 2 and not isinstance(pair[0], str):
                raise _invalid("feeling_name", kind=_kind(pair[0]))
    if not all(isinstance(trap, str) for trap in values.get("traps", ())):
        raise _invalid("trap_names")
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


def _pacing_plan(item: object, label: Label, problems: _Problems) -> PacingPlanEntry:
    values = _fields(item, _PACING_FIELDS, label, problems)
    values["date"] = _read_day(values.get("date"))
    values["days"] = _tuple(values.get("days"), _named("days"))
    values.setdefault("activity", "")
    return PacingPlanEntry(**values)


def _supporter(item: object, label: Label, problems: _Problems) -> Supporter:
    values = _fields(item, ("name", "kind", "helps_with"), label, problems)
    helps = _tuple(values.get("helps_with"), _named("kinds_of_help"))
    if not all(isinstance(h, str) for h in helps):
        raise _invalid("help_names")
    if not isinstance(values.get("name"), str):
        raise _invalid("name_text")
    return Supporter(values["name"], values.get("kind"), frozenset(helps))


def _support_map(value: object, problems: _Problems) -> SupportMap:
    supporters = _read_list(
        value, MAX_SUPPORTERS, _named("support_map"), _named("supporter"), _supporter, problems
    )
    kept: list[Supporter] = []
    for supporter in supporters:
        if any(s.name.casefold() == supporter.name.casefold() for s in kept):
            problems.add(say("left_out", "supporter_twice", name=supporter.name))
            continue
        kept.append(supporter)
    return SupportMap(tuple(kept))


_PLAN_LISTS = ("reasons", "strategies", "goals", "warning_signs", "helps", "people_to_call")


def _action_plan(value: object, problems: _Problems) -> SavedActionPlan | None:
    if value is None:
        return None
    label = _named("action_plan")
    try:
        values = _fields(value, ("title", "date", *_PLAN_LISTS), label, problems)
    except ValueError as error:
        problems.add(say("left_out", "item", label=_label(label), reason=_reason(error)))
        return None
    parts: dict[str, object] = {}
    for name in _PLAN_LISTS:  # one bad part leaves out that part only
        if name not in values:
            continue
        try:
            part = _tuple(values[name], _the_part(name))
            if name == "people_to_call":
                part = tuple(_tuple(pair, _named("each_person")) for pair in part)
                if not all(isinstance(x, str) for pair in part for x in pair):
                    raise _invalid("people_text")
            elif not all(isinstance(x, str) for x in part):
                raise _invalid("line_text")
            ActionPlan(**{name: part})
            parts[name] = part
        except (ValueError, TypeError) as error:
            problems.add(
                say(
                    "left_out",
                    "plan_part",
                    label=_label(label),
                    part=say("part", name),
                    reason=_reason(error),
                )
            )
    try:
        title = values.get("title", DEFAULT_TITLE)
        if not isinstance(title, str):
            raise _invalid("title_text")
        day = None if values.get("date") is None else _read_day(values["date"])
        return SavedActionPlan(ActionPlan(**parts), title, day)  # type: ignore[arg-type]
    except (ValueError, TypeError) as error:
        problems.add(say("left_out", "plan_title", label=_label(label), reason=_reason(error)))
        return SavedActionPlan(ActionPlan(**parts))  # type: ignore[arg-type]


def _practice(key: str, item: object, problems: _Problems) -> PracticeEntry:
    values = _fields(item, ("done", "date"), _named("practice", key=key[:40]), problems)
    return PracticeEntry(key, values.get("done", False), _read_day(values.get("date")))


def _resume(value: object, problems: _Problems) -> Resume | None:
    if value is None:
        return None
    try:
        values = _fields(value, ("lesson", "section"), _named("resume"), problems)
        return Resume(values.get("lesson"), values.get("section", ""))  # type: ignore[arg-type]
    except (ValueError, TypeError) as error:
        problems.add(say("left_out", "item", label=_name("resume"), reason=_reason(error)))
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
        notes.append(say("left_out", "older_lessons"))
        old.pop("lessons")
    visited = old.pop("visited", [])
    lessons: dict[str, dict] = {}
    if isinstance(visited, list):
        for file in visited:
            if isinstance(file, str) and LESSON_FILE.fullmatch(file):
                lessons.setdefault(file, {"opened": True, "done": False})
            else:
                notes.append(say("left_out", "not_a_lesson", value=_shown(file)))
    else:
        notes.append(say("left_out", "visited", kind=_kind(visited)))
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
            return _refused(refusal("not_a_record"))
        document, notes = migrate(document)
        migrated_from = 0
        for note in notes:
            problems.add(note)
    if not isinstance(document, dict):
        return _refused(refusal("not_a_record"))
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        return _refused(refusal("bad_version", version=_shown(version, 20)))
    if version > SCHEMA_VERSION:
        return _refused(refusal("newer", version=version, known=SCHEMA_VERSION), newer=True)
    if not set(document) & set(_SECTIONS[1:]) and len(document) > 1:
        return _refused(refusal("not_a_record"))
    unknown = [key for key in document if key not in _SECTIONS]
    for key in unknown[:5]:
        problems.add(say("left_out", "unknown", key=key[:40]))
    if len(unknown) > 5:
        problems.add(say("left_out", "unknown_more", count=len(unknown) - 5))

    lessons = _read_mapping(
        document.get("lessons"), MAX_LESSONS, _named("lessons"), _lesson, problems
    )
    checks = _read_mapping(document.get("checks"), MAX_CHECKS, _named("checks"), _check, problems)
    days = _read_list(
        document.get("diary"),
        MAX_DIARY_DAYS,
        _named("diary"),
        _named("diary_day"),
        _diary_day,
        problems,
    )
    by_date: dict[date, Entry] = {}
    for entry in days:
        if entry.date in by_date:
            problems.add(say("left_out", "diary_twice", date=entry.date.isoformat()))
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
                _named("self_checks"),
                _named("self_check"),
                _self_check,
                problems,
            )
        ),
        pain_checks=tuple(
            _read_list(
                document.get("pain_checks"),
                MAX_PAIN_CHECKS,
                _named("pain_checks"),
                _named("pain_check"),
                _pain_check,
                problems,
            )
        ),
        thought_records=tuple(
            _read_list(
                document.get("thought_records"),
                MAX_THOUGHT_RECORDS,
                _named("thought_records"),
                _named("thought_record"),
                _thought_record,
                problems,
            )
        ),
        pacing_plans=tuple(
            _read_list(
                document.get("pacing_plans"),
                MAX_PACING_PLANS,
                _named("pacing_plans"),
                _named("pacing_plan"),
                _pacing_plan,
                problems,
            )
        ),
        support_map=_support_map(document.get("support_map"), problems),
        action_plan=_action_plan(document.get("action_plan"), problems),
        practice=tuple(
            _read_mapping(
                document.get("practice"),
                MAX_PRACTICE,
                _named("practice_list"),
                _practice,
                problems,
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
            return _refused(_too_big(len(text)))
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            return _refused(refusal("unreadable"))
    if not isinstance(text, str):
        return _refused(refusal("unreadable"))
    size = len(text) if len(text) > MAX_BYTES else size_in_bytes(text)
    if size > MAX_BYTES:
        return _refused(_too_big(size))
    if not text.strip():
        return _refused(refusal("empty"))
    if _too_deep(text):
        return _refused(refusal("too_deep"))
    try:
        document = json.loads(text, parse_constant=float)  # NaN/Infinity: refused where read
    except (ValueError, RecursionError):
        return _refused(refusal("unreadable"))
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
        return _refused(refusal("unreadable"))
    chars = sum(len(text) for _, text in items)
    size = chars if chars > MAX_BYTES else sum(size_in_bytes(text) for _, text in items)
    if size > MAX_BYTES:
        return _refused(_too_big(size))
    joined: dict = {"version": SCHEMA_VERSION}
    for name, text in items:
        if name not in PARTS:
            return _refused(refusal("not_a_record"))
        if _too_deep(text):
            return _refused(refusal("too_deep"))
        try:
            document = json.loads(text, parse_constant=float)
        except (ValueError, RecursionError):
            return _refused(refusal("unreadable"))
        if not isinstance(document, dict) or "version" not in document:
            return _refused(refusal("not_a_record"))
        version = document["version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            return _refused(refusal("bad_version", version=_shown(version, 20)))
        if version > SCHEMA_VERSION:
            return _refused(refusal("newer", version=version, known=SCHEMA_VERSION), newer=True)
        if set(document) - {"version", name}:
            return _refused(refusal("not_a_record"))
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
            say("merge", "older", what=what, count=len(extra) - room, cap=formats.whole(cap))
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
        notes.append(say("merge", "lessons"))
    checks = {x.check: x for x in incoming.checks}
    for x in current.checks:
        old = checks.get(x.check)
        if old is not None and any(q in x.chosen() and x.chosen()[q] != c for q, c in old.answers):
            notes.append(say("merge", "check", name=x.check))
        answers = {**(old.chosen() if old else {}), **x.chosen()}
        checks[x.check] = CheckAnswers(x.check, tuple(answers.items()))
    if len(checks) > MAX_CHECKS:
        keep = {x.check for x in current.checks}
        checks = {k: v for k, v in checks.items() if k in keep}
    diary, clashes = merge_diary(current.diary, incoming.diary)
    notes += clashes
    if len(diary) > MAX_DIARY_DAYS:
        diary = current.diary
        notes.append(say("merge", "diary"))
    supporters = list(current.support_map.supporters)
    for s in incoming.support_map.supporters:
        if any(k.name.casefold() == s.name.casefold() for k in supporters):
            if s not in supporters:
                notes.append(say("merge", "supporter", name=s.name))
            continue
        if len(supporters) >= MAX_SUPPORTERS:
            notes.append(say("merge", "supporters", count=MAX_SUPPORTERS))
            break
        supporters.append(s)
    if current.action_plan and incoming.action_plan and current.action_plan != incoming.action_plan:
        notes.append(say("merge", "action_plan"))
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
            say("merge", "self_checks"),
            notes,
        ),
        pain_checks=_combined(
            current.pain_checks,
            incoming.pain_checks,
            MAX_PAIN_CHECKS,
            say("merge", "pain_checks"),
            notes,
        ),
        thought_records=_combined(
            current.thought_records,
            incoming.thought_records,
            MAX_THOUGHT_RECORDS,
            say("merge", "thought_records"),
            notes,
        ),
        pacing_plans=_combined(
            current.pacing_plans,
            incoming.pacing_plans,
            MAX_PACING_PLANS,
            say("merge", "pacing_plans"),
            notes,
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
