"""Content files: every learner-facing sentence is in widgets/content/, read by widgets/words.py,
and every translation keeps the English file's keys and {placeholders}."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.learner_strings import NOT_FOR_LEARNERS, WIDGETS, learner_strings, reads_as_words
from widgets.words import CONTENT_DIR, ContentError, content_path, placeholders, word, words

ENGLISH = sorted(CONTENT_DIR.glob("*.toml"))
TRANSLATIONS = sorted(path for path in CONTENT_DIR.glob("*/*.toml"))
#: A translation of these may differ in shape: its crisis lines are for the regions its speakers
#: live in (tests/test_crisis_lines.py checks them).
OWN_SHAPE = {"crisis_lines.toml"}
#: Sections a translation may leave out: a published questionnaire is used only in a published,
#: validated translation, found and cited; without one the tool says so (docs/sources.md).
PUBLISHED = {"self_check.toml": "form."}
PYTHON = sorted(WIDGETS.rglob("*.py"))


def is_word_list(key: object, value: object) -> bool:
    """A list of words the code matches a learner's or a service's text against ("call_words",
    the typed unit words): a translation gives its own language's words, as many as it needs."""
    return (
        isinstance(key, str)
        and (key.endswith("_words") or key == "typed")
        and isinstance(value, list)
        and all(isinstance(item, str) for item in value)
    )


def _flat(table: dict, prefix: str = "") -> dict[str, object]:
    """Every leaf of a content file by its dotted key (lists keep their place: `steps.2`)."""
    flat: dict[str, object] = {}
    items = table.items() if isinstance(table, dict) else enumerate(table)
    for key, value in items:
        name = f"{prefix}{key}"
        if is_word_list(key, value):
            flat[name] = tuple(value)  # one leaf: a language may need more or fewer words
        elif isinstance(value, dict | list):
            flat.update(_flat(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def test_there_are_content_files():
    assert len(ENGLISH) >= 9


@pytest.mark.parametrize(
    "path", ENGLISH + TRANSLATIONS, ids=lambda p: p.relative_to(CONTENT_DIR).as_posix()
)
def test_each_content_file_is_valid_toml_of_texts_and_numbers(path: Path):
    with path.open("rb") as file:
        table = tomllib.load(file)
    assert table, f"{path.name} is empty"
    for key, value in _flat(table).items():
        assert isinstance(value, str | int | float | bool | tuple), (
            f"{path.name}: {key} is {value!r}"
        )
        if isinstance(value, str):
            spaced = value != value.strip() and not value.endswith("\n")
            assert not spaced or key.endswith("_mark"), f"{path.name}: {key} has spaces"


@pytest.mark.parametrize(
    "path",
    [path for path in TRANSLATIONS if path.name not in OWN_SHAPE],
    ids=lambda p: p.relative_to(CONTENT_DIR).as_posix(),
)
def test_a_translation_has_the_same_keys_and_placeholders_as_the_english(path: Path):
    english_path = CONTENT_DIR / path.name
    assert english_path.is_file(), f"{path} translates a file that does not exist in English"
    with english_path.open("rb") as file:
        english = _flat(tomllib.load(file))
    with path.open("rb") as file:
        translated = _flat(tomllib.load(file))
    published = PUBLISHED.get(path.name)
    if published and not any(key.startswith(published) for key in translated):
        english = {key: text for key, text in english.items() if not key.startswith(published)}
    assert sorted(translated) == sorted(english)
    for key, text in english.items():
        if isinstance(text, str):
            assert placeholders(translated[key]) == placeholders(text), key


def test_words_reads_english_and_falls_back_to_it_file_by_file():
    assert words("scene", "en")["play"]["play"] == "Play"
    # No translation of this file in a language the course does not have: the English, whole.
    assert content_path("scene", "xx") == CONTENT_DIR / "scene.toml"
    assert words("scene", "xx") is words("scene", "en")


def test_word_finds_one_entry_and_names_a_missing_one():
    assert word("scene", "pin", "pin", language="en") == "Pin this run"
    with pytest.raises(ContentError, match="scene.toml has no entry 'pin.nope'"):
        word("scene", "pin", "nope", language="en")
    with pytest.raises(ContentError, match="missing"):
        words("no_such_file", "en")


def test_placeholders_are_the_named_fields():
    assert placeholders("You guessed: {guess}. Day {day:.0f}.") == {"guess", "day"}
    assert placeholders("No fields.") == set()
    # plotly's hover template: the date format after "|" is the language's own.
    assert placeholders("%{x|%d %b %Y}: %{y}") == placeholders("%{x|%Y-%m-%d}: %{y}") == {"x", "y"}


def test_the_tripwire_sees_sentences_and_not_css_or_markup_names():
    assert reads_as_words("Save this day")
    assert reads_as_words('<p class="btc-note">Nothing is kept on this device.</p>')
    assert not reads_as_words("display: flex; gap: 0.5rem")
    assert not reads_as_words('<div class="btc-scene btc-stage">')
    assert not reads_as_words("btc-record-link")


def test_the_tripwire_skips_docstrings_and_raise_messages(tmp_path: Path):
    source = tmp_path / "sample.py"
    source.write_text(
        '"""A module docstring with many words."""\n'
        "def f():\n"
        '    """A function docstring with words."""\n'
        '    raise ValueError("a message for a maintainer")\n'
        'LABEL = "Keep my answers here"\n'
    )
    assert learner_strings(source) == [(5, "Keep my answers here")]


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: p.relative_to(WIDGETS).as_posix())
def test_no_learner_sentence_is_left_in_python(path: Path):
    name = path.relative_to(WIDGETS.parent).as_posix()
    left = [] if name in NOT_FOR_LEARNERS else learner_strings(path)
    assert not left, f"{name}: move these to widgets/content/: " + "; ".join(
        f"line {line}: {text[:60]!r}" for line, text in left[:8]
    )


def test_the_course_language_is_asked_again_at_most_once_a_second(monkeypatch):
    """A look-up costs 3 µs, not the 16 µs of checking course.toml on disk each time
    (benchmarks/catalogues.py), and an edit to course.toml is still seen within a second."""
    import widgets.course_config
    import widgets.words
    from tests.conftest import COURSE_LANGUAGE

    clock = [100.0]
    asked = []

    class Settings:
        language = "es"

    def settings():
        asked.append(clock[0])
        return Settings

    monkeypatch.setattr(widgets.words.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(widgets.course_config, "course_settings", settings)
    monkeypatch.setattr(widgets.words, "_language", [float("-inf"), "en"])
    assert COURSE_LANGUAGE() == "es" and COURSE_LANGUAGE() == "es"
    clock[0] += 0.5
    COURSE_LANGUAGE()
    clock[0] += widgets.words.RECHECK_SECONDS
    COURSE_LANGUAGE()
    assert asked == [100.0, 101.5]
