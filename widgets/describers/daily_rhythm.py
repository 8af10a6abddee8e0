"""Plain sentences for the pain-through-the-day chart."""

from __future__ import annotations

from widgets.models.daily_rhythm import DayCurve, Night


def clock(hour: float) -> str:
    hour %= 24
    return f"{int(hour):02d}:{int(round((hour % 1) * 60)) % 60:02d}"


def describe_day(night: Night, usual: Night, mine: DayCurve, normal: DayCurve) -> str:
    low_at = mine.clock_hours[mine.sensitivity.index(min(mine.sensitivity))]
    usual_at = {
        round(h % 24, 2): v for h, v in zip(normal.clock_hours, normal.sensitivity, strict=True)
    }
    shared = [  # compare the same clock times, while both people are awake
        (h, v - usual_at[round(h % 24, 2)])
        for h, v in zip(mine.clock_hours, mine.sensitivity, strict=True)
        if round(h % 24, 2) in usual_at
    ]
    when, biggest = max(shared, key=lambda item: abs(item[1])) if shared else (0.0, 0.0)
    text = (
        f"Your night: {clock(night.bedtime)} to {clock(night.wake)}, {night.hours:g} hours "
        f"(usual: {usual.hours:g} hours). Across the day, pain sensitivity is lowest around "
        f"{clock(low_at)} and rises again towards night."
    )
    if abs(biggest) < 0.5:
        return text + " This night changes it very little."
    direction = "higher" if biggest > 0 else "lower"
    return (
        text + f" After this night it runs up to {abs(biggest):.1f} points {direction} than after "
        f"a usual night, most around {clock(when)}."
    )
