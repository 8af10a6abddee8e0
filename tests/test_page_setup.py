"""Chart-free lessons skip plotly's front-end script; anything uncertain keeps it."""

from __future__ import annotations

import json

import pytest

from tests.harness import NOTEBOOKS
from widgets.page_setup import (
    PLOTLY_EXTENSION,
    PLOTLY_FREE_HELPERS,
    RECORD_EXTENSION,
    draws_charts,
    runs_code,
    trim_page_config,
)


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
        (["from widgets import CycleSimulator\nCycleSimulator()"], False),
        (["from widgets.ui.plots import AccessibleChart\nAccessibleChart('t')"], True),
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


HELPER_ARGS = {"knowledge_check": ("03_the_vicious_cycle",), "this_week": ("03_the_vicious_cycle",)}


def widget_tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widget_tree(child)


@pytest.mark.parametrize("name", sorted(PLOTLY_FREE_HELPERS))
def test_listed_helpers_really_draw_without_plotly(name, monkeypatch):
    import importlib

    import ipywidgets as ipw

    import widgets
    from widgets.ui.plots import MIME, AccessibleChart

    shown = []
    module = importlib.import_module(widgets._EXPORTS[name])
    if hasattr(module, "display"):
        monkeypatch.setattr(module, "display", lambda *objs, **_kw: shown.extend(objs))
    result = getattr(widgets, name)(*HELPER_ARGS.get(name, ()))
    shown.append(result)
    for item in shown:
        for part in widget_tree(item) if isinstance(item, ipw.Widget) else [item]:
            assert not isinstance(part, AccessibleChart), f"{name} draws a plotly chart"
            outputs = getattr(part, "outputs", ())
            assert not any(MIME in out.get("data", {}) for out in outputs), name
            if isinstance(getattr(part, "data", None), dict):
                assert MIME not in part.data, name


def test_no_lesson_loads_plotly_now_that_simulators_draw_svg():
    """Only My progress draws plotly charts (zoom and hover over months of the learner's own
    data, issue 13); every lesson and simulator is SVG."""
    lessons = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert [p.name for p in lessons if draws_charts(p)] == ["my_progress.ipynb"]


def test_trim_never_points_the_page_at_a_mathjax_cdn(tmp_path):
    config = {"fullMathjaxUrl": "https://cdn.example/mathjax.js", "mathjaxConfig": "TeX"}
    trimmed = trim_page_config(config, notebook(tmp_path, "Sim()"))
    assert trimmed["fullMathjaxUrl"] is None and trimmed["mathjaxConfig"] is None


def test_a_page_without_code_skips_anywidget_and_one_with_code_keeps_it(tmp_path):
    def extensions(path):
        config = {"federated_extensions": [{"name": RECORD_EXTENSION}, {"name": "other"}]}
        return [ext["name"] for ext in trim_page_config(config, path)["federated_extensions"]]

    prose = notebook(tmp_path)
    assert runs_code(prose) is False and extensions(prose) == ["other"]
    blank = notebook(tmp_path, "   \n")
    assert extensions(blank) == ["other"]
    lesson = notebook(tmp_path, "my_record()")
    assert extensions(lesson) == [RECORD_EXTENSION, "other"]
    assert extensions(tmp_path / "missing.ipynb") == [RECORD_EXTENSION, "other"]


def test_the_guide_has_no_code_and_every_lesson_has_some():
    assert runs_code(NOTEBOOKS / "facilitator_guide.ipynb") is False
    for lesson in sorted(NOTEBOOKS.glob("0*.ipynb")):
        assert runs_code(lesson), lesson.name
