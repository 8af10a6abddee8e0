"""The workbook's cover and worksheets as HTML (workbook/sheets.py), without a browser.

Every sheet is there, in order, with the parts the course defines elsewhere (the diary's columns,
the action plan's parts, the ground rules from the facilitator guide), and every piece of text is
escaped, whether it comes from sheets.toml, course.toml or a notebook.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from tests.harness import LANGUAGES
from widgets.course_config import load_config
from widgets.crisis_lines import CrisisLine
from widgets.models import action_plan, diary, support_map, thought_record
from workbook.sheets import (
    GROUP_SHEETS,
    SHEETS_FILE,
    WORKSHEETS,
    GroundRules,
    SheetsError,
    cover_document,
    headings,
    inline_markdown,
    load_sheets,
    read_ground_rules,
    sheets_document,
)

HOSTILE = '<script>alert(1)</script> & "quotes" <img src=x onerror=alert(1)>'


def section(document: str, key: str) -> str:
    match = re.search(rf'<section class="sheet[^"]*" id="{key}">(.*?)</section>', document, re.S)
    assert match, f"no {key} sheet"
    return match.group(1)


def test_every_sheet_is_there_in_order_and_each_starts_a_page():
    sheets = load_sheets()
    document = sheets_document(load_config(), sheets, read_ground_rules())
    keys = re.findall(r'<section class="sheet[^"]*" id="([a-z_]+)">', document)
    assert keys == [*WORKSHEETS, *GROUP_SHEETS]
    positions = [document.index(f"<h2>{heading}</h2>") for heading in headings(sheets)]
    assert positions == sorted(positions)
    assert ".sheet { break-before: page; }" in document
    # Standalone: nothing to run and nothing to load from anywhere.
    assert "<script" not in document and " src=" not in document and "@import" not in document


def test_the_sheets_follow_the_course_models():
    sheets = load_sheets()
    document = sheets_document(load_config(), sheets, read_ground_rules())
    table = section(document, "diary")
    assert table.count("<tr>") == 1 + sheets["diary"]["days"] == 15
    assert table.count('<th scope="col"') == len(diary.COLUMNS)
    plan = section(document, "action_plan")
    places = [plan.index(f"<h3>{heading}</h3>") for _, heading in action_plan.SECTIONS]
    assert places == sorted(places)
    assert action_plan.CRISIS_HEADING in plan
    for line in load_config().crisis_lines:
        assert line.name.replace("&", "&amp;") in plan
    record = section(document, "thought_record")
    for trap in thought_record.THINKING_TRAPS.values():
        assert trap.name.replace('"', "&quot;") in record
    support = section(document, "support_map")
    for label in sheets["support_map"]["help_columns"].values():
        assert label in support
    assert len(support_map.HELP_TYPES) == len(sheets["support_map"]["help_columns"])
    rules = read_ground_rules().rules
    assert len(rules) >= 3
    for rule in rules:
        assert inline_markdown(rule) in section(document, "ground_rules")
    local = section(document, "local_help")
    assert local.count("<tr>") == 1 + sheets["local_help"]["rows"]


def test_every_text_is_escaped():
    config = dataclasses.replace(
        load_config(),
        title=HOSTILE,
        organisation=HOSTILE,
        crisis_lines=(CrisisLine(HOSTILE, "Call 000 000 000", HOSTILE),),
    )
    sheets = load_sheets()
    for key in (*WORKSHEETS, *GROUP_SHEETS):
        sheets[key]["heading"] = f"{key} {HOSTILE}"
        sheets[key]["intro"] = HOSTILE
    sheets["cover"]["subtitle"] = HOSTILE
    sheets["diary"]["columns"] = {column: HOSTILE for column in diary.COLUMNS}
    rules = GroundRules((f"**Bold {HOSTILE}** then {HOSTILE}",))
    for document in (cover_document(config, sheets), sheets_document(config, sheets, rules)):
        assert "<script" not in document
        assert "<img" not in document
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in document
    back = sheets_document(config, sheets, rules)
    assert "<strong>Bold &lt;script&gt;" in back  # markdown's bold kept, the rest escaped


def test_inline_markdown_keeps_emphasis_and_escapes_the_rest():
    assert inline_markdown("**Respect.** One *at a* time <b>") == (
        "<strong>Respect.</strong> One <em>at a</em> time &lt;b&gt;"
    )
    assert inline_markdown("[a link](https://example.org)") == "[a link](https://example.org)"


def test_sheets_toml_must_match_the_models(tmp_path):
    text = SHEETS_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "sheets.toml"
    broken.write_text(text.replace('sleep_hours = "Sleep (hours)"\n', ""), encoding="utf-8")
    with pytest.raises(SheetsError, match="diary.columns"):
        load_sheets(broken)
    broken.write_text(text.replace("reasons = 3\n", ""), encoding="utf-8")
    with pytest.raises(SheetsError, match="action_plan.lines"):
        load_sheets(broken)


def test_the_ground_rules_come_from_the_facilitator_guide(tmp_path):
    guide = tmp_path / "guide.ipynb"
    guide.write_text(
        '{"cells": [{"cell_type": "markdown", "source": ["## Ground rules\\n", "\\n", '
        '"Intro for leaders.\\n", "\\n", "- **One.** First\\n", "  wrapped.\\n", '
        '"- **Two.** Second\\n", "\\n", "## Safety\\n", "- not a rule\\n"]}]}',
        encoding="utf-8",
    )
    heading = "## Ground rules"  # this made-up guide's, whatever the course's language
    assert read_ground_rules(guide, heading).rules == ("**One.** First wrapped.", "**Two.** Second")
    guide.write_text('{"cells": []}', encoding="utf-8")
    with pytest.raises(SheetsError, match="Ground rules"):
        read_ground_rules(guide, heading)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_worksheets_and_its_guides_ground_rules(language):
    """A Spanish workbook prints Spanish worksheets and the Spanish guide's ground rules, never a
    mix (workbook/<language>/sheets.toml; the heading is in lesson_parts.toml)."""
    from workbook.sheets import ground_rules_heading, guide_file, sheets_file

    if language != "en":
        assert sheets_file(language) != SHEETS_FILE, f"workbook/{language}/sheets.toml is missing"
    load_sheets(sheets_file(language))  # same columns and parts as the models
    english = read_ground_rules(guide_file("en"), ground_rules_heading("en")).rules
    own = read_ground_rules(guide_file(language), ground_rules_heading(language)).rules
    assert len(own) == len(english)


@pytest.mark.parametrize("language", [x for x in LANGUAGES if x != "en"])
def test_a_translated_workbook_has_the_english_keys_and_placeholders(language):
    import tomllib

    from tests.test_words import _flat
    from widgets.words import placeholders
    from workbook.sheets import sheets_file

    english = _flat(tomllib.loads(SHEETS_FILE.read_text(encoding="utf-8")))
    translated = _flat(tomllib.loads(sheets_file(language).read_text(encoding="utf-8")))
    assert sorted(translated) == sorted(english)
    for key, text in english.items():
        if isinstance(text, str):
            assert placeholders(translated[key]) == placeholders(text), key
