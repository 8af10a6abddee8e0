"""The diary: entries are checked, CSV round-trips exactly, bad files are explained line by line."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.content_calls import problems as content_problems
from widgets.models import diary as diary_model
from widgets.models.diary import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    NUMBER_FIELDS,
    RANGES,
    Diary,
    Entry,
    ImportResult,
    RowProblem,
    clean_text,
    day_count,
    from_csv,
    guard_formula,
    merge,
    say,
    scale,
    scales,
    to_csv,
    unguard_formula,
)
from widgets.words import word

HEADER = ",".join(COLUMNS)
GOOD = "2024-03-07,4,7.5,6,5,30,fine"


def entry(day: date = date(2024, 3, 7), **changes) -> Entry:
    values = dict(pain=4, sleep_hours=7.5, sleep_quality=6, mood=5, active_minutes=30, note="")
    values.update(changes)
    return Entry(day, **values)


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *lines]).encode("utf-8")


# ---- entries -------------------------------------------------------------------------------


def test_a_good_entry_keeps_its_values_and_rounds_sleep_to_one_decimal():
    e = entry(sleep_hours=7.26, note="slept badly")
    assert (e.pain, e.sleep_hours, e.mood, e.note) == (4, 7.3, 5, "slept badly")
    assert entry(sleep_hours=8).sleep_hours == 8.0 and isinstance(
        entry(sleep_hours=8).sleep_hours, float
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pain": 11}, "pain value must be a whole number from 0 to 10, but it is 11"),
        ({"pain": -1}, "from 0 to 10, but it is -1"),
        ({"pain": 4.5}, "pain value must be a whole number"),
        ({"pain": True}, "pain value must be a whole number"),
        ({"mood": "5"}, "mood value must be a whole number"),
        ({"sleep_hours": 25}, "sleep_hours value must be a number from 0 to 24"),
        ({"sleep_hours": float("nan")}, "sleep_hours value must be a number from 0 to 24"),
        ({"sleep_hours": float("inf")}, "sleep_hours value must be a number from 0 to 24"),
        ({"sleep_quality": 11}, "sleep_quality value"),
        ({"active_minutes": 1441}, "active_minutes value must be a whole number from 0 to 1440"),
        ({"note": "x" * 501}, "The note has 501 characters; the most is 500"),
        ({"note": None}, "The note must be text"),
    ],
)
def test_bad_entry_values_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        entry(**changes)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(1899, 12, 31), "before 1900"),
        (date.today() + timedelta(days=2), "is in the future"),
        (datetime(2024, 3, 7, 9, 0), "must be a calendar date"),
        ("2024-03-07", "must be a calendar date"),
    ],
)
def test_bad_entry_dates_are_refused(day, message):
    with pytest.raises(ValueError, match=message):
        entry(day)


def test_tomorrow_is_allowed_for_time_zones_and_limits_are_inclusive():
    entry(date.today() + timedelta(days=1))
    entry(date(1900, 1, 1), pain=0, sleep_hours=0, sleep_quality=10, mood=10, active_minutes=1440)
    assert len(entry(note="é" * 500).note) == 500


def test_notes_lose_control_characters_but_keep_newlines_tabs_and_unicode():
    note = "a\x00b\x1bc\r\nd\re\tf\u202eg\x7fh 😀 — ünïcödé"
    assert entry(note=note).note == "abc\nd\ne\tfgh 😀 — ünïcödé"
    assert clean_text(" two\n  lines ", multiline=False) == "two lines"


def test_several_problems_are_named_together():
    with pytest.raises(ValueError) as caught:
        entry(pain=12, mood=-2)
    assert "pain" in str(caught.value) and "mood" in str(caught.value)


# ---- the diary -----------------------------------------------------------------------------


def test_adding_a_date_that_exists_replaces_it_and_entries_stay_in_date_order():
    diary = Diary().add(entry(date(2024, 3, 9))).add(entry(date(2024, 3, 7), pain=2))
    diary = diary.add(entry(date(2024, 3, 7), pain=8))
    assert [e.date.day for e in diary] == [7, 9]
    assert diary.get(date(2024, 3, 7)).pain == 8
    assert len(diary.remove(date(2024, 3, 7))) == 1
    assert diary.remove(date(2000, 1, 1)) == diary
    assert diary.get(date(2000, 1, 1)) is None


def test_a_diary_refuses_two_entries_for_one_day_and_non_entries():
    with pytest.raises(ValueError, match="one entry per day"):
        Diary((entry(), entry(pain=1)))
    with pytest.raises(ValueError, match="holds entries"):
        Diary(("not an entry",))


def test_seven_day_average_covers_every_day_and_uses_only_days_with_entries():
    diary = Diary(
        (
            entry(date(2024, 3, 1), pain=2),
            entry(date(2024, 3, 3), pain=4),
            entry(date(2024, 3, 8), pain=9),  # window 2–8 March: 4 and 9
            entry(date(2024, 3, 20), pain=1),  # 14–19 March have no entry in their window
        )
    )
    averages = dict(diary.seven_day_average("pain"))
    assert len(averages) == 20
    assert averages[date(2024, 3, 1)] == 2
    assert averages[date(2024, 3, 2)] == 2
    assert averages[date(2024, 3, 3)] == 3
    assert averages[date(2024, 3, 7)] == 3
    assert averages[date(2024, 3, 8)] == pytest.approx(6.5)
    assert averages[date(2024, 3, 14)] == 9
    assert averages[date(2024, 3, 15)] is None
    assert averages[date(2024, 3, 20)] == 1
    assert Diary().seven_day_average("mood") == []
    with pytest.raises(ValueError, match="choose one of"):
        diary.seven_day_average("note")


# ---- CSV export and round trip -------------------------------------------------------------

TRICKY_NOTES = [
    "",
    "walked to the shop, then rested",
    'she said "take it easy"',
    "line one\nline two\n\nline four",
    "tab\there",
    "ünïcödé — 痛み — 😀",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "=SUM(A1:A9)",
    "+1 good day",
    "-2 worse than yesterday",
    "@mention",
    "\tindented",
    ' =HYPERLINK("x")',
    "'=already guarded",
    "''=twice",
    "'tis fine",
    "'",
    "plain ' apostrophe",
]


def test_round_trip_keeps_every_value_exactly():
    diary = Diary(
        tuple(
            entry(date(2024, 1, 1) + timedelta(days=i), pain=i % 11, sleep_hours=i / 10, note=note)
            for i, note in enumerate(TRICKY_NOTES)
        )
    )
    result = from_csv(to_csv(diary).encode("utf-8"))
    assert result.error is None and result.problems == ()
    assert Diary(result.entries) == diary
    assert result.entries[6].note == "<script>alert(1)</script>"  # kept as plain text


def test_export_has_the_documented_header_and_guards_formulas():
    text = to_csv(Diary((entry(note="=1+1"), entry(date(2024, 3, 8), note="-3"))))
    lines = text.splitlines()
    assert lines[0] == "date,pain,sleep_hours,sleep_quality,mood,active_minutes,note"
    assert lines[1] == "2024-03-07,4,7.5,6,5,30,'=1+1"
    assert lines[2].endswith(",'-3")


@pytest.mark.parametrize("note", TRICKY_NOTES)
def test_formula_guard_is_reversible(note):
    guarded = guard_formula(note)
    assert unguard_formula(guarded) == note
    assert guarded[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_import_accepts_a_byte_order_mark_crlf_blank_lines_and_no_note_column():
    data = b"\xef\xbb\xbf" + "\r\n".join([HEADER, GOOD, "", ",,,,,,", ""]).encode()
    result = from_csv(data)
    assert result.error is None and result.problems == ()
    assert result.entries == (entry(note="fine"),)
    no_note = from_csv(
        b"date,pain,sleep_hours,sleep_quality,mood,active_minutes\n2024-03-07,4,7.5,6,5,30"
    )
    assert no_note.entries == (entry(),) and no_note.summary == "We read 1 day from the file."


def test_import_accepts_columns_in_any_order_and_any_case_and_whole_decimals():
    data = (
        b"Mood, NOTE ,active_minutes,DATE,pain,sleep_quality,sleep_hours\n"
        b"5,hi,30,2024-03-07,4.0,6,7.5"
    )
    assert from_csv(data).entries == (entry(note="hi"),)


def test_a_hand_made_note_starting_with_an_apostrophe_is_kept():
    result = from_csv(csv_bytes("2024-03-07,4,7.5,6,5,30,'tis a good day"))
    assert result.entries[0].note == "'tis a good day"


# ---- bad files: (bytes, message fragment, line of the problem or None for a whole-file error) ---

FUTURE = (date.today() + timedelta(days=3)).isoformat()

BAD_FILES = [
    pytest.param(b"", "This file is empty", None, id="empty file"),
    pytest.param(b"\n\r\n  \n", "This file is empty", None, id="only blank lines"),
    pytest.param(HEADER.encode(), "no diary rows", None, id="only header"),
    pytest.param(b",,,,\n , ,\n", "This file is empty", None, id="only empty cells"),
    pytest.param(
        csv_bytes(GOOD) + b"x" * MAX_BYTES, "too big", None, id="huge file over MAX_BYTES"
    ),
    pytest.param(
        csv_bytes(*["2024-03-07,4,7.5,6,5,30,"] * (MAX_ROWS + 1)),
        "more than 3,660 rows",
        None,
        id="too many rows",
    ),
    pytest.param("\n".join([HEADER, GOOD]).encode("utf-16"), "UTF-16", None, id="utf-16 with BOM"),
    pytest.param(
        "\n".join([HEADER, GOOD]).encode("utf-16-le"),
        "does not look like a CSV text file",
        None,
        id="utf-16 without BOM",
    ),
    pytest.param(bytes(range(256)), "does not look like a CSV", None, id="random binary"),
    pytest.param(
        bytes([0x89, 0xFF, 0xC3, 0x28, 0xA0, 0xA1] * 50), "save it as", None, id="binary no NUL"
    ),
    pytest.param(
        csv_bytes("2024-03-07,4,7.5,6,5,30,café").replace("é".encode(), "é".encode("cp1252")),
        'save it as "CSV UTF-8"',
        None,
        id="cp1252 text",
    ),
    pytest.param(b"PK\x03\x04rest-of-a-zip", "spreadsheet file", None, id="xlsx file"),
    pytest.param(
        csv_bytes(GOOD, header="date,pain,sleep_hours,sleep_quality,active_minutes,note"),
        'no "mood" column',
        None,
        id="missing one column",
    ),
    pytest.param(
        csv_bytes(GOOD, header="date,pain,mood,note"),
        'missing these columns: "sleep_hours", "sleep_quality", "active_minutes"',
        None,
        id="missing several columns",
    ),
    pytest.param(
        "\n".join([GOOD, GOOD]).encode(), "first row must name these columns", None, id="no header"
    ),
    pytest.param(
        csv_bytes(GOOD, header=HEADER + ",pain"), 'column "pain" is named twice', None, id="dup col"
    ),
    pytest.param(
        csv_bytes('2024-03-07,"4' + "9" * 140_000 + '",7.5,6,5,30,'),
        "far too long",
        None,
        id="giant field",
    ),
    pytest.param(
        csv_bytes(GOOD, "2024-03-08,4,7.5"),
        "has 3 values, but the first row names 7",
        3,
        id="short row",
    ),
    pytest.param(
        csv_bytes(GOOD, "2024-03-08,4,7.5,6,5,30,walked, then rested"),
        "has 8 values",
        3,
        id="unquoted comma",
    ),
    pytest.param(
        csv_bytes('2024-03-07,4,7.5,6,5,30,"two\nlines"', "2024-03-08,4,7.5,6,5,30"),
        "has 6 values",
        4,
        id="line number after a multi-line note",
    ),
    pytest.param(
        csv_bytes(GOOD, "2026-02-30,4,7.5,6,5,30,"),
        "not a real day on the calendar",
        3,
        id="30 Feb",
    ),
    pytest.param(
        csv_bytes("26/11/2026,4,7.5,6,5,30,"),
        'The date "26/11/2026" is not written the way we need. Use YYYY-MM-DD',
        2,
        id="DD/MM/YYYY",
    ),
    pytest.param(csv_bytes("7 March 2024,4,7.5,6,5,30,"), "for example 2024-03-07", 2, id="words"),
    pytest.param(csv_bytes("20240307,4,7.5,6,5,30,"), "YYYY-MM-DD", 2, id="compact ISO date"),
    pytest.param(csv_bytes(",4,7.5,6,5,30,"), "The date is empty", 2, id="empty date"),
    pytest.param(csv_bytes(f"{FUTURE},4,7.5,6,5,30,"), "is in the future", 2, id="future date"),
    pytest.param(csv_bytes("1899-12-31,4,7.5,6,5,30,"), "before 1900", 2, id="before 1900"),
    pytest.param(
        csv_bytes("2024-03-07,11,7.5,6,5,30,"), "from 0 to 10, but it is 11", 2, id="pain 11"
    ),
    pytest.param(csv_bytes("2024-03-07,-1,7.5,6,5,30,"), "but it is -1", 2, id="pain -1"),
    pytest.param(
        csv_bytes("2024-03-07,4,25,6,5,30,"), "from 0 to 24, but it is 25", 2, id="sleep 25"
    ),
    pytest.param(
        csv_bytes("2024-03-07,4,7.5,6,5,1441,"), "from 0 to 1440, but it is 1441", 2, id="minutes"
    ),
    pytest.param(
        csv_bytes("2024-03-07,4,7.5,6,5.5,30,"), "mood value must be a whole number", 2, id="5.5"
    ),
    pytest.param(
        csv_bytes("2024-03-07,x,7.5,6,5,30,"), 'pain value "x" is not a number', 2, id="x"
    ),
    pytest.param(csv_bytes("2024-03-07,4,NaN,6,5,30,"), '"NaN" is not a number', 2, id="NaN"),
    pytest.param(csv_bytes("2024-03-07,4,inf,6,5,30,"), '"inf" is not a number', 2, id="inf"),
    pytest.param(csv_bytes("2024-03-07,4,7.5,6,5,-inf,"), '"-inf" is not a number', 2, id="-inf"),
    pytest.param(csv_bytes("2024-03-07,4,1e1,6,5,30,"), '"1e1" is not a number', 2, id="1e1"),
    pytest.param(csv_bytes("2024-03-07,٤,7.5,6,5,30,"), "is not a number", 2, id="arabic digit"),
    pytest.param(csv_bytes("2024-03-07,,7.5,6,5,30,"), "The pain value is empty", 2, id="empty"),
    pytest.param(
        csv_bytes('2024-03-07,4,"7,5",6,5,30,'), "Use a dot for decimals", 2, id="decimal comma"
    ),
    pytest.param(
        csv_bytes("2024-03-07,4,7.5,6,5,1" + "0" * 20 + ","), "is too long", 2, id="huge number"
    ),
    pytest.param(
        csv_bytes("2024-03-07,=1+1,7.5,6,5,30,"), '"=1+1" is not a number', 2, id="formula"
    ),
    pytest.param(
        csv_bytes("2024-03-07,4,7.5,6,5,30," + "n" * 501), "501 characters", 2, id="long note"
    ),
    pytest.param(
        csv_bytes(GOOD, "2024-03-07,9,7.5,6,5,30,again"),
        "also on line 2. We kept this later row",
        3,
        id="duplicate date",
    ),
    pytest.param(
        csv_bytes(GOOD + ",1" * 8, header=HEADER + "".join(f",c{i}" for i in range(8))),
        "left out: c0, c1, c2, c3, c4 and 3 more.",
        1,
        id="many extra columns",
    ),
    pytest.param(
        csv_bytes(GOOD, header=HEADER + ",steps,"),
        "extra columns were left out: steps, (no name)",
        1,
        id="extra columns",
    ),
]


@pytest.mark.parametrize(("data", "message", "line"), BAD_FILES)
def test_bad_files_are_explained(data, message, line):
    result = from_csv(data)
    if line is None:
        assert result.error is not None and message in result.error
        assert result.entries == () and result.problems == () and not result.ok
        assert result.summary == result.error
    else:
        assert result.error is None
        found = [p for p in result.problems if p.line == line]
        assert found, result.problems
        assert message in found[0].message, found[0].message
        assert str(found[0]).startswith(f"Line {line}: ")


def test_good_rows_are_kept_beside_bad_ones_and_problems_are_in_line_order():
    rows = [GOOD, "2024-03-08,99,7.5,6,5,30,", "2024-03-09,2,8,7,6,45,ok"]
    data = csv_bytes(*[row + ",extra" for row in rows], header=HEADER + ",x")
    result = from_csv(data)
    assert [e.date.day for e in result.entries] == [7, 9]
    assert [p.line for p in result.problems] == [1, 3]
    assert "Some lines need a look" in result.summary


def test_one_bad_row_lists_all_its_problems():
    result = from_csv(csv_bytes("2024-02-30,11,nan,6,5,30,"))
    message = result.problems[0].message
    assert "not a real day" in message and "but it is 11" in message and '"nan"' in message


def test_duplicate_date_later_row_wins():
    result = from_csv(csv_bytes(GOOD, "2024-03-07,9,7.5,6,5,30,again"))
    assert [(e.pain, e.note) for e in result.entries] == [(9, "again")]


def test_exactly_max_rows_is_allowed():
    start = date(2000, 1, 1)
    lines = [f"{(start + timedelta(days=i)).isoformat()},4,7.5,6,5,30," for i in range(MAX_ROWS)]
    result = from_csv(csv_bytes(*lines))
    assert result.error is None and len(result.entries) == MAX_ROWS


def test_from_csv_needs_bytes():
    with pytest.raises(ValueError, match="needs the file's bytes"):
        from_csv("a string")  # type: ignore[arg-type]


# ---- merge ---------------------------------------------------------------------------------


def test_merge_never_overwrites_what_the_learner_entered():
    mine = Diary((entry(date(2024, 3, 7), pain=2, note="typed in"), entry(date(2024, 3, 8))))
    imported = from_csv(
        csv_bytes(
            "2024-03-07,9,7.5,6,5,30,from file",
            "2024-03-08,4,7.5,6,5,30,",
            "2024-03-09,1,8,6,5,30,",
        )
    )
    merged, messages = merge(mine, imported)
    assert merged.get(date(2024, 3, 7)).note == "typed in"
    assert merged.get(date(2024, 3, 9)).pain == 1
    assert len(merged) == 3
    assert messages == [
        "You already had an entry for 2024-03-07, so we kept yours and left out the one from "
        "the file."
    ]  # 8 March is identical, so it is not a clash


def test_merge_accepts_a_diary_or_entries_and_refuses_other_things():
    merged, messages = merge(Diary(), Diary((entry(),)))
    assert len(merged) == 1 and messages == []
    merged, _ = merge(Diary(), [entry(pain=1), entry(pain=2)])
    assert merged.get(date(2024, 3, 7)).pain == 2
    with pytest.raises(ValueError, match="holds entries"):
        merge(Diary(), ["2024-03-07"])


def test_row_problem_and_result_are_plain_values():
    assert str(RowProblem(4, "x")) == "Line 4: x"
    assert ImportResult().ok and ImportResult().summary == "We read 0 days from the file."


# ---- words ---------------------------------------------------------------------------------


def test_every_message_the_model_looks_up_is_in_diary_toml_with_its_fields():
    assert content_problems("diary", "widgets/models/diary.py", {"say": (), "word": None}) == []


def test_a_scale_has_its_range_from_the_model_and_its_words_from_the_content_file():
    pain = scale("pain")
    assert (pain.low, pain.high, pain.whole) == (0, 10, True)
    assert (pain.label, pain.low_means) == ("Pain", "no pain")
    assert pain.high_means == "the worst pain you can imagine"
    assert scale("sleep_hours").whole is False and scale("active_minutes").high == 1440
    assert set(scales()) == set(RANGES) == set(NUMBER_FIELDS)
    assert all(s.label and s.low_means and s.high_means for s in scales().values())
    assert scales() == diary_model.SCALES  # for code written before scales() (workbook/)


def test_day_count_and_say_fill_in_the_content_files_templates():
    assert (day_count(1), day_count(0), day_count(12)) == ("1 day", "0 days", "12 days")
    assert say("file", "line", line=3, message="Oops.") == "Line 3: Oops."
    assert word("diary", "file", "save_as") in from_csv(b"\x00\x01").error


def test_a_good_file_is_read_without_looking_up_a_single_word(monkeypatch):
    """Messages are looked up only when there is something to say, so a ten-year file is read
    as fast as before the words moved to a content file."""
    data = to_csv(Diary(tuple(entry(date(2020, 1, 1) + timedelta(days=i)) for i in range(400))))

    def no_words(*keys, **_language):
        raise AssertionError(f"looked up {keys} with nothing to say")

    monkeypatch.setattr(diary_model, "word", no_words)
    result = from_csv(data.encode("utf-8"))
    assert result.ok and len(result.entries) == 400 and not result.problems
