"""Every lesson in course.toml has the shape docs/writing-lessons.md describes, and every fact it
cites points to a numbered source."""

from __future__ import annotations

import re

import pytest

from tests.harness import LANGUAGES, notebook_id
from tests.lesson_text import cells, language_of, markdown, parts, source, time_line
from widgets.course_config import course_settings, lesson_dir
from widgets.models.knowledge_check import load_questions

COURSE = course_settings()
#: Every lesson course.toml lists, in every language this copy has lessons in.
LESSONS = [
    lesson_dir(language) / lesson.file for language in LANGUAGES for lesson in COURSE.lessons
]


@pytest.fixture(params=LESSONS, ids=notebook_id)
def lesson(request):
    return request.param


def heading(lesson, part: str) -> str:
    """A fixed heading ("Key points", "Sources"...) in the lesson's language."""
    return parts(language_of(lesson))["headings"][part]


def check_file(lesson, name: str):
    """A knowledge-check file, beside the lessons of its language (notebooks/<lang>/checks/)."""
    return lesson.parent / "checks" / f"{name}.toml"


def test_every_language_has_every_lesson():
    for language in LANGUAGES:
        missing = [x.file for x in COURSE.lessons if not (lesson_dir(language) / x.file).is_file()]
        assert not missing, f"notebooks/{language}/ lacks {missing}"


def headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def section(text: str, heading: str) -> str:
    match = re.search(rf"^##+ {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    return match.group(1) if match else ""


def test_lesson_has_every_part(lesson):
    text = markdown(lesson)
    found = headings(text)
    required = parts(language_of(lesson))["headings"].values()
    missing = [h for h in required if h not in found]
    assert missing == [], f"{notebook_id(lesson)} lacks sections: {missing}"
    time = parts(language_of(lesson))["time"]
    assert time_line(language_of(lesson)).search(text), f"{notebook_id(lesson)}: no {time!r}"
    objectives = re.findall(r"^- ", section(text, heading(lesson, "objectives")), flags=re.M)
    assert 3 <= len(objectives) <= 6, f"{notebook_id(lesson)}: give 3-6 objectives"
    assert re.search(r"!\[[^\]]+\]\(images/", text), f"{lesson.name}: needs a picture with alt text"
    assert len(re.findall(r"^- ", section(text, heading(lesson, "groups")), flags=re.M)) >= 2
    assert len(re.findall(r"^- ", section(text, heading(lesson, "key_points")), flags=re.M)) >= 3


def test_knowledge_check_is_shown_and_valid(lesson):
    code = "\n".join(source(c) for c in cells(lesson) if c["cell_type"] == "code")
    names = re.findall(r"knowledge_check\(\s*[\"']([^\"']+)[\"']", code)
    assert names, f"{lesson.name} shows no knowledge_check(...)"
    for name in names:
        assert 3 <= len(load_questions(check_file(lesson, name))) <= 5


def test_every_citation_has_a_source_and_every_source_is_cited(lesson):
    text = markdown(lesson)
    sources = section(text, heading(lesson, "sources"))
    listed = {int(n) for n in re.findall(r"^(\d+)\. ", sources, flags=re.M)}
    assert listed, f"{lesson.name}: the Sources list is empty"
    assert listed == set(range(1, len(listed) + 1)), f"{lesson.name}: sources must be numbered 1..n"
    body = text.replace(sources, "")
    cited = {
        int(n)
        for group in re.findall(r"\[(\d+(?:\s*[,–-]\s*\d+)*)\]", body)
        for n in re.findall(r"\d+", group)
    }
    check_files = re.findall(
        r"knowledge_check\(\s*[\"']([^\"']+)",
        "\n".join(source(c) for c in cells(lesson) if c["cell_type"] == "code"),
    )
    for name in check_files:
        quiz = check_file(lesson, name).read_text(encoding="utf-8")
        cited |= {int(n) for n in re.findall(r"\[(\d+)\]", quiz)}
    assert cited - listed == set(), f"{lesson.name}: cites missing sources {sorted(cited - listed)}"
    assert listed - cited == set(), f"{lesson.name}: never cites sources {sorted(listed - cited)}"
