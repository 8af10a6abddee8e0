"""The action plan in words: a printable page, a Markdown file, and tips for clearer goals.

Pure functions of widgets/models/action_plan.py's plan, with its parts in the model's order
(`sections`) and the tips from the model's check of each goal (`goal_misses`). Every word is in
widgets/content/action_plan.toml, read when called so the course language applies.

Export safety: the learner's words are untrusted text. `to_html` builds one standalone page with
inline CSS only: no scripts, no links, nothing loaded from elsewhere, and every string passed
through html.escape. `to_markdown` backslash-escapes Markdown's active characters so a pasted link,
image or HTML tag stays as text (bare web addresses may still be shown as links by some Markdown
viewers; that only happens to text the learner wrote). Every plan, printed or saved, ends with
the crisis lines and the local emergency number. Standard library only.
"""

from __future__ import annotations

import html
import re
from datetime import date

from widgets.models.action_plan import (
    ActionPlan,
    goal_misses,
    plan_title,
    sections,
    strategies,
)
from widgets.words import word, words

CONTENT = "action_plan"


def _say(section: str, key: str) -> str:
    return word(CONTENT, section, key)


def smart_tips(goal: str) -> list[str]:
    """Gentle tips when a goal seems to miss "when" or "how much" (a simple word check)."""
    return [_say("tips", key) for key in goal_misses(goal)]


def made_on_text(made_on: date) -> str:
    """ "Made on 7 March 2024": month names from the content file, not the kernel's locale."""
    if not isinstance(made_on, date):
        raise ValueError(f"made_on must be a date, got {made_on!r}")
    month = words(CONTENT)["export"]["months"][made_on.month - 1]
    return _say("export", "made_on").format(day=made_on.day, month=month, year=made_on.year)


def _items(plan: ActionPlan, field: str) -> list[str | tuple[str, str]]:
    if field == "strategies":
        labels = strategies()
        return [labels[key] for key in plan.strategies]
    return list(getattr(plan, field))


# ---- Markdown ------------------------------------------------------------------------------

_MD_ALWAYS = frozenset("\\`*_{}[]()#<>|~&!")


def escape_markdown(text: str) -> str:
    """Learner text made inert in Markdown: active characters get a backslash, and a start that
    would make a list or heading ("- ", "+ ", "1. ") is escaped too."""
    out = "".join("\\" + ch if ch in _MD_ALWAYS else ch for ch in text)
    if out[:1] in ("-", "+", "="):
        out = "\\" + out
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)


def to_markdown(plan: ActionPlan, title: str | None = None, made_on: date | None = None) -> str:
    """The plan as a Markdown document; all learner text is escaped.

    `title` defaults to the content file's ("My action plan"), as does a blank one.
    """
    lines = [f"# {escape_markdown(plan_title(title or ''))}", ""]
    if made_on is not None:
        lines += [made_on_text(made_on), ""]
    nothing = _say("export", "nothing_yet")
    for field, heading in sections():
        lines += [f"## {heading}", ""]
        items = _items(plan, field)
        for item in items:
            if isinstance(item, tuple):
                lines.append(f"- **{escape_markdown(item[0])}:** {escape_markdown(item[1])}")
            else:
                lines.append(f"- {escape_markdown(item)}")
        if not items:
            lines.append(nothing)
        lines.append("")
    lines += [f"## {_say('crisis', 'heading')}", "", _say("crisis", "text"), ""]
    for name, how in plan.crisis_lines:
        lines.append(f"- **{escape_markdown(name)}:** {escape_markdown(how)}")
    lines += ["", _say("crisis", "emergency"), ""]
    return "\n".join(lines)


# ---- HTML ----------------------------------------------------------------------------------

_CSS = """
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 1.1rem;
  line-height: 1.5; color: #111; background: #fff; max-width: 42rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 0.4rem; border-bottom: 2px solid #555; }
ul { padding-left: 1.4rem; }
li { margin: 0.3rem 0; overflow-wrap: anywhere; }
.made-on, .empty { color: #333; }
.write-in { border-bottom: 1px solid #777; height: 2rem; }
.crisis { border: 3px solid #111; padding: 0.4rem 1rem 0.8rem; margin-top: 2rem; }
@page { margin: 1.5cm; }
@media print {
  body { font-size: 12pt; margin: 0; max-width: none; }
  section { break-inside: avoid; }
}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_list(items: list[str | tuple[str, str]]) -> list[str]:
    if not items:
        empty = f"{_say('export', 'nothing_yet')} {_say('export', 'write_here')}"
        return [f'<p class="empty">{_esc(empty)}</p>', *['<div class="write-in"></div>'] * 3]
    out = ["<ul>"]
    for item in items:
        if isinstance(item, tuple):
            out.append(f"<li><strong>{_esc(item[0])}:</strong> {_esc(item[1])}</li>")
        else:
            out.append(f"<li>{_esc(item)}</li>")
    return [*out, "</ul>"]


def to_html(plan: ActionPlan, title: str | None = None, made_on: date | None = None) -> str:
    """The plan as one standalone, printable HTML page (inline CSS, no scripts or links).

    `title` defaults to the content file's ("My action plan"), as does a blank one.
    """
    heading = _esc(plan_title(title or ""))
    body = [f"<h1>{heading}</h1>"]
    if made_on is not None:
        body.append(f'<p class="made-on">{_esc(made_on_text(made_on))}</p>')
    for field, section in sections():
        body += ["<section>", f"<h2>{_esc(section)}</h2>", *_html_list(_items(plan, field))]
        body.append("</section>")
    body += [
        '<section class="crisis">',
        f"<h2>{_esc(_say('crisis', 'heading'))}</h2>",
        f"<p>{_esc(_say('crisis', 'text'))}</p>",
    ]
    if plan.crisis_lines:
        body += _html_list(list(plan.crisis_lines))
    body += [f"<p><strong>{_esc(_say('crisis', 'emergency'))}</strong></p>", "</section>"]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{_esc(word(CONTENT, "language"))}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{heading}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
