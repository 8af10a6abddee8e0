"""Benchmark the course in a real headless Chromium and write docs/performance.md.

    python3 run.py bench                 # everything (about 5 minutes on 2 cores)
    python3 run.py bench --runs 3 --skip-suite

What it measures, for every lesson in notebooks/ (served with the course's voila.py) and for three
one-slider reference notebooks in benchmarks/reference/ (served by stock Voila, no voila.py):
- time until interactive, in a fresh browser profile: cold (no preheated kernel) and preheated;
- control-to-plot latency for every slider (>= 20 key presses; in the page, from keydown to the
  last DOM change of the chart, once it has been quiet for 150 ms);
- websocket bytes (both directions) for one page load;
- kernel memory (RSS) after one page load;
- the wall time of the whole test suite.
Numbers are medians and 95th percentiles. This machine is shared and noisy: that is why these are
in a report and not in timed tests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.stats import percentile  # noqa: E402
from tests.harness import (  # noqa: E402
    CHROMIUM,
    launch_chromium,
    lesson_files,
    start_voila,
    wait_interactive,
)

REFERENCE = ROOT / "benchmarks" / "reference"
REPORT = ROOT / "docs" / "performance.md"
TARGETS = {"warm_s": 1.5, "cold_s": 5.0, "ws_bytes": 1_000_000, "rss_mib": 150}

# Installed in the page before any script runs: records keydown times and chart mutations.
LATENCY_PROBE = """
window.__btc = {keys: [], changes: []};
document.addEventListener('keydown', () => window.__btc.keys.push(performance.now()), true);
const watch = () => {
  const observer = new MutationObserver(() => window.__btc.changes.push(performance.now()));
  const hook = () => {
    document.querySelectorAll('.btc-plot, .bench-plot').forEach((el) => {
      if (!el.__btcWatched) {
        el.__btcWatched = true;
        observer.observe(el, {subtree: true, childList: true, attributes: true,
                              characterData: true});
      }
    });
  };
  new MutationObserver(hook).observe(document.documentElement, {subtree: true, childList: true});
  hook();
};
document.addEventListener('DOMContentLoaded', watch);
"""


@dataclass
class PageResult:
    name: str
    mode: str
    interactive_s: list[float] = field(default_factory=list)
    ws_bytes: int | None = None
    rss_mib: float | None = None
    latencies_ms: list[float] = field(default_factory=list)
    cached_s: list[float] = field(default_factory=list)  # arriving from another lesson
    kernel_cpu_s: list[float] = field(default_factory=list)  # cold: start + notebook run
    missed_updates: int = 0
    foreign_requests: int = 0
    failed_loads: int = 0


def kernel_pids(server) -> set[int]:
    try:
        children = psutil.Process(server.process.pid).children(recursive=True)
    except psutil.Error:
        return set()
    pids = set()
    for child in children:
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                pids.add(child.pid)
        except psutil.Error:  # a culled kernel that is gone, or a zombie not yet reaped
            continue
    return pids


def pool_fills(server) -> int:
    return server.log().count("is filled with")


def load_page(browser, url: str, *, record_ws: bool = False, after: str | None = None):
    """Open `url` in a fresh browser profile; return (page, context, seconds, ws bytes, foreign).

    With `after`, that page is opened first in the same profile, as a learner moving on from
    another lesson: the course's scripts and styles are then in the browser's cache.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    host = url.split("/")[2]
    foreign = []

    def block_foreign(route):
        foreign.append(route.request.url)
        route.abort()

    context.route(lambda u: u.split("/")[2] != host, block_foreign)
    context.add_init_script(LATENCY_PROBE)
    page = context.new_page()
    ws_bytes = [0]
    if record_ws:

        def on_socket(socket):
            def count(payload):
                ws_bytes[0] += len(payload.encode() if isinstance(payload, str) else payload)

            socket.on("framesent", count)
            socket.on("framereceived", count)

        page.on("websocket", on_socket)
    try:
        if after:
            page.goto(after, wait_until="commit", timeout=120_000)
            wait_interactive(page, timeout_ms=120_000)
        page.goto(url, wait_until="commit", timeout=120_000)
        wait_interactive(page, timeout_ms=120_000)
    except PlaywrightError:
        context.close()
        raise
    seconds = page.evaluate("performance.now()") / 1000
    if record_ws:
        page.wait_for_timeout(1000)  # late comm messages still belong to this page load
    return page, context, seconds, ws_bytes[0], len(foreign)


def measure_latency(page, presses: int) -> tuple[list[float], int]:
    """Press arrow keys on every slider; time keydown -> the charts' last change.

    Each press moves away from the slider's nearer end, so it always changes the value. A slider
    whose presses change no chart twice in a row (e.g. the start day of a strategy that is
    switched off) is left after those two presses and counted as missed.
    """
    latencies, missed = [], 0
    handles = page.locator(".noUi-handle")
    for index in range(handles.count()):
        handle = handles.nth(index)
        handle.focus()
        misses_in_a_row = 0
        for _press in range(presses):
            now, low, high = (
                float(handle.get_attribute(name) or 0)
                for name in ("aria-valuenow", "aria-valuemin", "aria-valuemax")
            )
            key = "ArrowLeft" if now - low > high - now else "ArrowRight"
            page.evaluate("window.__btc.changes = []")
            page.keyboard.press(key)
            result = page.wait_for_function(
                """() => {
                  const c = window.__btc.changes, k = window.__btc.keys;
                  if (!c.length) return performance.now() - k[k.length - 1] > 1500 ? -1 : false;
                  const quiet = performance.now() - c[c.length - 1];
                  return quiet > 150 ? c[c.length - 1] - k[k.length - 1] : false;
                }""",
                timeout=10_000,
                polling=20,
            ).json_value()
            if result == -1:
                missed += 1
                misses_in_a_row += 1
                if misses_in_a_row == 2:
                    break
            else:
                misses_in_a_row = 0
                latencies.append(result)
    return latencies, missed


def measure_server(
    browser, name: str, mode: str, files: list[str], server, runs: int, presses: int
) -> list[PageResult]:
    results = []
    for file in files:
        result = PageResult(name=file, mode=mode)
        for run in range(runs):
            fills = pool_fills(server)
            before = kernel_pids(server)
            try:
                page, context, seconds, ws, foreign = load_page(
                    browser, server.lesson_url(file), record_ws=(run == 0)
                )
            except PlaywrightError as error:  # one stuck load must not lose the whole run
                print(f"  {name} {mode} {file}: load {run + 1} failed: {error}".splitlines()[0])
                result.failed_loads += 1
                continue
            result.interactive_s.append(seconds)
            result.foreign_requests += foreign
            if mode == "cold":
                for pid in kernel_pids(server) - before:
                    with contextlib.suppress(psutil.Error):
                        times = psutil.Process(pid).cpu_times()
                        result.kernel_cpu_s.append(times.user + times.system)
            if run == 0:
                result.ws_bytes = ws
                new = kernel_pids(server) - before
                if mode == "cold" and new:
                    pid = max(new)
                    with contextlib.suppress(psutil.Error):
                        result.rss_mib = psutil.Process(pid).memory_info().rss / 2**20
                if presses:
                    result.latencies_ms, result.missed_updates = measure_latency(page, presses)
            context.close()
            if mode == "preheated":  # an exhausted pool is slower than no pool: wait for refill
                deadline = time.monotonic() + 90
                while pool_fills(server) <= fills and time.monotonic() < deadline:
                    time.sleep(0.2)
        if mode == "preheated" and name == "course":
            result.cached_s = cached_loads(browser, server, files, file, runs)
        latency = (
            f", latency p50 {percentile(result.latencies_ms, 0.5):.0f} ms"
            f" / p95 {percentile(result.latencies_ms, 0.95):.0f} ms"
            if result.latencies_ms
            else ""
        )
        print(
            f"  {name:9} {mode:9} {file:28} interactive p50 {median(result.interactive_s):.2f} s"
            f" / p95 {percentile(result.interactive_s, 0.95):.2f} s{latency}"
            + (
                f", from the lesson before p50 {median(result.cached_s):.2f} s"
                if result.cached_s
                else ""
            ),
            flush=True,
        )
        results.append(result)
    return results


def cached_loads(browser, server, files: list[str], file: str, runs: int) -> list[float]:
    """Seconds to interactive for `file` when the learner arrives from the lesson before it."""
    before = files[files.index(file) - 1] if len(files) > 1 else file
    seconds = []
    for run in range(runs):
        fills = pool_fills(server)
        try:
            _page, context, took, _ws, _foreign = load_page(
                browser, server.lesson_url(file), after=server.lesson_url(before)
            )
        except PlaywrightError as error:
            print(f"  cached {file}: load {run + 1} failed: {error}".splitlines()[0])
            continue
        seconds.append(took)
        context.close()
        deadline = time.monotonic() + 90  # both pages' kernels are replaced before the next load
        while pool_fills(server) < fills + 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    return seconds


def stock_copy(tmp: Path) -> Path:
    """The reference notebooks in a folder with no voila.py: stock Voila settings."""
    folder = tmp / "reference"
    shutil.copytree(REFERENCE, folder)
    return folder


def model_timings(repeats: int = 200) -> dict[str, list[float]]:
    """Milliseconds per run of each model (standard-library Python, the same code a browser
    kernel would run)."""
    from widgets.models import cycle, stress_axis, synapse
    from widgets.models.cycle import STRATEGIES, Scenario, simulate
    from widgets.models.daily_rhythm import Night, day_after

    def fresh_trial():
        """What the first "trial" sentence of a new set of strategies costs (nothing cached)."""
        cycle.trial.cache_clear()
        cycle._trial_without.cache_clear()
        cycle.trial(("cbt",))

    cases = {
        "cycle: 12 weeks, flare, all strategies, variation": lambda: simulate(
            Scenario(
                connectivity=1.2,
                flare_day=6,
                flare_size=8,
                variation=0.5,
                strategies={key: 34 for key in STRATEGIES},
            )
        ),
        "pain through the day: one day after a short night": lambda: day_after(Night(2.0, 7.0)),
        "cycle: the model's trial of one strategy, first time (30 runs)": fresh_trial,
        "stress axis: 120 days, months of pain": lambda: stress_axis.simulate(
            stress_axis.PRESETS["months_of_pain"]
        ),
        "synapse: 8 weeks on a reuptake blocker": lambda: synapse.simulate_blocker(0.6, 8, 7),
    }
    timings = {}
    for name, run in cases.items():
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            run()
            samples.append((time.perf_counter() - start) * 1000)
        timings[name] = samples
    return timings


def chart_costs(repeats: int = 200) -> list[str]:
    """What drawing each chart twice (wide and narrow, widgets/ui/svg.py) costs per redraw: time
    and bytes of the 12-week chart and the loop diagram, one version against both."""
    from widgets.models.cycle import Scenario, simulate
    from widgets.ui import svg
    from widgets.views import cycle_simulator as view

    scenario = Scenario(connectivity=1.3, flare_day=6, flare_days=14, flare_size=8)
    days = simulate(scenario)
    drawings = {
        "12-week chart": lambda: view.course_svg(scenario, days),
        "loop diagram": lambda: view.loop_svg(days[-1]),
    }
    rows = [
        "| chart | wide only (bytes) | wide + narrow (bytes) | both, p50 / p95 |",
        "|---|---|---|---|",
    ]
    for name, draw in drawings.items():
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            both = draw()
            samples.append((time.perf_counter() - start) * 1000)
        wide = svg.wide_part(both)
        rows.append(
            f"| {name} | {len(wide.encode()):,} | {len(both.encode()):,} "
            f"| {spread(samples, ' ms', 2)} |"
        )
    return rows


def run_suite() -> float:
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"], cwd=ROOT, check=False
    )
    return time.monotonic() - start


def versions() -> str:
    from importlib.metadata import version

    names = ["voila", "ipywidgets", "plotly", "jupyterlab", "ipykernel", "anywidget", "playwright"]
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    return ", ".join(f"{n} {version(n)}" for n in names) + f", {chromium.strip()}"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: list[float], unit: str, digits: int = 2) -> str:
    """'p50 / p95' of a list of measurements."""
    return f"{fmt(median(values), unit, digits)} / {fmt(percentile(values, 0.95), unit, digits)}"


def fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    if value is None or value != value:  # None or NaN
        return "n/a"
    return f"{value:.{digits}f}{unit}"


def decisions(by: dict) -> list[str]:
    """The two design choices the benchmark settles, worded from this run's numbers."""

    def get(file: str, mode: str) -> PageResult | None:
        return by.get((f"{file}.ipynb", mode))

    out = ["", "## Design decisions these numbers settle", ""]
    widget, plain, ours = (
        get(n, "preheated") for n in ("figure_widget", "plain_figure", "course_chart")
    )
    widget_cold, ours_cold = get("figure_widget", "cold"), get("course_chart", "cold")
    if widget and plain and ours and widget_cold and ours_cold:
        out.append(
            f"- **Charts: a re-drawn `go.Figure`, not a `FigureWidget`.** A `FigureWidget` page moved "
            f"{fmt(widget.ws_bytes / 1e6, ' MB', 1)} over the websocket (plotly.js is shipped per "
            f"chart, per page load) against {fmt(ours.ws_bytes / 1e3, ' kB', 0)} for the course's "
            f"`AccessibleChart`, and was interactive after {fmt(median(widget_cold.interactive_s), ' s')}"
            f" cold against {fmt(median(ours_cold.interactive_s), ' s')}. Its in-place updates are "
            f"faster (p95 {fmt(percentile(widget.latencies_ms, 0.95), ' ms', 0)} against "
            f"{fmt(percentile(ours.latencies_ms, 0.95), ' ms', 0)}), but both are within the 100 ms "
            "budget, and the megabytes per page would sink a group of learners on one server. "
            "Setting the `Output`'s outputs directly (one message) beats `clear_output(wait=True)` "
            f"plus `show()` (plain Voila: p95 {fmt(percentile(plain.latencies_ms, 0.95), ' ms', 0)})."
        )
    svg, svg_cold = get("svg_chart", "preheated"), get("svg_chart", "cold")
    if svg and ours and svg_cold and ours_cold:
        out.append(
            "- **Simulator charts: SVG drawn in Python, not plotly.** With one slider and one line "
            f"chart, the course's `SvgChart` redraws in p95 {fmt(percentile(svg.latencies_ms, 0.95), ' ms', 0)}"
            f" against {fmt(percentile(ours.latencies_ms, 0.95), ' ms', 0)} for a plotly "
            f"`AccessibleChart`, and its page moved {fmt(svg.ws_bytes / 1e3, ' kB', 0)} against "
            f"{fmt(ours.ws_bytes / 1e3, ' kB', 0)}. The bigger win is the page: a lesson that calls "
            "only SVG-drawing helpers skips plotly's ~4.8 MB front-end script "
            "(`widgets/page_setup.py`). Lesson 03 with plotly charts was interactive after 3.07 s "
            "preheated and its sliders answered in p95 108 ms (report of 2026-11-26 12:19); see "
            "the lessons table for the same lesson now. What SVG gives up: hover read-outs and "
            "zoom. The text alternative beside every chart carries the numbers instead."
        )
    chrome, bare = get("chrome_widget", "cold"), get("chrome_none", "cold")
    if chrome and bare:
        out.append(
            "- **Course chrome: the Voila template, not a widget.** Building the same title, lesson "
            f"list and help panel from widgets cost {fmt((chrome.ws_bytes - bare.ws_bytes) / 1e3, ' kB', 1)}"
            " more websocket traffic and "
            f"{fmt((median(chrome.interactive_s) - median(bare.interactive_s)) * 1000, ' ms', 0)} "
            "more to interactive (cold), paid by every learner on every page, and it would show "
            'nothing (not even "Get help now") until the kernel had run. The template\'s chrome is '
            "a few kilobytes of HTML in the first response and needs no kernel at all."
        )
    return out


def write_report(results, suite_s, runs, presses, command, elapsed, models=None, extra=()) -> None:
    by = {(r.name, r.mode): r for r in results}
    reference_names = sorted(p.name for p in REFERENCE.glob("*.ipynb"))
    plain = "plain_figure.ipynb"

    def ratio(value, ref_value):
        if value is None or not ref_value:
            return "n/a"
        return f"{value / ref_value:.2f}×"

    lines = [
        "# Performance report",
        "",
        f"Written by `{command}` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC "
        f"(took {elapsed / 60:.1f} min).",
        f"Machine: {platform.platform()}, {psutil.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB; Python {platform.python_version()}.",
        f"Versions: {versions()}.",
        "",
        "How: each page load uses a fresh browser profile (a new Playwright context: no cache, no "
        f"storage); {runs} loads per page and mode; medians and 95th percentiles. *Interactive* is "
        "`performance.now()` when Voila has shown the page and every widget is drawn. *Cold*: no "
        "preheated kernel (`BTC_POOL_SIZE=0` for the course; stock Voila for the references). "
        "*Preheated*: a kernel that already ran the notebook is waiting (the course's default; "
        "`--preheat_kernel=True` for the references), and the pool is refilled between loads. "
        "*From the lesson before*: preheated, but the learner arrives from the previous lesson in "
        "the same browser profile, so Voila's scripts are already cached (how most pages are "
        "reached). "
        f"Latency: {presses} arrow-key presses per slider, from keydown to the chart's last DOM "
        "change (after 150 ms of quiet). Websocket bytes: every frame both ways during one page "
        "load, plus 1 s. RSS: the page's own kernel, measured on a cold load. *Kernel CPU per "
        "learner*: CPU seconds (user + system) the page's kernel used to start and run the "
        "notebook on a cold load, median: what each extra learner costs a shared server.",
        "",
        f"Targets (issue #2): interactive ≤ {TARGETS['warm_s']} s preheated and "
        f"≤ {TARGETS['cold_s']} s cold (median); ≤ 1 MB websocket per page; "
        f"≤ {TARGETS['rss_mib']} MiB per kernel.",
        "",
        "## Lessons (course configuration)",
        "",
        "| lesson | interactive preheated p50 / p95 | from the lesson before | cold p50 / p95 "
        "| websocket | kernel RSS | kernel CPU per learner | slider latency p50 / p95 "
        "| vs plain Voila (preheated / cold / ws / RSS) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    ref_warm = by.get((plain, "preheated"))
    ref_cold = by.get((plain, "cold"))
    for file in lesson_files():
        warm, cold = by.get((file, "preheated")), by.get((file, "cold"))
        if not warm or not cold:
            continue
        latency = (
            f"{spread(warm.latencies_ms, ' ms', 0)} (n={len(warm.latencies_ms)})"
            if warm.latencies_ms
            else "no sliders"
        )
        ratios = " / ".join(
            [
                ratio(median(warm.interactive_s), ref_warm and median(ref_warm.interactive_s)),
                ratio(median(cold.interactive_s), ref_cold and median(ref_cold.interactive_s)),
                ratio(warm.ws_bytes, ref_warm and ref_warm.ws_bytes),
                ratio(cold.rss_mib, ref_cold and ref_cold.rss_mib),
            ]
        )
        lines.append(
            f"| {file} | {spread(warm.interactive_s, ' s')} | {spread(warm.cached_s, ' s')} "
            f"| {spread(cold.interactive_s, ' s')} "
            f"| {fmt(warm.ws_bytes / 1000, ' kB', 1)} | {fmt(cold.rss_mib, ' MiB', 0)} "
            f"| {fmt(median(cold.kernel_cpu_s) if cold.kernel_cpu_s else None, ' s')} "
            f"| {latency} | {ratios} |"
        )
    lines += [
        "",
        "## Reference notebooks (stock Voila: no course template, no voila.py)",
        "",
        "One slider and one chart, three ways: `plain_figure` re-shows a `go.Figure` in an "
        "`Output` (plain Voila, the ratio baseline), `figure_widget` uses plotly's `FigureWidget` "
        "(anywidget), `course_chart` uses the course's `labelled_slider` + `AccessibleChart` (plotly), "
        "`svg_chart` the same with the course's `SvgChart` (SVG). Stock Voila loads plotly's "
        "front-end on every page, so these interactive times do not show what skipping it saves.",
        "",
        "| notebook | interactive preheated p50 / p95 | cold p50 / p95 | websocket | kernel RSS "
        "| slider latency p50 / p95 (missed) |",
        "|---|---|---|---|---|---|",
    ]
    for file in reference_names:
        warm, cold = by.get((file, "preheated")), by.get((file, "cold"))
        if not warm or not cold:
            continue
        lines.append(
            f"| {file} | {spread(warm.interactive_s, ' s')} | {spread(cold.interactive_s, ' s')} "
            f"| {fmt(warm.ws_bytes / 1000, ' kB', 1)} | {fmt(cold.rss_mib, ' MiB', 0)} "
            f"| {spread(warm.latencies_ms, ' ms', 0)} ({warm.missed_updates}) |"
        )
    if models:
        lines += [
            "",
            "## Model speed (one run, in this Python)",
            "",
            "| model | p50 / p95 |",
            "|---|---|",
        ]
        lines += [f"| {name} | {spread(samples, ' ms', 2)} |" for name, samples in models.items()]
        lines += [
            "",
            "## Charts drawn for both widths (issue 12)",
            "",
            "Every SVG chart is sent in a wide and a narrow version; the page shows the one that "
            "fits (a container query). The price, per redraw:",
            "",
            *chart_costs(),
        ]
    lines += decisions(by)
    failed = [f"{r.name} ({r.mode}): {r.failed_loads}" for r in results if r.failed_loads]
    if failed:
        lines += [
            "",
            "Page loads that did not become interactive within 120 s: " + "; ".join(failed),
        ]
    foreign = sum(r.foreign_requests for r in results if r.name in lesson_files())
    stock_foreign = sum(r.foreign_requests for r in results if r.name in reference_names)
    lines += [
        "",
        f"Requests to other hosts: {foreign} from the course's lessons; {stock_foreign} from the "
        "stock-Voila references (its template links an icon font on a CDN; the benchmark blocks "
        "them so that a failing lookup does not distort the timings).",
        "",
        "Whole test suite (`python3 run.py test` minus lint): "
        f"{fmt(suite_s / 60 if suite_s else None, ' min', 1)}.",
        "",
    ]
    lines += list(extra)
    lines += load_section()
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {REPORT}")


def presentation_section(server, browser) -> list[str]:
    """Presentation mode's cost (benchmarks/presentation.py) on the preheated course server."""
    from benchmarks import presentation

    result = presentation.measure(server, browser, repeats=10)
    return ["", "## Presentation mode (issue 12)", "", presentation.table(result), ""]


def load_section() -> list[str]:
    """The group load test's results (benchmarks/load.py), from its last saved run."""
    from benchmarks.load import JSON_OUT, load_report_lines

    if not JSON_OUT.is_file():
        return ["", "Group load test: not run (`python3 benchmarks/load.py`).", ""]
    return ["", *load_report_lines(json.loads(JSON_OUT.read_text(encoding="utf-8"))), ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="page loads per page and mode (>= 5)")
    parser.add_argument("--presses", type=int, default=20, help="key presses per slider (>= 20)")
    parser.add_argument("--skip-suite", action="store_true", help="do not time the test suite")
    parser.add_argument("--no-report", action="store_true", help="print only; keep the report")
    parser.add_argument(
        "--skip-load",
        action="store_true",
        help="report the last saved load test (benchmarks/out/load.json) instead of running it",
    )
    parser.add_argument(
        "--only", help="measure only pages whose name contains this (prints; keeps the report)"
    )
    args = parser.parse_args()
    if args.only:
        args.no_report = args.skip_suite = True
    started = time.monotonic()
    command = "python3 run.py bench " + " ".join(sys.argv[1:])
    results: list[PageResult] = []
    extra: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as playwright:
        tmp = Path(tmp_name)
        browser = launch_chromium(playwright)
        lessons = [f for f in lesson_files() if not args.only or args.only in f]
        references = [
            p.name
            for p in sorted(REFERENCE.glob("*.ipynb"))
            if not args.only or args.only in p.name
        ]
        stock = stock_copy(tmp)
        plans = [
            ("course", "preheated", lessons, {"cwd": ROOT, "env": {"BTC_POOL_SIZE": "1"}}),
            ("course", "cold", lessons, {"cwd": ROOT, "env": {"BTC_POOL_SIZE": "0"}}),
            (
                "stock",
                "preheated",
                references,
                {
                    "cwd": stock,
                    "args": ("--VoilaConfiguration.preheat_kernel=True",),
                    "wait_for_pools": False,
                },
            ),
            ("stock", "cold", references, {"cwd": stock, "wait_for_pools": False}),
        ]
        for name, mode, files, options in plans:
            if not files:
                continue
            server = start_voila(tmp / f"{name}-{mode}.log", **options)
            try:
                if name == "stock" and mode == "preheated":
                    deadline = time.monotonic() + 120
                    while pool_fills(server) < len(files) and time.monotonic() < deadline:
                        time.sleep(0.3)
                presses = args.presses if mode == "preheated" else 0
                results += measure_server(browser, name, mode, files, server, args.runs, presses)
                if name == "course" and mode == "preheated" and not args.only:
                    extra += presentation_section(server, browser)
            finally:
                server.stop()
        browser.close()
    models = model_timings()
    if not args.skip_load and not args.only:
        from benchmarks.load import JSON_OUT, run_load

        print("group load test: 10, 20 and 40 learners arriving within 20 s", flush=True)
        run_load([10, 20, 40], save=JSON_OUT, window=20.0, lesson="03_the_vicious_cycle.ipynb")
    suite_s = None if args.skip_suite else run_suite()
    if not args.no_report:
        elapsed = time.monotonic() - started
        write_report(results, suite_s, args.runs, args.presses, command, elapsed, models, extra)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
