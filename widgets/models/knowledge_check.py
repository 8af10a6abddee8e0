"""Knowledge checks: questions with one right answer and feedback that explains why.

The questions live in small TOML files beside the lessons (`notebooks/checks/<lesson>.toml`) so an
instructor can reword them without touching Python. This module reads and checks those files and
marks answers; it knows nothing of widgets. The words it gives a learner (feedback, the score)
are in widgets/content/knowledge_check.toml; its errors are for the instructor, so they stay here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from widgets.words import word

_QUESTION_KEYS = {"text", "choices", "answer", "why", "feedback"}


def say(section: str, key: str, /, **fields: object) -> str:
    """A sentence from widgets/content/knowledge_check.toml with its {fields} filled in."""
    return word("knowledge_check", section, key).format(**fields)


class KnowledgeCheckError(ValueError):
    """A problem in a knowledge-check file, worded for the instructor who has to fix it."""


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str


@dataclass(frozen=True)
class Question:
    text: str
    choices: tuple[str, ...]
    answer: int  # index into choices, 0-based
    why: str
    feedback: tuple[str, ...] = ()  # optional: one hint per wrong choice ("" to use `why`)

    def check(self, choice: int | None) -> Feedback:
        """Mark a choice (0-based index; None when nothing is chosen)."""
        if choice is None:
            return Feedback(False, say("feedback", "choose_first"))
        if not isinstance(choice, int) or not 0 <= choice < len(self.choices):
            return Feedback(False, say("feedback", "not_a_choice"))
        if choice == self.answer:
            return Feedback(True, say("feedback", "right", why=self.why))
        hint = self.feedback[choice] if self.feedback and self.feedback[choice] else ""
        if hint:
            return Feedback(False, say("feedback", "wrong_with_hint", hint=hint, why=self.why))
        return Feedback(False, say("feedback", "wrong", why=self.why))


def _question(entry: object, number: int, where: str) -> Question:
    label = f"{where}, question {number}"
    if not isinstance(entry, dict):
        raise KnowledgeCheckError(f"{label}: must be a [[question]] table.")
    unknown = sorted(set(entry) - _QUESTION_KEYS)
    if unknown:
        raise KnowledgeCheckError(
            f"{label}: unknown key {unknown[0]!r}. Allowed: {', '.join(sorted(_QUESTION_KEYS))}."
        )
    for key in ("text", "choices", "answer", "why"):
        if key not in entry:
            raise KnowledgeCheckError(f"{label}: missing key {key!r}.")
    choices = entry["choices"]
    if (
        not isinstance(choices, list)
        or not 2 <= len(choices) <= 6
        or not all(isinstance(c, str) and c.strip() for c in choices)
    ):
        raise KnowledgeCheckError(f"{label}: choices must be a list of 2 to 6 texts.")
    answer = entry["answer"]
    if not isinstance(answer, int) or isinstance(answer, bool) or not 1 <= answer <= len(choices):
        raise KnowledgeCheckError(
            f"{label}: answer must be the number of the right choice, 1 to {len(choices)}."
        )
    for key in ("text", "why"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise KnowledgeCheckError(f"{label}: {key} must be a non-empty text.")
    feedback = entry.get("feedback", [])
    if not isinstance(feedback, list) or (feedback and len(feedback) != len(choices)):
        raise KnowledgeCheckError(
            f"{label}: feedback, if given, needs one text per choice ('' for the right one)."
        )
    return Question(
        text=entry["text"].strip(),
        choices=tuple(c.strip() for c in choices),
        answer=answer - 1,
        why=entry["why"].strip(),
        feedback=tuple(str(f).strip() for f in feedback),
    )


def parse_questions(text: str, where: str = "knowledge check") -> tuple[Question, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeCheckError(f"{where} is not valid TOML: {error}.") from error
    if set(data) - {"question"}:
        raise KnowledgeCheckError(f"{where}: only [[question]] tables are allowed.")
    entries = data.get("question", [])
    if not 1 <= len(entries) <= 8:
        raise KnowledgeCheckError(f"{where}: give 1 to 8 [[question]] tables.")
    return tuple(_question(entry, n, where) for n, entry in enumerate(entries, start=1))


def load_questions(path: Path) -> tuple[Question, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise KnowledgeCheckError(f"{path} is missing.") from error
    return parse_questions(text, Path(path).name)


def score_message(right: int, total: int) -> str:
    """A short, encouraging summary of how many answers were right."""
    if total and right == total:
        return say("score", "all_right", total=total)
    return say("score", "so_far", right=right, total=total)
