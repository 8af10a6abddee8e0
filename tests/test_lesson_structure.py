"""Every lesson in course.toml has the shape docs/writing-lessons.md describes, and every fact it
cites points to a numbered source."""

from __future__ import annotations

import re

import pytest

from tests.harness import NOTEBOOKS
from tests.lesson_text import cells, markdown, source
from widgets.course_config import load_config
from widgets.models.knowledge_check import load_questions
from widgets.views.knowledge_check import CHECKS_DIR

COURSE = load_config()
REQUIRED_HEADINGS = [
    "In this lesson you will",
    "Try this",
    "Check your understanding",
    "For groups",
    "Key points",
    "Sources",
]


@pytest.fixture(params=[lesson.file for lesson in COURSE.lessons])
def lesson(request):
    return NOTEBOOKS / request.param


def headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def section(text: str, heading: str) -> str:
    match = re.search(rf"^##+ {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    return match.group(1) if match else ""


def test_lesson_has_every_part(lesson):
    text = markdown(lesson)
    found = headings(text)
    missing = [h for h in REQUIRED_HEADINGS if h not in found]
    assert missing == [], f"{lesson.name} lacks sections: {missing}"
    assert re.search(r"\*\*Time:\*\* about \d+", text), f"{lesson.name}: no '**Time:** about N'"
    objectives = re.findall(r"^- ", section(text, "In this lesson you will"), flags=re.M)
    assert 3 <= len(objectives) <= 6, f"{lesson.name}: give 3-6 objectives"
    assert re.search(r"!\[[^\]]+\]\(images/", text), f"{lesson.name}: needs a picture with alt text"
    assert len(re.findall(r"^- ", section(text, "For groups"), flags=re.M)) >= 2
    assert len(re.findall(r"^- ", section(text, "Key points"), flags=re.M)) >= 3


def test_knowledge_check_is_shown_and_valid(lesson):
    code = "\n".join(source(c) for c in cells(lesson) if c["cell_type"] == "code")
    names = re.findall(r"knowledge_check\(\s*[\"']([^\"']+)[\"']", code)
    assert names, f"{lesson.name} shows no knowledge_check(...)"
    for name in names:
        assert 3 <= len(load_questions(CHECKS_DIR / f"{name}.toml")) <= 5


def test_every_citation_has_a_source_and_every_source_is_cited(lesson):
    text = markdown(lesson)
    sources = section(text, "Sources")
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
        quiz = (CHECKS_DIR / f"{name}.toml").read_text(encoding="utf-8")
        cited |= {int(n) for n in re.findall(r"\[(\d+)\]", quiz)}
    assert cited - listed == set(), f"{lesson.name}: cites missing sources {sorted(cited - listed)}"
    assert listed - cited == set(), f"{lesson.name}: never cites sources {sorted(listed - cited)}"
