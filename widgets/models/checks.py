"""Checks shared by the models: every value that may come from a browser is tested here first.

A widget's value can be anything a client sends, so models refuse booleans, NaN and infinity as
well as numbers out of range, with a message a learner can read.
"""

from __future__ import annotations

import math

from widgets import formats
from widgets.words import words


def _say(key: str, **values: object) -> str:
    return words("checks")[key].format(**values)


def check_number(name: str, value: float) -> None:
    """A real, finite number (not a bool, which Python would let pass as 0 or 1)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or math.isnan(value)
        or math.isinf(value)
    ):
        raise ValueError(_say("not_a_number", name=name, value=repr(value)))


def check_range(name: str, value: float, low: float, high: float) -> None:
    """A number from `low` to `high`, both included."""
    check_number(name, value)
    if not low <= value <= high:
        low, high, got = (formats.number(x) for x in (low, high, value))
        raise ValueError(_say("out_of_range", name=name, low=low, high=high, value=got))


def check_whole(name: str, value: int, low: int, high: int) -> None:
    """A whole number from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_say("not_whole", name=name, value=repr(value)))
    check_range(name, value, low, high)
