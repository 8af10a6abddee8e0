"""What a learner types into the pacing planner, turned into values for widgets/models/pacing.py.

The planner's boxes hold free text: the minutes of a few days ("20, 25, 15", "20 min; 25"), an
optional goal and the activity's name. Each parser gives plain values or raises ValueError with
a message for the learner (widgets/content/pacing.toml [errors]) that quotes their words back,
shortened: escape it to show it, as the learner's text is never HTML. Numbers a parser accepts
may still be out of range for a plan: `pacing.baseline` and `pacing.plan` check those.
Standard library only.
"""

from __future__ import annotations

import re

from widgets.models.diary import clean_text
from widgets.models.pacing import MAX_DAYS, MAX_MINUTES, MIN_DAYS
from widgets.words import word, words

ACTIVITY_LIMIT = 60  # characters in the activity's name
TYPED_LIMIT = 200  # characters in the minutes and goal boxes
QUOTED = 20  # characters of a typed word quoted back in a message


def _say(key: str, **values: object) -> str:
    return word("pacing", "errors", key).format(**values)


def _quoted(text: str) -> str:
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


def _unit_words() -> list[str]:
    """The words that may follow a number ("20 min"), in the course language, longest first."""
    return sorted({unit.lower() for unit in words("pacing")["units"]["typed"]}, key=len)[::-1]


def _number(token: str) -> float | None:
    """The minutes in one typed token ("20", "7.5", "-5", "20min"), or None if it is not one."""
    units = "|".join(re.escape(unit) for unit in _unit_words())
    match = re.fullmatch(rf"(-?\d+(?:\.\d+)?)\s*(?:{units})?", token.lower())
    return float(match.group(1)) if match else None


def _plain(value: float) -> float:
    return int(value) if value.is_integer() else value


def parse_minutes(text: object) -> list[float]:
    """Minutes typed like "20, 25, 15" (commas, spaces or new lines; "20 min" is fine).

    Raises ValueError with a plain message that quotes the learner's words (escape it to show it).
    """
    if not isinstance(text, str):
        raise ValueError(_say("minutes_not_text"))
    if len(text) > TYPED_LIMIT:
        raise ValueError(
            _say("minutes_too_long", length=len(text), min_days=MIN_DAYS, max_days=MAX_DAYS)
        )
    units = set(_unit_words())
    tokens = [t for t in re.split(r"[,;\s]+", clean_text(text)) if t]
    tokens = [t for t in tokens if t.lower() not in units]
    if not tokens:
        raise ValueError(_say("minutes_empty"))
    values: list[float] = []
    for day, token in enumerate(tokens, start=1):
        value = _number(token)
        if value is None:
            raise ValueError(_say("not_a_number", day=day, typed=_quoted(token)))
        values.append(_plain(value))
    return values


def parse_goal(text: object) -> float | None:
    """The optional goal in minutes a day, from 1 to MAX_MINUTES: blank means no goal."""
    if not isinstance(text, str) or not text.strip():
        return None
    cleaned = clean_text(text, multiline=False)
    value = _number(cleaned) if len(cleaned) <= TYPED_LIMIT else None
    if value is None or not 1 <= value <= MAX_MINUTES:
        raise ValueError(_say("goal", typed=_quoted(cleaned), max_minutes=MAX_MINUTES))
    return _plain(value)


def activity_name(text: object) -> str:
    """The activity's name as plain text (escape it to show it); "" if blank."""
    if not isinstance(text, str):
        raise ValueError(_say("activity_not_text"))
    name = clean_text(text, multiline=False)
    if len(name) > ACTIVITY_LIMIT:
        raise ValueError(_say("activity_too_long", limit=ACTIVITY_LIMIT))
    return name
