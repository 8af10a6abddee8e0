"""Lesson 04's two explorable models besides the pain pathway: the synapse and the stress axis.

`SynapseExplorer`: release, reuptake, and what a reuptake blocker (SNRI or tricyclic) does over
weeks: pain relief can come sooner than the mood effect (Obata 2017). `StressResponse`: the stress
axis (Gupta et al. 2007): a short stress settles; a long or strong one can leave the system in
another state. Both are illustrative; each says so, names its sources and what it leaves out.
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.describers.inside_the_body import (
    describe_blocker,
    describe_burst,
    describe_one_day,
    describe_sensor,
    describe_stress,
)
from widgets.models.stress_axis import PRESETS, StressScenario, daily_average, one_day, simulate
from widgets.models.synapse import (
    clear_burst,
    half_clearance_seconds,
    half_way_day,
    simulate_blocker,
)
from widgets.ui.controls import labelled_slider, refused_setting
from widgets.ui.plots import SvgChart
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, SharedStyles
from widgets.ui.svg import DASHES, Band, Line, Point, line_chart, nice_ticks
from widgets.ui.theme import OKABE_ITO

WEEKS = 8
SYNAPSE_SOURCES = (
    '<details class="btc-model-details"><summary>Where this model comes from, and what it leaves '
    "out</summary><p><strong>Built from:</strong> how fast the serotonin pump clears the gap "
    "(its published Km and Vmax, as used in synapse models by Reed, Nijhout and Best); the finding "
    "that antidepressants can ease nerve pain sooner than they lift mood, and by their own route "
    "(Obata 2017). The slow change that delays the mood effect is one explanation among several. "
    "The same pump numbers stand in for noradrenaline's pump. Every other number is illustrative."
    "</p><p><strong>It leaves out:</strong> side effects, stopping a medicine, other actions of "
    "these medicines, and how much people differ. Effects are shown as a share of the most this "
    "model can give, not as real benefit: in trials the average benefit is modest.</p>"
    "<p><strong>Medicines are for you and your prescriber to decide together.</strong> "
    "Never start, "
    "stop or change one because of this picture.</p></details>"
)
STRESS_SOURCES = (
    '<details class="btc-model-details"><summary>Where this model comes from, and what it leaves '
    "out</summary><p><strong>Built from:</strong> the equations and numbers of the public SBML "
    "version of Gupta et al. 2007's stress-axis model (Theor Biol Med Model 4:8; BioModels "
    "MODEL1006230111): CRH, ACTH, cortisol and the cortisol sensor (GR), with negative feedback. "
    "With no stress and no daily rhythm, its resting states are that file's. In the model a "
    "strong enough stress can flip the sensor into a second stable state.</p><p>The course "
    "chose the rest. The file's equations are in scaled units; the course takes one unit as 2 "
    "hours. It added the daily rhythm and the way stress and sleep loss push the system. Its "
    "sensor changes 100 times more slowly than in the paper, so that hours of stress do not flip "
    "it. The paper's own stress tests (its Fig. 5) are not repeated here.</p><p><strong>A "
    "caution:</strong> studies of long-lasting pain have found cortisol that runs high in some "
    "people and low in others. Here the switched state has <em>lower</em> cortisol; that is this "
    "model's story, not a test for anything.</p><p><strong>It leaves out:</strong> the rest of "
    "the body's stress response, other hormones, illness, medicines, and everything that helps a "
    "person recover. Real cortisol swings far more over a day than here: a bigger swing would "
    "remove this model's second state, so its daily rhythm is kept gentle.</p></details>"
)
STORIES = {
    "A calm stretch": "calm",
    "A hard day": "hard_day",
    "A hard fortnight": "hard_fortnight",
    "Months of pain": "months_of_pain",
}


class SynapseExplorer(ipw.VBox):
    """Choose a dose and a start day; see the messenger level, pain relief and mood effect."""

    def __init__(self) -> None:
        shared = SharedStyles()
        slider = shared.slider()
        self.dose = labelled_slider(
            "Medicine strength (0 none – 100 full dose)",
            min=0,
            max=100,
            step=10,
            value=60,
            **slider,
        )
        self.start_day = labelled_slider(
            "Medicine starts on day", min=0, max=28, step=1, value=7, **slider
        )
        for control in (self.dose, self.start_day):
            control.observe(lambda _change: self.update(), "value")
        self.message = shared.html("", "btc-live")
        self.weeks_chart = SvgChart("Eight weeks on a reuptake blocker", shared)
        self.burst_chart = SvgChart("One burst of messenger, cleared from the gap", shared)
        super().__init__(
            [
                shared.html(
                    '<div class="btc-model-note"><p><strong>An illustrative model, not a '
                    "prediction for any person.</strong> It shows why these medicines take time, "
                    "and why pain relief can come before a change in mood.</p></div>"
                ),
                self.dose,
                self.start_day,
                self.message,
                self.burst_chart,
                self.weeks_chart,
                shared.html(SYNAPSE_SOURCES),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-synapse")
        self.update()

    def update(self) -> None:
        try:
            dose, start = self.dose.value / 100, int(self.start_day.value)
            run = simulate_blocker(dose, WEEKS, start)
            without, with_blocker = clear_burst(0.0), clear_burst(dose)
        except (TypeError, ValueError) as error:
            self.message.value = refused_setting(error)
            return
        self.message.value = ""
        days = [d.day for d in run]
        lines = [
            Line("Pain relief", days, [d.pain_relief * 100 for d in run], OKABE_ITO["vermillion"]),
            Line(
                "Mood effect",
                days,
                [d.mood_effect * 100 for d in run],
                OKABE_ITO["blue"],
                DASHES[1],
            ),
        ]
        halves = []
        for field, line in (("pain_relief", lines[0]), ("mood_effect", lines[1])):
            day = half_way_day(run, field)
            if day is not None:
                value = getattr(run[day], field) * 100
                halves.append(Point(day, value, line.colour, f"half, day {day}"))
        self.weeks_chart.show(
            line_chart(
                lines,
                "How fast each effect builds (% of this model's most)",
                "Day",
                "% of its most",
                (0, WEEKS * 7),
                (0, 100),
                [(d, str(d)) for d in range(0, WEEKS * 7 + 1, 7)],
                [0, 25, 50, 75, 100],
                markers=((start, f"medicine starts, day {start}"),),
                points=tuple(halves),
            ),
            describe_blocker(dose, run, start),
        )
        burst = [
            Line(
                "Without the medicine",
                [p.seconds for p in without],
                [p.level * 1000 for p in without],
                OKABE_ITO["bluish_green"],
            )
        ]
        if dose > 0:
            burst.append(
                Line(
                    "With the medicine",
                    [p.seconds for p in with_blocker],
                    [p.level * 1000 for p in with_blocker],
                    OKABE_ITO["reddish_purple"],
                    DASHES[1],
                )
            )
        _low, top, ticks = nice_ticks(0, max(max(line.ys) for line in burst), 6)
        self.burst_chart.show(
            line_chart(
                burst,
                "Messenger left in the gap after a burst",
                "Seconds",
                "Messenger (nM)",
                (0, 20),
                (0, top),
                [(s, str(s)) for s in range(0, 21, 5)],
                ticks,
            ),
            describe_burst(
                half_clearance_seconds(without), half_clearance_seconds(with_blocker), dose
            ),
        )


class StressResponse(ipw.VBox):
    """Set a stress's size and length; compare it with a hard day; see if the system comes back."""

    def __init__(self) -> None:
        shared = SharedStyles()
        slider = shared.slider()
        self._holding = False
        self._last_run = None
        self.story = ipw.Dropdown(
            options=list(STORIES),
            value="Months of pain",
            description="Start from a story",
            style=shared.style(DescriptionStyle, description_width="initial"),
            layout=shared.layout,
        )
        self.size = labelled_slider(
            "How big the stress is (0 none – 10 overwhelming)",
            min=0,
            max=10,
            step=1,
            value=5,
            **slider,
        )
        self.length = labelled_slider(
            "How long it lasts (days)", min=0, max=100, step=1, value=90, **slider
        )
        self.feedback = labelled_slider(
            "How strongly cortisol says “enough” (feedback)",
            min=0.9,
            max=1.25,
            step=0.05,
            value=1.0,
            readout_format=".2f",
            **slider,
        )
        self.sleep_loss = labelled_slider(
            "Short sleep (0 none – 10 a lot)", min=0, max=10, step=1, value=0, **slider
        )
        self.rhythm = ipw.Checkbox(
            value=True,
            description="Show the daily rhythm (morning peak)",
            indent=False,
            style=shared.style(CheckboxStyle),
            layout=shared.layout,
        )
        for control in (self.size, self.length, self.feedback, self.sleep_loss, self.rhythm):
            control.observe(self._changed, "value")
        self.story.observe(lambda change: self.apply_story(change["new"]), "value")
        self.message = shared.html("", "btc-live", "btc-narration")
        self.cortisol_chart = SvgChart("Cortisol over four months", shared)
        self.day_chart = SvgChart("Cortisol hour by hour on one day", shared)
        self.sensor_chart = SvgChart("The cortisol sensor (GR) over four months", shared)
        super().__init__(
            [
                shared.html(
                    '<div class="btc-model-note"><p><strong>An illustrative model, not a '
                    "measurement of anyone's hormones.</strong> It shows how a system with "
                    "feedback can bounce back from a short stress, and how a long one can leave "
                    "it changed.</p></div>"
                ),
                self.story,
                self.size,
                self.length,
                self.feedback,
                self.sleep_loss,
                self.rhythm,
                self.message,
                self.cortisol_chart,
                self.day_chart,
                self.sensor_chart,
                shared.html(STRESS_SOURCES),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-stress")
        self.apply_story(self.story.value)

    def apply_story(self, name: str) -> None:
        scenario = PRESETS[STORIES.get(name, "calm")]
        self._holding = True
        try:
            self.size.value = int(scenario.stress_size)
            self.length.value = int(scenario.stress_days)
            self.feedback.value = 1.0
            self.sleep_loss.value = 0
        finally:
            self._holding = False
        self.update()

    def _changed(self, _change) -> None:
        if not self._holding:
            self.update()

    def scenario(self) -> StressScenario:
        return StressScenario(
            stress_size=float(self.size.value),
            stress_start_day=10.0,
            stress_days=float(self.length.value),
            feedback=float(self.feedback.value),
            sleep_loss=float(self.sleep_loss.value),
            daily_rhythm=bool(self.rhythm.value),
        )

    def update(self) -> None:
        try:
            yours = simulate(self.scenario())
            hard_day = simulate(
                StressScenario(
                    stress_size=8,
                    stress_start_day=10.0,
                    stress_days=1,
                    feedback=float(self.feedback.value),
                    sleep_loss=float(self.sleep_loss.value),
                    daily_rhythm=bool(self.rhythm.value),
                )
            )
        except (TypeError, ValueError) as error:
            self.message.value = refused_setting(error)
            return
        self._last_run = yours
        text = describe_stress(yours, hard_day)
        self.message.value = f"<p>{html.escape(text)}</p>"
        self.cortisol_chart.show(stress_svg(yours, hard_day, "cortisol"), text)
        stressed = stress_day(yours)
        self.day_chart.show(
            day_svg(yours, stressed),
            " ".join(
                [describe_one_day(yours, CALM_DAY, f"A calm day (day {CALM_DAY})")]
                + (
                    [describe_one_day(yours, stressed, f"A day of your stress (day {stressed})")]
                    if stressed is not None
                    else []
                )
            ),
        )
        self.sensor_chart.show(stress_svg(yours, hard_day, "gr"), describe_sensor(yours))


def stress_svg(yours, hard_day, field: str) -> str:
    """Daily averages as a % of the usual level, your stress beside a hard day."""
    usual = getattr(yours.baseline, field)

    def line(run, name, colour, dash):
        days = daily_average(run)
        return Line(
            name,
            [d.day for d in days],
            [getattr(d, field) / usual * 100 for d in days],
            colour,
            dash,
        )

    lines = [
        line(hard_day, "A hard day", OKABE_ITO["bluish_green"], DASHES[1]),
        line(yours, "Your stress", OKABE_ITO["vermillion"], DASHES[0]),
    ]
    values = [v for item in lines for v in item.ys]
    low, high, ticks = nice_ticks(min(50, min(values)), max(150, max(values)))
    scenario = yours.scenario
    bands = ()
    if scenario.stress_size > 0 and scenario.stress_days > 0:
        end = scenario.stress_start_day + scenario.stress_days
        bands = (Band(scenario.stress_start_day, end, OKABE_ITO["orange"], "your stress"),)
    name = "Cortisol" if field == "cortisol" else "Sensor (GR)"
    return line_chart(
        lines,
        f"{name}, daily average (100 = usual)",
        "Day",
        "% of usual",
        (0, scenario.days),
        (low, high),
        [(d, str(d)) for d in range(0, scenario.days + 1, 20)],
        ticks,
        bands,
    )


CALM_DAY = 5  # a day before any story's stress starts (day 10)


def stress_day(run) -> int | None:
    """A day in the middle of the stress, for the hour-by-hour chart (None with no stress)."""
    scenario = run.scenario
    if scenario.stress_size <= 0 or scenario.stress_days <= 0:
        return None
    middle = int(scenario.stress_start_day + min(scenario.stress_days, 20) / 2)
    return min(middle, scenario.days - 1)


def day_svg(run, stressed: int | None) -> str:
    """Cortisol hour by hour on a calm day and on a day of the stress, as % of the usual average.

    Shows the daily rhythm the four-month chart averages away (switch it off and the lines go flat).
    """
    usual = run.baseline.cortisol

    def line(day: int, name: str, colour: str, dash: str, marker: str) -> Line:
        hours = one_day(run, day)
        return Line(
            name,
            [round((s.day - day) * 24) for s in hours],
            [100 * s.cortisol / usual for s in hours],
            colour,
            dash,
            marker,
            3,
            0 if marker == "circle" else 1,
        )

    lines = [line(CALM_DAY, f"A calm day (day {CALM_DAY})", OKABE_ITO["blue"], DASHES[1], "circle")]
    if stressed is not None:
        lines.append(
            line(
                stressed,
                f"A day of your stress (day {stressed})",
                OKABE_ITO["vermillion"],
                DASHES[0],
                "square",
            )
        )
    values = [v for item in lines for v in item.ys]
    low, high, ticks = nice_ticks(min(60, min(values)), max(140, max(values)))
    return line_chart(
        lines,
        "Cortisol through one day (100 = usual daily average)",
        "Hour of the day",
        "% of usual",
        (0, 23),
        (low, high),
        [(h, f"{h:02d}:00") for h in range(0, 24, 4)],
        ticks,
        h_lines=((100, ""),),
    )


def synapse_explorer() -> SynapseExplorer:
    """The synapse and reuptake-blocker explorer for lesson 04."""
    return SynapseExplorer()


def stress_response() -> StressResponse:
    """The stress-response simulator for lesson 04."""
    return StressResponse()
