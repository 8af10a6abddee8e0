"""A personal action plan: what helps, small goals, warning signs, who to call, and crisis lines.

Why: the course ends by turning skills into a plan the learner keeps. Self-management programmes
for pain (The Pain Course, Dear et al. 2015) close the same way, and a plan that names people to
call puts social support to work (the social support review, PLOS ONE 2025). Goals are written
SMART-style (what, when, how much), so they are small enough to do. Safety (safe-messaging
guidance and the crisis lines, docs/sources.md): every plan, printed or saved, ends with crisis
lines and the local emergency number, in calm words, with hope and help-seeking framed as the
normal, sensible thing to do.

The plan's words (the ways to step in, the parts' headings, the messages when a part cannot be
used) are in widgets/content/action_plan.toml, read when asked for so the course language
applies; the keys of strategies and parts stay here, because a kept plan stores them. The plan
as a printable page and as Markdown is made by widgets/describers/action_plan.py. Standard
library only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from widgets.models.diary import clean_text
from widgets.words import ContentError, word, words

MAX_ITEMS = 5  # goals, warning signs, people
GOAL_LIMIT = 200
SIGN_LIMIT = 200
PERSON_NAME_LIMIT = 60
HOW_TO_REACH_LIMIT = 100
MAX_CRISIS_LINES = 10
CRISIS_NAME_LIMIT = 100
TITLE_LIMIT = 100
CONTENT = "action_plan"

#: The ways to step in a learner can tick, in the page's order (a kept plan stores these keys).
STRATEGY_KEYS = (
    "pacing",
    "diary",
    "sleep_routine",
    "gentle_movement",
    "thought_record",
    "relaxation",
    "mindfulness",
    "pleasant_activities",
    "stay_connected",
    "medicines",
    "check_ins",
)

#: The plan's parts, in lesson 06's order ("Your plan has five parts, plus a safety box"); each
#: is a field of ActionPlan, with its heading in the content file.
SECTION_KEYS = ("reasons", "strategies", "goals", "warning_signs", "helps", "people_to_call")


def strategies() -> dict[str, str]:
    """Each way to step in, by key: "Keep my pain, sleep and mood diary"."""
    return {key: word(CONTENT, "strategies", key) for key in STRATEGY_KEYS}


def sections() -> tuple[tuple[str, str], ...]:
    """(field, heading) for each part of the plan, in lesson 06's order."""
    return tuple((key, word(CONTENT, "sections", key)) for key in SECTION_KEYS)


def goal_hint() -> str:
    """How to write a goal that is small enough to do (what, when, how much)."""
    return word(CONTENT, "goal_hint")


def default_title() -> str:
    """The plan's title until the learner gives it one: "My action plan"."""
    return word(CONTENT, "default_title")


def _say(key: str, **values: object) -> str:
    """One of the content file's messages, filled in."""
    return word(CONTENT, "errors", key).format(**values)


def _part(part: str, form: str) -> str:
    """A part's name in a message: `one` ("Goal") or `many` ("goals")."""
    return word(CONTENT, "parts", part, form)


#: The content file's word lists for the goal check, in [goal_check]: a language gives its own
#: words, as many as it needs.
GOAL_WORD_LISTS = ("day_words", "when_words", "amount_words", "clock_words")


def goal_words(key: str) -> tuple[str, ...]:
    """One of the goal check's word lists in the course language (`day_words`, `when_words`,
    `amount_words`, `clock_words`), read when asked for so the language applies."""
    found = words(CONTENT).get("goal_check", {}).get(key)
    if not isinstance(found, list) or not all(isinstance(item, str) for item in found):
        raise ContentError(
            f"widgets/content/{CONTENT}.toml needs goal_check.{key}, a list of words"
        )
    return tuple(found)


@functools.lru_cache(maxsize=64)
def _any_of(choices: tuple[str, ...]) -> str:
    """A regex group matching any of `choices`, longest first; a phrase's spaces match any run of
    spaces. An empty list matches nothing."""
    phrases = sorted(
        {" ".join(choice.split()) for choice in choices} - {""}, key=lambda p: (-len(p), p)
    )
    if not phrases:
        return "(?!)"
    return "(" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + ")"


@functools.lru_cache(maxsize=16)
def _goal_patterns(
    days: tuple[str, ...], when: tuple[str, ...], amount: tuple[str, ...], clock: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The checks built from the word lists: day names (each says when; two or more, how often,
    with a plural "s" allowed), times of day (or a clock time: "7:30", "5pm"), how much or how
    often."""
    return (
        re.compile(rf"\b{_any_of(days)}s?\b", re.IGNORECASE),
        re.compile(
            rf"\b{_any_of(when)}\b|\d{{1,2}}[:.]\d{{2}}|\d\s?{_any_of(clock)}\b", re.IGNORECASE
        ),
        re.compile(rf"\b{_any_of(amount)}\b", re.IGNORECASE),
    )


def goal_misses(goal: str) -> list[str]:
    """What a goal seems to miss, as keys: "how_much" and/or "when" (a simple check of numbers
    and of the course language's words for days, times and amounts, from the content file).
    widgets/describers/action_plan.py says them as tips."""
    text = clean_text(goal, multiline=False)
    if not text:
        return []
    day_names, time_words, how_often = _goal_patterns(*(goal_words(k) for k in GOAL_WORD_LISTS))
    missing = []
    days = len(day_names.findall(text))
    if not re.search(r"\d", text) and not how_often.search(text) and days < 2:
        missing.append("how_much")
    if not time_words.search(text) and not days:
        missing.append("when")
    return missing


def _line(text: object, limit: int, part: str) -> str:
    cleaned = clean_text(text, multiline=False)  # type: ignore[arg-type]
    if len(cleaned) > limit:
        what = _part(part, "one")
        raise ValueError(_say("too_long", what=what, limit=limit, length=len(cleaned)))
    return cleaned


def _list(items: object, what: str) -> list:
    if isinstance(items, str | bytes) or not hasattr(items, "__iter__"):
        raise ValueError(f"{what} must be a list, got {items!r}")
    return list(items)  # type: ignore[call-overload]


def _texts(items: object, limit: int, part: str, most: int) -> tuple[str, ...]:
    kept = tuple(t for t in (_line(i, limit, part) for i in _list(items, part)) if t)
    if len(kept) > most:
        raise ValueError(_say("too_many", most=most, parts=_part(part, "many")))
    return kept


def _pairs(
    items: object, name_limit: int, part: str, what: str, most: int
) -> tuple[tuple[str, str], ...]:
    kept = []
    for pair in _list(items, what):
        if isinstance(pair, str) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"each {what} needs a name and how to reach them, got {pair!r}")
        name = _line(pair[0], name_limit, "name")
        how = _line(pair[1], HOW_TO_REACH_LIMIT, "how_to_reach")
        if not name and not how:
            continue
        if not name:
            raise ValueError(_say("no_name", how=how))
        if not how:
            raise ValueError(_say("no_way_to_reach", name=name))
        kept.append((name, how))
    if len(kept) > most:
        raise ValueError(_say("too_many_people", most=most, parts=_part(part, "many")))
    return tuple(kept)


def plan_title(title: object) -> str:
    """The plan's title, cleaned to one line (up to TITLE_LIMIT), or the default when blank."""
    return _line(title, TITLE_LIMIT, "title") or default_title()


@dataclass(frozen=True)
class ActionPlan:
    """The learner's plan. Blank goals, signs and people are dropped; the rest is checked.

    The five parts lesson 06 lists, in its order: reasons; steps (strategies and goals); warning
    signs; what helps then; people to call; then the crisis box.
    strategies: keys of STRATEGY_KEYS (repeats dropped). reasons, goals, warning_signs and helps:
    up to 5 each, up to 200 characters each. people_to_call: up to 5 (name up to 60, how to reach
    up to 100). crisis_lines: (name, how to reach) supplied by the course for the learner's
    country, up to 10.
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
        unknown = [s for s in strategies if s not in STRATEGY_KEYS]
        if unknown:
            raise ValueError(
                f"unknown strategy {unknown[0]!r}; choose from {', '.join(STRATEGY_KEYS)}"
            )
        object.__setattr__(self, "strategies", strategies)
        object.__setattr__(self, "goals", _texts(self.goals, GOAL_LIMIT, "goals", MAX_ITEMS))
        object.__setattr__(
            self,
            "warning_signs",
            _texts(self.warning_signs, SIGN_LIMIT, "warning_signs", MAX_ITEMS),
        )
        object.__setattr__(self, "reasons", _texts(self.reasons, GOAL_LIMIT, "reasons", MAX_ITEMS))
        object.__setattr__(self, "helps", _texts(self.helps, GOAL_LIMIT, "helps", MAX_ITEMS))
        object.__setattr__(
            self,
            "people_to_call",
            _pairs(self.people_to_call, PERSON_NAME_LIMIT, "people_to_call", "person", MAX_ITEMS),
        )
        object.__setattr__(
            self,
            "crisis_lines",
            _pairs(
                self.crisis_lines,
                CRISIS_NAME_LIMIT,
                "crisis_lines",
                "crisis line",
                MAX_CRISIS_LINES,
            ),
        )


#: The names these were once constants under (workbook/sheets.py, widgets/models/learner_record.py
#: and some tests still use them): each is read from the content file when asked for, so the
#: course language applies.
_READ_WHEN_ASKED = {
    "STRATEGIES": strategies,
    "SECTIONS": sections,
    "GOAL_HINT": goal_hint,
    "DEFAULT_TITLE": default_title,
    "CRISIS_HEADING": lambda: word(CONTENT, "crisis", "heading"),
    "CRISIS_TEXT": lambda: word(CONTENT, "crisis", "text"),
    "EMERGENCY_TEXT": lambda: word(CONTENT, "crisis", "emergency"),
    "NOTHING_YET": lambda: word(CONTENT, "export", "nothing_yet"),
}


def __getattr__(name: str) -> object:
    """`action_plan.SECTIONS` and the other old constants, read from content when used."""
    if name in _READ_WHEN_ASKED:
        return _READ_WHEN_ASKED[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
