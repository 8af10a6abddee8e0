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
    """Each region's name and default lines: {"US": ("United States", (CrisisLine, ...)), ...}.

    A translation's regions come first, in its own words (the regions its speakers live in); the
    English file's other regions follow as they are, so a course in any language may still pick
    any region (a Spanish course in the UK shows Samaritans, in English, as the service speaks).
    """
    own = words("crisis_lines", language)["regions"]
    table = {
        **own,
        **{
            code: region
            for code, region in words("crisis_lines", "en")["regions"].items()
            if code not in own
        },
    }
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
