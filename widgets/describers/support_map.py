"""Plain sentences for the support map: the picture in words, the gaps, and the .txt file.

Pure functions of widgets/models/support_map.py's map, grouped by the same kinds, in the same
order, as the picture and the table draw them, and with the same gaps (`gap_keys`). Every word
is a pattern in widgets/content/support_map.toml, read when called so the course language
applies. Plain text, not HTML: the view escapes what it shows; the file keeps names as typed.
"""

from __future__ import annotations

from widgets.models.support_map import (
    HELP_KEYS,
    KIND_KEYS,
    Supporter,
    SupportMap,
    gap_keys,
    ideas,
)
from widgets.words import word

CONTENT = "support_map"


def kind_name(kind: str) -> str:
    """A kind's short name for a menu or a table cell: "A person"."""
    return word(CONTENT, "kinds", kind, "name")


def kind_plural(kind: str) -> str:
    """A kind's heading for its group: "People"."""
    return word(CONTENT, "kinds", kind, "plural")


def help_name(help_type: str) -> str:
    """A kind of help's label for a tick box or a column: "Practical help"."""
    return word(CONTENT, "help", help_type, "name")


def helps_words(supporter: Supporter) -> str:
    """The help someone gives, inside a sentence: "practical help, emotional help"."""
    return ", ".join(
        word(CONTENT, "help", h, "words") for h in HELP_KEYS if h in supporter.helps_with
    )


def _group(support_map: SupportMap, kind: str) -> list[Supporter]:
    return [s for s in support_map.supporters if s.kind == kind]


def describe_map(support_map: SupportMap) -> str:
    """The picture in words, one line per kind (plain text: the figure escapes it)."""
    if not support_map.supporters:
        return word(CONTENT, "picture", "empty")
    parts = [word(CONTENT, "picture", "middle")]
    for kind in KIND_KEYS:
        group = _group(support_map, kind)
        if group:
            names = "; ".join(
                word(CONTENT, "picture", "supporter").format(name=s.name, helps=helps_words(s))
                for s in group
            )
            around = word(CONTENT, "picture", "around")
            parts.append(around.format(kinds=kind_plural(kind), names=names))
        else:
            parts.append(word(CONTENT, "picture", "none").format(kinds=kind_plural(kind)))
    return "\n".join(parts)


def gaps(support_map: SupportMap) -> list[str]:
    """Plain, kind sentences about which kinds of help nobody gives yet (and a missing
    professional). An empty list means every kind of help is covered."""
    return [word(CONTENT, "gaps", key) for key in gap_keys(support_map)]


def map_text(support_map: SupportMap) -> str:
    """The map, its gaps and the ideas as plain text for the learner to download."""
    title = word(CONTENT, "file", "title")
    lines = [title, "=" * len(title), ""]
    for kind in KIND_KEYS:
        lines.append(kind_plural(kind))
        group = _group(support_map, kind)
        lines += [f"- {s.name}: {helps_words(s)}" for s in group] or [
            f"- {word(CONTENT, 'file', 'nobody')}"
        ]
        lines.append("")
    lines.append(word(CONTENT, "gaps", "heading"))
    lines += [f"- {gap}" for gap in gaps(support_map)] or [
        f"- {word(CONTENT, 'gaps', 'none_in_file')}"
    ]
    lines += ["", word(CONTENT, "ideas", "heading")]
    caution = word(CONTENT, "ideas", "caution_label")
    for idea in ideas():
        lines.append(f"- {idea.title}: {idea.text}")
        if idea.caution:
            lines.append(f"  {caution} {idea.caution}")
    return "\n".join(lines) + "\n"
