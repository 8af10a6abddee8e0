"""The crisis lines are real numbers: each is pinned here, so a change to
widgets/content/crisis_lines.toml must be made on purpose, after checking it with the service and
recording it in docs/sources.md ("Crisis lines")."""

from __future__ import annotations

import re

import pytest

from widgets.crisis_lines import CrisisLine, regions, worldwide
from widgets.words import CONTENT_DIR

#: Region -> every number its default lines give, in order (checked: docs/sources.md).
PINNED = {
    "US": ["988", "911"],
    "CA": ["988", "911"],
    "UK-IE": ["116 123", "0808 808 8000", "999", "112"],
    "AU": ["13 11 14", "1300 659 467", "1300 22 4636", "000"],
    "INTL": ["112"],
}


#: The Spanish list (widgets/content/es/crisis_lines.toml): the regions its speakers live in,
#: each checked with the service or its government (docs/sources.md, "Crisis lines").
PINNED_ES = {
    "US": ["988", "911"],
    "ES": ["024", "112"],
    "MX": ["800 911 2000", "911"],
    "INTL": ["112"],
}


def _numbers(lines: tuple[CrisisLine, ...]) -> list[str]:
    return [n for line in lines for n in re.findall(r"\d[\d ]*\d|\d", line.contact)]


def test_the_regions_are_the_ones_course_toml_documents():
    assert list(regions("en")) == list(PINNED)


@pytest.mark.parametrize("region", PINNED)
def test_each_region_gives_its_checked_numbers(region):
    name, lines = regions("en")[region]
    assert name
    assert _numbers(lines) == PINNED[region]
    assert all(line.name and line.contact for line in lines)


def test_every_region_ends_with_emergency_services():
    for name, lines in regions("en").values():
        assert lines[-1].name == "Emergency services", name


def test_worldwide_points_to_find_a_helpline():
    assert worldwide("en").contact == "findahelpline.com"


@pytest.mark.parametrize("path", sorted(CONTENT_DIR.glob("*/crisis_lines.toml")), ids=str)
def test_a_translated_list_has_lines_in_every_region(path):
    language = path.parent.name
    for code, (name, lines) in regions(language).items():
        assert name and lines, code
        assert all(line.name and line.contact for line in lines), code
    assert worldwide(language).contact


@pytest.mark.parametrize("region", PINNED_ES)
def test_each_spanish_region_gives_its_checked_numbers(region):
    name, lines = regions("es")[region]
    assert list(regions("es"))[: len(PINNED_ES)] == list(PINNED_ES)
    assert _numbers(lines) == PINNED_ES[region]
    assert lines[-1].name == "Servicios de emergencia"


def test_the_988_line_says_how_to_reach_it_in_spanish():
    """988's Spanish line: press 2 when calling, text AYUDA (988lifeline.org, docs/sources.md)."""
    line = regions("es")["US"][1][0]
    assert "marca 2" in line.note and "AYUDA" in line.note


def test_a_translation_keeps_every_english_region_it_does_not_list():
    """A Spanish course in the UK still gets Samaritans (in English, as the service speaks)."""
    spanish = regions("es")
    assert set(regions("en")) <= set(spanish)
    assert spanish["UK-IE"] == regions("en")["UK-IE"]
    assert spanish["US"][0] == "Estados Unidos"  # its own regions in its own words
