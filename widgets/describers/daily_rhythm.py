"""Plain sentences for the pain-through-the-day charts, from the numbers they draw."""

from __future__ import annotations

from widgets.models.daily_rhythm import DayCurve, Night, difference


def clock(hour: float) -> str:
    hour %= 24
    return f"{int(hour):02d}:{int(round((hour % 1) * 60)) % 60:02d}"


def percent(amount: float) -> str:
    """A size on the chart's % scale, to one decimal."""
    return f"{abs(amount):.1f}%"


def describe_day(night: Night, usual: Night, mine: DayCurve, normal: DayCurve) -> str:
    """Where the usual rhythm is lowest and highest, and how much your night moves it.

    The comparison uses the hours you are awake: that is when you would feel it.
    """
    low_at = normal.clock_hours[normal.sensitivity.index(min(normal.sensitivity))]
    high_at = normal.clock_hours[normal.sensitivity.index(max(normal.sensitivity))]
    text = (
        f"Your night: {clock(night.bedtime)} to {clock(night.wake)}, {night.hours:g} hours "
        f"(usual: {usual.hours:g} hours). After a usual night, pain sensitivity is lowest around "
        f"{clock(low_at)} and highest around {clock(high_at)} in the night."
    )
    awake = [
        (hour, change)
        for hour, change, up in zip(
            mine.clock_hours, difference(mine, normal), mine.awake, strict=True
        )
        if up
    ]
    if not awake:
        return text
    when_up, most = max(awake, key=lambda item: item[1])
    when_down, least = min(awake, key=lambda item: item[1])
    if most < 0.5 and least > -0.5:
        return text + " While you are awake, this night changes it very little."
    if most >= 0.5:
        text += (
            f" While you are awake, it runs up to {percent(most)} higher than after a usual "
            f"night, most around {clock(when_up)}."
        )
    if least <= -0.5:
        text += (
            f" It runs up to {percent(least)} lower around {clock(when_down)}: you got up later "
            "than usual, so by then you have been awake for less time."
        )
    return text


def describe_difference(mine: DayCurve, normal: DayCurve) -> str:
    """The difference chart in words: how much your night adds, from waking until bedtime."""
    changes = difference(mine, normal)
    awake = [c for c, up in zip(changes, mine.awake, strict=True) if up]
    if not awake:
        return "You are asleep all through this stretch."
    first, last = awake[0], awake[-1]
    return (
        f"When you get up, your night adds {percent(first)} to pain sensitivity "
        if first >= 0
        else f"When you get up, your night takes {percent(first)} off pain sensitivity "
    ) + (
        f"compared with a usual night. By bedtime the difference is {percent(last)}"
        + (" higher." if last >= 0.05 else " lower." if last <= -0.05 else ", about none.")
    )
