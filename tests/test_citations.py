"""Every source a lesson or guide lists can be found: each carries a DOI, PMID, stable URL or ISBN,
each identifier is well formed, and each DOI and PMID was checked and recorded in docs/sources.md.

(tests/test_lesson_structure.py checks that every [n] has a source and every source is cited.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.harness import LANGUAGES, ROOT, notebook_id
from tests.lesson_text import language_of, markdown, parts
from widgets.course_config import course_settings, lesson_dir

COURSE = course_settings()
FILES = [page.file for page in (*COURSE.lessons, *COURSE.guides, *COURSE.pages)]
#: Every lesson, guide and page, in every language (a translation keeps the same sources).
PAGES = [
    lesson_dir(language) / file
    for language in LANGUAGES
    for file in FILES
    if (lesson_dir(language) / file).is_file()
]
REGISTRY = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")

DOI = re.compile(r"doi:(\S+?)(?=[.,;)]?(?:\s|$))")
PMID = re.compile(r"PMID (\S+?)(?=[.,;]?(?:\s|$))")
URL = re.compile(r"https?://[^\s)]+")
ISBN = re.compile(r"ISBN ([\d-]{10,17})")


def sources(page: Path) -> dict[int, str]:
    text = markdown(page)
    heading = re.escape(parts(language_of(page))["headings"]["sources"])
    match = re.search(rf"^## {heading}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"{page}: no Sources section"
    entries: dict[int, str] = {}
    for line in match.group(1).strip().splitlines():
        numbered = re.match(r"^(\d+)\. (.*)", line)
        assert numbered, f"{page}: a Sources line is not numbered: {line[:60]!r}"
        entries[int(numbered.group(1))] = numbered.group(2)
    return entries


@pytest.fixture(params=PAGES, ids=notebook_id)
def page(request):
    return request.param


def test_every_source_has_a_locator(page):
    for number, entry in sources(page).items():
        found = DOI.search(entry) or PMID.search(entry) or URL.search(entry) or ISBN.search(entry)
        assert found, f"{page} source {number} has no DOI, PMID, URL or ISBN: {entry[:80]}"


def test_identifiers_are_well_formed(page):
    for number, entry in sources(page).items():
        for doi in DOI.findall(entry):
            assert re.fullmatch(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9]+", doi), (page, number, doi)
        for pmid in PMID.findall(entry):
            assert re.fullmatch(r"[1-9]\d{0,8}", pmid), (page, number, pmid)
        for isbn in ISBN.findall(entry):
            assert len(isbn.replace("-", "")) in (10, 13), (page, number, isbn)


def test_every_doi_and_pmid_was_checked_and_recorded(page):
    """docs/sources.md lists where each identifier was seen: no reference filled from memory."""
    for number, entry in sources(page).items():
        for doi in DOI.findall(entry):
            assert doi in REGISTRY, f"{page} source {number}: doi {doi} is not in docs/sources.md"
        for pmid in PMID.findall(entry):
            assert f"PMID {pmid}" in REGISTRY, f"{page} source {number}: PMID {pmid} unrecorded"


def test_the_same_work_is_cited_the_same_way_everywhere():
    """One source, one form: a DOI never appears with two different descriptions."""
    seen: dict[tuple[str, str], tuple[Path, str]] = {}
    for page in PAGES:
        for entry in sources(page).values():
            for found in DOI.findall(entry):
                doi = (language_of(page), found)  # one form per language
                if doi in seen:
                    assert seen[doi][1] == entry, f"{doi} differs between {seen[doi][0]} and {page}"
                seen[doi] = (page, entry)


def test_replaced_claims_stay_replaced():
    """Issue 11's corrections: the modelling paper is no longer a prevalence source, the lesson
    no longer says long pain keeps stress "switched on" or that moving "makes endorphins"."""
    text = "\n".join(markdown(lesson_dir("en") / page) for page in FILES)
    assert "1 in 6" not in text and "17 in every 100" not in text
    assert "switched on" not in text
    assert "your body makes *endorphins*" not in text
    assert "weakened the noradrenaline system" not in text
