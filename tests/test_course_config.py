"""course.toml validation: every mistake is named, with what is allowed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.course_config import CourseConfigError, links_to_unlisted, load_config, parse_config

GOOD = """
[course]
title = "My course"
organisation = "A clinic"
lessons = ["a.ipynb", "b.ipynb"]

[help]
region = "UK-IE"
"""


def notebook(path: Path, title: str, summary: str = "What it is about.") -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": f"# {title}\n\n{summary}\n\n## More"}
    ]
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    notebook(tmp_path / "a.ipynb", "Lesson A", "About **A**, see [here](x.ipynb).")
    notebook(tmp_path / "b.ipynb", "Lesson B")
    return tmp_path


def test_good_config_gives_lessons_in_order_with_titles_and_summaries(notebooks):
    config = parse_config(GOOD, notebooks)
    assert [lesson.title for lesson in config.lessons] == ["Lesson A", "Lesson B"]
    assert config.lessons[0].summary == "About A, see here."
    assert config.neighbours("a.ipynb") == (None, config.lessons[1])
    assert config.neighbours("b.ipynb") == (config.lessons[0], None)
    assert config.neighbours("other.ipynb") == (None, None)
    assert config.region_name == "United Kingdom and Ireland"
    assert any("116 123" in line.contact for line in config.crisis_lines)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD.replace('title = "My course"', 'titel = "My course"'),
            "unknown key 'titel' in [course]",
        ),
        (GOOD.replace('title = "My course"\n', ""), "missing key 'title' in [course]"),
        (GOOD.replace('region = "UK-IE"', 'region = "FR"'), "help.region is 'FR'. Allowed: US, CA"),
        (GOOD + "\n[extra]\nx = 1\n", "unknown key 'extra' in the top level"),
        (GOOD.replace('"b.ipynb"', '"missing.ipynb"'), "'missing.ipynb' does not exist"),
        (GOOD.replace('"b.ipynb"', '"a.ipynb"'), "'a.ipynb' is listed twice"),
        (GOOD.replace('"b.ipynb"', '"../b.ipynb"'), "entry 2 is '../b.ipynb'"),
        (GOOD.replace('["a.ipynb", "b.ipynb"]', "[]"), "at least one lesson"),
        (GOOD.replace('"My course"', '""'), "course.title must be a non-empty text"),
        (GOOD.replace('region = "UK-IE"', 'region = "custom"'), 'help.region is "custom"'),
        (GOOD + '[[help.lines]]\nname = "X"\n', "missing key 'contact' in [help.lines]"),
        (GOOD + '[[help.lines]]\nname = "X"\ncontact = "1"\nurl = "y"\n', "unknown key 'url'"),
        ("[course\n", "not valid TOML"),
    ],
)
def test_bad_config_names_the_problem(notebooks, text, message):
    with pytest.raises(CourseConfigError) as error:
        parse_config(text, notebooks)
    assert message in str(error.value)


def test_guides_are_listed_apart_from_lessons(notebooks):
    notebook(notebooks / "guide.ipynb", "Leader guide")
    config = parse_config(
        GOOD.replace('"b.ipynb"]', '"b.ipynb"]\nguides = ["guide.ipynb"]'), notebooks
    )
    assert [g.title for g in config.guides] == ["Leader guide"]
    assert config.lesson("guide.ipynb") is None
    with pytest.raises(CourseConfigError, match="course.guides: 'a.ipynb' is listed twice"):
        parse_config(GOOD.replace('"b.ipynb"]', '"b.ipynb"]\nguides = ["a.ipynb"]'), notebooks)
    assert parse_config(GOOD, notebooks).guides == ()


def test_the_learners_own_pages_are_listed_apart_and_never_twice(notebooks):
    notebook(notebooks / "progress.ipynb", "My progress")
    notebook(notebooks / "guide.ipynb", "Leader guide")
    both = '"b.ipynb"]\nguides = ["guide.ipynb"]\npages = ["progress.ipynb"]'
    config = parse_config(GOOD.replace('"b.ipynb"]', both), notebooks)
    assert [p.title for p in config.pages] == ["My progress"]
    assert config.lesson("progress.ipynb") is None
    assert config.as_template_data()["pages"] == [
        {"file": "progress.ipynb", "title": "My progress"}
    ]
    for taken in ("a.ipynb", "guide.ipynb"):
        clash = both.replace('pages = ["progress.ipynb"]', f'pages = ["{taken}"]')
        with pytest.raises(CourseConfigError, match=f"course.pages: '{taken}' is listed twice"):
            parse_config(GOOD.replace('"b.ipynb"]', clash), notebooks)
    assert parse_config(GOOD, notebooks).pages == ()


def test_custom_region_uses_only_the_given_lines(notebooks):
    text = GOOD.replace('region = "UK-IE"', 'region = "custom"') + (
        '[[help.lines]]\nname = "Clinic line"\ncontact = "Call 555"\n'
    )
    config = parse_config(text, notebooks)
    assert [line.name for line in config.crisis_lines] == ["Clinic line"]


def test_notebook_without_title_is_reported(notebooks):
    (notebooks / "b.ipynb").write_text(
        json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    with pytest.raises(CourseConfigError, match="no '# Title' heading"):
        parse_config(GOOD, notebooks)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(CourseConfigError, match="is missing"):
        load_config(tmp_path / "course.toml")


def test_the_shipped_configuration_is_valid():
    config = load_config()
    assert config.lessons[0].file == "00_welcome.ipynb"


def test_check_command_names_the_bad_key(tmp_path, notebooks):
    bad = tmp_path / "course.toml"
    bad.write_text(GOOD.replace("organisation", "organization"))
    result = subprocess.run(
        [sys.executable, "-m", "widgets.course_config", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "unknown key 'organization' in [course]" in result.stderr


def test_selfcheck_version_is_checked(notebooks):
    assert parse_config(GOOD, notebooks).selfcheck_version == "PHQ-9"
    phq8 = parse_config(GOOD + '\n[selfcheck]\nversion = "PHQ-8"\n', notebooks)
    assert phq8.selfcheck_version == "PHQ-8"
    with pytest.raises(CourseConfigError, match="selfcheck.version is 'PHQ-2'. Allowed: PHQ-9"):
        parse_config(GOOD + '\n[selfcheck]\nversion = "PHQ-2"\n', notebooks)


def test_the_check_reports_links_to_a_lesson_left_out(notebooks: Path, capsys):
    cell = {"cell_type": "markdown", "metadata": {}, "source": "# Lesson A\n\nSee [B](b.ipynb)."}
    (notebooks / "a.ipynb").write_text(
        json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    both = parse_config(GOOD, notebooks)
    assert links_to_unlisted(both, notebooks) == []
    only_a = parse_config(GOOD.replace('"a.ipynb", "b.ipynb"', '"a.ipynb"'), notebooks)
    assert links_to_unlisted(only_a, notebooks) == [
        "a.ipynb links to b.ipynb, which course.toml does not list."
    ]


def test_the_shipped_course_links_only_to_its_own_pages():
    assert links_to_unlisted(load_config()) == []


def test_language_must_have_its_lessons(notebooks: Path):
    assert parse_config(GOOD, notebooks).language == "en"
    with pytest.raises(CourseConfigError, match="course.language is 'es'. Allowed here: en"):
        parse_config(GOOD.replace("[course]", '[course]\nlanguage = "es"'), notebooks)
    (notebooks / "es").mkdir()
    notebook(notebooks / "es" / "a.ipynb", "Lección A")
    notebook(notebooks / "es" / "b.ipynb", "Lección B")
    spanish = parse_config(GOOD.replace("[course]", '[course]\nlanguage = "es"'), notebooks)
    assert spanish.language == "es" and spanish.lessons[0].title == "Lección A"
    assert spanish.as_template_data()["language"] == "es"


def test_course_settings_are_read_once_and_again_after_an_edit(tmp_path: Path, notebooks: Path):
    import os

    from widgets.course_config import course_settings

    path = tmp_path / "course.toml"
    path.write_text(GOOD)
    first = course_settings(path, notebooks)
    assert course_settings(path, notebooks) is first
    path.write_text(GOOD.replace("My course", "Our course"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert course_settings(path, notebooks).title == "Our course"
