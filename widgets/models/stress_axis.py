"""The stress axis: CRH → ACTH → cortisol, with cortisol braking the axis through the
glucocorticoid receptor (GR). After Gupta et al. 2007; an illustrative teaching version.
Teachers' and maintainers' notes, every parameter and the test behind each claim:
docs/models/stress_axis.md.

Why: lesson text says long stress can change how the stress system is set, not just how high it
runs for a while. Gupta, Aslakson, Gurbaxani & Vernon (2007, Theor Biol Med Model 4:8, CC-BY)
showed why: GR, once activated by cortisol, pairs up and boosts its own production in the
pituitary, so the axis has two stable states (low GR = usual; high GR = a stronger brake and
lower cortisol, as reported in some people with PTSD or chronic fatigue) and an
unstable one between them. A short stress nudges GR and it comes back; a long, strong one can push
it past the unstable point, and it stays there after the stress ends (hysteresis).

Equations (Gupta's scaled, dimensionless form, as in the public SBML version, BioModels
MODEL1006230111), with c = CRH, a = ACTH, o = free cortisol, r = GR:
    dc/dt = drive(t) / (1 + g·o/k_i1) − k_cd·c
    da/dt = c / (1 + g·o·r/k_i2) − k_ad·a
    do/dt = a − o
    dr/dt = GR_PACE · [ (o·r)² / (K + (o·r)²) + k_cr − k_rd·r ]
Gupta's drive is 1 + f(t), f the stress input. Parameters are the SBML values. The course adds,
all illustrative and labelled below:
- g, "feedback strength": multiplies cortisol's brake on both CRH and ACTH (g = 1 is Gupta's).
- drive(t) = daily rhythm + stress + sleep loss. The rhythm gives cortisol its morning peak.
- Time: one scaled unit is taken as 2 hours (cortisol decays at rate 1 per unit; a half-life of
  about 80 minutes gives that). The SBML file labels time in hours, but its equations are the
  paper's scaled form; the paper's own scaling was not read.
- GR_PACE slows GR's equation 100-fold. In Gupta's scaled form GR moves as fast as cortisol, so
  with 2-hour units a few hours of stress would switch it; slowed, a hard day fades and weeks to
  months of strong stress can switch it (at the defaults, stress size 5 needs about 25 days,
  size 10 about 13). This keeps the resting states (and so the bistability) as in Gupta's
  model: with no daily rhythm, `steady_states` gives the SBML file's steady states; only how fast GR
  gets there changes.
Gupta's parameters sit near the edge of bistability. Here two stable states exist only for
feedback strength up to about 1.03 (1.04 with no rhythm) and extra drive up to about 0.17; past
either there is a single state. The same is true of the daily rhythm: a swing of the drive much
over ±30% (real cortisol swings several-fold over a day) removes the switched state at Gupta's
feedback, because GR's self-boosting saturates at the morning peak. So the rhythm here is gentle.
Because GR is so slow, its resting states and the switch point are found by averaging GR's rate of
change over a day with GR held still (standard averaging for slow variables).
Integration: classic fixed-step Runge–Kutta (RK4), 30-minute steps (stable for ACTH's fast decay;
cortisol within about 1% of a 10× finer step), samples every hour. Standard library only;
deterministic.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, fields

from widgets.models.checks import check_range
from widgets.words import word

# Gupta et al. 2007, scaled model, parameter values of BioModels MODEL1006230111.
K_I1 = 0.1  # cortisol's inhibition constant on CRH release (hypothalamus)
K_I2 = 0.1  # cortisol-bound GR's inhibition constant on ACTH release (pituitary)
K_CD = 1.0  # CRH clearance
K_AD = 10.0  # ACTH clearance
GR_K = 0.001  # K: GR dimer self-induction constant
K_CR = 0.05  # basal GR production
K_RD = 0.9  # GR breakdown

HOURS_PER_UNIT = 2.0  # one scaled time unit ≈ 2 h (from cortisol's ~80 min half-life; illustrative)
GR_PACE = 0.01  # GR changes 100× more slowly than in the scaled paper model (illustrative)
RHYTHM_AMPLITUDE = 0.2  # the daily rhythm swings the basal drive ±20% (illustrative; see above)
DRIVE_PEAK_HOUR = 5.0  # drive peaks at 05:00, so cortisol peaks about 08:00 (illustrative)
STRESS_PER_POINT = 0.2  # stress size 10 adds 2 to the drive (Gupta's pulses add 1; illustrative)
#: Sleep loss 10 adds 0.08 to the drive: a steady push that makes switching easier but keeps the
#: usual state (illustrative; the usual state vanishes near 0.17 at feedback 1).
SLEEP_LOSS_PER_POINT = 0.008
#: Feedback strengths offered. Across this range (with any sleep loss) the usual state exists
#: (checked in tests); much below 0.9 it sits so close to the switch point that any stress flips it.
FEEDBACK_RANGE = (0.9, 1.25)

STEP_HOURS = 0.5
SAMPLE_HOURS = 1.0
DAYS = 120


def setting_name(field: str) -> str:
    """A setting's name in a learner's words, for the message when its value is refused ("stress
    length in days must be between 0 and 365"): widgets/content/inside_the_body_scene.toml."""
    return word("inside_the_body_scene", "stress", "settings", field)


@dataclass(frozen=True)
class StressScenario:
    """A run of the stress axis. Values outside their ranges raise ValueError."""

    stress_size: float = 0.0  # 0 none to 10 overwhelming
    stress_start_day: float = 10.0  # day the stress begins (day 10.0 = midnight starting day 10)
    stress_days: float = 0.0  # how long it lasts: 1 = "a hard day", 90 = "months of pain"
    feedback: float = 1.0  # how strongly cortisol brakes the axis (1 = Gupta's value)
    sleep_loss: float = 0.0  # 0 sleeping well to 10 badly short of sleep, for the whole run
    daily_rhythm: bool = True  # whether the drive has its daily rhythm (cortisol's morning peak)
    days: int = DAYS

    def __post_init__(self) -> None:
        if isinstance(self.days, bool) or not isinstance(self.days, int):
            raise ValueError(f"days must be a whole number, got {self.days!r}")
        check_range(setting_name("days"), self.days, 1, 365)
        check_range(setting_name("stress_size"), self.stress_size, 0, 10)
        check_range(setting_name("stress_days"), self.stress_days, 0, 365)
        has_stress = self.stress_size > 0 and self.stress_days > 0
        latest = self.days if has_stress else 365
        check_range(setting_name("stress_start_day"), self.stress_start_day, 0, latest)
        check_range(setting_name("feedback"), self.feedback, *FEEDBACK_RANGE)
        check_range(setting_name("sleep_loss"), self.sleep_loss, 0, 10)
        if not isinstance(self.daily_rhythm, bool):
            raise ValueError(f"daily rhythm must be True or False, got {self.daily_rhythm!r}")

    @property
    def stress_end_day(self) -> float:
        return self.stress_start_day + self.stress_days


#: Ready-made scenarios for the lesson.
PRESETS: dict[str, StressScenario] = {
    "calm": StressScenario(),
    "hard_day": StressScenario(stress_size=8, stress_start_day=10, stress_days=1),
    "hard_fortnight": StressScenario(stress_size=5, stress_start_day=10, stress_days=14),
    "months_of_pain": StressScenario(stress_size=5, stress_start_day=10, stress_days=90),
}


@dataclass(frozen=True)
class StressSample:
    """The axis at one moment, in Gupta's dimensionless units (compare with the baseline)."""

    day: float  # days since the start of the run
    crh: float
    acth: float
    cortisol: float
    gr: float


@dataclass(frozen=True)
class StressRun:
    """A run: hourly samples, the usual state to compare with, and the point of no return."""

    scenario: StressScenario
    samples: list[StressSample]  # hourly
    baseline: StressSample  # the usual state: a day's average with no stress (day = 0)
    switch_gr: float | None  # GR past which the axis stays switched; None if it cannot switch


def _mean_drive(sleep_loss: float) -> float:
    return 1.0 + SLEEP_LOSS_PER_POINT * sleep_loss


def steady_states(
    feedback: float = 1.0, sleep_loss: float = 0.0, daily_rhythm: bool = True
) -> list[StressSample]:
    """Resting states with no stress, lowest GR first (each a day's average; day = 0).

    Three when the axis is bistable (usual, the unstable switch point, switched), else one. They
    are where GR's rate of change, averaged over a day with GR held still, crosses zero: GR is so
    much slower than the hormones that this is where it comes to rest. With no daily rhythm the
    hormones' resting levels are solved directly, which gives the SBML file's steady states.
    """
    StressScenario(feedback=feedback, sleep_loss=sleep_loss, daily_rhythm=daily_rhythm)  # checks
    return list(_steady_states(float(feedback), float(sleep_loss), daily_rhythm))


def _resting_hormones(r: float, feedback: float, drive: float) -> tuple[float, float]:
    """CRH and cortisol at rest for GR held at r and a steady drive: o = a at rest, and
    o = c / (k_ad·(1 + g·o·r/k_i2)) with c = drive / (k_cd·(1 + g·o/k_i1)); bisection on o."""
    low, high = 0.0, drive
    for _ in range(45):
        o = (low + high) / 2
        c = drive / (K_CD * (1 + feedback * o / K_I1))
        if c / (K_AD * (1 + feedback * o * r / K_I2)) > o:
            low = o
        else:
            high = o
    o = (low + high) / 2
    return drive / (K_CD * (1 + feedback * o / K_I1)), o


def _gr_production(o: float, r: float) -> float:
    x = (o * r) ** 2
    return x / (GR_K + x)


def _rest_at_gr(
    r: float, feedback: float, sleep_loss: float, daily_rhythm: bool
) -> tuple[float, StressSample]:
    """GR's rate of change (day-averaged) with GR held at r, and the hormones' day average."""
    c, o = _resting_hormones(r, feedback, _mean_drive(sleep_loss))
    if not daily_rhythm:
        return _gr_production(o, r) + K_CR - K_RD * r, StressSample(0.0, c, o, o, r)
    calm = StressScenario(feedback=feedback, sleep_loss=sleep_loss)
    state, _ = _integrate((c, o, o, r), calm, 0.5, sample=False, gr_pace=0.0)  # settle
    _, day = _integrate(state, calm, 1, sample=True, gr_pace=0.0, start_hour=12.0)
    day = day[1:]  # 24 hourly samples: the first repeats the start
    production = sum(_gr_production(s.cortisol, r) for s in day) / len(day)
    return production + K_CR - K_RD * r, _average(day, 0.0)


def _root(rate, low: float, high: float, at_low: float, at_high: float) -> float:
    """Where `rate` crosses zero between low and high: regula falsi, Illinois variant."""
    side = 0
    middle = low
    for _ in range(30):
        middle = (low * at_high - high * at_low) / (at_high - at_low)
        at_middle = rate(middle)
        if abs(at_middle) < 1e-12 or high - low < 1e-7:
            break
        if (at_middle > 0) == (at_high > 0):
            high, at_high = middle, at_middle
            if side == -1:
                at_low /= 2
            side = -1
        else:
            low, at_low = middle, at_middle
            if side == 1:
                at_high /= 2
            side = 1
    return middle


@functools.lru_cache(maxsize=256)
def _steady_states(
    feedback: float, sleep_loss: float, daily_rhythm: bool
) -> tuple[StressSample, ...]:
    def rate(r: float) -> float:
        return _rest_at_gr(r, feedback, sleep_loss, daily_rhythm)[0]

    grid = [i / 40 for i in range(49)]  # GR from 0 to 1.2: it cannot pass (1 + k_cr) / k_rd
    values = [rate(r) for r in grid]
    states = []
    for i in range(len(grid) - 1):
        if (values[i] > 0) != (values[i + 1] > 0):
            states.append(
                _rest_at_gr(
                    _root(rate, grid[i], grid[i + 1], values[i], values[i + 1]),
                    feedback,
                    sleep_loss,
                    daily_rhythm,
                )[1]
            )
    return tuple(states)


def _integrate(
    start: tuple[float, float, float, float],
    scenario: StressScenario,
    days: float,
    sample: bool,
    step_hours: float = STEP_HOURS,
    gr_pace: float = GR_PACE,
    start_hour: float = 0.0,
) -> tuple[tuple[float, float, float, float], list[StressSample]]:
    """RK4 for `days` from `start` (c, a, o, r) at `start_hour` (0 = midnight of day 0); returns
    the end state and, if `sample`, hourly samples (the first is the start).

    Written out in full (no helper calls per stage) so that a 120-day run stays fast in CPython.
    """
    c, a, o, r = start
    g1, g2 = scenario.feedback / K_I1, scenario.feedback / K_I2
    amplitude = RHYTHM_AMPLITUDE if scenario.daily_rhythm else 0.0
    base = _mean_drive(scenario.sleep_loss)
    stress = STRESS_PER_POINT * scenario.stress_size
    stress_from = scenario.stress_start_day * 24
    stress_to = scenario.stress_end_day * 24
    h = step_hours / HOURS_PER_UNIT
    h2, h6 = h / 2, h / 6
    pace_k, pace_cr, pace_rd = gr_pace, gr_pace * K_CR, gr_pace * K_RD
    # The daily rhythm at every half step, a day's worth, looked up rather than recomputed.
    per_day = round(48 / step_hours)
    rhythm = [
        base + amplitude * math.cos(2 * math.pi * (i * step_hours / 2 - DRIVE_PEAK_HOUR) / 24)
        for i in range(per_day)
    ]
    steps = round(days * 24 / step_hours)
    every = max(1, round(SAMPLE_HOURS / step_hours))
    offset = round(2 * start_hour / step_hours)
    samples = [StressSample(start_hour / 24, c, a, o, r)] if sample else []
    for n in range(steps):
        hour = start_hour + n * step_hours
        push = stress if stress_from <= hour < stress_to else 0.0  # held through each step
        i = (2 * n + offset) % per_day
        d1, d2, d3 = rhythm[i] + push, rhythm[i + 1] + push, rhythm[(i + 2) % per_day] + push
        # stage 1
        x = (o * r) ** 2
        c1 = d1 / (1 + g1 * o) - K_CD * c
        a1 = c / (1 + g2 * o * r) - K_AD * a
        o1 = a - o
        r1 = pace_k * x / (GR_K + x) + pace_cr - pace_rd * r
        # stage 2
        cs, as_, os, rs = c + h2 * c1, a + h2 * a1, o + h2 * o1, r + h2 * r1
        x = (os * rs) ** 2
        c2 = d2 / (1 + g1 * os) - K_CD * cs
        a2 = cs / (1 + g2 * os * rs) - K_AD * as_
        o2 = as_ - os
        r2 = pace_k * x / (GR_K + x) + pace_cr - pace_rd * rs
        # stage 3
        cs, as_, os, rs = c + h2 * c2, a + h2 * a2, o + h2 * o2, r + h2 * r2
        x = (os * rs) ** 2
        c3 = d2 / (1 + g1 * os) - K_CD * cs
        a3 = cs / (1 + g2 * os * rs) - K_AD * as_
        o3 = as_ - os
        r3 = pace_k * x / (GR_K + x) + pace_cr - pace_rd * rs
        # stage 4
        cs, as_, os, rs = c + h * c3, a + h * a3, o + h * o3, r + h * r3
        x = (os * rs) ** 2
        c4 = d3 / (1 + g1 * os) - K_CD * cs
        a4 = cs / (1 + g2 * os * rs) - K_AD * as_
        o4 = as_ - os
        r4 = pace_k * x / (GR_K + x) + pace_cr - pace_rd * rs
        c += h6 * (c1 + 2 * c2 + 2 * c3 + c4)
        a += h6 * (a1 + 2 * a2 + 2 * a3 + a4)
        o += h6 * (o1 + 2 * o2 + 2 * o3 + o4)
        r += h6 * (r1 + 2 * r2 + 2 * r3 + r4)
        if sample and (n + 1) % every == 0:
            samples.append(StressSample((hour + step_hours) / 24, c, a, o, r))
    return (c, a, o, r), samples


@functools.lru_cache(maxsize=256)
def _settled_start(
    feedback: float, sleep_loss: float, daily_rhythm: bool
) -> tuple[float, float, float, float]:
    """The usual state at midnight, hormones settled into their daily rhythm (cached)."""
    r = _steady_states(feedback, sleep_loss, daily_rhythm)[0].gr
    c, o = _resting_hormones(r, feedback, _mean_drive(sleep_loss))
    if not daily_rhythm:
        return (c, o, o, r)
    calm = StressScenario(feedback=feedback, sleep_loss=sleep_loss)
    state, _ = _integrate((c, o, o, r), calm, 1, sample=False, gr_pace=0.0)
    return state


def baseline(
    feedback: float = 1.0, sleep_loss: float = 0.0, daily_rhythm: bool = True
) -> StressSample:
    """The usual state with no stress (a day's average; day = 0)."""
    return steady_states(feedback, sleep_loss, daily_rhythm)[0]


def simulate(scenario: StressScenario | None = None) -> StressRun:
    """Run the axis from its usual state through `scenario`; hourly samples."""
    scenario = scenario or StressScenario()
    key = (float(scenario.feedback), float(scenario.sleep_loss), scenario.daily_rhythm)
    _, samples = _integrate(_settled_start(*key), scenario, scenario.days, sample=True)
    states = _steady_states(*key)
    return StressRun(
        scenario=scenario,
        samples=samples,
        baseline=states[0],
        switch_gr=states[1].gr if len(states) == 3 else None,
    )


def _average(samples: list[StressSample], day: float) -> StressSample:
    n = len(samples)
    return StressSample(
        day,
        sum(s.crh for s in samples) / n,
        sum(s.acth for s in samples) / n,
        sum(s.cortisol for s in samples) / n,
        sum(s.gr for s in samples) / n,
    )


def daily_average(run: StressRun) -> list[StressSample]:
    """One averaged sample per whole day of the run (day = the day's number): no daily rhythm."""
    per_day = round(24 / SAMPLE_HOURS)
    samples = run.samples[1:]
    return [
        _average(samples[start : start + per_day], float(start // per_day))
        for start in range(0, len(samples) - per_day + 1, per_day)
    ]


def returned_to_baseline(run: StressRun) -> bool:
    """Whether the axis is on its way back to the usual state at the end of the run.

    True when GR ends below the switch point (or the axis has only one state); a run that ends
    during the stress is judged as if the stress stopped there.
    """
    return run.switch_gr is None or run.samples[-1].gr < run.switch_gr


def last_day_change(run: StressRun, field: str = "cortisol") -> float:
    """The last whole day's average of `field` as a % change from the baseline."""
    last = daily_average(run)[-1]
    usual = getattr(run.baseline, field)
    return 100 * (getattr(last, field) - usual) / usual


def one_day(run: StressRun, day: int) -> list[StressSample]:
    """The 24 hourly samples of whole day `day` (00:00 to 23:00): the daily rhythm up close."""
    per_day = round(24 / SAMPLE_HOURS)
    if not 0 <= day < run.scenario.days:
        raise ValueError(f"day must be between 0 and {run.scenario.days - 1}, got {day}")
    return run.samples[day * per_day : (day + 1) * per_day]


def peak(run: StressRun, field: str = "cortisol") -> float:
    """The highest hourly value of `field` in the run."""
    return max(getattr(s, field) for s in run.samples)


FIELDS = tuple(item.name for item in fields(StressSample))
