"""Keeps the load test's client (benchmarks/load.py) honest against a real group server.

Two learners arrive together on lesson 03 (no preheating, so their kernels start cold), get the
widget states as ipywidgets 8 does and move the simulator's slider twice: no errors, and every move
timed from sending it to the kernel idle plus the chart's update. Runs only in CI (CI=true): it
starts a server and two kernels, which a developer's quick `run.py test` can do without.
"""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("CI") != "true", reason="load client check runs in CI only (CI=true)"
)


def test_two_learners_get_their_widgets_and_every_move_reaches_its_callback():
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.load import default_slider, load_report_lines, run_load

    settings = {
        "window": 0,
        "lesson": "03_the_vicious_cycle.ipynb",
        "moves": 2,
        "think": 0.1,
        "pool_size": 0,
        "timeout": 60,
    }
    # In its own thread: the browser tests' Playwright may already run an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        data = pool.submit(run_load, [2], **settings).result()
    (run,) = data["runs"]
    assert "failed" not in run, run.get("failed")
    assert run["errors"] == 0, run["error_kinds"]
    assert run["updates_ok"] == run["updates_planned"] == 4
    for learner in run["per_learner"]:
        assert learner["status"] == 200 and learner["widgets"] > 10
        assert learner["slider"].startswith(default_slider("03_the_vicious_cycle.ipynb"))
        assert len(learner["latencies_ms"]) == 2
        assert all(0 < ms < 60_000 for ms in learner["latencies_ms"])
    assert run["latency_ms"]["n"] == 4 and run["latency_ms"]["p50"] > 0
    assert run["peak_rss_whole_run_mib"] > 0 and run["kernel_rss_mib"]["n"] == 2
    assert any(line.startswith("| 2 | together") for line in load_report_lines(data))
