"""Chart-free lessons skip plotly's front-end script; anything uncertain keeps it."""

from __future__ import annotations

import json

import pytest

from tests.harness import NOTEBOOKS
from widgets.page_setup import PLOTLY_EXTENSION, draws_charts, trim_page_config


def notebook(tmp_path, *sources):
    cells = [{"cell_type": "markdown", "source": "# T", "metadata": {}}] + [
        {"cell_type": "code", "source": s, "metadata": {}, "outputs": [], "execution_count": None}
        for s in sources
    ]
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": cells}))
    return path


@pytest.mark.parametrize(
    ("sources", "charts"),
    [
        (["from widgets import show_course_map\n\nshow_course_map()"], False),
        (['from widgets import knowledge_check\nknowledge_check("01")'], False),
        (["from widgets import CycleSimulator\nCycleSimulator()"], True),
        (["import plotly"], True),
        (["this is not python ("], True),
        ([], False),
    ],
)
def test_draws_charts(tmp_path, sources, charts):
    assert draws_charts(notebook(tmp_path, *sources)) is charts


def test_unreadable_notebook_keeps_plotly(tmp_path):
    assert draws_charts(tmp_path / "missing.ipynb") is True


def test_trim_removes_only_plotly(tmp_path):
    config = {"federated_extensions": [{"name": PLOTLY_EXTENSION}, {"name": "other"}]}
    trimmed = trim_page_config(config, notebook(tmp_path, "show_course_map()"))
    assert trimmed["federated_extensions"] == [{"name": "other"}]
    kept = trim_page_config(
        {"federated_extensions": [{"name": PLOTLY_EXTENSION}]}, notebook(tmp_path, "Sim()")
    )
    assert kept["federated_extensions"] == [{"name": PLOTLY_EXTENSION}]


def test_welcome_lesson_is_chart_free():
    assert draws_charts(NOTEBOOKS / "00_welcome.ipynb") is False
