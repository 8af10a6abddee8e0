"""Plain sentences for the synapse explorer and the stress-response simulator (lesson 04)."""

from __future__ import annotations

from widgets.models.stress_axis import (
    StressRun,
    daily_average,
    last_day_change,
    one_day,
    peak,
    returned_to_baseline,
    steady_states,
)
from widgets.models.synapse import SynapseDay, half_way_day


def describe_blocker(dose: float, run: list[SynapseDay], start_day: int) -> str:
    """When the level rises, and when pain relief and the mood effect reach half of where they end
    up after eight weeks (the rings on the chart), with how far each gets."""
    if dose <= 0:
        return (
            "No medicine: the messenger stays at its usual level, and nothing changes over the "
            "eight weeks."
        )
    early = next((d for d in run if d.day >= start_day + 2), run[-1])
    final = run[-1]
    relief, mood = half_way_day(run, "pain_relief"), half_way_day(run, "mood_effect")
    text = (
        f"The medicine starts on day {start_day}. At this strength it blocks about "
        f"{100 * final.blocker:.0f}% of the pumps. Within two days the messenger in the gap "
        f"rises to about {early.level:.1f} times its usual level"
    )
    text += (
        f", and to about {final.level:.1f} times by day {final.day}, as the cell's own brake "
        "slowly eases."
        if final.level - early.level >= 0.1
        else "."
    )
    if relief is not None:
        final = run[-1].pain_relief * 100
        text += (
            f" Pain relief levels off near {final:.0f}% of this model's most. It gets half of "
            f"the way there by day {relief}"
        )
        text += f" ({relief - start_day} days in)." if relief >= start_day else "."
    if mood is not None:
        final = run[-1].mood_effect * 100
        text += (
            f" The mood effect is slower: by day {run[-1].day} it reaches {final:.0f}%, and "
            f"it got half of that by day {mood} ({mood - start_day} days in)."
        )
    return text + " In real life the size of both effects differs a lot from person to person."


def describe_burst(seconds_without: float, seconds_with: float, dose: float) -> str:
    if dose <= 0:
        return (
            f"After a burst, half the extra messenger is taken back up in about "
            f"{seconds_without:.1f} seconds."
        )
    return (
        f"After a burst, half the extra messenger is taken back up in about "
        f"{seconds_without:.1f} seconds without the medicine, and {seconds_with:.1f} seconds with "
        "it: blocking the pumps lets the signal last longer."
    )


def describe_stress(yours: StressRun, hard_day: StressRun) -> str:
    """How high cortisol went, and whether the system came back or stayed switched."""
    usual = yours.baseline.cortisol
    scenario = yours.scenario
    if scenario.stress_size <= 0 or scenario.stress_days <= 0:
        story = "With no extra stress, cortisol keeps its usual daily rhythm."
    else:
        rise = (peak(yours) / usual - 1) * 100
        story = (
            f"Your stress (size {scenario.stress_size:g} for {scenario.stress_days:g} "
            f"{'day' if scenario.stress_days == 1 else 'days'}) "
            f"pushes cortisol up to {rise:.0f}% above its usual level at its highest."
        )
    day_rise = (peak(hard_day) / hard_day.baseline.cortisol - 1) * 100
    story += f" A hard day pushes it up {day_rise:.0f}%, then it settles back."
    change = last_day_change(yours)
    if returned_to_baseline(yours):
        story += " By the end, your stress system is on its way back to its usual state."
    else:
        story += (
            " By the end, the system has not come back: it has settled in another state, with "
            f"cortisol {abs(change):.0f}% {'lower' if change < 0 else 'higher'} than usual "
            "even though the stress is over. In this model, a long or strong stress can do that."
        )
    return story


def describe_sensor(run: StressRun) -> str:
    """The sensor (GR) chart in words: where it ends, as a % of usual, and whether it stays.

    From the same daily averages the chart draws, so the words and the line agree.
    """
    days = daily_average(run)
    usual = run.baseline.gr
    end, before = 100 * days[-1].gr / usual, 100 * days[-2].gr / usual
    text = "The sensor line shows whether the system's thermostat has been reset. "
    if run.switch_gr is not None and run.samples[-1].gr > run.switch_gr:
        scenario = run.scenario
        switched = steady_states(scenario.feedback, scenario.sleep_loss, scenario.daily_rhythm)[-1]
        level = 100 * switched.gr / usual
        where = (
            "it has settled there"
            if abs(end - level) <= 0.05 * level
            else f"it ends at {end:.0f}% and is still moving towards it"
        )
        return text + (
            f"Here it is past the point of no return. It heads for a new level, about {level:.0f}% "
            f"of usual, and stays there instead of coming back to 100: {where}."
        )
    if run.scenario.stress_end_day > run.scenario.days and run.scenario.stress_size > 0:
        return (
            text + f"The stress is still going on at the end: the sensor is at {end:.0f}% of usual."
        )
    if abs(end - 100) <= 10:
        return text + f"Here it ends near its usual level ({end:.0f}% of usual)."
    trend = "coming back down" if end < before else "still moving"
    return text + (
        f"Here it ends at {end:.0f}% of its usual level. That is below the point of no return, so "
        f"it is slowly {trend}: the sensor changes over weeks, not days."
    )


def describe_one_day(run: StressRun, day: int, label: str) -> str:
    """The hour-by-hour chart in words: the morning peak and the evening low on one day."""
    hours = one_day(run, day)
    usual = run.baseline.cortisol
    top = max(hours, key=lambda s: s.cortisol)
    low = min(hours, key=lambda s: s.cortisol)
    if top.cortisol - low.cortisol < 0.02 * usual:
        return f"{label}: cortisol stays level all day, because the daily rhythm is switched off."
    return (
        f"{label}: cortisol is highest around {round((top.day - day) * 24) % 24:02d}:00, at "
        f"{100 * top.cortisol / usual:.0f}% of its usual daily average, and lowest around "
        f"{round((low.day - day) * 24) % 24:02d}:00, at {100 * low.cortisol / usual:.0f}%."
    )
