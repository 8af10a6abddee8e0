"""Check a module's look-ups of its content file: each entry it names exists, and each call fills
in exactly the {placeholders} of its template (a typo in a key or a field is caught by a test,
not by a learner on the page).

The scan reads the module's source: a call such as `say("file", "too_big", name=name)` is a
look-up of [file] too_big in the content file, given the field `name`. A key chosen at run time
(`say("describe", field)`) cannot be read from the source: `looked_up` leaves it out, and the
tests of that code path check it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from widgets.words import placeholders, words

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LookUp:
    """One look-up in the source: where, which entry, and the fields given (None: unknown)."""

    line: int
    keys: tuple[str, ...]
    fields: frozenset[str] | None


def _texts(node: ast.expr) -> list[str] | None:
    """The literal texts an argument can be (both sides of `a if c else b`), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _texts(node.body), _texts(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def looked_up(path: str, functions: dict[str, tuple[str, ...] | None]) -> list[LookUp]:
    """Each call in `path` of a function in `functions` whose arguments are all literal.

    `functions` maps a name to the keys it puts before its own arguments (`{"refusal":
    ("refused",)}`), or to None for widgets.words.word itself (its first argument is the file's
    name, and it fills in no fields).
    """
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in functions:
            continue
        prefix = functions[node.func.id]
        arguments = node.args if prefix is not None else node.args[1:]
        choices: list[tuple[str, ...]] = [prefix or ()]
        for argument in arguments:
            texts = _texts(argument)
            if texts is None:
                choices = []
                break
            choices = [keys + (text,) for keys in choices for text in texts]
        starred = any(keyword.arg is None for keyword in node.keywords)
        given = frozenset(k.arg for k in node.keywords if k.arg)
        fields = None if starred or prefix is None else given
        found.extend(LookUp(node.lineno, keys, fields) for keys in choices)
    return found


def problems(name: str, path: str, functions: dict[str, tuple[str, ...] | None]) -> list[str]:
    """What is wrong with `path`'s look-ups in content file `name` (English); [] if nothing."""
    table = words(name, "en")
    found = []
    for look_up in looked_up(path, functions):
        value: object = table
        for key in look_up.keys:
            value = value.get(key) if isinstance(value, dict) else None
        where = f"{path}:{look_up.line} {'.'.join(look_up.keys)}"
        if not isinstance(value, str):
            found.append(f"{where} is not a text in {name}.toml")
        elif look_up.fields is not None and set(look_up.fields) != placeholders(value):
            found.append(
                f"{where} gives {sorted(look_up.fields)}, needs {sorted(placeholders(value))}"
            )
    return found
