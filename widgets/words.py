"""Learner-facing words, read from content files, so an instructor can reword or translate any
sentence a tool shows without opening Python.

English, the source language, lives in `widgets/content/<name>.toml`. Another language lives in
`widgets/content/<language>/<name>.toml` with the same keys and the same `{placeholders}`
(tests/test_words.py checks both for every language shipped). A file not yet translated falls
back to English as a whole, never key by key, so a sentence is never half in one language.

Standard library only: models and describers use it too, and it runs in a browser kernel.
"""

from __future__ import annotations

import string
import time
import tomllib
from functools import cache
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCE_LANGUAGE = "en"


class ContentError(ValueError):
    """A content file is missing, is not valid TOML, or lacks a key the code asks for."""


#: How often a tool's look-up asks course.toml for the language again (it checks the file on
#: disk: 16 µs a look-up against 3 µs from memory, benchmarks/catalogues.py). An edit to
#: course.toml is seen within this time; a diary import says hundreds of sentences at once.
RECHECK_SECONDS = 1.0
_language: list = [float("-inf"), SOURCE_LANGUAGE]  # [when last asked, the answer]


def course_language() -> str:
    """The language course.toml asks for (read with the rest of the settings, asked again at
    most once a second)."""
    now = time.monotonic()
    if now - _language[0] >= RECHECK_SECONDS:
        from widgets.course_config import course_settings

        _language[:] = [now, course_settings().language]
    return _language[1]


def content_path(name: str, language: str = SOURCE_LANGUAGE) -> Path:
    """Where content file `name` is for `language` (English when there is no translation)."""
    if language != SOURCE_LANGUAGE:
        translated = CONTENT_DIR / language / f"{name}.toml"
        if translated.is_file():
            return translated
    return CONTENT_DIR / f"{name}.toml"


@cache
def _read(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError as error:
        raise ContentError(f"The content file {path} is missing.") from error
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"The content file {path} is not valid TOML: {error}.") from error


def words(name: str, language: str | None = None) -> dict:
    """The words of content file `name` (no suffix) in `language`, by default the course's.

    The dict is shared and cached: read from it, don't change it (copy it first).
    """
    return _read(content_path(name, language or course_language()))


def word(name: str, *keys: str, language: str | None = None) -> str:
    """One entry of a content file, found by its section and key: `word("diary", "save", "label")`.

    A missing key is an error that names the file and the key, never a blank on the page.
    """
    value: object = words(name, language)
    for depth, key in enumerate(keys):
        if not isinstance(value, dict) or key not in value:
            where = ".".join(keys[: depth + 1])
            raise ContentError(f"widgets/content/{name}.toml has no entry {where!r}.")
        value = value[key]
    if not isinstance(value, str):
        raise ContentError(f"widgets/content/{name}.toml: {'.'.join(keys)} is not a text.")
    return value


def placeholders(text: str) -> set[str]:
    """The `{names}` a template fills in, so a translation can be checked to keep every one."""
    fields = (field for _, field, _, _ in string.Formatter().parse(text) if field is not None)
    # A plotly hover template's %{x|%d %b %Y}: the name is "x"; after "|" is its own date format,
    # which a language may write its way.
    return {field.split("|", 1)[0] for field in fields}
