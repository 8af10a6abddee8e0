"""Read lesson notebooks as a learner reads them: the prose, without headings, sources or code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from widgets.words import words


def parts(language: str) -> dict:
    """The fixed parts of a lesson in `language` (widgets/content/lesson_parts.toml)."""
    return words("lesson_parts", language)


def time_line(language: str) -> re.Pattern:
    """The "**Time:** about N minutes" line under a lesson's title, in `language`."""
    before, _, after = parts(language)["time"].partition("{minutes}")
    return re.compile(re.escape(before) + r"\d+" + re.escape(after))


def language_of(path: Path) -> str:
    """notebooks/<language>/x.ipynb is in that language; notebooks/x.ipynb is English."""
    folder = path.parent.name
    return folder if re.fullmatch(r"[a-z]{2}", folder) else "en"


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def markdown(path: Path) -> str:
    return "\n\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")


def prose(path: Path) -> str:
    """The lesson's reading text: one sentence per line item, sources and headings dropped."""
    kept = []
    in_sources = False
    sources = parts(language_of(path))["headings"]["sources"].lower()
    for block in markdown(path).split("\n"):
        line = block.strip()
        if line.startswith("#"):
            in_sources = line.lstrip("#").strip().lower() == sources
            kept.append("")
        elif not in_sources:
            kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links -> words
    text = re.sub(r"\[\d+(?:,\s*\d+)*\]", "", text)  # citation numbers
    text = re.sub(r"`[^`]*`", "course file", text)
    text = re.sub(r"[*_>|]", "", text)
    sentences = []
    for line in text.split("\n"):
        line = re.sub(r"^(\s*[-+]|\s*\d+\.)\s+", "", line).strip()
        if not line:
            continue
        sentences.append(line if line[-1] in ".!?:" else line + ".")
    return "\n".join(sentences)
