"""A daily pain, sleep and mood diary: entries, a 7-day average, and CSV export and import.

Why: keeping a short daily record is a core self-management skill in CBT-based pain programmes
(Williams et al. 2020; The Pain Course builds in homework and tracking, Dear et al. 2015; see
docs/sources.md). It lets a learner see patterns (a short night before a bad pain day), pace
activity from their own numbers (Jamieson-Lega et al. 2013), and track change over time, the way
the PEG is meant to be used (Krebs et al. 2009). A 7-day average smooths out the day-to-day ups
and downs so a trend is easier to see.

The learner owns the data: it lives in their session and leaves only as a CSV file they download.
Design decisions (each tested):
- One entry per calendar day. `Diary.add` with a date that already has an entry REPLACES it (the
  learner is correcting that day).
- Notes are plain text, never HTML: control characters other than newline and tab are removed
  (CR and CRLF become a newline), as are bidirectional-override characters; at most 500 characters.
- Encoding: import accepts UTF-8, with or without a byte-order mark, and nothing else. Guessing
  another encoding (latin-1 decodes any bytes at all) would turn a wrong file into silent rubbish,
  so other files are refused with a message asking to save as "CSV UTF-8".
- Formula guard (OWASP "CSV injection"): on export a note starting with = + - @ tab or CR gets a
  leading apostrophe, so a spreadsheet shows it as text rather than running it as a formula. A note
  that already starts with apostrophes before one of those characters gets one more, so import can
  always remove exactly one and the round trip is exact.
- Import keeps every good row, reports each bad row with its line number in the file (the line
  the row starts on) and why, and refuses a whole file only when it cannot be read at all (too big,
  too many rows, empty, not UTF-8, a required column missing). In a file, a repeated date: the
  later row wins, and this is reported.
- `merge` never loses what the learner already entered: on a date clash the existing entry is kept
  and the clash is reported. An imported file may be an old backup; overwriting a day the learner
  typed in would be silent data loss. To take the file's version, delete that day and import again.
- Dates must be from 1900 on and not in the future; "today" allows one day of slack, because the
  kernel's clock may be in a different time zone from the learner.
Every message a learner reads is in widgets/content/diary.toml, read when the message is made (so
the course's language applies). Standard library only (widgets.words is too).
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from widgets import formats
from widgets.words import word

COLUMNS = ("date", "pain", "sleep_hours", "sleep_quality", "mood", "active_minutes", "note")
REQUIRED_COLUMNS = COLUMNS[:-1]  # a file without a "note" column is fine: notes are left empty
NUMBER_FIELDS = COLUMNS[1:-1]
MAX_BYTES = 1_000_000
MAX_ROWS = 3660  # about ten years of days
NOTE_LIMIT = 500
EARLIEST = date(1900, 1, 1)
FUTURE_SLACK_DAYS = 1  # the kernel's "today" may be a day behind the learner's time zone
EXAMPLE_DATE = "2024-03-07"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def say(section: str, key: str, /, **fields: object) -> str:
    """A message from widgets/content/diary.toml with its {fields} filled in."""
    return word("diary", section, key).format(**fields)


def _save_as_utf8() -> str:
    return say("file", "save_as")


def _empty_file() -> str:
    return say("file", "empty", columns=",".join(COLUMNS))


@dataclass(frozen=True)
class Scale:
    """What a number in the diary means: its range and what each end stands for."""

    label: str
    low: int
    high: int
    whole: bool
    low_means: str
    high_means: str


#: Each number's range (low, high) and whether it is whole; its words are in diary.toml [scales].
RANGES = {
    "pain": (0, 10, True),
    "sleep_hours": (0, 24, False),
    "sleep_quality": (0, 10, True),
    "mood": (0, 10, True),  # 10 = best
    "active_minutes": (0, 1440, True),
}


def scale(name: str) -> Scale:
    """What the diary's number `name` means: its range from RANGES, its words from the content
    file in the course's language (read now, not at import, so the language applies)."""
    low, high, whole = RANGES[name]
    text = word("diary", "scales", name, "label")
    low_means = word("diary", "scales", name, "low_means")
    high_means = word("diary", "scales", name, "high_means")
    return Scale(text, low, high, whole, low_means, high_means)


def scales() -> dict[str, Scale]:
    """Every number of a diary day, by field name, with its range and words."""
    return {name: scale(name) for name in RANGES}


def __getattr__(name: str) -> dict[str, Scale]:
    """`SCALES`, for code written before `scales()` (workbook/sheets.py): read when asked for."""
    if name == "SCALES":
        return scales()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WHOLE = re.compile(r"[+-]?[0-9]+(?:\.0*)?")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def clean_text(text: str, *, multiline: bool = True) -> str:
    """Learner text made safe to keep as plain text (other models use this too).

    CR and CRLF become newlines; other control characters, lone surrogates and bidirectional
    overrides are removed. With multiline=False, every run of whitespace becomes one space.
    """
    if not isinstance(text, str):
        raise ValueError(say("day", "not_text", value=repr(text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    kept = "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or (unicodedata.category(ch) not in ("Cc", "Cs") and ch not in _BIDI_CONTROLS)
    )
    return kept if multiline else " ".join(kept.split())


def _shown(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _range_words(name: str) -> str:
    low, high, whole = RANGES[name]
    return say("day", "whole_number_range" if whole else "number_range", low=low, high=high)


def _number_problem(name: str, value: object) -> str | None:
    low, high, whole = RANGES[name]
    allowed = int if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, allowed):
        return say("day", "must_be", name=name, range=_range_words(name), value=repr(value))
    if not math.isfinite(value) or not low <= value <= high:
        return say(
            "day", "must_be", name=name, range=_range_words(name), value=formats.number(value)
        )
    return None


def _date_problem(day: object) -> str | None:
    if isinstance(day, date) and not isinstance(day, datetime):
        if day < EARLIEST:
            return say("day", "before_1900", date=day.isoformat())
        if day > date.today() + timedelta(days=FUTURE_SLACK_DAYS):
            return say("day", "future", date=day.isoformat())
        return None
    return say("day", "not_a_date", example=EXAMPLE_DATE, value=repr(day))


def _note_too_long(note: str) -> str:
    return say("day", "note_too_long", count=len(note), limit=NOTE_LIMIT)


@dataclass(frozen=True)
class Entry:
    """One day in the diary.

    pain 0–10 (10 = worst), sleep_hours 0–24 (kept to one decimal), sleep_quality 0–10
    (10 = best), mood 0–10 (10 = the best mood), active_minutes 0–1440, note up to 500 characters.
    """

    date: date
    pain: int
    sleep_hours: float
    sleep_quality: int
    mood: int
    active_minutes: int
    note: str = ""

    def __post_init__(self) -> None:
        problems = [_date_problem(self.date)]
        problems += [_number_problem(name, getattr(self, name)) for name in NUMBER_FIELDS]
        if isinstance(self.note, str):
            note = clean_text(self.note)
            object.__setattr__(self, "note", note)
            if len(note) > NOTE_LIMIT:
                problems.append(_note_too_long(note))
        else:
            problems.append(say("day", "note_not_text", value=repr(self.note)))
        problems = [p for p in problems if p]
        if problems:
            raise ValueError(" ".join(problems))
        object.__setattr__(self, "sleep_hours", round(float(self.sleep_hours), 1))


@dataclass(frozen=True)
class Diary:
    """Entries in date order, at most one per day. Methods return a new Diary."""

    entries: tuple[Entry, ...] = ()

    def __post_init__(self) -> None:
        entries = tuple(self.entries)
        seen: set[date] = set()
        for entry in entries:
            if not isinstance(entry, Entry):
                raise ValueError(f"a diary holds entries, got {entry!r}")
            if entry.date in seen:
                raise ValueError(say("day", "two_entries", date=entry.date.isoformat()))
            seen.add(entry.date)
        object.__setattr__(self, "entries", tuple(sorted(entries, key=lambda e: e.date)))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, day: date) -> Entry | None:
        return next((e for e in self.entries if e.date == day), None)

    def add(self, entry: Entry) -> Diary:
        """A diary with `entry` added; an entry already on that date is replaced."""
        if not isinstance(entry, Entry):
            raise ValueError(f"a diary holds entries, got {entry!r}")
        return Diary(tuple(e for e in self.entries if e.date != entry.date) + (entry,))

    def remove(self, day: date) -> Diary:
        """A diary without the entry on `day` (unchanged if there is none)."""
        return Diary(tuple(e for e in self.entries if e.date != day))

    def seven_day_average(self, field: str) -> list[tuple[date, float | None]]:
        """For each calendar day from the first entry to the last: the mean of `field` over the
        entries in the 7 days ending that day, or None when none of those days has an entry."""
        if field not in NUMBER_FIELDS:
            raise ValueError(f"choose one of {', '.join(NUMBER_FIELDS)}, got {field!r}")
        if not self.entries:
            return []
        values = {e.date: getattr(e, field) for e in self.entries}
        first, last = self.entries[0].date, self.entries[-1].date
        averages: list[tuple[date, float | None]] = []
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            window = [values[d] for k in range(7) if (d := day - timedelta(days=k)) in values]
            averages.append((day, sum(window) / len(window) if window else None))
        return averages


# ---- CSV -----------------------------------------------------------------------------------


def _needs_guard(note: str) -> bool:
    # Decided on the text after any leading apostrophes, so adding or removing one never changes
    # the answer: that is what makes guard and unguard exact inverses.
    rest = note.lstrip("'")
    return any(start and start in FORMULA_START for start in (rest[:1], rest.lstrip()[:1]))


def guard_formula(note: str) -> str:
    """A note as written to CSV: an apostrophe in front if a spreadsheet could run it."""
    return "'" + note if _needs_guard(note) else note


def unguard_formula(note: str) -> str:
    """The reverse of `guard_formula`, applied to notes read from CSV."""
    return note[1:] if note.startswith("'") and _needs_guard(note) else note


def to_csv(diary: Diary) -> str:
    """The diary as CSV text with the header `COLUMNS`, ISO dates, one row per day."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in diary:
        writer.writerow(
            [
                e.date.isoformat(),
                e.pain,
                f"{e.sleep_hours:g}",
                e.sleep_quality,
                e.mood,
                e.active_minutes,
                guard_formula(e.note),
            ]
        )
    return out.getvalue()


@dataclass(frozen=True)
class RowProblem:
    """Something about one line of an imported file (line 1 is the header)."""

    line: int
    message: str

    def __str__(self) -> str:
        return say("file", "line", line=self.line, message=self.message)


@dataclass(frozen=True)
class ImportResult:
    """What `from_csv` read: good entries, problems by line, or a whole-file `error`."""

    entries: tuple[Entry, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def summary(self) -> str:
        if self.error:
            return self.error
        text = say("file", "read", days=day_count(len(self.entries)))
        if self.problems:
            text += " " + say("file", "some_problems")
        return text


def day_count(count: int) -> str:
    """ "1 day" or "12 days", in the course's language."""
    return say("count", "one_day") if count == 1 else say("count", "days", count=count)


def _fail(message: str) -> ImportResult:
    return ImportResult(error=message)


def _decode(data: bytes) -> tuple[str | None, str | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, say("file", "utf16", save_as=_save_as_utf8())
    if data.startswith(b"PK\x03\x04"):
        return None, say("file", "spreadsheet")
    if b"\x00" in data:
        return None, say("file", "not_text", save_as=_save_as_utf8())
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, say("file", "letters", save_as=_save_as_utf8())


def _parse_date(text: str) -> tuple[date | None, str | None]:
    if not text:
        return None, say("value", "date_empty", how=say("value", "how_date", example=EXAMPLE_DATE))
    if not _ISO_DATE.fullmatch(text):
        how = say("value", "how_date", example=EXAMPLE_DATE)
        return None, say("value", "date_format", text=_shown(text), how=how)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, say("value", "not_real_day", text=text)
    return day, _date_problem(day)


def _wanted(name: str) -> str:
    """ "Use a whole number from 0 to 10.": how to write the number `name`."""
    return say("value", "wanted", range=_range_words(name))


def _parse_number(name: str, text: str) -> tuple[int | float | None, str | None]:
    whole = RANGES[name][2]
    if not text:
        return None, say("value", "empty", name=name, wanted=_wanted(name))
    if len(text) > 12:
        return None, say(
            "value", "too_long", name=name, text=_shown(text, 12), wanted=_wanted(name)
        )
    if _DECIMAL.fullmatch(text):
        if not whole:
            value: int | float = float(text)
        elif _WHOLE.fullmatch(text):
            value = int(text.split(".")[0])
        else:
            return None, say("day", "must_be", name=name, range=_range_words(name), value=text)
        return value, _number_problem(name, value)
    if _DECIMAL.fullmatch(text.replace(",", ".", 1)):
        return None, say("value", "comma", name=name, text=text)
    return None, say("value", "not_number", name=name, text=_shown(text), wanted=_wanted(name))


def _parse_row(cells: dict[str, str]) -> tuple[Entry | None, str]:
    """An entry from one row's cells, or None and every reason the row was left out."""
    day, date_problem = _parse_date(cells["date"])
    numbers = {name: _parse_number(name, cells[name]) for name in NUMBER_FIELDS}
    note = clean_text(unguard_formula(cells.get("note", "")))
    problems = [date_problem] + [problem for _, problem in numbers.values()]
    if len(note) > NOTE_LIMIT:
        problems.append(_note_too_long(note))
    message = " ".join(p for p in problems if p)
    if message or day is None:
        return None, message
    values = {name: value for name, (value, _) in numbers.items()}
    try:
        return Entry(day, note=note, **values), ""  # type: ignore[arg-type]
    except ValueError as exc:  # the checks above mirror Entry's, so this is a safety net
        return None, str(exc)


def from_csv(data: bytes) -> ImportResult:
    """Read a diary CSV (UTF-8). Good rows are kept; see the module docstring for the rules."""
    if not isinstance(data, bytes | bytearray):
        raise ValueError(f"from_csv needs the file's bytes, got {type(data).__name__}")
    if len(data) > MAX_BYTES:
        return _fail(say("file", "too_big"))
    text, error = _decode(bytes(data))
    if error or text is None:
        return _fail(error or "")
    if not text.strip():
        return _fail(_empty_file())
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    problems: list[RowProblem] = []
    kept: dict[date, tuple[int, Entry]] = {}
    rows = 0
    try:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in row):
                continue  # blank lines (and rows of empty cells) are skipped quietly
            if header is None:
                header = [cell.strip().lower() for cell in row]
                error = _header_error(header)
                if error:
                    return _fail(error)
                extra = [_shown(name) for name in header if name not in COLUMNS]
                if extra:
                    extra = [name or say("file", "no_name") for name in extra]
                    listed = ", ".join(extra[:5])
                    if len(extra) > 5:
                        listed += " " + say("file", "and_more", count=len(extra) - 5)
                    problems.append(RowProblem(start, say("file", "extra_columns", listed=listed)))
                continue
            rows += 1
            if rows > MAX_ROWS:
                return _fail(say("file", "too_many_rows", rows=formats.whole(MAX_ROWS)))
            if len(row) != len(header):
                problems.append(
                    RowProblem(
                        start, say("file", "wrong_count", values=len(row), columns=len(header))
                    )
                )
                continue
            cells = {name: value.strip() for name, value in zip(header, row, strict=True)}
            if "note" in cells:
                cells["note"] = row[header.index("note")]  # keep the note's own spacing
            entry, message = _parse_row(cells)
            if entry is None:
                problems.append(RowProblem(start, message))
                continue
            if entry.date in kept:
                earlier = kept[entry.date][0]
                problems.append(
                    RowProblem(
                        start,
                        say("file", "repeated_date", date=entry.date.isoformat(), line=earlier),
                    )
                )
            kept[entry.date] = (start, entry)
    except csv.Error as exc:
        if "field larger" in str(exc):
            return _fail(say("file", "field_too_long", line=reader.line_num))
        return _fail(say("file", "not_csv", line=reader.line_num, save_as=_save_as_utf8()))
    if header is None:  # only blank lines or rows of empty cells
        return _fail(_empty_file())
    if rows == 0:
        return _fail(say("file", "no_rows"))
    entries = tuple(sorted((e for _, e in kept.values()), key=lambda e: e.date))
    return ImportResult(entries, tuple(sorted(problems, key=lambda p: p.line)))


def _header_error(header: list[str]) -> str | None:
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if not repeated and not missing:
        return None
    first_row = say("file", "first_row", columns=",".join(COLUMNS))
    if repeated:
        return say("file", "named_twice", name=_shown(repeated[0]), first_row=first_row)
    if len(missing) == 1:
        return say("file", "no_column", name=missing[0], first_row=first_row)
    names = ", ".join(f'"{name}"' for name in missing)
    return say("file", "missing_columns", names=names, first_row=first_row)


def merge(
    existing: Diary, imported: Diary | ImportResult | Iterable[Entry]
) -> tuple[Diary, list[str]]:
    """`existing` plus the imported entries; on a date clash the existing entry is kept.

    Returns the new diary and one plain sentence per clash (identical entries are not clashes).
    Among the imported entries themselves, a later one replaces an earlier one on the same date.
    """
    if isinstance(imported, ImportResult):
        imported = imported.entries
    by_date = {e.date: e for e in existing}
    from_file: dict[date, Entry] = {}
    for entry in imported:
        if not isinstance(entry, Entry):
            raise ValueError(f"a diary holds entries, got {entry!r}")
        from_file[entry.date] = entry
    messages: list[str] = []
    for day, entry in sorted(from_file.items()):
        have = by_date.get(day)
        if have is None:
            by_date[day] = entry
        elif have != entry:
            messages.append(say("file", "clash", date=day.isoformat()))
    return Diary(tuple(by_date.values())), messages
