"""What a page looks like to a thumb and an eye: the geometry checks of issue 12, measured in
the browser and shared by the browser tests, the static-site tests and the report script.

Run `python -m tests.browser.geometry` for a before/after table of every page at every viewport.
"""

from __future__ import annotations

from pathlib import Path

#: The three viewports every browser test of layout uses (COURSE.md, issue 12).
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1366, "height": 768}},
    "projector": {"viewport": {"width": 1280, "height": 720}, "device_scale_factor": 1.5},
}

#: Thresholds (CSS px). Phones need thumb-sized targets (44 px, Apple and WCAG 2.5.5); 24 px is
#: the floor anywhere (WCAG 2.2, 2.5.8). Widget text is as large as the prose's 16 px floor.
PHONE_TARGET = 44
ANY_TARGET = 24
MIN_TEXT = 16
MIN_SVG_TEXT = 12
MIN_TRACK_NARROW = 120  # slider track, screens under 768 px
MIN_TRACK_WIDE = 200

AUDIT_JS = (Path(__file__).with_name("geometry.js")).read_text(encoding="utf-8")


def audit(page) -> dict[str, list[str]]:
    """Every geometry problem on the page as it is drawn now, by kind (empty lists when fine)."""
    return page.evaluate(
        AUDIT_JS,
        [PHONE_TARGET, ANY_TARGET, MIN_TEXT, MIN_SVG_TEXT, MIN_TRACK_NARROW, MIN_TRACK_WIDE],
    )


def problems(found: dict[str, list[str]]) -> list[str]:
    """The audit as one flat list of "kind: detail" lines."""
    return [f"{kind}: {item}" for kind, items in found.items() for item in items]


def _report() -> None:
    """Print the count of each kind of problem for every page at every viewport."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from tests.harness import launch_chromium, lesson_files, start_voila, wait_interactive

    server = start_voila(Path(tempfile.mkdtemp()) / "voila.log")
    kinds = ("sideways", "tracks", "clipped", "overlaps", "small_text", "small_targets")
    kinds += ("small_svg_text",)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            print("| page | viewport | " + " | ".join(kinds) + " |")
            print("|---|---|" + "---|" * len(kinds))
            totals = {}
            for size, options in VIEWPORTS.items():
                context = browser.new_context(**options)
                page = context.new_page()
                for file in lesson_files():
                    page.goto(server.lesson_url(file))
                    wait_interactive(page)
                    page.wait_for_timeout(300)
                    found = audit(page)
                    counts = [len(found[k]) for k in kinds]
                    for k, n in zip(kinds, counts, strict=True):
                        totals[(size, k)] = totals.get((size, k), 0) + n
                    print(f"| {file} | {size} | " + " | ".join(map(str, counts)) + " |")
                context.close()
            for size in VIEWPORTS:
                row = " | ".join(str(totals[(size, k)]) for k in kinds)
                print(f"| **all pages** | {size} | {row} |")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    _report()
