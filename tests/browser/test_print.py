"""Paper (issue 12): a lesson prints whole, and the printable workbook holds the whole course.

Printing a lesson used to give one page: Voila's shell fills the window and the lesson scrolls
inside it. These tests print from the course's Voila with Chromium's page.pdf (the print
stylesheet at the end of course.css) and read the PDF back with poppler's pdftotext and pdfinfo.
Everything they look for is read from course.toml, the notebooks and workbook/sheets.toml, so
they hold for any valid course.toml.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.harness import NOTEBOOKS, wait_interactive
from widgets.course_config import load_config
from widgets.crisis_html import PHONE
from workbook.build import build_workbook
from workbook.sheets import (
    GROUP_SHEETS,
    WORKSHEETS,
    headings,
    load_sheets,
    read_ground_rules,
)

COURSE = load_config()
A4 = {"width": 794, "height": 1123}  # CSS pixels of an A4 page (210 x 297 mm at 96 dpi)
TEST_LINK = "https://example.org/print-check"


@pytest.fixture(scope="module", autouse=True)
def poppler():
    """pdftotext and pdfinfo read the PDFs: required in CI, a skip with a hint elsewhere."""
    missing = [tool for tool in ("pdftotext", "pdfinfo") if shutil.which(tool) is None]
    if missing:
        message = (
            f"{' and '.join(missing)} not found: the print tests read PDFs with poppler-utils "
            "(Debian/Ubuntu: sudo apt-get install poppler-utils)."
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message} .ci/run must install it.")
        pytest.skip(message)


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text with runs of white space made one space (lines wrap anywhere on paper)."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(result.stdout.split())


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def plain(markdown: str) -> str:
    """Markdown reduced to the words a reader sees."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def markdown_lines(file: str) -> list[str]:
    cells = json.loads((NOTEBOOKS / file).read_text(encoding="utf-8"))["cells"]
    return [
        line
        for cell in cells
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
    ]


def longest_lesson() -> str:
    """The lesson with the most prose: the one a one-page printout cut shortest."""
    return max(COURSE.lessons, key=lambda lesson: len("".join(markdown_lines(lesson.file)))).file


def crisis_number() -> str:
    """A phone number from the course's crisis lines (or a line's name, for web-only lines)."""
    for line in COURSE.crisis_lines:
        match = PHONE.search(line.contact)
        if match:
            return match.group(0)
    return COURSE.crisis_lines[0].name


def test_a_long_lesson_prints_whole_without_the_screen_chrome(browser, voila_server, tmp_path):
    file = longest_lesson()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(voila_server.lesson_url(file))
        wait_interactive(page)
        # A link to another site, so the test does not depend on the lesson having one.
        page.evaluate(
            """(href) => {
              const p = document.createElement('p');
              p.innerHTML = '<a>A test link</a>';
              p.firstChild.href = href;
              document.querySelector('.btc-cells').prepend(p);
            }""",
            TEST_LINK,
        )
        page.set_viewport_size(A4)
        page.wait_for_timeout(300)  # the shell lays itself out again at the new width
        tall = page.evaluate("document.getElementById('rendered_cells').scrollHeight")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.btc-header', '.btc-nav', '.btc-pager', '.btc-skip', '.btc-help']
                .filter(s => document.querySelector(s))
                .map(s => [s, document.querySelector(s).checkVisibility()])"""
        )
        assert hidden and not any(shown for _, shown in hidden), hidden
        drawings = page.evaluate(
            """() => [...document.querySelectorAll('.btc-svg-narrow, .btc-svg-wide')]
                .map(e => [e.classList.contains('btc-svg-wide'), getComputedStyle(e).display])"""
        )
        assert all((display != "none") == wide for wide, display in drawings), drawings
        # The lesson's own words as print shows them (its prose may name the button).
        lesson_text = " ".join(page.inner_text(".btc-cells").split())
        pdf = tmp_path / "lesson.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()

    pages = pdf_pages(pdf)
    at_least = max(2, math.floor(tall / (1.5 * A4["height"])))
    assert pages >= at_least, f"{file}: {pages} pages for a page {tall}px tall at A4 width"

    text = pdf_text(pdf)
    last_heading = plain([line for line in markdown_lines(file) if line.startswith("## ")][-1][3:])
    later_half = pdf_text(pdf, first=math.ceil(pages / 2))
    assert last_heading in later_half, f"the last section, {last_heading!r}, was not printed"
    # No chrome: the menu, the pager, the skip link, the "Get help now" button and the footer's
    # pointer to it. (The lesson's own prose may still name the button: only those are printed.)
    assert "Skip to the lesson" not in text
    assert "All lessons" not in text
    before, after = COURSE.neighbours(file)
    for label, lesson in (("Previous", before), ("Next", after)):
        if lesson is not None:
            assert f"{label} {lesson.title}" not in text
    assert text.count("Get help now") == lesson_text.count("Get help now")
    assert 'use "Get help now" at the top of the page' not in text
    # Help stays on paper: the crisis lines, as text, on the last page.
    assert crisis_number() in pdf_text(pdf, first=pages)
    assert f"({TEST_LINK})" in text


def test_the_workbook_holds_every_lesson_worksheet_and_ground_rule(browser, voila_server, tmp_path):
    book = build_workbook(voila_server.url, tmp_path / "workbook.pdf", browser=browser)
    assert book.path.exists()
    pages = pdf_pages(book.path)
    assert pages == book.pages
    sheets = load_sheets()
    # Cover, then each lesson in course order, then the worksheets: each part's first page says
    # what it is.
    assert [part.title for part in book.parts[1:-1]] == [lesson.title for lesson in COURSE.lessons]
    cover = pdf_text(book.path, first=1, last=book.parts[1].first_page - 1)
    assert COURSE.title in cover
    assert "Education, not medical advice" in cover
    assert crisis_number() in cover
    for part, lesson in zip(book.parts[1:-1], COURSE.lessons, strict=True):
        # The page starts with the lesson's title and goes on with its summary (the foot of the
        # page names the lesson too, so "somewhere on the page" would prove nothing).
        first = pdf_text(book.path, first=part.first_page, last=part.first_page)
        assert first.startswith(" ".join(lesson.title.split())), f"{lesson.file}: {first[:80]!r}"
        assert " ".join(lesson.summary.split()[:8]) in first
        assert part.pages >= 1
    back = pdf_text(book.path, first=book.parts[-1].first_page)
    found = [back.find(" ".join(heading.split())) for heading in headings(sheets)]
    assert -1 not in found, dict(zip(headings(sheets), found, strict=True))
    assert found == sorted(found), "the worksheets are out of order"
    for rule in read_ground_rules().rules:
        assert plain(rule) in back, f"ground rule missing: {plain(rule)[:60]}"
    # Plausible: a page or more per part, and no part runs away (a lesson that printed as
    # hundreds of pages, or as one clipped page, would fail here or above).
    sheet_count = len(WORKSHEETS) + len(GROUP_SHEETS)
    assert book.parts[-1].pages >= sheet_count
    assert 1 + len(COURSE.lessons) + sheet_count <= pages <= 60 * (len(COURSE.lessons) + 2)
