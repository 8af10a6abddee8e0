"""Find learner-facing English left in the course's Python (tests/test_words.py uses it).

A sentence a learner reads belongs in a content file (widgets/content/), where an instructor can
reword or translate it. This scan is a tripwire, not a parser of meaning: it flags any string in
`widgets/` (docstrings and the text of a `raise` aside: those are for maintainers) that holds a
run of three or more plain words, once HTML tags are dropped.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDGETS = ROOT / "widgets"

#: Files whose English is for instructors and maintainers, not learners: course.toml's checker
#: words its errors for the instructor fixing course.toml.
NOT_FOR_LEARNERS = {"widgets/course_config.py"}

_TAG = re.compile(r"<[^>]*>")
_RUN = re.compile(r"[A-Za-z][a-z’']+(?: +[A-Za-z][a-z’']*,?){2,}")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def _in_raise(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise | ast.Assert):
            found.update(id(inner) for inner in ast.walk(node))
    return found


def reads_as_words(text: str) -> bool:
    """Whether a string holds a run of three or more plain words (not CSS, code or markup)."""
    plain = _TAG.sub(" ", text)
    return any(len(match.group().split()) >= 3 for match in _RUN.finditer(plain))


def learner_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string in `path` that reads as words for a learner."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _in_raise(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and reads_as_words(node.value)
        ):
            found.append((node.lineno, node.value))
    return sorted(found)


def all_learner_strings() -> dict[str, list[tuple[int, str]]]:
    """Every file under widgets/ that still holds learner-facing English, with its strings."""
    found = {}
    for path in sorted(WIDGETS.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in NOT_FOR_LEARNERS:
            continue
        strings = learner_strings(path)
        if strings:
            found[name] = strings
    return found


if __name__ == "__main__":
    for name, strings in all_learner_strings().items():
        print(f"{len(strings):4d} {name}")
    print(sum(len(s) for s in all_learner_strings().values()), "in all")
