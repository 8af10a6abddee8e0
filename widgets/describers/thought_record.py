"""Plain sentences for the thought record: how each feeling changed, an honest closing line, and
the whole record as a .txt file.

Pure functions of widgets/models/thought_record.py's record and `change_in_feelings`, so the
summary says the same numbers the sliders were set to. Every word is a pattern in
widgets/content/thought_record.toml, read when called so the course language applies. Plain
text, not HTML: the view escapes what it shows, and the .txt file keeps what was typed.
"""

from __future__ import annotations

from widgets.models.diary import clean_text
from widgets.models.thought_record import ThoughtRecord, change_in_feelings, thinking_traps
from widgets.words import word

CONTENT = "thought_record"

#: The record's written parts, in the order the summary and the file show them; the feelings
#: and traps go after the thought.
BEFORE_FEELINGS = ("situation", "automatic_thought")
AFTER_TRAPS = ("evidence_for", "evidence_against", "balanced_thought")


def heading(part: str) -> str:
    """The heading of one part of the record ("What happened"), as the summary and file use."""
    return word(CONTENT, "record", part)


def change_words(before: int, after: int | None) -> str:
    """How one feeling changed: "80 before, 50 after: down by 30." (or not re-rated yet)."""
    if after is None:
        return word(CONTENT, "change", "not_rerated").format(before=before)
    if after < before:
        key, change = "down", before - after
    elif after > before:
        key, change = "up", after - before
    else:
        key, change = "same", 0
    return word(CONTENT, "change", key).format(before=before, after=after, change=change)


def closing_words(record: ThoughtRecord) -> str:
    """A short, honest sentence about how the feelings changed."""
    pairs = [(b, a) for _name, b, a in change_in_feelings(record) if a is not None]
    if not pairs:
        key = "not_rerated"
    elif any(a < b for b, a in pairs) and not any(a > b for b, a in pairs):
        key = "eased"
    elif any(a > b for b, a in pairs):
        key = "went_up"
    else:
        key = "no_change"
    return word(CONTENT, "closing", key)


def _section(title: str, body: str) -> list[str]:
    lines = body.splitlines() or [word(CONTENT, "record", "left_blank")]
    return [title, *(f"  {line}" for line in lines), ""]


def to_text(record: ThoughtRecord, title: str | None = None) -> str:
    """A plain-text summary of the record for the learner to download or print.

    `title` defaults to the content file's ("My thought record"); it is cleaned to one line.
    """
    default = word(CONTENT, "record", "title")
    title = clean_text(default if title is None else title, multiline=False) or default
    out = [title, "=" * len(title), ""]
    for part in BEFORE_FEELINGS:
        out += _section(heading(part), getattr(record, part))
    feelings = [
        "- "
        + (
            word(CONTENT, "record", "feeling_before").format(name=name, before=before)
            if after is None
            else word(CONTENT, "record", "feeling_before_after").format(
                name=name, before=before, after=after
            )
        )
        for name, before, after in change_in_feelings(record)
    ]
    out += _section(heading("feelings"), "\n".join(feelings))
    traps = thinking_traps()
    out += _section(heading("traps"), "\n".join(f"- {traps[key].name}" for key in record.traps))
    for part in AFTER_TRAPS:
        out += _section(heading(part), getattr(record, part))
    return "\n".join(out).rstrip("\n") + "\n"
