"""Release and reuptake at a serotonin or noradrenaline synapse, and what a reuptake blocker
(an SNRI or tricyclic antidepressant) does over hours, days and weeks. An illustrative model.

Why: lesson text says these medicines "keep more of the messenger in the gap" and that pain relief
can come sooner than the effect on mood. This model shows both, step by step.
Sources (docs/models/synapse.md; docs/sources.md):
- The gap: dC/dt = release − Vmax·C / (Km_app + C), Michaelis–Menten reuptake with a competitive
  blocker, Km_app = Km·(1 + [I]/Ki) (Vmax unchanged). Km = 0.060 µM and Vmax = 250 µM/h are the
  serotonin transporter (SERT) values of the Reed/Nijhout/Best modelling line (Best, Nijhout &
  Reed 2010, Theor Biol Med Model 7:34; numbers read in a public re-implementation,
  sermeor/SynapticPlasticityModelling, unverified in the paper). Noradrenaline transporter values
  were not found, so the SERT numbers stand in for both.
  The release rate is the course's own choice (docs/models/synapse.md says so too).
- The gap settles within seconds (time constant about Km/Vmax ≈ 1 s), so `clear_burst` follows
  it with Euler steps of 10 ms, and the day-by-day model uses the same equation's balance point
  (release = reuptake), solved exactly, instead of stepping through seconds for weeks.
- Obata 2017 (Int J Mol Sci 18:2483): the pain-relieving effect of these medicines appears sooner
  than the antidepressant effect; spinal noradrenaline on alpha-2 receptors inhibits pain directly.
  So here pain relief follows the level in the gap with a lag of a few days.
- The slower mood effect follows a slow "adaptation": autoreceptors (the cell's own brake on
  release) become less sensitive over two to four weeks, so release, and the level, rise further.
  This autoreceptor account is one long-standing hypothesis for the delay among several (others
  involve slower changes in brain plasticity); it stands in here for "slow changes", and is not
  in docs/sources.md. Mood effect follows adaptation with a further lag.
Every time constant, the blocker's strength and the brake's size are illustrative, chosen so that
the level rises within hours to days, pain relief comes within about 1–2 weeks and the mood effect
builds over about 4–6 weeks. Effects are shown as shares (0–1) of the most this model can give,
not as the size of a real benefit: on average real benefits are modest and vary a lot from person
to person (lesson 04; Ferreira et al. 2021, BMJ 372:m4825). Standard library only; deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.models.checks import check_range, check_whole

KM_UM = 0.060  # SERT Km, µM (Reed/Nijhout/Best line, re-implementation; docs/models/synapse.md)
VMAX_UM_PER_HOUR = 250.0  # SERT Vmax, µM/h (as KM_UM; docs/models/synapse.md)
#: Usual release into the gap, µM/h: the course's own choice, giving a resting level of about
#: 2.5 nM, well below Km, as resting extracellular levels are (illustrative).
BASE_RELEASE_UM_PER_HOUR = 10.0
#: [I]/Ki at a full dose: reuptake of a low level is cut to 1/(1 + 4) = 20%, i.e. about 80% of
#: transporters blocked (illustrative).
FULL_DOSE_INHIBITOR_RATIO = 4.0
#: How strongly the autoreceptor brake holds back release as the level rises: release =
#: base × (1 + s) / (1 + s × level), level as a multiple of usual (illustrative).
AUTORECEPTOR_SENSITIVITY = 2.0
#: Fully adapted autoreceptors keep a quarter of their sensitivity (illustrative).
MOST_DESENSITISATION = 0.75
#: A rise of the level by this multiple of usual gives half the largest adaptation, and half the
#: largest pain relief (illustrative).
HALF_ADAPTATION_RISE = 1.0
HALF_RELIEF_RISE = 1.0
DRUG_BUILD_UP_DAYS = 1.0  # medicine reaches a steady level in a few days (illustrative)
PAIN_LAG_DAYS = 3.0  # pain relief follows the level within days (illustrative; Obata 2017)
ADAPTATION_DAYS = 14.0  # autoreceptors desensitise over 2–4 weeks (illustrative)
MOOD_LAG_DAYS = 10.0  # mood follows adaptation with a further lag (illustrative)
STEPS_PER_DAY = 10  # Euler step for the slow variables: 0.1 day (time constants ≥ 1 day)

BURST_STEP_SECONDS = 0.01  # Euler step for the gap, far shorter than its ~1 s time constant
BURST_SAMPLE_SECONDS = 0.1


def reuptake_rate(level_um: float, inhibitor_ratio: float = 0.0) -> float:
    """Michaelis–Menten reuptake (µM/h) with a competitive blocker at [I]/Ki = inhibitor_ratio."""
    return VMAX_UM_PER_HOUR * level_um / (KM_UM * (1 + inhibitor_ratio) + level_um)


def _balance(release: float, inhibitor_ratio: float) -> float:
    """The gap level (µM) at which reuptake matches release: the ODE's steady state."""
    return release * KM_UM * (1 + inhibitor_ratio) / (VMAX_UM_PER_HOUR - release)


BASE_LEVEL_UM = _balance(BASE_RELEASE_UM_PER_HOUR, 0.0)


def _release(level: float, sensitivity: float) -> float:
    """Release (µM/h) under the autoreceptor brake; level is a multiple of the usual level."""
    return BASE_RELEASE_UM_PER_HOUR * (1 + AUTORECEPTOR_SENSITIVITY) / (1 + sensitivity * level)


def _settled_level(inhibitor_ratio: float, sensitivity: float) -> float:
    """Level (× usual) where release, held back by the autoreceptors, matches reuptake.

    Release falls as the level rises and the balance level rises with release, so there is one
    crossing; bisection finds it.
    """
    low, high = 0.0, 100.0
    for _ in range(50):
        middle = (low + high) / 2
        implied = _balance(_release(middle, sensitivity), inhibitor_ratio) / BASE_LEVEL_UM
        if implied > middle:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True)
class GapPoint:
    """The gap a moment after a burst of release."""

    seconds: float
    level: float  # µM of transmitter in the gap


def clear_burst(dose: float = 0.0, burst_um: float = 0.1, seconds: float = 20.0) -> list[GapPoint]:
    """Follow a burst of release being cleared from the gap, with a blocker at `dose` (0–1).

    Euler steps of dC/dt = release − reuptake, starting from the resting level plus the burst;
    the blocker has reached its steady level. A blocker makes clearing slower.
    """
    check_range("dose", dose, 0, 1)
    check_range("burst size (µM)", burst_um, 0, 5)
    check_range("seconds", seconds, 1, 600)
    ratio = FULL_DOSE_INHIBITOR_RATIO * dose
    rest = _balance(BASE_RELEASE_UM_PER_HOUR, ratio)  # the resting level with the blocker
    level = rest + burst_um
    per_second = 1 / 3600
    steps = round(seconds / BURST_STEP_SECONDS)
    every = round(BURST_SAMPLE_SECONDS / BURST_STEP_SECONDS)
    points = [GapPoint(0.0, level)]
    for step in range(1, steps + 1):
        change = BASE_RELEASE_UM_PER_HOUR - reuptake_rate(level, ratio)
        level += BURST_STEP_SECONDS * change * per_second
        if step % every == 0:
            points.append(GapPoint(round(step * BURST_STEP_SECONDS, 6), level))
    return points


def half_clearance_seconds(points: list[GapPoint]) -> float:
    """Seconds until the burst is half cleared (half-way from its start to where it ends)."""
    start, end = points[0].level, points[-1].level
    halfway = (start + end) / 2
    return next(p.seconds for p in points if p.level <= halfway)


@dataclass(frozen=True)
class SynapseDay:
    """One day (start of the day) of a run. Illustrative shares, not sizes of real benefit."""

    day: int
    blocker: float  # share of transporters blocked, 0–1
    level: float  # transmitter in the gap as a multiple of usual (1 = usual)
    adaptation: float  # autoreceptor desensitisation, 0 (none) to 1 (the most this model allows)
    pain_relief: float  # 0–1: share of the most pain relief this model can give
    mood_effect: float  # 0–1: share of the most mood effect this model can give


def simulate_blocker(dose: float, weeks: int = 8, start_day: int = 7) -> list[SynapseDay]:
    """Day-by-day synapse over `weeks` weeks, taking a reuptake blocker at `dose` (0–1) daily from
    `start_day` on. Dose 0 is the same as no blocker: everything stays at its usual level.

    Slow variables take Euler steps of 0.1 day: the medicine builds up, the gap's level is its
    balance point, adaptation follows the raised level, pain relief the level, mood adaptation.
    """
    check_range("dose", dose, 0, 1)
    check_whole("weeks", weeks, 1, 26)
    check_whole("start day", start_day, 0, 7 * weeks - 1)
    dt = 1 / STEPS_PER_DAY
    drug = adaptation = relief = mood = 0.0
    run: list[SynapseDay] = []
    for day in range(7 * weeks + 1):
        for step in range(STEPS_PER_DAY):
            ratio = FULL_DOSE_INHIBITOR_RATIO * drug
            sensitivity = AUTORECEPTOR_SENSITIVITY * (1 - MOST_DESENSITISATION * adaptation)
            level = _settled_level(ratio, sensitivity) if drug > 0 else 1.0
            if step == 0:
                run.append(SynapseDay(day, ratio / (1 + ratio), level, adaptation, relief, mood))
            rise = max(0.0, level - 1)
            taking = dose if day >= start_day else 0.0
            drug += dt * (taking - drug) / DRUG_BUILD_UP_DAYS
            adaptation += dt * (rise / (rise + HALF_ADAPTATION_RISE) - adaptation) / ADAPTATION_DAYS
            relief += dt * (rise / (rise + HALF_RELIEF_RISE) - relief) / PAIN_LAG_DAYS
            mood += dt * (adaptation - mood) / MOOD_LAG_DAYS
    return run


def no_blocker(weeks: int = 8) -> list[SynapseDay]:
    """The same synapse with no medicine: the usual, steady baseline."""
    return simulate_blocker(0.0, weeks=weeks, start_day=0)


def half_way_day(run: list[SynapseDay], field: str) -> int | None:
    """First day `field` reaches half its largest value in the run (None if it never rises)."""
    values = [getattr(day, field) for day in run]
    top = max(values)
    if top <= 1e-9:
        return None
    return next(day.day for day, value in zip(run, values, strict=True) if value >= top / 2)
