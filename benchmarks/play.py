"""Where should the cycle simulator's Play run? Both ways, side by side, in a real Voila + Chromium.

    .venv/bin/python benchmarks/play.py                  # 3 rounds of each, 12 s of playing
    .venv/bin/python benchmarks/play.py --rounds 5 --seconds 15

(a) **kernel**: the course's `CycleSimulator`. An ipywidgets `Play` ticks in the browser and is
    jslinked there to the Day slider; each tick reaches the kernel, which redraws the 12-week chart
    up to that day and the loop diagram on that day (SVG text, sent to the page).
(b) **browser**: `BrowserFramesSimulator` below, the same simulator except that every day's loop
    diagram (and its text) is drawn once per run and sent in an ipywidgets `Stack` jslinked to the
    Day slider: playing switches frames in the page and asks nothing of the kernel. Its 12-week
    chart stays whole while playing (growing it too would mean 84 charts per run).

Measured for each, while playing (per 1-s bucket, the first second left out): websocket messages
and bytes (every frame both ways, counted by Playwright), kernel CPU seconds per played second
(psutil on the page's own kernel) and the frames the page really shows (a requestAnimationFrame
probe reading which day the visible loop diagram shows). Then what one settings change costs
(an arrow key on "How tightly your loop is wound": bytes, and ms until the socket is quiet), and
the kernel's Python work per tick and per run, here and in Pyodide under Node (the static site's
kernel; only when `python static_site/build.py` has cached Pyodide). Medians and 95th percentiles;
this machine is shared and noisy, so these are a report, not a test. The result and the choice it
supports are in docs/models/cycle.md ("Where Play runs").
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ipywidgets as ipw

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.stats import percentile  # noqa: E402
from widgets.describers.cycle import (  # noqa: E402
    day_title,
    describe_course_to,
    describe_day,
    narrate_day,
)
from widgets.models.cycle import DAYS  # noqa: E402
from widgets.views.cycle_simulator import (  # noqa: E402
    CycleSimulator,
    course_svg,
    loop_svg,
)

PYODIDE_PACKAGE = ROOT / "build" / ".static-cache" / "work" / "pyodide-npm" / "package"
PYODIDE_WHEELS = ROOT / "build" / ".static-cache" / "work" / "wheels"
SLIDER = "How tightly"


class BrowserFramesSimulator(CycleSimulator):
    """Variant (b): the loop on every day is drawn once per run and sent in a `Stack`; the Day
    slider picks the shown frame in the browser (jslink), so a tick costs the kernel nothing."""

    def __init__(self, preset: str = "A flare after surgery") -> None:
        self._frame_views = [ipw.HTML("")] + [ipw.HTML("") for _ in range(DAYS)]
        for view in self._frame_views:
            view.add_class("btc-diagram")
        self.frames = ipw.Stack(self._frame_views, selected_index=DAYS)
        super().__init__(preset)
        self.stage.children = tuple(
            self.frames if child is self.loop_chart else child for child in self.stage.children
        )
        ipw.jslink((self.day, "value"), (self.frames, "selected_index"))

    def update(self) -> None:
        super().update()
        total = len(self._days)
        for number, day in enumerate(self._days, start=1):
            self._frame_views[number].value = (
                loop_svg(day, day_title(number, total))
                + f'<p class="btc-alt">{html.escape(describe_day(day, total))}</p>'
            )

    def show_day(self) -> None:
        if self.player.playing or not self._days:
            return  # the browser switches frames by itself
        shown = self.shown_days()
        self.course_chart.show(
            course_svg(self._scenario, self._days, shown), describe_course_to(self._days, shown)
        )
        self.narration.value = (
            f"<p>{html.escape(narrate_day(self._scenario, self._days, shown - 1))}</p>"
            f"<p>{html.escape(self._story_text)}</p>"
        )


VARIANTS = {"kernel": "CycleSimulator", "browser": "BrowserFramesSimulator"}

# Installed in the page before any script runs: which day the visible loop diagram shows, and when
# that changed (checked on every animation frame, so it counts what is drawn, not what arrived).
SHOWN_PROBE = """
window.__play = {shown: []};
(() => {
  let last = null;
  const tick = () => {
    const stage = document.querySelector('.btc-scene-stage');
    if (stage) {
      for (const title of stage.querySelectorAll('svg.btc-svg > title')) {
        if (!title.parentElement.getClientRects().length) continue;
        const m = /loop on day (\\d+)/.exec(title.textContent);
        if (m) {
          if (m[1] !== last) { last = m[1]; window.__play.shown.push([performance.now(), +m[1]]); }
          break;
        }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def notebook(variant: str) -> str:
    """A one-cell notebook showing the variant (both import the same way: the same page)."""
    source = (
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        f"from benchmarks.play import {VARIANTS[variant]}\n\n{VARIANTS[variant]}()"
    )
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "metadata": {},
                    "source": source,
                    "outputs": [],
                    "execution_count": None,
                }
            ],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def spread(values: list[float], digits: int = 1) -> str:
    if not values:
        return "n/a"
    return f"{statistics.median(values):.{digits}f} / {percentile(values, 0.95):.{digits}f}"


def kernel_cpu(pid: int) -> float:
    import psutil

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def measure_round(browser, server, variant: str, seconds: int, results: dict) -> None:
    """Load the variant's page, change one setting three times, then play for `seconds`."""
    from benchmarks.run import kernel_pids
    from tests.browser.geometry import VIEWPORTS
    from tests.harness import wait_interactive

    frames: list[tuple[float, int]] = []  # (monotonic time, bytes) of every websocket frame
    context = browser.new_context(**VIEWPORTS["laptop"])
    context.add_init_script(SHOWN_PROBE)
    page = context.new_page()

    def on_socket(socket):
        def count(payload):
            size = len(payload.encode() if isinstance(payload, str) else payload)
            frames.append((time.monotonic(), size))

        socket.on("framesent", count)
        socket.on("framereceived", count)

    page.on("websocket", on_socket)
    before = kernel_pids(server)
    page.goto(server.lesson_url(f"play_{variant}.ipynb"), timeout=120_000)
    wait_interactive(page, timeout_ms=120_000)
    sim = page.locator(".btc-cycle-simulator")
    sim.get_by_role("button", name="Play").wait_for()
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.btc-cycle-simulator .noUi-handle'))"
        ".every(h => h.getAttribute('aria-label'))"
    )
    page.wait_for_timeout(1500)  # late messages of the page load
    pid = max(kernel_pids(server) - before)

    def quiet(since: float, wait: float = 0.5, limit: float = 15.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            last = frames[-1][0] if frames else since
            if last > since and time.monotonic() - last > wait:
                return

    handle = sim.locator(f".noUi-handle[aria-label^='{SLIDER}']")
    for key in ("ArrowLeft", "ArrowRight", "ArrowLeft"):
        handle.focus()
        start = time.monotonic()
        page.keyboard.press(key)
        quiet(start)
        window = [(t, n) for t, n in frames if t >= start]
        results["change_kb"].append(sum(n for _t, n in window) / 1000)
        results["change_ms"].append((window[-1][0] - start) * 1000 if window else float("nan"))
    page.wait_for_timeout(500)

    cpu = [kernel_cpu(pid)]
    page_start = page.evaluate("performance.now()")
    start = time.monotonic()
    sim.get_by_role("button", name="Play").click()
    for _ in range(seconds):
        page.wait_for_timeout(1000)
        cpu.append(kernel_cpu(pid))
    shown = page.evaluate("window.__play.shown")
    sim.get_by_role("button", name="Pause").click()
    context.close()

    for second in range(1, seconds):
        low, high = start + second, start + second + 1
        bucket = [n for t, n in frames if low <= t < high]
        results["msgs"].append(len(bucket))
        results["kb"].append(sum(bucket) / 1000)
        results["cpu"].append(cpu[second + 1] - cpu[second])
        page_low = page_start + 1000 * second
        results["fps"].append(sum(1 for t, _d in shown if page_low <= t < page_low + 1000))
    times = [t for t, _d in shown if t >= page_start + 1000]
    results["interval"] += [b - a for a, b in zip(times, times[1:], strict=False)]
    results["days"].append(shown[-1][1] if shown else 0)


def python_costs() -> dict[str, list[float]]:
    """Milliseconds of kernel Python work: per tick while playing (a), per run of frames (b)."""
    sim = CycleSimulator()
    sim.player.playing = True
    ticks = []
    for _repeat in range(3):
        for day in range(1, DAYS + 1):
            start = time.perf_counter()
            sim.day.value = day
            ticks.append((time.perf_counter() - start) * 1000)
    runs = []
    for _repeat in range(5):
        start = time.perf_counter()
        for number, day in enumerate(sim._days, start=1):
            loop_svg(day, day_title(number, DAYS)) + describe_day(day, DAYS)
        runs.append((time.perf_counter() - start) * 1000)
    return {"tick": ticks, "frames": runs}


PYODIDE_SCRIPT = r"""
import path from "node:path";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
const [pkg, wheels, root] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pkg, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: pkg + path.sep, stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n") });
const skip = /^(pyodide_kernel|piplite|breaking_the_cycle|ipykernel)/;
const files = fs.readdirSync(wheels).filter((f) => f.endsWith(".whl") && !skip.test(f));
await py.loadPackage(files.map((f) => path.join(wheels, f)), { messageCallback: () => {} });
py.FS.mkdirTree("/course");
py.mountNodeFS("/course", root);
console.log(py.runPython(`
import json, sys
sys.path.insert(0, "/course")
from benchmarks.play import python_costs
json.dumps(python_costs())
`));
"""


def pyodide_costs() -> dict[str, list[float]] | None:
    """`python_costs` in Pyodide 0.29 under Node (the static site's kernel), if it is cached."""
    node = shutil.which("node")
    if not node or not (PYODIDE_PACKAGE / "pyodide.mjs").is_file() or not PYODIDE_WHEELS.is_dir():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "play_costs.mjs"
        script.write_text(PYODIDE_SCRIPT, encoding="utf-8")
        done = subprocess.run(
            [node, str(script), str(PYODIDE_PACKAGE), str(PYODIDE_WHEELS), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if done.returncode:
        print(f"Pyodide run failed: {done.stderr[-500:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="page loads per variant")
    parser.add_argument("--seconds", type=int, default=12, help="seconds of playing per round")
    parser.add_argument("--skip-pyodide", action="store_true", help="no Pyodide timings")
    args = parser.parse_args()
    if args.seconds * 1000 // 250 >= DAYS:
        parser.error("--seconds must end before the run does (84 days at 4 a second: < 21 s)")

    from playwright.sync_api import sync_playwright

    from tests.harness import launch_chromium, start_course_copy

    keys = ("msgs", "kb", "cpu", "fps", "interval", "change_kb", "change_ms", "days")
    results = {variant: {key: [] for key in keys} for variant in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        extra = {f"play_{variant}.ipynb": notebook(variant) for variant in VARIANTS}
        server = start_course_copy(Path(tmp), extra)
        browser = launch_chromium(playwright)
        try:
            for round_ in range(args.rounds):
                for variant in VARIANTS:  # side by side: a, b, a, b, ...
                    measure_round(browser, server, variant, args.seconds, results[variant])
                    print(f"  round {round_ + 1} {variant}: done", file=sys.stderr, flush=True)
        finally:
            browser.close()
            server.stop()
    here = python_costs()
    pyodide = None if args.skip_pyodide else pyodide_costs()

    a, b = results["kernel"], results["browser"]
    rows = [
        ("websocket messages per second while playing", "msgs", 0),
        ("websocket kB per second while playing", "kb", 1),
        ("kernel CPU s per played second", "cpu", 3),
        ("frames shown per second", "fps", 1),
        ("ms between shown frames", "interval", 0),
        ("one settings change: websocket kB", "change_kb", 1),
        ("one settings change: ms until the socket is quiet", "change_ms", 0),
    ]
    print(f"\nPlay, {args.rounds} rounds of {args.seconds} s each, laptop viewport; p50 / p95.\n")
    print("| measure | (a) kernel: redraw per tick | (b) browser: frames sent once per run |")
    print("|---|---|---|")
    for label, key, digits in rows:
        print(f"| {label} | {spread(a[key], digits)} | {spread(b[key], digits)} |")
    print(
        f"| kernel Python per tick, CPython here (ms) | {spread(here['tick'], 1)} | 0 "
        f"(frames: {spread(here['frames'], 0)} ms per run) |"
    )
    if pyodide:
        print(
            f"| kernel Python per tick, Pyodide under Node here (ms) | {spread(pyodide['tick'], 1)}"
            f" | 0 (frames: {spread(pyodide['frames'], 0)} ms per run) |"
        )
    else:
        print("| kernel Python per tick, Pyodide | not measured (no cached Pyodide) | |")
    full = DAYS / 4
    print(
        f"| a whole 84-day play (21 s), websocket kB | "
        f"{statistics.median(a['kb']) * full:.0f} | "
        f"{statistics.median(b['kb']) * full:.0f} + {statistics.median(b['change_kb']):.0f} "
        "for each new run |"
    )
    print(f"\nDay shown when Pause was pressed: (a) {a['days']}, (b) {b['days']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
