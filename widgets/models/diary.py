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
Standard library only.
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
SAVE_AS_UTF8 = 'Please save it as "CSV UTF-8" and try again.'
EMPTY_FILE = (
    "This file is empty. Choose a diary file saved from this course, or a CSV file whose first "
    f"row is: {','.join(COLUMNS)}"
)


@dataclass(frozen=True)
class Scale:
    """What a number in the diary means: its range and what each end stands for."""

    label: str
    low: int
    high: int
    whole: bool
    low_means: str
    high_means: str


SCALES = {
    "pain": Scale("Pain", 0, 10, True, "no pain", "the worst pain you can imagine"),
    "sleep_hours": Scale("Hours of sleep", 0, 24, False, "no sleep", "24 hours"),
    "sleep_quality": Scale("Sleep quality", 0, 10, True, "very poor sleep", "very good sleep"),
    "mood": Scale("Mood", 0, 10, True, "very low mood", "the best mood"),  # 10 = best
    "active_minutes": Scale("Active minutes", 0, 1440, True, "no activity", "active all day"),
}

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
        raise ValueError(f"expected text, got {text!r}")
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


def _range_words(scale: Scale) -> str:
    kind = "a whole number" if scale.whole else "a number"
    return f"{kind} from {scale.low} to {scale.high}"


def _number_problem(name: str, value: object) -> str | None:
    scale = SCALES[name]
    allowed = int if scale.whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, allowed):
        return f"The {name} value must be {_range_words(scale)}, but it is {value!r}."
    if not math.isfinite(value) or not scale.low <= value <= scale.high:
        return f"The {name} value must be {_range_words(scale)}, but it is {value:g}."
    return None


def _date_problem(day: object) -> str | None:
    if isinstance(day, date) and not isinstance(day, datetime):
        if day < EARLIEST:
            return f"The date {day.isoformat()} is before 1900. Please check the year."
        if day > date.today() + timedelta(days=FUTURE_SLACK_DAYS):
            return (
                f"The date {day.isoformat()} is in the future. "
                "The diary is only for days that have already happened."
            )
        return None
    return f"The date must be a calendar date like {EXAMPLE_DATE}, but it is {day!r}."


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
                problems.append(
                    f"The note has {len(note)} characters; the most is {NOTE_LIMIT}. "
                    "Please make it shorter."
                )
        else:
            problems.append(f"The note must be text, but it is {self.note!r}.")
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
                raise ValueError(
                    f"There are two entries for {entry.date.isoformat()}; "
                    "a diary keeps one entry per day."
                )
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
        return f"Line {self.line}: {self.message}"


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
        days = "1 day" if len(self.entries) == 1 else f"{len(self.entries)} days"
        text = f"We read {days} from the file."
        if self.problems:
            text += " Some lines need a look: see the notes below."
        return text


def _fail(message: str) -> ImportResult:
    return ImportResult(error=message)


def _decode(data: bytes) -> tuple[str | None, str | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, f"This file is saved as UTF-16 text, which we cannot read. {SAVE_AS_UTF8}"
    if data.startswith(b"PK\x03\x04"):
        return None, (
            "This looks like a spreadsheet file (such as .xlsx), not a CSV file. "
            "In your spreadsheet, choose Save As, then CSV UTF-8, and try again."
        )
    if b"\x00" in data:
        return None, f"This does not look like a CSV text file. {SAVE_AS_UTF8}"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, f"We could not read the letters in this file. {SAVE_AS_UTF8}"


def _parse_date(text: str) -> tuple[date | None, str | None]:
    how = f"Use YYYY-MM-DD (year-month-day), for example {EXAMPLE_DATE}."
    if not text:
        return None, f"The date is empty. {how}"
    if not _ISO_DATE.fullmatch(text):
        return None, f'The date "{_shown(text)}" is not written the way we need. {how}'
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, f'The date "{text}" is not a real day on the calendar.'
    return day, _date_problem(day)


def _parse_number(name: str, text: str) -> tuple[int | float | None, str | None]:
    scale = SCALES[name]
    wanted = f"Use {_range_words(scale)}."
    if not text:
        return None, f"The {name} value is empty. {wanted}"
    if len(text) > 12:
        return None, f'The {name} value "{_shown(text, 12)}" is too long. {wanted}'
    if _DECIMAL.fullmatch(text):
        if not scale.whole:
            value: int | float = float(text)
        elif _WHOLE.fullmatch(text):
            value = int(text.split(".")[0])
        else:
            return None, f"The {name} value must be {_range_words(scale)}, but it is {text}."
        return value, _number_problem(name, value)
    if _DECIMAL.fullmatch(text.replace(",", ".", 1)):
        return None, f'The {name} value "{text}" has a comma. Use a dot for decimals, like 7.5.'
    return None, f'The {name} value "{_shown(text)}" is not a number. {wanted}'


def _parse_row(cells: dict[str, str]) -> tuple[Entry | None, str]:
    """An entry from one row's cells, or None and every reason the row was left out."""
    day, date_problem = _parse_date(cells["date"])
    numbers = {name: _parse_number(name, cells[name]) for name in NUMBER_FIELDS}
    note = clean_text(unguard_formula(cells.get("note", "")))
    problems = [date_problem] + [problem for _, problem in numbers.values()]
    if len(note) > NOTE_LIMIT:
        problems.append(
            f"The note has {len(note)} characters; the most is {NOTE_LIMIT}. "
            "Please make it shorter."
        )
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
        return _fail(
            "This file is too big. The most we can read is 1 MB, which is about ten years of "
            "diary days."
        )
    text, error = _decode(bytes(data))
    if error or text is None:
        return _fail(error or "")
    if not text.strip():
        return _fail(EMPTY_FILE)
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
                extra = [_shown(name) or "(no name)" for name in header if name not in COLUMNS]
                if extra:
                    listed = ", ".join(extra[:5])
                    if len(extra) > 5:
                        listed += f" and {len(extra) - 5} more"
                    problems.append(
                        RowProblem(start, f"These extra columns were left out: {listed}.")
                    )
                continue
            rows += 1
            if rows > MAX_ROWS:
                return _fail(
                    f"This file has more than {MAX_ROWS:,} rows (about ten years of days). "
                    "Please split it into smaller files and import them one at a time."
                )
            if len(row) != len(header):
                problems.append(
                    RowProblem(
                        start,
                        f"This row has {len(row)} values, but the first row names "
                        f"{len(header)} columns. If a note has a comma in it, the note needs "
                        '"double quotes" around it.',
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
                        f"The date {entry.date.isoformat()} is also on line {earlier}. "
                        "We kept this later row.",
                    )
                )
            kept[entry.date] = (start, entry)
    except csv.Error as exc:
        if "field larger" in str(exc):
            return _fail(f"Line {reader.line_num} has a value that is far too long to read.")
        return _fail(f"Line {reader.line_num} could not be read as CSV. {SAVE_AS_UTF8}")
    if header is None:  # only blank lines or rows of empty cells
        return _fail(EMPTY_FILE)
    if rows == 0:
        return _fail("This file has a first row of column names, but no diary rows under it.")
    entries = tuple(sorted((e for _, e in kept.values()), key=lambda e: e.date))
    return ImportResult(entries, tuple(sorted(problems, key=lambda p: p.line)))


def _header_error(header: list[str]) -> str | None:
    first_row = f"The first row must name these columns: {','.join(COLUMNS)}"
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        return f'The column "{_shown(repeated[0])}" is named twice in the first row. {first_row}'
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if len(missing) == 1:
        return f'This file has no "{missing[0]}" column. {first_row}'
    if missing:
        names = ", ".join(f'"{name}"' for name in missing)
        return f"This file is missing these columns: {names}. {first_row}"
    return None


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
            messages.append(
                f"You already had an entry for {day.isoformat()}, so we kept yours and left out "
                "the one from the file."
            )
    return Diary(tuple(by_date.values())), messages
