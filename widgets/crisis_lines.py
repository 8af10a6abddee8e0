"""Default crisis lines per region, so every lesson can show help that fits where the learner is.

The lines themselves are in widgets/content/crisis_lines.toml (a translation may list the regions
its speakers live in). Where each number was checked, and when: docs/sources.md (crisis lines).
Numbers change over time, so instructors should re-check them for their region before a course
runs and may override them in `course.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.words import words


@dataclass(frozen=True)
class CrisisLine:
    """One place to get help: who it is, how to reach it, and when to use it."""

    name: str
    contact: str
    note: str = ""


def regions(language: str | None = None) -> dict[str, tuple[str, tuple[CrisisLine, ...]]]:
    """Each region's name and default lines, from widgets/content/crisis_lines.toml (or its
    translation), in the file's order: {"US": ("United States", (CrisisLine, ...)), ...}."""
    table = words("crisis_lines", language)["regions"]
    return {
        code: (
            region["name"],
            tuple(
                CrisisLine(line["name"], line["contact"], line.get("note", ""))
                for line in region["lines"]
            ),
        )
        for code, region in table.items()
    }


def worldwide(language: str | None = None) -> CrisisLine:
    """The pointer to helplines in other countries, shown under a region's own lines."""
    line = words("crisis_lines", language)["worldwide"]
    return CrisisLine(line["name"], line["contact"], line.get("note", ""))
