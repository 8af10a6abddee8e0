"""The thought record's sentences: each feeling's change says the same numbers as the sliders,
the closing line is honest, and the .txt file holds every part as typed."""

from __future__ import annotations

import pytest

from widgets.describers.thought_record import (
    AFTER_TRAPS,
    BEFORE_FEELINGS,
    change_words,
    closing_words,
    heading,
    to_text,
)
from widgets.models.thought_record import ThoughtRecord, change_in_feelings, worked_examples
from widgets.words import placeholders, word


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        (80, 50, "80 before, 50 after: down by 30."),
        (40, 65, "40 before, 65 after: up by 25."),
        (55, 55, "55 before, 55 after: no change."),
        (60, None, "60 before. Not re-rated yet: move its slider in step 7."),
        (0, 100, "0 before, 100 after: up by 100."),
    ],
)
def test_change_words_say_the_two_ratings_and_the_difference(before, after, said):
    assert change_words(before, after) == said


def test_change_words_follow_the_records_own_numbers():
    for record in worked_examples().values():
        for _name, before, after in change_in_feelings(record):
            assert change_words(before, after).startswith(f"{before} before, {after} after")
            assert f"by {before - after}." in change_words(before, after)


@pytest.mark.parametrize(
    ("feelings", "rerated", "key"),
    [
        ([("sad", 80)], [], "not_rerated"),
        ([], [], "not_rerated"),
        ([("sad", 80), ("tense", 60)], [("sad", 50), ("tense", 60)], "eased"),
        ([("sad", 80), ("tense", 60)], [("sad", 50), ("tense", 70)], "went_up"),
        ([("sad", 80)], [("sad", 90)], "went_up"),
        ([("sad", 80)], [("sad", 80)], "no_change"),
    ],
)
def test_closing_words_are_honest_about_the_change(feelings, rerated, key):
    record = ThoughtRecord(feelings=feelings, rerated=rerated)
    assert closing_words(record) == word("thought_record", "closing", key)


def test_the_eased_closing_line_never_promises_the_pain_goes():
    assert "will not take the pain away" in word("thought_record", "closing", "eased")


def test_to_text_is_plain_text_with_every_part_and_keeps_markup_as_typed():
    record = ThoughtRecord(
        situation="Line one\nLine two <script>alert(1)</script>",
        automatic_thought="It will never get better",
        feelings=[("low", 80), ("tense", 40)],
        traps=["overgeneralising"],
        balanced_thought="Some days are better than others",
        rerated=[("low", 50)],
    )
    text = to_text(record, title="Tuesday\n<b>")
    assert text.startswith("Tuesday <b>\n===========\n")
    assert "  Line one\n  Line two <script>alert(1)</script>" in text
    assert "- low: 80 before, 50 after\n" in text and "- tense: 40 before\n" in text
    assert "- Overgeneralising" in text
    assert text.endswith("Some days are better than others\n")
    places = [text.index(heading(part)) for part in (*BEFORE_FEELINGS, "feelings", "traps")]
    places += [text.index(heading(part)) for part in AFTER_TRAPS]
    assert places == sorted(places)  # the parts in the record's order


def test_an_empty_record_is_every_heading_left_blank_under_the_default_title():
    text = to_text(ThoughtRecord())
    assert text.startswith("My thought record\n=================\n")
    assert text.count("(left blank)") == 7
    assert to_text(ThoughtRecord(), title="  ").startswith("My thought record\n")


@pytest.mark.parametrize(
    ("section", "key", "fields"),
    [
        ("change", "not_rerated", {"before"}),
        ("change", "down", {"before", "after", "change"}),
        ("change", "up", {"before", "after", "change"}),
        ("change", "same", {"before", "after"}),
        ("record", "feeling_before", {"name", "before"}),
        ("record", "feeling_before_after", {"name", "before", "after"}),
    ],
)
def test_the_templates_keep_the_placeholders_the_describer_fills(section, key, fields):
    assert placeholders(word("thought_record", section, key, language="en")) == fields


def test_the_words_are_read_when_called_so_the_course_language_applies(tmp_path, monkeypatch):
    import shutil

    import widgets.words

    for path in widgets.words.CONTENT_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "zz").mkdir()
    english = (tmp_path / "thought_record.toml").read_text(encoding="utf-8")
    (tmp_path / "zz" / "thought_record.toml").write_text(
        english.replace('title = "My thought record"', 'title = "Zz record"').replace(
            'down = "{before} before, {after} after: down by {change}."',
            'down = "zz {before} {after} {change}"',
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(widgets.words, "CONTENT_DIR", tmp_path)
    monkeypatch.setattr(widgets.words, "course_language", lambda: "zz")
    assert to_text(ThoughtRecord()).startswith("Zz record\n=========\n")
    assert change_words(80, 50) == "zz 80 50 30"
