"""Build the printable workbook, build/workbook.pdf: `python3 run.py build-workbook`.

Why this way: the lessons are printed from the running course, so paper shows what learners see
(the print stylesheet in course.css drops the screen's chrome and keeps charts whole with their
text alternatives), once each lesson is interactive and its charts are drawn. The cover and the
worksheets are HTML made by workbook/sheets.py and printed by the same headless Chromium. Each
part is its own print (a lesson is its own live page), so pypdf joins the parts into one file,
with a bookmark per part.

    python -m workbook.build [--out PATH] [--paper A4|Letter]

Starts the course's Voila on a free port for the build and stops it after (tests/harness.py).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from tests.harness import chromium_available, launch_chromium, start_voila, wait_interactive
from widgets.course_config import REPO_ROOT, CourseConfig, load_config
from workbook.sheets import cover_document, load_sheets, read_ground_rules, sheets_document

OUT = REPO_ROOT / "build" / "workbook.pdf"
PAPERS = ("A4", "Letter")
#: Regions whose paper is US Letter; everywhere else prints on A4.
LETTER_REGIONS = {"US", "CA"}
LESSON_TIMEOUT_MS = 90_000
#: The page number at the foot of each page (Chromium fills in the spans). Its text is escaped.
FOOTER = (
    '<div style="font-size:8pt;width:100%;padding:0 14mm;color:#000;'
    'font-family:system-ui,sans-serif;display:flex;justify-content:space-between">'
    '<span>{label}</span><span><span class="pageNumber"></span> / '
    '<span class="totalPages"></span></span></div>'
)


@dataclass(frozen=True)
class Part:
    """One printed part of the workbook and where it starts (pages count from 1)."""

    title: str
    first_page: int
    pages: int


@dataclass(frozen=True)
class Workbook:
    path: Path
    pages: int
    parts: tuple[Part, ...]


def paper_for(config: CourseConfig) -> str:
    """Letter where the course's crisis lines are North American, A4 elsewhere."""
    return "Letter" if config.region in LETTER_REGIONS else "A4"


def _pdf(page, paper: str, label: str) -> bytes:
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.pdf(
        format=paper,
        print_background=False,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER.format(label=escape(label)),
        margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
    )


def build_workbook(
    base_url: str,
    out: Path = OUT,
    *,
    browser=None,
    paper: str | None = None,
    config: CourseConfig | None = None,
    say: Callable[[str], None] = lambda message: None,
) -> Workbook:
    """Print the cover, every lesson (from the Voila at `base_url`) and the worksheets to `out`.

    `browser` is a Playwright Chromium to reuse (the tests pass theirs); without one, a headless
    Chromium is started for the build and closed after.
    """
    from pypdf import PdfReader, PdfWriter

    config = config or load_config()
    paper = paper or paper_for(config)
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
    sheets = load_sheets()
    rules = read_ground_rules()
    footer = sheets["cover"]["footer"].format(title=config.title)
    base_url = base_url if base_url.endswith("/") else base_url + "/"

    def print_parts(chromium) -> list[tuple[str, bytes]]:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.set_content(cover_document(config, sheets))
            parts = [(config.title, _pdf(page, paper, footer))]
            for lesson in config.lessons:
                say(f"printing {lesson.file}")
                page.goto(f"{base_url}voila/render/{lesson.file}")
                wait_interactive(page, LESSON_TIMEOUT_MS)
                parts.append((lesson.title, _pdf(page, paper, f"{footer} · {lesson.title}")))
            page.set_content(sheets_document(config, sheets, rules))
            parts.append((sheets["cover"]["sheets_heading"], _pdf(page, paper, footer)))
            return parts
        finally:
            context.close()

    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            try:
                printed = print_parts(chromium)
            finally:
                chromium.close()
    else:
        printed = print_parts(browser)

    writer = PdfWriter()
    parts: list[Part] = []
    for title, data in printed:
        first = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(data)), outline_item=title)
        parts.append(Part(title, first + 1, len(writer.pages) - first))
    writer.add_metadata({"/Title": f"{config.title}: workbook"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as file:
        writer.write(file)
    return Workbook(out, len(writer.pages), tuple(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the printable workbook (PDF).")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write it ({OUT})")
    parser.add_argument("--paper", choices=PAPERS, help="paper size (default: from help.region)")
    args = parser.parse_args(argv)
    if not chromium_available():
        print(
            "build-workbook prints with Chromium, which was not found at /usr/bin/chromium. "
            "Install it (Debian/Ubuntu: sudo apt-get install chromium) or set BTC_CHROMIUM.",
            file=sys.stderr,
        )
        return 1
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)

    def say(message: str) -> None:
        print(f"[workbook] {message}", flush=True)

    say("starting the course to print its lessons (about a minute)")
    server = start_voila(out.parent / "workbook-voila.log", timeout=180)
    try:
        book = build_workbook(server.url, out, paper=args.paper, say=say)
    finally:
        server.stop()
    say(f"wrote {book.path} ({book.pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
