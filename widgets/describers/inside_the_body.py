"""Plain sentences for the synapse explorer and the stress-response simulator (lesson 04)."""

from __future__ import annotations

from widgets.models.stress_axis import StressRun, last_day_change, peak, returned_to_baseline
from widgets.models.synapse import SynapseDay, half_way_day


def describe_blocker(dose: float, run: list[SynapseDay], start_day: int) -> str:
    """When the level rises, and when pain relief and the mood effect reach half their size."""
    if dose <= 0:
        return (
            "No medicine: the messenger stays at its usual level, and nothing changes over the "
            "eight weeks."
        )
    top = max(day.level for day in run)
    relief, mood = half_way_day(run, "pain_relief"), half_way_day(run, "mood_effect")
    text = (
        f"The medicine starts on day {start_day}. Within a day or two the messenger in the gap "
        f"rises to about {top:.1f} times its usual level."
    )
    if relief is not None:
        text += f" Pain relief reaches half its size by day {relief}"
        text += f" ({relief - start_day} days in)." if relief >= start_day else "."
    if mood is not None:
        text += (
            f" The mood effect is slower: it reaches half its size by day {mood} "
            f"({mood - start_day} days in)."
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
