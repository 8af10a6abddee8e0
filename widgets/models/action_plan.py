"""A personal action plan: what helps, small goals, warning signs, who to call, and crisis lines.

Why: the course ends by turning skills into a plan the learner keeps. Self-management programmes
for pain (The Pain Course, Dear et al. 2015) close the same way, and a plan that names people to
call puts social support to work (the social support review, PLOS ONE 2025). Goals are written
SMART-style (what, when, how much), so they are small enough to do. Safety (safe-messaging
guidance and the crisis lines, docs/sources.md): every plan, printed or saved, ends with crisis
lines and the local emergency number, in calm words, with hope and help-seeking framed as the
normal, sensible thing to do.

Export safety: the learner's words are untrusted text. `to_html` builds one standalone page with
inline CSS only: no scripts, no links, nothing loaded from elsewhere, and every string passed
through html.escape. `to_markdown` backslash-escapes Markdown's active characters so a pasted link,
image or HTML tag stays as text (bare web addresses may still be shown as links by some Markdown
viewers; that only happens to text the learner wrote). Standard library only.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from widgets.models.diary import clean_text

MAX_ITEMS = 5  # goals, warning signs, people
GOAL_LIMIT = 200
SIGN_LIMIT = 200
PERSON_NAME_LIMIT = 60
HOW_TO_REACH_LIMIT = 100
MAX_CRISIS_LINES = 10
CRISIS_NAME_LIMIT = 100
TITLE_LIMIT = 100
DEFAULT_TITLE = "My action plan"

STRATEGIES = {
    "pacing": "Pace my activities: plan them by time, take breaks, and build up slowly",
    "diary": "Keep my pain, sleep and mood diary",
    "sleep_routine": "Keep a steady sleep routine, with the same wake-up time each day",
    "gentle_movement": "Move gently every day, like a short walk or stretches",
    "thought_record": "Catch unhelpful thoughts and write a fairer one",
    "relaxation": "Use a relaxation or slow-breathing exercise",
    "mindfulness": "Practise mindfulness for a few minutes",
    "pleasant_activities": "Plan something I enjoy each day",
    "stay_connected": "Stay in touch with people who support me",
    "medicines": (
        "Take medicines as prescribed, and ask my doctor or pharmacist before changing them"
    ),
    "check_ins": "Have regular check-ins with my doctor or health worker",
}

GOAL_HINT = (
    'Make each goal small and clear: what you will do, when, and how much. For example: "Walk '
    'to the end of the road and back after lunch on Monday, Wednesday and Friday."'
)

#: Day names, whole or short ("Monday", "Mon", "Weds"): each says when; two or more, how often.
_DAYS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)s?\b",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(
    r"\b(morning|afternoon|evening|night|noon|"
    r"breakfast|lunch|dinner|tea|bedtime|daily|weekly|today|tomorrow|week|day|days|each|every|"
    r"after|before|am|pm|weekday|weekdays|weekend|weekends)\b|\d{1,2}[:.]\d{2}|\d\s?(am|pm)\b",
    re.IGNORECASE,
)
_HOW_OFTEN = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|twice|once|half|daily|weekly|"
    r"every|each|weekdays|weekends)\b",
    re.IGNORECASE,
)


def smart_tips(goal: str) -> list[str]:
    """Gentle tips when a goal seems to miss "when" or "how much" (a simple word check)."""
    text = clean_text(goal, multiline=False)
    if not text:
        return []
    tips = []
    days = len(_DAYS.findall(text))
    if not re.search(r"\d", text) and not _HOW_OFTEN.search(text) and days < 2:
        tips.append('Add how much or how often, like "for 10 minutes" or "3 times".')
    if not _TIME_WORDS.search(text) and not days:
        tips.append('Add when, like "after breakfast" or "on Monday".')
    return tips


def _line(text: object, limit: int, what: str) -> str:
    cleaned = clean_text(text, multiline=False)  # type: ignore[arg-type]
    if len(cleaned) > limit:
        raise ValueError(
            f"{what} can have up to {limit} characters; this one has {len(cleaned)}. "
            "Please make it shorter."
        )
    return cleaned


def _list(items: object, what: str) -> list:
    if isinstance(items, str | bytes) or not hasattr(items, "__iter__"):
        raise ValueError(f"{what} must be a list, got {items!r}")
    return list(items)  # type: ignore[call-overload]


def _texts(items: object, limit: int, what: str, most: int) -> tuple[str, ...]:
    plural = f"{what.lower()}s"
    kept = tuple(t for t in (_line(i, limit, what) for i in _list(items, plural)) if t)
    if len(kept) > most:
        raise ValueError(f"Please choose up to {most} {plural}. A few clear ones work best.")
    return kept


def _pairs(
    items: object, name_limit: int, what: str, most: int, plural: str
) -> tuple[tuple[str, str], ...]:
    kept = []
    for pair in _list(items, what):
        if isinstance(pair, str) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"each {what} needs a name and how to reach them, got {pair!r}")
        name = _line(pair[0], name_limit, "A name")
        how = _line(pair[1], HOW_TO_REACH_LIMIT, "How to reach them")
        if not name and not how:
            continue
        if not name:
            raise ValueError(f"Please add a name for {how}.")
        if not how:
            raise ValueError(f"Please add how to reach {name}, like a phone number.")
        kept.append((name, how))
    if len(kept) > most:
        raise ValueError(f"Please list up to {most} {plural}. A few you trust is enough.")
    return tuple(kept)


@dataclass(frozen=True)
class ActionPlan:
    """The learner's plan. Blank goals, signs and people are dropped; the rest is checked.

    The five parts lesson 06 lists, in its order: reasons; steps (strategies and goals); warning
    signs; what helps then; people to call; then the crisis box.
    strategies: keys of STRATEGIES (repeats dropped). reasons, goals, warning_signs and helps: up
    to 5 each, up to 200 characters each. people_to_call: up to 5 (name up to 60, how to reach up
    to 100). crisis_lines: (name, how to reach) supplied by the course for the learner's country,
    up to 10.
    """

    strategies: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    warning_signs: tuple[str, ...] = ()
    people_to_call: tuple[tuple[str, str], ...] = ()
    crisis_lines: tuple[tuple[str, str], ...] = ()
    reasons: tuple[str, ...] = ()
    helps: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        strategies = tuple(dict.fromkeys(_list(self.strategies, "strategies")))
        unknown = [s for s in strategies if s not in STRATEGIES]
        if unknown:
            raise ValueError(
                f"unknown strategy {unknown[0]!r}; choose from {', '.join(STRATEGIES)}"
            )
        object.__setattr__(self, "strategies", strategies)
        object.__setattr__(self, "goals", _texts(self.goals, GOAL_LIMIT, "Goal", MAX_ITEMS))
        object.__setattr__(
            self, "warning_signs", _texts(self.warning_signs, SIGN_LIMIT, "Warning sign", MAX_ITEMS)
        )
        object.__setattr__(self, "reasons", _texts(self.reasons, GOAL_LIMIT, "Reason", MAX_ITEMS))
        object.__setattr__(self, "helps", _texts(self.helps, GOAL_LIMIT, "What helps", MAX_ITEMS))
        object.__setattr__(
            self,
            "people_to_call",
            _pairs(self.people_to_call, PERSON_NAME_LIMIT, "person", MAX_ITEMS, "people"),
        )
        object.__setattr__(
            self,
            "crisis_lines",
            _pairs(
                self.crisis_lines,
                CRISIS_NAME_LIMIT,
                "crisis line",
                MAX_CRISIS_LINES,
                "crisis lines",
            ),
        )


#: The plan's parts, in lesson 06's order ("Your plan has five parts, plus a safety box").
SECTIONS = (
    ("reasons", "1. My reasons"),
    ("strategies", "2. My steps: ways I will step in"),
    ("goals", "2. My steps: my goals"),
    ("warning_signs", "3. My warning signs"),
    ("helps", "4. What helps then"),
    ("people_to_call", "5. Who I can call"),
)
CRISIS_HEADING = "If things get very hard"
CRISIS_TEXT = (
    "You do not have to face a crisis alone. If you feel you might not be able to keep yourself "
    "safe, contact one of these now. Reaching out is a strong and sensible step."
)
EMERGENCY_TEXT = "If you are in danger right now, call your local emergency number."
NOTHING_YET = "Nothing added yet."


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # not strftime("%B"), which follows the kernel's locale


def _made_on(made_on: date | None) -> str | None:
    if made_on is None:
        return None
    if not isinstance(made_on, date):
        raise ValueError(f"made_on must be a date, got {made_on!r}")
    return f"Made on {made_on.day} {_MONTHS[made_on.month - 1]} {made_on.year}"


def _title(title: str) -> str:
    text = _line(title, TITLE_LIMIT, "The title")
    return text or DEFAULT_TITLE


def _items(plan: ActionPlan, field: str) -> list[str | tuple[str, str]]:
    if field == "strategies":
        return [STRATEGIES[key] for key in plan.strategies]
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


def to_markdown(plan: ActionPlan, title: str = DEFAULT_TITLE, made_on: date | None = None) -> str:
    """The plan as a Markdown document; all learner text is escaped."""
    lines = [f"# {escape_markdown(_title(title))}", ""]
    if made_on is not None:
        lines += [str(_made_on(made_on)), ""]
    for field, heading in SECTIONS:
        lines += [f"## {heading}", ""]
        items = _items(plan, field)
        for item in items:
            if isinstance(item, tuple):
                lines.append(f"- **{escape_markdown(item[0])}:** {escape_markdown(item[1])}")
            else:
                lines.append(f"- {escape_markdown(item)}")
        if not items:
            lines.append(NOTHING_YET)
        lines.append("")
    lines += [f"## {CRISIS_HEADING}", "", CRISIS_TEXT, ""]
    for name, how in plan.crisis_lines:
        lines.append(f"- **{escape_markdown(name)}:** {escape_markdown(how)}")
    lines += ["", EMERGENCY_TEXT, ""]
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
        return [
            f'<p class="empty">{_esc(NOTHING_YET)} You can write here:</p>',
            *['<div class="write-in"></div>'] * 3,
        ]
    out = ["<ul>"]
    for item in items:
        if isinstance(item, tuple):
            out.append(f"<li><strong>{_esc(item[0])}:</strong> {_esc(item[1])}</li>")
        else:
            out.append(f"<li>{_esc(item)}</li>")
    return [*out, "</ul>"]


def to_html(plan: ActionPlan, title: str = DEFAULT_TITLE, made_on: date | None = None) -> str:
    """The plan as one standalone, printable HTML page (inline CSS, no scripts or links)."""
    heading = _esc(_title(title))
    body = [f"<h1>{heading}</h1>"]
    if made_on is not None:
        body.append(f'<p class="made-on">{_esc(str(_made_on(made_on)))}</p>')
    for field, section in SECTIONS:
        body += ["<section>", f"<h2>{_esc(section)}</h2>", *_html_list(_items(plan, field))]
        body.append("</section>")
    body += [
        '<section class="crisis">',
        f"<h2>{_esc(CRISIS_HEADING)}</h2>",
        f"<p>{_esc(CRISIS_TEXT)}</p>",
    ]
    if plan.crisis_lines:
        body += _html_list(list(plan.crisis_lines))
    body += [f"<p><strong>{_esc(EMERGENCY_TEXT)}</strong></p>", "</section>"]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
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
