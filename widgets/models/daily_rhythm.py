"""Pain sensitivity across one day, after a usual night or a short one (an illustrative model).

Built from published parts (MODELS.md §2–3):
- Sleep pressure S follows the two-process model of sleep (Borbély 1982; Daan, Beersma & Borbély
  1984): awake, S rises towards 1 with time constant 18.2 h; asleep, it falls towards 0 with 4.2 h.
- The daily rhythm of pain sensitivity is Crodelle et al. 2019's fitted curve,
  f(x) = 11·sin(0.25x + 2.8), x = hours since the usual wake time: lowest in the afternoon,
  highest in the middle of the night (units: % change from the daily mean, normalised).
- Daguet et al. 2022 found that the body clock explains about 80% of the daily swing in pain
  sensitivity and sleep pressure about 20%; the sleep-pressure weight below is chosen so that, on a
  usual day, it gives about that share (Toporikova et al. 2017 combine the two processes the same
  way in spirit; their exact form is unverified here).
Standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

RISE_HOURS = 18.2  # χ_w: sleep pressure builds while awake (two-process model)
FALL_HOURS = 4.2  # χ_s: sleep pressure drains while asleep
CIRCADIAN_AMPLITUDE = 11.0  # Crodelle et al. 2019
#: % sensitivity per unit of extra sleep pressure: chosen so sleep pressure makes about 20% of a
#: usual day's swing (Daguet et al. 2022). Illustrative.
PRESSURE_WEIGHT = 11.0


@dataclass(frozen=True)
class Night:
    """A night's sleep: bedtime and wake time in clock hours (bedtime may be after midnight)."""

    bedtime: float = 23.0
    wake: float = 7.0

    def __post_init__(self) -> None:
        for name, value in (("bedtime", self.bedtime), ("wake time", self.wake)):
            if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
                raise ValueError(f"{name} must be a clock hour, got {value!r}")
            if not 0 <= value < 24:
                raise ValueError(f"{name} must be between 0 and 24, got {value}")
        if not 2 <= self.hours <= 12:
            raise ValueError(f"a night must last 2 to 12 hours, got {self.hours:g}")

    @property
    def hours(self) -> float:
        return (self.wake - self.bedtime) % 24


def circadian(hours_since_usual_wake: float) -> float:
    """Crodelle et al. 2019's daily pain-sensitivity curve (% change from the daily mean)."""
    x = hours_since_usual_wake % 24
    return CIRCADIAN_AMPLITUDE * math.sin(0.25 * x + 2.8)


def _pressure_through_night(pressure_at_bedtime: float, night: Night) -> float:
    return pressure_at_bedtime * math.exp(-night.hours / FALL_HOURS)


def _pressure_awake(pressure_at_wake: float, hours_awake: float) -> float:
    return 1 - (1 - pressure_at_wake) * math.exp(-hours_awake / RISE_HOURS)


def usual_pressure_at_wake(usual: Night) -> float:
    """Sleep pressure on waking once a usual schedule has settled (fixed point of a day)."""
    awake_hours = 24 - usual.hours
    s = 0.1
    for _ in range(100):
        s = _pressure_through_night(_pressure_awake(s, awake_hours), usual)
    return s


@dataclass(frozen=True)
class DayCurve:
    """Hourly pain sensitivity (%, from the usual daily mean) from the usual wake time on."""

    clock_hours: list[float]
    sensitivity: list[float]
    pressure: list[float]


def day_after(night: Night, usual: Night | None = None, step: float = 0.5) -> DayCurve:
    """Pain sensitivity across the waking day after `night`, on a body used to `usual` nights.

    The body clock stays on the usual schedule; only sleep pressure changes with the night.
    """
    usual = usual or Night()
    settled_wake = usual_pressure_at_wake(usual)
    awake_before = (night.bedtime - usual.wake) % 24  # awake from the usual wake time to bedtime
    at_bedtime = _pressure_awake(settled_wake, awake_before)
    at_wake = _pressure_through_night(at_bedtime, night)
    start = night.wake
    clock, sens, pressure = [], [], []
    t = 0.0
    while t <= 16 + 1e-9:  # the waking day that follows
        hour = (start + t) % 24
        s = _pressure_awake(at_wake, t)
        usual_s = _pressure_awake(settled_wake, (hour - usual.wake) % 24)
        value = circadian((hour - usual.wake) % 24) + PRESSURE_WEIGHT * (s - usual_s)
        clock.append(round(start + t, 2))
        sens.append(round(value, 2))
        pressure.append(round(s, 3))
        t += step
    return DayCurve(clock, sens, pressure)
