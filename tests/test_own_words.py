"""Lessons teach the seed article in our own words: no long run of words is copied from it.

The article lives outside the repository (../shared/seed, beside the checkout, as in CI); the test
is skipped with a message where it is absent.
"""

from __future__ import annotations

import re

import pytest

from tests.harness import ROOT, lesson_files
from tests.lesson_text import markdown
from widgets.course_config import lesson_dir

#: The article is in English, so the English lessons are the ones that could copy it.
ENGLISH = lesson_dir("en")

SEED_DIR = ROOT.parent / "shared" / "seed"
RUN = 6  # words in a row that would count as copying (5-word runs are stock phrases)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def runs(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the seed article is not at {SEED_DIR}; nothing to compare against")
    return runs(words("\n".join(f.read_text(encoding="utf-8") for f in files)))


@pytest.mark.parametrize("file", lesson_files("en"))
def test_no_sentence_is_copied_from_the_article(seed_runs, file):
    copied = runs(words(markdown(ENGLISH / file))) & seed_runs
    assert not copied, f"{file} copies the article: {[' '.join(run) for run in sorted(copied)][:5]}"
