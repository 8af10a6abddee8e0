"""`run.py new-lesson` writes a lesson the structure tests accept, and never overwrites one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from authoring.new_lesson import main, write_lesson
from tests import test_lesson_structure, test_notebooks
from widgets.models.knowledge_check import load_questions


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "checks").mkdir()
    (tmp_path / "images").mkdir()
    return tmp_path


def test_the_skeleton_has_the_shape_the_lesson_tests_expect(folder: Path):
    lesson, check, picture = write_lesson("07_moving_again", folder, language="en")
    test_lesson_structure.test_lesson_has_every_part(lesson)
    test_notebooks.test_code_cells_are_one_line_calls(lesson)
    test_notebooks.test_committed_without_outputs_or_widget_state(lesson)
    assert len(load_questions(check)) == 3
    assert picture.read_text().startswith("<svg")
    code = [
        cell["source"]
        for cell in json.loads(lesson.read_text())["cells"]
        if cell["cell_type"] == "code"
    ]
    assert 'knowledge_check("07_moving_again")' in "".join(code)


def test_a_spanish_skeleton_has_the_spanish_headings(tmp_path: Path):
    folder = tmp_path / "es"  # notebooks/es/: a lesson's language is its folder's
    lesson, _check, _picture = write_lesson("07_moving_again", folder, language="es")
    test_lesson_structure.test_lesson_has_every_part(lesson)
    text = lesson.read_text(encoding="utf-8")
    assert "## Puntos clave" in text and "**Tiempo:** unos 20 minutos" in text
    assert "Key points" not in text


def test_it_refuses_a_bad_name_and_an_existing_lesson(folder: Path):
    with pytest.raises(ValueError, match="two digits"):
        write_lesson("Moving again", folder)
    write_lesson("07_moving_again", folder)
    with pytest.raises(ValueError, match="already exists"):
        write_lesson("07_moving_again", folder)


def test_the_command_explains_its_use(capsys):
    assert main([]) == 2
    assert "Usage" in capsys.readouterr().err
