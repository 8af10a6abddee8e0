"""Every notebook, in every language: committed clean, thin (prose plus one-line calls), with
working links and images, and written at a reading level of grade 8 or below (tests/reading_level.py
says how each language is measured)."""

from __future__ import annotations

import ast
import re

import pytest

from tests.harness import LANGUAGES, every_notebook, lesson_files, notebook_id
from tests.lesson_text import cells, language_of, markdown, prose, source
from tests.reading_level import READING_LEVEL, reading_level
from widgets.course_config import lesson_dir


@pytest.fixture(params=every_notebook(), ids=notebook_id)
def notebook(request):
    return request.param


def test_there_are_notebooks():
    for language in LANGUAGES:
        assert "00_welcome.ipynb" in lesson_files(language), language


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
        assert (notebook.parent / target).is_file(), f"{notebook_id(notebook)}: no image {target}"
    assert "<img" not in markdown(notebook), "use markdown images so Voila inlines them"


def test_links_between_lessons_resolve(notebook):
    for target in re.findall(r"\]\(([^)#\s]+\.ipynb)", markdown(notebook)):
        assert "/" not in target, f"{notebook.name}: link {target} must be a relative file name"
        assert (notebook.parent / target).is_file(), f"{notebook_id(notebook)}: no {target}"


def test_reading_level_is_grade_8_or_below(notebook):
    language = language_of(notebook)
    level = READING_LEVEL[language]
    score = reading_level(prose(notebook), language)
    assert level.easy_enough(score), f"{notebook_id(notebook)}: {level.describe(score)}"


def test_every_language_has_a_reading_level_formula():
    assert set(LANGUAGES) <= set(READING_LEVEL)


def test_prose_extraction_drops_headings_sources_and_markup():
    text = prose(lesson_dir("en") / "00_welcome.ipynb")
    assert "Sources" not in text and "Lucas JW" not in text
    assert "[1]" not in text and "**" not in text
    assert "You are not alone" not in text  # a heading
