"""`python3 run.py new-lesson NN_name`: a lesson skeleton in the shape the tests expect.

Writes notebooks/NN_name.ipynb (every required section, a picture, the learner's record, a "Try
this" with this week's practice box, a knowledge check, groups' prompts, key points, sources) and
notebooks/checks/NN_name.toml (three questions). Every sentence in brackets is for the author to
replace; tests/test_lesson_structure.py checks the shape once the lesson is listed in course.toml.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from pathlib import Path

from widgets.course_config import course_settings, lesson_dir
from widgets.words import words

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"\d{2}_[a-z0-9_]+")

CELLS = [
    (
        "markdown",
        "# [Title of the lesson]\n\n[One or two sentences: what this lesson is about, for the"
        " course map.]\n\n{time}\n\n## {objectives}\n\n"
        "- [learn one thing]\n- [try one thing]\n- [plan one thing]\n\n"
        "![Describe the picture here, for someone who cannot see it](images/{name}.svg)",
    ),
    ("code", "from widgets import my_record\n\nmy_record()"),
    (
        "markdown",
        "## [A first section]\n\n[Short sentences and everyday words. Give a source for each"
        " fact, like this [1].]",
    ),
    (
        "markdown",
        "## {try_this}\n\n[One small thing to do this week, in a few steps.]",
    ),
    ("code", 'from widgets import this_week\n\nthis_week("{name}")'),
    (
        "markdown",
        "## {check}\n\nPick an answer, then press **Check answer**. You can use"
        " the arrow keys to choose and Tab to reach the button.",
    ),
    ("code", 'from widgets import knowledge_check\n\nknowledge_check("{name}")'),
    (
        "markdown",
        "## {groups}\n\n- [A question to talk about together]\n- [Another question]",
    ),
    (
        "markdown",
        "## {key_points}\n\n- [The first thing to remember]\n- [The second]\n- [The third]",
    ),
    (
        "markdown",
        "## {sources}\n\n1. [Author, title, journal, year. doi:... — checked in docs/sources.md]",
    ),
]

QUESTION = """[[question]]
text = "[Question {n}]"
choices = ["[A wrong answer]", "[The right answer] [1]", "[Another wrong answer]"]
answer = 2
why = "[Why the right answer is right, with its source [1].]"
feedback = ["[Why this one is not right]", "", "[Why this one is not right]"]
"""

PICTURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 240" role="img">'
    '<rect width="640" height="240" fill="#f2f2f2"/>'
    '<text x="320" y="128" font-size="24" text-anchor="middle" fill="#333">'
    "Replace with the lesson's picture</text></svg>\n"
)


def notebook(name: str, language: str = "en") -> dict:
    """The skeleton notebook (nbformat 4.5, no outputs), with `name` in its calls and the fixed
    headings in `language` (widgets/content/lesson_parts.toml)."""
    parts = words("lesson_parts", language)
    fixed = {**parts["headings"], "time": parts["time"].format(minutes=20), "name": name}
    cells = []
    for kind, text in CELLS:
        for key, value in fixed.items():
            text = text.replace("{" + key + "}", value)
        cell = {
            "cell_type": kind,
            "id": uuid.uuid4().hex[:8],
            "metadata": {},
            "source": text,
        }
        if kind == "code":
            cell |= {"execution_count": None, "outputs": []}
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_lesson(
    name: str, notebooks: Path | None = None, language: str | None = None
) -> list[Path]:
    """Write the lesson, its check and its picture, in the course's language (its lessons'
    folder, its headings); refuse to overwrite anything."""
    language = language or course_settings().language
    notebooks = notebooks or lesson_dir(language)
    if not NAME.fullmatch(name):
        raise ValueError(
            f"{name!r}: give the lesson's file name without .ipynb, as two digits, an underscore"
            " and lower-case words joined by underscores, e.g. 07_moving_again."
        )
    paths = [
        notebooks / f"{name}.ipynb",
        notebooks / "checks" / f"{name}.toml",
        notebooks / "images" / f"{name}.svg",
    ]
    taken = [path for path in paths if path.exists()]
    if taken:
        raise ValueError(f"{taken[0]} already exists: choose another name, or edit that lesson.")
    lesson, check, picture = paths
    lesson.parent.mkdir(parents=True, exist_ok=True)
    lesson.write_text(json.dumps(notebook(name, language), indent=1, ensure_ascii=False) + "\n")
    check.parent.mkdir(parents=True, exist_ok=True)
    check.write_text(
        f"# Knowledge check for lesson {name}. Format: docs/writing-lessons.md.\n\n"
        + "\n".join(QUESTION.replace("{n}", str(n)) for n in (1, 2, 3))
    )
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_text(PICTURE)
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Usage: python3 run.py new-lesson NN_name   (e.g. 07_moving_again)", file=sys.stderr)
        return 2
    try:
        paths = write_lesson(args[0].removesuffix(".ipynb"))
    except ValueError as error:
        print(f"new-lesson: {error}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {path.relative_to(ROOT)}")
    print(
        f'Next: add "{paths[0].name}" to lessons in course.toml, replace every [bracket],'
        ' add the practice for its "Try this" to widgets/content/practice.toml if it has one,'
        " and run python3 run.py test --quick."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
