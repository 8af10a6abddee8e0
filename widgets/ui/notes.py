"""A model's note ("an illustrative model, not a prediction") and its "where this model comes
from" box, built from a content file's table, so the words stay in widgets/content/ and the
markup stays here.

A table is one paragraph (`lead`, shown in bold, then `text`) or a list of them under
`paragraphs`; a box has a `summary` too. Content text is escaped (it is plain text, never HTML);
`*words*` in it are shown in italics, the one emphasis these notes need.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

_EMPHASIS = re.compile(r"\*([^*]+)\*")


def _plain(text: str) -> str:
    """Content text as HTML: escaped, with `*words*` in italics."""
    return _EMPHASIS.sub(r"<em>\1</em>", html.escape(text, quote=False))


def paragraph_html(item: Mapping) -> str:
    """One paragraph: its bold `lead` (if any), then its `text` (if any)."""
    lead = f"<strong>{_plain(item['lead'])}</strong>" if item.get("lead") else ""
    text = _plain(item.get("text", ""))
    return f"<p>{lead}{' ' if lead and text else ''}{text}</p>"


def paragraphs_html(table: Mapping) -> str:
    """A table's paragraphs: its `paragraphs` list, or the table itself as one paragraph."""
    items = table.get("paragraphs", [table])
    return "".join(paragraph_html(item) for item in items)


def note_html(table: Mapping) -> str:
    """The note above a model: what kind of model it is, in a box of its own."""
    return f'<div class="btc-model-note">{paragraphs_html(table)}</div>'


def details_html(table: Mapping) -> str:
    """The folded box below a model: where it comes from and what it leaves out."""
    return (
        f'<details class="btc-model-details"><summary>{_plain(table["summary"])}</summary>'
        f"{paragraphs_html(table)}</details>"
    )
