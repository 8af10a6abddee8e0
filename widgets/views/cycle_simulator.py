"""The sleep–pain–mood cycle simulator (lesson 03's centrepiece; lesson 05 reuses it for what-ifs).

Controls on the left of each idea, charts with text alternatives, and a narration that says what is
happening and why. Every value from the browser passes through the model's validation; a bad one
leaves the last good run on screen and says what was wrong.
"""

from __future__ import annotations

import html
from dataclasses import replace

import ipywidgets as ipw

from widgets.describers.cycle import (
    HARD_PUSH,
    NAMES,
    describe_comparison,
    describe_course,
    describe_loop,
    narrate,
)
from widgets.models.cycle import DAYS, NODES, STRATEGIES, Scenario, long_run, simulate
from widgets.ui.controls import labelled_slider, refused_setting
from widgets.ui.plots import AccessibleDiagram, SvgChart
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, SharedStyles
from widgets.ui.svg import DASHES, MARKERS, Band, Line, grouped_bars, line_chart, loop_diagram
from widgets.ui.theme import OKABE_ITO, SERIES_COLOURS

#: Stories learners can start from (the issue's presets), as scenario settings.
PRESETS: dict[str, dict] = {
    "A calm stretch": {},
    "A bad week of sleep": {"short_sleep_days": (13, 19)},
    "A flare after surgery": {
        "connectivity": 1.3,
        "flare_day": 6,
        "flare_days": 14,
        "flare_size": 8,
    },
    "Starting a walking routine": {
        "connectivity": 1.3,
        "flare_day": 6,
        "flare_days": 14,
        "flare_size": 8,
        "strategies": {"activity": 34},
    },
    "Several small steps together": {
        "connectivity": 1.3,
        "flare_day": 6,
        "flare_days": 14,
        "flare_size": 8,
        "strategies": {"activity": 34, "sleep": 34, "support": 34, "cbt": 34},
    },
    "A stressful month": {"flare_day": 13, "flare_days": 28, "stress_size": 4},
}
#: The menu's entry once the learner has changed a story's settings by hand.
OWN_SETTINGS = "Your own settings"
DEFAULT_STRATEGY_DAY = 34  # day 35 as learners count
POSITIONS = {
    "pain": (0.0, 1.0),
    "poor_sleep": (0.95, 0.31),
    "fatigue": (0.59, -0.81),
    "low_mood": (-0.59, -0.81),
    "inactivity": (-0.95, 0.31),
}
NODE_COLOURS = dict(
    zip(("pain", "low_mood", "poor_sleep", "inactivity", "fatigue"), SERIES_COLOURS, strict=False)
)
ILLUSTRATIVE_NOTE = (
    '<div class="btc-model-note"><p><strong>An illustrative model, not a prediction for any '
    "person.</strong> It shows how a loop of problems can behave. Real lives have many more parts, "
    "and yours may behave differently.</p></div>"
)
SOURCES_AND_LIMITS = (
    '<details class="btc-model-details">'
    "<summary>Where this model comes from, and what it leaves out</summary>"
    "<p><strong>Built from:</strong> the links the lesson describes; the idea of a network of "
    "problems whose links, if strong, can tip it into a stuck state and keep it there (Cramer et "
    "al. 2016, PLOS ONE); sleep pushing next-day pain harder than pain pushes sleep (Edwards et "
    "al. "
    "2008, Pain; Finan et al. 2013, J Pain). Each strategy's size follows the modest average "
    "effects in the research (Williams et al. 2020; Geneen et al. 2017; Hilton et al. 2017; "
    "Ferreira et al. 2021; Finan et al. 2014). Every other number is an illustrative choice.</p>"
    "<p><strong>It leaves out:</strong> the kind of pain and its cause; medicines' side effects "
    "and how people differ in response; anxiety, money, work, family and other stresses beyond "
    "one event; how long strategies take to learn; setbacks; and everything that makes you you. "
    "No published model of the pain and mood loop exists: this one is the course's own "
    "illustration.</p></details>"
)


class CycleSimulator(ipw.VBox):
    """Push on the loop and watch it answer: presets, link strength, a flare, strategies."""

    def __init__(self, preset: str = "A flare after surgery") -> None:
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}; choose from {', '.join(PRESETS)}")
        self._holding = False
        shared = SharedStyles()
        label = shared.style(DescriptionStyle, description_width="initial")
        slider = shared.slider()
        button = shared.button()
        checkbox = {
            "indent": False,
            "layout": shared.style(ipw.Layout, width="16rem"),
            "style": shared.style(CheckboxStyle),
        }
        row = shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")
        self.preset = ipw.Dropdown(
            options=[*PRESETS, OWN_SETTINGS],
            value=preset,
            description="Start from a story",
            style=label,
            layout=shared.style(ipw.Layout, width="min(100%, 30rem)"),
        )
        self._story = preset  # the last story applied: its hidden settings (short nights) stay
        self.reset_button = ipw.Button(
            description="Reset", tooltip="Back to the chosen story", **button
        )
        self.reseed_button = ipw.Button(
            description="New ups and downs",
            tooltip="Draw a new set of day-to-day ups and downs",
            **button,
        )
        self.connectivity = labelled_slider(
            "How tightly your loop is wound (loose 0.5 – tight 1.5)",
            min=0.5,
            max=1.5,
            step=0.05,
            value=1.0,
            readout_format=".2f",
            **slider,
        )
        self.pain_condition = labelled_slider(
            "Pain from your body's condition (0–10)", min=0, max=10, step=1, value=3, **slider
        )
        self.flare_day = labelled_slider(
            "Flare or hard time starts on day", min=1, max=DAYS, step=1, value=7, **slider
        )
        self.flare_size = labelled_slider(
            "Flare strength (0–10)", min=0, max=10, step=1, value=0, **slider
        )
        self.stress_size = labelled_slider(
            "Stress in that time (0–10)", min=0, max=10, step=1, value=0, **slider
        )
        self.variation = ipw.Checkbox(
            value=False, description="Day-to-day ups and downs", **checkbox
        )
        self.strategy_boxes: dict[str, ipw.Checkbox] = {}
        self.strategy_days: dict[str, ipw.IntSlider] = {}
        rows = []
        for key, strategy in STRATEGIES.items():
            box = ipw.Checkbox(value=False, description=strategy.label, **checkbox)
            day = labelled_slider(
                f"{strategy.label}: starts on day",
                min=1,
                max=DAYS,
                step=1,
                value=DEFAULT_STRATEGY_DAY + 1,
                **slider,
            )
            self.strategy_boxes[key], self.strategy_days[key] = box, day
            rows.append(ipw.HBox([box, day], layout=row))
        self.seed = 1
        self.course_chart = SvgChart("Twelve weeks of the loop", shared)
        self.loop_chart = AccessibleDiagram("The loop on the last day", shared)
        self.compare_chart = AccessibleDiagram(
            "Where the loop settles, with and without strategies", shared
        )
        self.narration = shared.html("", "btc-live", "btc-narration")
        controls = [
            self.connectivity,
            self.pain_condition,
            self.flare_day,
            self.flare_size,
            self.stress_size,
            self.variation,
        ]
        for widget in [
            self.preset,
            *controls,
            *self.strategy_boxes.values(),
            *self.strategy_days.values(),
        ]:
            widget.observe(self._changed, "value")
        self.preset.observe(self._preset_chosen, "value")
        self.reset_button.on_click(lambda _b: self.apply_preset(self._story))
        self.reseed_button.on_click(self._reseed)
        super().__init__(
            [
                shared.html(ILLUSTRATIVE_NOTE),
                ipw.HBox([self.preset, self.reset_button, self.reseed_button], layout=row),
                shared.html("<h3 class='btc-sim-heading'>Your loop</h3>"),
                *controls,
                shared.html("<h3 class='btc-sim-heading'>Ways to step in</h3>"),
                *rows,
                self.narration,
                self.course_chart,
                self.loop_chart,
                self.compare_chart,
                shared.html(SOURCES_AND_LIMITS),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-cycle-simulator")
        self.apply_preset(preset)

    # --- reading the controls -------------------------------------------------------------

    def scenario(self) -> Scenario:
        """The scenario the controls describe (raises ValueError for out-of-range values)."""
        story = PRESETS[self._story]
        strategies = {
            key: int(self.strategy_days[key].value) - 1
            for key, box in self.strategy_boxes.items()
            if box.value
        }
        return Scenario(
            connectivity=float(self.connectivity.value),
            pain_condition=float(self.pain_condition.value),
            flare_day=int(self.flare_day.value) - 1,
            flare_days=story.get("flare_days", 7),
            flare_size=float(self.flare_size.value),
            stress_size=float(self.stress_size.value),
            short_sleep_days=story.get("short_sleep_days"),
            strategies=strategies,
            variation=0.5 if self.variation.value else 0.0,
            seed=self.seed,
        )

    def apply_preset(self, name: str) -> None:
        """Set every control to a story's values, then run once."""
        if name == OWN_SETTINGS:
            name = self._story
        story = PRESETS[name]
        base = Scenario(**{k: v for k, v in story.items()})
        self._story = name
        self._holding = True
        try:
            self.preset.value = name
            self.connectivity.value = base.connectivity
            self.pain_condition.value = int(base.pain_condition)
            self.flare_day.value = (base.flare_day if base.flare_day is not None else 6) + 1
            self.flare_size.value = int(base.flare_size)
            self.stress_size.value = int(base.stress_size)
            self.variation.value = False
            for key in STRATEGIES:
                self.strategy_boxes[key].value = key in base.strategies
                self.strategy_days[key].value = base.strategies.get(key, DEFAULT_STRATEGY_DAY) + 1
        finally:
            self._holding = False
        self.update()

    # --- reacting ---------------------------------------------------------------------------

    def _preset_chosen(self, change) -> None:
        if self._holding or change["new"] == OWN_SETTINGS:
            return  # "Your own settings" keeps the controls as they are
        self.apply_preset(change["new"])

    def _reseed(self, _button) -> None:
        self.seed += 1
        self.variation.value = True  # the button is only meaningful with ups and downs on
        self.update()

    def _changed(self, change) -> None:
        if self._holding or change["owner"] is self.preset:
            return
        if self.preset.value != OWN_SETTINGS:  # the story's name no longer fits the settings
            self._holding = True
            try:
                self.preset.value = OWN_SETTINGS
            finally:
                self._holding = False
        self.update()

    def update(self) -> None:
        """Run the model for the current controls and redraw charts and narration."""
        try:
            scenario = self.scenario()
        except ValueError as error:
            self.narration.value = refused_setting(error, "The charts still show the last run.")
            return
        days = simulate(scenario)
        without = simulate(replace(scenario, strategies={})) if scenario.strategies else None
        self.narration.value = f"<p>{html.escape(narrate(scenario, days, without))}</p>"
        self.course_chart.show(course_svg(scenario, days), describe_course(days))
        self.loop_chart.show(loop_svg(days[-1]), describe_loop(days[-1]))
        settled, before = long_run(days), long_run(without) if without else None
        self.compare_chart.show(
            compare_svg(settled, before),
            describe_comparison(before, settled)
            if before
            else "No strategy is switched on. Where each problem settles, out of 10: "
            + ", ".join(f"{NAMES[n]} {settled[n]:.0f}" for n in NODES)
            + ".",
        )


# --- figures (SVG text: small, fast to swap, no chart script needed in the page) ---------------

SHOWN = ("pain", "low_mood", "poor_sleep", "inactivity", "fatigue")


def course_svg(scenario: Scenario, days) -> str:
    """Twelve weeks of the loop as an SVG line chart, with the flare and strategy starts marked.

    Every problem has its own colour, dash and marker shape; the markers are staggered by a day
    per line, so lines that run together still show each shape.
    """
    x = [d.day + 1 for d in days]
    lines = [
        Line(
            NAMES[node].capitalize(),
            x,
            [d.levels[node] for d in days],
            NODE_COLOURS[node],
            dash,
            marker,
            7,
            3 + i,
        )
        for i, (node, dash, marker) in enumerate(zip(SHOWN, DASHES, MARKERS, strict=True))
    ]
    bands = []
    if scenario.flare_day is not None and scenario.flare_size + scenario.stress_size > 0:
        start = scenario.flare_day + 1
        bands.append(
            Band(start, start + scenario.flare_days, OKABE_ITO["orange"], "flare / hard time")
        )
    if scenario.short_sleep_days:
        first, last = scenario.short_sleep_days
        bands.append(Band(first + 1, last + 2, OKABE_ITO["sky_blue"], "short nights"))
    markers = tuple(
        (day + 1, f"stepping in, day {day + 1}")
        for day in sorted(set(scenario.strategies.values()))
    )
    return line_chart(
        lines,
        "Twelve weeks (higher = worse)",
        "Day",
        "Level (0–10)",
        (1, len(days)),
        (0, 10),
        [(d, str(d)) for d in range(1, len(days) + 1, 7)],
        [0, 2, 4, 6, 8, 10],
        tuple(bands),
        markers,
    )


#: Arrow thickness tops out at this many points added (the most a link adds in a stuck loop).
THICKEST_EFFECT = 5.0


def loop_svg(day) -> str:
    """The loop on one day as an SVG diagram: arrows as thick as the points each link adds to
    its target that day (the numbers the narration ranks)."""
    return loop_diagram(
        POSITIONS,
        day.levels,
        day.effects,
        NAMES,
        NODE_COLOURS,
        THICKEST_EFFECT,
        "The loop on the last day",
        strong_at=HARD_PUSH,
        key="Thicker arrow = adds more to the next problem. Dashed = adds under half a point.",
    )


def compare_svg(settled: dict, before: dict | None) -> str:
    """Where each problem settles, with and without strategies, as SVG bars."""
    labels = [NAMES[n].capitalize() for n in NODES]
    series = []
    if before:
        series.append(("Without strategies", [before[n] for n in NODES], "#b8b8b8", True))
    series.append(
        (
            "With your strategies" if before else "Settles at",
            [settled[n] for n in NODES],
            OKABE_ITO["blue"],
            False,
        )
    )
    return grouped_bars(labels, series, "Last two weeks, average (0–10)")
