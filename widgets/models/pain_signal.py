"""The pain pathway: body → spinal-cord gate → brain, with the brain turning the volume up or down.

An illustrative model, built by the course to show which way each influence pushes; no published
model with verified equations was available (docs/models/pain_signal.md: the Britton & Skevington
1989 gate equations could not be read). What each part stands for (docs/sources.md):
- The gate (Melzack & Wall 1965, Science 150:971): in the spinal cord's dorsal horn, activity in
  large touch fibres (rubbing a hurt spot) tends to close the gate on the injury signal.
- Descending control (Heinricher et al. 2009, Brain Res Rev 60:214): the brainstem (PAG → RVM)
  both turns pain signals down ("OFF-cells") and up ("ON-cells"); fear, illness and stress recruit
  it, so it works in both directions. Enhanced facilitation is linked to chronic pain (Porreca et
  al. 2002).
- Noradrenaline from the locus coeruleus mainly turns the signal down, acting on alpha-2 receptors
  in the spinal cord (Obata 2017, Int J Mol Sci 18:2483).
- Serotonin from the raphe / RVM can turn signals up or down depending on the receptor (Bardin
  2011, Behav Pharmacol 22:390: receptor detail unverified). In this simplified picture it does
  both, and the turning-down wins slightly: a modest net dampening, much weaker than
  noradrenaline's.
- Stress, low mood and short sleep turn the volume up: less descending inhibition and more
  facilitation (Heinricher 2009; sleep disturbance may impair the body's own pain inhibition,
  Finan et al. 2013, J Pain 14:1539).

The form, chosen so every output stays on 0–10 and each input pushes one way only:
- from the body = injury strength (0–10);
- after the gate = from the body × gate opening, where opening = 1 / (1 + TOUCH_CLOSING × touch);
- descending inhibition = (NA_SHARE × noradrenaline + SEROTONIN_INHIBIT × serotonin)
  × (1 − DISTRESS_WEAKENS × distress / 10), a weighted average on 0–10;
- descending facilitation = SEROTONIN_FACILITATE × serotonin + DISTRESS_FACILITATES × distress;
- volume = 2 ** ((facilitation − inhibition) / VOLUME_STEP): ×0.25 (all brakes) to ×4 (all
  accelerators);
- reaching the brain = 10 × tanh(after the gate × volume / 10): monotone, saturating, under 10.
"Distress" is a weighted average of stress, low mood and short sleep (0–10).
All weights are illustrative choices by the course. Standard library only; deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from widgets.models.checks import check_range

#: Rubbing at full strength lets through 1 / (1 + 0.06 × 10) ≈ 62% of the signal: it helps but
#: does not switch pain off (illustrative; Melzack & Wall 1965 give the direction only).
TOUCH_CLOSING = 0.06
#: Shares of descending inhibition from noradrenaline and from serotonin (sum to 1). Noradrenaline
#: dominates (Obata 2017: spinal alpha-2 receptors). Illustrative sizes.
NA_SHARE = 0.65
SEROTONIN_INHIBIT = 0.35
#: Serotonin's share of descending facilitation: smaller than its share of inhibition, even when
#: distress has weakened inhibition by the most it can, so serotonin's net effect always turns the
#: signal down a little. This needs
#: SEROTONIN_FACILITATE < SEROTONIN_INHIBIT × (1 − DISTRESS_WEAKENS), i.e. 0.15 < 0.175.
SEROTONIN_FACILITATE = 0.15
#: Distress's share of facilitation (with serotonin's, sums to 1 so facilitation stays on 0–10).
DISTRESS_FACILITATES = 1 - SEROTONIN_FACILITATE
#: At full distress, descending inhibition is halved (illustrative; Heinricher 2009 direction).
DISTRESS_WEAKENS = 0.5
#: How stress, low mood and short sleep combine into "distress" (weights sum to 1; illustrative).
DISTRESS_WEIGHTS = {"stress": 0.4, "low_mood": 0.35, "short_sleep": 0.25}
#: Every VOLUME_STEP points of facilitation over inhibition doubles the volume (illustrative).
VOLUME_STEP = 5.0

SCALE = 10.0


@dataclass(frozen=True)
class PainInputs:
    """What shapes one moment's pain signal, each on a 0–10 scale. Defaults: an ordinary day."""

    injury: float = 5.0  # how strong the injury signal from the body is (0 none, 10 severe)
    touch: float = 0.0  # rubbing or touching the hurt area (0 none, 10 firm rubbing)
    noradrenaline: float = 5.0  # noradrenaline tone from the locus coeruleus (5 = usual)
    serotonin: float = 5.0  # serotonin tone from the raphe / RVM (5 = usual)
    stress: float = 3.0  # 0 calm, 10 extremely stressed
    low_mood: float = 2.0  # 0 mood fine, 10 very low
    short_sleep: float = 2.0  # 0 slept well, 10 hardly slept

    def __post_init__(self) -> None:
        for item in fields(self):
            check_range(item.name.replace("_", " "), getattr(self, item.name), 0, SCALE)


@dataclass(frozen=True)
class PainSignal:
    """The signal at each stage, for arrows whose thickness shows each (0–10 unless noted)."""

    from_body: float  # the injury signal arriving at the spinal cord
    after_gate: float  # what gets through the spinal gate (touch closes it)
    descending_inhibition: float  # the brain turning the signal down
    descending_facilitation: float  # the brain turning the signal up
    reaching_brain: float  # what arrives in the brain, felt as pain
    gate_open: float  # share of the signal the gate lets through, 0–1
    volume: float  # the brain's net "volume knob" on the gated signal: ×0.25 to ×4


def distress(inputs: PainInputs) -> float:
    """Stress, low mood and short sleep combined on 0–10 (a weighted average)."""
    return sum(weight * getattr(inputs, name) for name, weight in DISTRESS_WEIGHTS.items())


def pain_signal(inputs: PainInputs | None = None) -> PainSignal:
    """Follow the signal from the body, through the gate, to the brain (see the module doc)."""
    inputs = inputs or PainInputs()
    upset = distress(inputs)
    gate_open = 1 / (1 + TOUCH_CLOSING * inputs.touch)
    after_gate = inputs.injury * gate_open
    inhibition = (NA_SHARE * inputs.noradrenaline + SEROTONIN_INHIBIT * inputs.serotonin) * (
        1 - DISTRESS_WEAKENS * upset / SCALE
    )
    facilitation = SEROTONIN_FACILITATE * inputs.serotonin + DISTRESS_FACILITATES * upset
    volume = 2 ** ((facilitation - inhibition) / VOLUME_STEP)
    reaching = SCALE * math.tanh(after_gate * volume / SCALE)
    return PainSignal(
        from_body=float(inputs.injury),
        after_gate=after_gate,
        descending_inhibition=inhibition,
        descending_facilitation=facilitation,
        reaching_brain=reaching,
        gate_open=gate_open,
        volume=volume,
    )
