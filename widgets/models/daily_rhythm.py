"""Pain sensitivity across one day, after a usual night or a short one (an illustrative model).

Teachers' and maintainers' notes, every equation and the test behind each claim:
docs/models/daily_rhythm.md. Built from published parts:
- Sleep pressure S follows the two-process model of sleep (Borbély 1982; Daan, Beersma & Borbély
  1984): awake, S rises towards 1 with time constant 18.2 h; asleep, it falls towards 0 with 4.2 h.
- The daily rhythm of pain sensitivity is Crodelle et al. 2019's fitted curve,
  f(x) = 11·sin(0.25x + 2.8), x = hours since the usual wake time (PLoS Comput Biol 15:e1007106,
  Fig 4A): lowest in the afternoon, highest in the middle of the night, in % of the daily mean.
  Its period is 2π/0.25 ≈ 25.1 h, not 24, so it does not join up with itself after a day: it is
  never wrapped here. It is used on one continuous 24-hour window that starts 3 hours before the
  usual wake time (04:00 for a 07:00 riser), so the seam falls at the window's edge; the first
  3 hours continue the same sine a little before its fitted range (an extrapolation).
- Daguet et al. 2022 (Brain 145:3225) found that the body clock explains about 80% of the daily
  swing in pain sensitivity and sleep pressure about 20%. On a usual day Crodelle's curve already
  holds both; a different night adds PRESSURE_WEIGHT × (your sleep pressure − the usual one at the
  same clock time), with the weight chosen so that sleep pressure's swing over a usual waking day
  is about 20% of the whole swing (tested).
The body clock stays on the usual schedule; after the chosen night the person goes to bed at the
usual bedtime. Standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

RISE_HOURS = 18.2  # χ_w: sleep pressure builds while awake (two-process model)
FALL_HOURS = 4.2  # χ_s: sleep pressure drains while asleep
CIRCADIAN_AMPLITUDE = 11.0  # Crodelle et al. 2019: f(x) = 11·sin(0.25x + 2.8)
CIRCADIAN_RATE = 0.25  # per hour
CIRCADIAN_PHASE = 2.8
#: % sensitivity per unit of extra sleep pressure: chosen so sleep pressure makes about 20% of a
#: usual day's swing (Daguet et al. 2022). Illustrative.
PRESSURE_WEIGHT = 11.0
#: The day shown: 24 hours from this many hours before the usual wake time.
WINDOW_BEFORE_WAKE = 3.0
WINDOW_HOURS = 24.0


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

    def within(self, usual: Night) -> bool:
        """Whether this night lies inside `usual`: to bed no earlier and up no later."""
        start = (self.bedtime - usual.bedtime) % 24
        return start + self.hours <= usual.hours + 1e-9


def circadian(hours_since_usual_wake: float) -> float:
    """Crodelle et al. 2019's daily pain-sensitivity curve (% change from the daily mean).

    Defined on the window only (from 3 h before the usual wake time to 24 h after it): the curve's
    period is about 25.1 h, so it must not be wrapped around the clock.
    """
    x = hours_since_usual_wake
    if not -WINDOW_BEFORE_WAKE - 1e-9 <= x <= 24 + 1e-9:
        raise ValueError(f"the daily curve covers 3 h before to 24 h after waking, got {x:g} h")
    return CIRCADIAN_AMPLITUDE * math.sin(CIRCADIAN_RATE * x + CIRCADIAN_PHASE)


def _pressure_through_night(pressure_at_bedtime: float, hours: float) -> float:
    return pressure_at_bedtime * math.exp(-hours / FALL_HOURS)


def _pressure_awake(pressure_at_wake: float, hours_awake: float) -> float:
    return 1 - (1 - pressure_at_wake) * math.exp(-hours_awake / RISE_HOURS)


def usual_pressure_at_wake(usual: Night) -> float:
    """Sleep pressure on waking once a usual schedule has settled (fixed point of a day)."""
    awake_hours = 24 - usual.hours
    s = 0.1
    for _ in range(100):
        s = _pressure_through_night(_pressure_awake(s, awake_hours), usual.hours)
    return s


@dataclass(frozen=True)
class DayCurve:
    """Half-hourly pain sensitivity (%, from the usual daily mean) across the window.

    `clock_hours` run on past midnight (25.0 = 01:00 the next night); `awake` says whether the
    person is up at each time.
    """

    clock_hours: list[float]
    sensitivity: list[float]
    pressure: list[float]
    awake: list[bool]


def _timeline(night: Night, usual: Night) -> list[tuple[float, bool]]:
    """(clock hour, awake?) switch points from the previous usual wake time to the window's end.

    The clock runs continuously: the night's bedtime is on the evening before (negative hours if
    before midnight), its wake time on the day shown, the next bedtime the usual one that evening.
    """
    start = usual.wake - 24
    bed = night.bedtime - 24 if night.bedtime >= 12 else night.bedtime
    wake = bed + night.hours
    next_bed = usual.bedtime if usual.bedtime >= 12 else usual.bedtime + 24
    return [(start, True), (bed, False), (wake, True), (next_bed, False)]


def _pressure_at(timeline: list[tuple[float, bool]], start_pressure: float, hour: float) -> float:
    """Sleep pressure at `hour`, walking the awake/asleep timeline from its first switch point."""
    s = start_pressure
    for (begin, awake), (end, _next) in zip(
        timeline, [*timeline[1:], (math.inf, True)], strict=True
    ):
        if hour <= begin:
            break
        span = min(hour, end) - begin
        s = _pressure_awake(s, span) if awake else _pressure_through_night(s, span)
    return s


def _awake_at(timeline: list[tuple[float, bool]], hour: float) -> bool:
    state = True
    for begin, awake in timeline:
        if hour >= begin - 1e-9:
            state = awake
    return state


def day_after(night: Night, usual: Night | None = None, step: float = 0.5) -> DayCurve:
    """Pain sensitivity across the window after `night`, on a body used to `usual` nights.

    The body clock stays on the usual schedule; only sleep pressure changes with the night. After
    a usual night the curve is exactly Crodelle's.
    """
    usual = usual or Night()
    settled = usual_pressure_at_wake(usual)
    mine, ref = _timeline(night, usual), _timeline(usual, usual)
    first = usual.wake - WINDOW_BEFORE_WAKE
    clock, sens, pressure, awake = [], [], [], []
    for i in range(round(WINDOW_HOURS / step) + 1):
        hour = first + i * step
        s = _pressure_at(mine, settled, hour)
        extra = PRESSURE_WEIGHT * (s - _pressure_at(ref, settled, hour))
        clock.append(round(hour, 2))
        sens.append(round(circadian(hour - usual.wake) + extra, 2))
        pressure.append(round(s, 3))
        awake.append(_awake_at(mine, hour))
    return DayCurve(clock, sens, pressure, awake)


def difference(mine: DayCurve, normal: DayCurve) -> list[float]:
    """Your night's curve minus the usual one, hour by hour (%, positive = more sensitive)."""
    if mine.clock_hours != normal.clock_hours:
        raise ValueError("the two days must cover the same hours")
    return [round(a - b, 2) for a, b in zip(mine.sensitivity, normal.sensitivity, strict=True)]


def pressure_share_of_swing(usual: Night | None = None) -> float:
    """On a usual waking day, sleep pressure's share of the whole daily swing (Daguet: ~20%)."""
    usual = usual or Night()
    settled = usual_pressure_at_wake(usual)
    pressure_swing = PRESSURE_WEIGHT * (_pressure_awake(settled, 24 - usual.hours) - settled)
    clock_swing = 2 * CIRCADIAN_AMPLITUDE
    return pressure_swing / (pressure_swing + clock_swing)
