"""Checks shared by the models: every value that may come from a browser is tested here first.

A widget's value can be anything a client sends, so models refuse booleans, NaN and infinity as
well as numbers out of range, with a message a learner can read.
"""

from __future__ import annotations

import math


def check_number(name: str, value: float) -> None:
    """A real, finite number (not a bool, which Python would let pass as 0 or 1)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or math.isnan(value)
        or math.isinf(value)
    ):
        raise ValueError(f"{name} must be a number, got {value!r}")


def check_range(name: str, value: float, low: float, high: float) -> None:
    """A number from `low` to `high`, both included."""
    check_number(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value:g}")


def check_whole(name: str, value: int, low: int, high: int) -> None:
    """A whole number from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    check_range(name, value, low, high)
