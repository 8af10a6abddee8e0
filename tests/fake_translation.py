"""A made-up language for tests: a copy of the content files plus one file with some words
changed, chosen as the course language, to show a tool reads its words when it is made."""

from __future__ import annotations

import shutil
from pathlib import Path

import widgets.words


def use_fake_translation(tmp_path: Path, monkeypatch, name: str, changes: dict[str, str]) -> None:
    """Language "xx": widgets/content/xx/<name>.toml is the English with `changes` made."""
    content = tmp_path / "content"
    shutil.copytree(widgets.words.CONTENT_DIR, content)
    text = (content / f"{name}.toml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, f"{name}.toml has no {old!r} to change"
        text = text.replace(old, new)
    (content / "xx").mkdir(exist_ok=True)
    (content / "xx" / f"{name}.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(widgets.words, "CONTENT_DIR", content)
    monkeypatch.setattr(widgets.words, "course_language", lambda: "xx")
