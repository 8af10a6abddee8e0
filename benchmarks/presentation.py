"""Benchmark presentation mode (issue 12): how soon a section is on screen after a press.

    .venv/bin/python benchmarks/presentation.py              # 5 presses of each kind
    .venv/bin/python benchmarks/presentation.py --repeats 20

For the longest lesson of course.toml (the most sections), at the projector viewport of
tests/browser/geometry.py, timed in the page with performance.now():
- switch: from pressing "Present" (its click event: a button acts when it is released, and the
  gap between Playwright's mouse down and up is the driver's, not the page's) until the frame
  after course.js has put the first section alone on screen (the lesson was shown whole before);
- next: from pressing "Next" until the frame after the next section is on screen.
"On screen" is the first frame after course.js's btc-section-shown event (a requestAnimationFrame,
then a task: the frame has been drawn by then). Medians and 95th percentiles; this machine is
shared and noisy, so these are reported, never asserted. `measure()` is what benchmarks/run.py
can call with its own server and browser.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page  # noqa: E402

from benchmarks.stats import percentile  # noqa: E402
from tests.browser.geometry import VIEWPORTS  # noqa: E402
from tests.harness import (  # noqa: E402
    NOTEBOOKS,
    VoilaServer,
    launch_chromium,
    start_voila,
    wait_interactive,
)
from tests.lesson_text import cells, source  # noqa: E402
from widgets.course_config import load_config  # noqa: E402

VIEWPORT = "projector"

#: Installed before any page script: press times, and the drawn frame after each section change.
PROBE = """
window.__btcPresent = {pressed: [], shown: []};
for (const type of ['click', 'keydown']) {
  document.addEventListener(type, () => window.__btcPresent.pressed.push(performance.now()), true);
}
document.addEventListener('btc-section-shown', () => requestAnimationFrame(() => setTimeout(
  () => window.__btcPresent.shown.push(performance.now()), 0)));
"""

#: Milliseconds from the first press to the first drawn section since the last reset, or false.
ELAPSED_JS = """() => {
  const p = window.__btcPresent;
  return p.pressed.length && p.shown.length ? p.shown[0] - p.pressed[0] : false;
}"""
RESET_JS = "() => { window.__btcPresent.pressed = []; window.__btcPresent.shown = []; }"


def section_count(file: str) -> int:
    """Sections of a lesson as course.js finds them: markdown cells with an h1 or h2."""
    heading = re.compile(r"^#{1,2} ", re.M)
    return sum(
        1
        for cell in cells(NOTEBOOKS / file)
        if cell["cell_type"] == "markdown" and heading.search(source(cell))
    )


def longest_lesson() -> str:
    """The lesson with the most sections in the course's own order (05 as shipped)."""
    return max((lesson.file for lesson in load_config().lessons), key=section_count)


def _press(page: Page, selector: str) -> float:
    """Click `selector` and return the milliseconds until the changed section was drawn."""
    page.evaluate(RESET_JS)
    page.click(selector)
    return page.wait_for_function(ELAPSED_JS, timeout=10_000, polling=10).json_value()


def measure(
    server: VoilaServer, browser: Browser, repeats: int = 5, lesson: str | None = None
) -> dict:
    """Time the switch and the Next button `repeats` times each on a long lesson.

    Returns the lesson, its section count, the medians and 95th percentiles (ms) and the samples.
    """
    lesson = lesson or longest_lesson()
    context = browser.new_context(**VIEWPORTS[VIEWPORT])
    context.add_init_script(PROBE)
    page = context.new_page()
    switch_ms: list[float] = []
    next_ms: list[float] = []
    try:
        page.goto(server.lesson_url(lesson) + "?present=0")  # a fresh tab starts without it
        wait_interactive(page, timeout_ms=120_000)
        for _ in range(repeats):  # on from the whole lesson at its top, then off (untimed)
            page.evaluate("() => { document.getElementById('rendered_cells').scrollTop = 0; }")
            switch_ms.append(_press(page, "#btc-present"))
            page.click("#btc-present")
        page.click("#btc-present")
        status = page.locator(".btc-present-status").inner_text()
        sections = int(status.rsplit(" ", 1)[1])
        for _ in range(repeats):
            if page.locator(".btc-present-next").is_disabled():  # the last one: start again
                page.evaluate("() => { location.hash = '#section-1'; }")
                page.wait_for_function("() => document.querySelector('.btc-present-prev').disabled")
            next_ms.append(_press(page, ".btc-present-next"))
    finally:
        context.close()
    return {
        "lesson": lesson,
        "sections": sections,
        "viewport": VIEWPORT,
        "repeats": repeats,
        "switch_median_ms": statistics.median(switch_ms),
        "switch_p95_ms": percentile(switch_ms, 0.95),
        "next_median_ms": statistics.median(next_ms),
        "next_p95_ms": percentile(next_ms, 0.95),
        "switch_ms": switch_ms,
        "next_ms": next_ms,
    }


def table(result: dict) -> str:
    """The result as a small Markdown table."""
    lines = [
        f"Presentation mode, {result['lesson']} ({result['sections']} sections), "
        f"{result['viewport']} viewport, {len(result['switch_ms'])} switch presses and "
        f"{len(result['next_ms'])} Next presses:",
        "",
        "| press | median | p95 |",
        "|---|---|---|",
        f"| Present switch -> first section drawn | {result['switch_median_ms']:.0f} ms "
        f"| {result['switch_p95_ms']:.0f} ms |",
        f"| Next -> next section drawn | {result['next_median_ms']:.0f} ms "
        f"| {result['next_p95_ms']:.0f} ms |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Start the course's own Voila and a headless Chromium, measure, print the table."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="presses of each kind")
    parser.add_argument("--lesson", help="a notebook in notebooks/ (default: the longest)")
    args = parser.parse_args(argv)
    server = start_voila(Path(tempfile.mkdtemp()) / "voila.log")
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                result = measure(server, browser, args.repeats, args.lesson)
            finally:
                browser.close()
    finally:
        server.stop()
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
