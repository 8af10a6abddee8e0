"""Plain sentences for the pain-pathway explorer: what gets through, and what turned it up."""

from __future__ import annotations

from widgets.models.pain_signal import PainInputs, PainSignal, pain_signal


def loudness(level: float) -> str:
    if level < 0.5:
        return "almost nothing"
    if level < 3:
        return "quiet"
    if level < 6:
        return "moderate"
    if level < 8.5:
        return "loud"
    return "very loud"


def describe_signal(inputs: PainInputs, signal: PainSignal) -> str:
    """Where the signal is turned down or up on its way, and how loud it arrives."""
    usual = pain_signal(PainInputs(injury=inputs.injury))
    parts = [
        f"The injury sends a signal of {signal.from_body:.1f} out of 10 to the spinal cord.",
        (
            f"Rubbing closes the gate a little: {signal.gate_open * 100:.0f}% of the signal "
            "gets through."
            if inputs.touch > 0
            else "Nothing is rubbing the sore spot, so the gate lets all of it through."
        ),
    ]
    if signal.volume < 0.95:
        parts.append(
            f"The brain's brakes are stronger than its accelerators, so it turns the signal "
            f"down (volume ×{signal.volume:.2f})."
        )
    elif signal.volume > 1.05:
        parts.append(
            f"The brain's accelerators are stronger than its brakes, so it turns the signal "
            f"up (volume ×{signal.volume:.2f})."
        )
    else:
        parts.append("The brain's brakes and accelerators are about even.")
    parts.append(
        f"What reaches the brain: {signal.reaching_brain:.1f} out of 10, "
        f"{loudness(signal.reaching_brain)}."
    )
    change = signal.reaching_brain - usual.reaching_brain
    if abs(change) >= 0.3:
        direction = "louder" if change > 0 else "quieter"
        parts.append(
            f"That is {abs(change):.1f} points {direction} than the same injury on an ordinary day."
        )
    return " ".join(parts)
