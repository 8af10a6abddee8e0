"""The words every simulator scene shares (widgets/content/scene.toml), with a simulator's own
laid over them. Plain Python (no widgets), so describers can use the same words as the views."""

from __future__ import annotations

from widgets.words import words as content_words


def _defaults() -> dict:
    """The shared scene words (widgets/content/scene.toml), in the course language."""
    return content_words("scene")


def scene_words(own: dict | None = None) -> dict:
    """The shared scene words with a simulator's own words laid over them, section by section."""
    words = {section: dict(values) for section, values in _defaults().items()}
    for section, values in (own or {}).items():
        if isinstance(values, dict):
            words.setdefault(section, {}).update(values)
        else:
            words[section] = values
    return words
