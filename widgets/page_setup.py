"""Per-page trimming of what the browser loads, decided on the server when a lesson is rendered.

plotly's front-end extension pulls a ~4.8 MB script into every page at start-up, which cost
lesson 03 about 1.2 s before it was usable (docs/performance.md). The course's own widgets draw
their charts as SVG, so a lesson whose code calls only them skips that extension. Anything else
(a notebook that imports plotly, a helper not listed here, a notebook we cannot read) keeps it: a
slower page, never a broken one. tests/test_page_setup.py checks that no listed helper uses plotly.

anywidget's front-end extension (about 330 kB) carries the learner's record between the page and
the kernel (widgets/ui/device_store.py). Any page with code may use it; a page with no code at all
(the facilitator guide) skips it.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

#: The course helpers that never need plotly's front-end (a test builds each and checks).
PLOTLY_FREE_HELPERS = frozenset(
    {
        "show_course_map",
        "show_crisis_help",
        "knowledge_check",
        "self_check",
        "CycleSimulator",
        "PainThroughTheDay",
        "pain_check",
        "pain_signal_explorer",
        "synapse_explorer",
        "stress_response",
        "diary",
        "action_plan",
        "thought_record",
        "pacing_planner",
        "relaxation",
        "support_map",
        "my_record",
        "this_week",
    }
)
PLOTLY_EXTENSION = "jupyterlab-plotly"
RECORD_EXTENSION = "anywidget"


def runs_code(notebook: Path) -> bool:
    """False only for a notebook we can read that has no code to run (prose only)."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
        return any(
            cell.get("cell_type") == "code" and "".join(cell.get("source", "")).strip()
            for cell in cells
        )
    except (OSError, ValueError, KeyError, TypeError):
        return True


def draws_charts(notebook: Path) -> bool:
    """False only when every call in the notebook's code is a known plotly-free helper."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                    if name not in PLOTLY_FREE_HELPERS:
                        return True
                elif isinstance(node, ast.Import | ast.ImportFrom) and not (
                    isinstance(node, ast.ImportFrom) and (node.module or "").startswith("widgets")
                ):
                    return True
    except (OSError, ValueError, KeyError, SyntaxError):
        return True
    return False


def trim_page_config(page_config: dict, notebook: Path | None) -> dict:
    """Drop the plotly extension from a page that draws no chart, and anywidget's from a page
    with no code; never fetch MathJax.

    Voila as a Jupyter Server extension (Binder, JupyterHub) points the page at MathJax on a CDN;
    the lessons use no maths, and a lesson page must ask nothing of another host.
    """
    # Voila's front end loads MathJax (from a CDN by default) unless both of these are null.
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    if notebook is None:
        return page_config
    unused = set()
    if not draws_charts(notebook):
        unused.add(PLOTLY_EXTENSION)
    if not runs_code(notebook):
        unused.add(RECORD_EXTENSION)
    if unused:
        page_config["federated_extensions"] = [
            ext
            for ext in page_config.get("federated_extensions", [])
            if ext.get("name") not in unused
        ]
    return page_config
