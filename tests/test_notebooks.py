"""Every notebook: committed clean, thin (prose plus one-line calls), with working links and images,
and written at a reading level of grade 8 or below."""

from __future__ import annotations

import ast
import re

import pytest
import textstat

from tests.harness import NOTEBOOKS, lesson_files
from tests.lesson_text import cells, markdown, prose, source

NOTEBOOK_FILES = lesson_files()
MAX_GRADE = 8.0


@pytest.fixture(params=NOTEBOOK_FILES)
def notebook(request):
    return NOTEBOOKS / request.param


def test_there_are_notebooks():
    assert "00_welcome.ipynb" in NOTEBOOK_FILES


def test_committed_without_outputs_or_widget_state(notebook):
    import json

    data = json.loads(notebook.read_text(encoding="utf-8"))
    assert "widgets" not in data["metadata"], "widget state is stored: clear it before committing"
    assert data["metadata"]["kernelspec"]["name"] == "python3"
    for cell in data["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{notebook.name}: a code cell has stored outputs"
            assert cell["execution_count"] is None


def test_code_cells_are_one_line_calls(notebook):
    """Notebooks hold no logic: imports from `widgets` and calls, nothing else."""
    for cell in cells(notebook):
        if cell["cell_type"] != "code":
            continue
        for node in ast.parse(source(cell)).body:
            if isinstance(node, ast.ImportFrom):
                assert node.module and node.module.split(".")[0] == "widgets", ast.unparse(node)
            else:
                assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call), (
                    f"{notebook.name}: only widget calls belong in a lesson, found: "
                    f"{ast.unparse(node)!r}. Move the logic into the widgets package."
                )


def test_images_exist_and_have_alt_text(notebook):
    for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)", markdown(notebook)):
        assert alt.strip(), f"{notebook.name}: image {target} has no alt text"
        assert (NOTEBOOKS / target).is_file(), f"{notebook.name}: image {target} is missing"
    assert "<img" not in markdown(notebook), "use markdown images so Voila inlines them"


def test_links_between_lessons_resolve(notebook):
    for target in re.findall(r"\]\(([^)#\s]+\.ipynb)", markdown(notebook)):
        assert "/" not in target, f"{notebook.name}: link {target} must be a relative file name"
        assert (NOTEBOOKS / target).is_file(), f"{notebook.name}: link to missing {target}"


def test_reading_level_is_grade_8_or_below(notebook):
    text = prose(notebook)
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{notebook.name}: Flesch-Kincaid grade {grade:.1f} > {MAX_GRADE}"


def test_prose_extraction_drops_headings_sources_and_markup():
    text = prose(NOTEBOOKS / "00_welcome.ipynb")
    assert "Sources" not in text and "Lucas JW" not in text
    assert "[1]" not in text and "**" not in text
    assert "You are not alone" not in text  # a heading
