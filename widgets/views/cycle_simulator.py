"""The sleep–pain–mood cycle simulator (lesson 03's centrepiece; lesson 05 reuses it for what-ifs).

A scene, not a form: a stage (the 12-week chart, a play bar, the loop diagram and the narration)
and a control sheet (story menu, "predict first", the loop's settings, ways to step in, where the
loop settles), side by side where the simulator is wide enough and the stage first on a phone
(course.css, "Simulator scenes"). Play unfolds the 12 weeks day by day: an ipywidgets `Play`
ticks in the browser and is linked there to the Day slider; each tick redraws the chart up to
that day and the loop on that day, here in the kernel (measured against stepping through frames
sent once, in the browser: benchmarks/play.py, docs/models/cycle.md). Every value from the browser
passes through the model's validation; a bad one leaves the last good run on screen and says what
was wrong. The scene's words (labels, stories, notes) are in widgets/content/cycle_scene.toml.
"""

from __future__ import annotations

import html
from dataclasses import replace

import ipywidgets as ipw

from widgets import formats
from widgets.describers.cycle import (
    HARD_PUSH,
    PINNED,
    Prediction,
    day_title,
    describe_comparison,
    describe_course_to,
    describe_day,
    describe_guess,
    describe_pin,
    describe_settled,
    names,
    narrate,
    narrate_day,
    predictions,
    scene_text,
    strategy_label,
)
from widgets.models.cycle import DAYS, NODES, STRATEGIES, Day, Scenario, long_run, simulate
from widgets.models.diary import Diary
from widgets.models.diary_start import MIN_DAYS, recent_days, start_from_diary
from widgets.ui.controls import labelled_slider, refused_setting
from widgets.ui.notes import details_html, note_html
from widgets.ui.plots import AccessibleDiagram, SvgChart
from widgets.ui.scene import build_scene_controls, scene, scene_section, scene_words
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, SharedStyles
from widgets.ui.svg import DASHES, MARKERS, Band, Line, grouped_bars, line_chart, loop_diagram
from widgets.ui.theme import OKABE_ITO, SERIES_COLOURS
from widgets.views.my_record import my_record
from widgets.words import words as read_words

#: Stories learners can start from (the issue's presets), as scenario settings, by key. Their
#: names, as the menu shows them, are in widgets/content/cycle_scene.toml, [stories].
STORIES: dict[str, dict] = {
    "calm": {},
    "bad_sleep_week": {"short_sleep_days": (13, 19)},
    "flare_after_surgery": {
        "connectivity": 1.3,
        "flare_day": 6,
        "flare_days": 14,
        "flare_size": 8,
    },
    "walking": {
        "connectivity": 1.3,
        "flare_day": 6,
        "flare_days": 14,
        "flare_size": 8,
        "strategies": {"activity": 34},
    },
    "small_steps": {
        "connectivity": 1.3,
        "flare_day": 6,
        "flare_days": 14,
        "flare_size": 8,
        "strategies": {"activity": 34, "sleep": 34, "support": 34, "cbt": 34},
    },
    "stressful_month": {"flare_day": 13, "flare_days": 28, "stress_size": 4},
}
#: The story the simulator opens on.
START_STORY = "flare_after_surgery"


def presets() -> dict[str, dict]:
    """The stories by the name the menu shows (in the course language), as scenario settings."""
    shown = scene_text()["stories"]
    return {shown[key]: settings for key, settings in STORIES.items()}


def own_settings() -> str:
    """The menu's entry once the learner has changed a story's settings by hand."""
    return scene_text()["controls"]["own_settings"]


def story_name(preset: str) -> str:
    """The menu's name for a story given by its key ("flare_after_surgery") or by its name, in
    the course language or in English (so a lesson written in English runs in any language)."""
    shown = scene_text()["stories"]
    if preset in shown:
        return shown[preset]
    if preset in shown.values():
        return preset
    english = {name: key for key, name in read_words("cycle_scene", "en")["stories"].items()}
    if preset in english:
        return shown[english[preset]]
    raise ValueError(f"unknown preset {preset!r}; choose from {', '.join(shown.values())}")


DEFAULT_STRATEGY_DAY = 34  # day 35 as learners count
#: Milliseconds between days while playing: 4 days a second, the 12 weeks in 21 s.
PLAY_INTERVAL_MS = 250
#: A pinned run's lines: grey, each with its own dash, no markers (colour, dash).
PIN_STYLES = {"pain": ("#595959", "10 5"), "low_mood": ("#8a8a8a", "3 4")}
#: A pinned run's lines are thinner than the current run's (3 units), so they read as behind it.
PIN_WIDTH = 2.0
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


class CycleSimulator(ipw.VBox):
    """Push on the loop and watch it answer: presets, link strength, a flare, strategies, and the
    12 weeks played day by day."""

    def __init__(self, preset: str = START_STORY) -> None:
        preset = story_name(preset)
        self._holding = False
        words = scene_text()
        controls_words, charts = words["controls"], words["charts"]
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
            options=[*presets(), own_settings()],
            value=preset,
            description=controls_words["story_menu"],
            style=label,
            layout=shared.style(ipw.Layout, width="min(100%, 30rem)"),
        )
        self._story = preset  # the last story applied: its hidden settings (short nights) stay
        self.reset_button = ipw.Button(
            description=controls_words["reset"], tooltip=controls_words["reset_tooltip"], **button
        )
        self.reseed_button = ipw.Button(
            description=controls_words["reseed"],
            tooltip=controls_words["reseed_tooltip"],
            **button,
        )
        self.connectivity = labelled_slider(
            controls_words["connectivity"],
            min=0.5,
            max=1.5,
            step=0.05,
            value=1.0,
            readout_format=".2f",
            **slider,
        )
        self.pain_condition = labelled_slider(
            controls_words["pain_condition"], min=0, max=10, step=1, value=3, **slider
        )
        self.flare_day = labelled_slider(
            controls_words["flare_day"], min=1, max=DAYS, step=1, value=7, **slider
        )
        self.flare_size = labelled_slider(
            controls_words["flare_size"], min=0, max=10, step=1, value=0, **slider
        )
        self.stress_size = labelled_slider(
            controls_words["stress_size"], min=0, max=10, step=1, value=0, **slider
        )
        self.variation = ipw.Checkbox(
            value=False, description=controls_words["variation"], **checkbox
        )
        self.strategy_boxes: dict[str, ipw.Checkbox] = {}
        self.strategy_days: dict[str, ipw.IntSlider] = {}
        rows = []
        for key in STRATEGIES:
            label = strategy_label(key)
            box = ipw.Checkbox(value=False, description=label, **checkbox)
            day = labelled_slider(
                controls_words["strategy_day"].format(strategy=label),
                min=1,
                max=DAYS,
                step=1,
                value=DEFAULT_STRATEGY_DAY + 1,
                **slider,
            )
            self.strategy_boxes[key], self.strategy_days[key] = box, day
            rows.append(ipw.HBox([box, day], layout=row))
        self.seed = 1
        self.course_chart = SvgChart(charts["course"], shared)
        self.loop_chart = AccessibleDiagram(charts["loop"], shared)
        self.compare_chart = AccessibleDiagram(charts["compare"], shared)
        self.narration = shared.html("", "btc-live", "btc-narration")

        # The play bar (Play/Pause, the Day slider, the pin) and "predict first": see
        # widgets/ui/scene.py. Attribute names below are the ones tests and benchmarks use.
        words = scene_words(words)
        build_scene_controls(
            self,
            shared,
            words,
            minimum=1,
            maximum=DAYS,
            interval_ms=PLAY_INTERVAL_MS,
            redraw=self.show_day,
        )
        self.day = self.bar.scrubber
        self._prediction: Prediction | None = None

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
        self.reset_button.on_click(lambda _b: self._reset())
        self.reseed_button.on_click(self._reseed)
        self.day.observe(self._day_moved, "value")

        story_row = ipw.HBox([self.preset, self.reset_button, self.reseed_button], layout=row)
        # Start from the learner's own last two weeks of diary days (kept on their device).
        self._start: dict[str, float] = {}
        self.diary_button = ipw.Button(
            description=words["diary_start"]["button"],
            tooltip=words["diary_start"]["tooltip"],
            **button,
        )
        self.diary_button.on_click(lambda _b: self.start_from_my_diary())
        self.diary_message = shared.html("", "btc-live")
        self._sheet = [
            story_row,
            ipw.VBox([self.diary_button, self.diary_message], layout=shared.layout),
            scene_section(words["sections"]["loop"], controls, shared, words["sections"]),
            scene_section(words["sections"]["steps"], rows, shared, words["sections"]),
            self.compare_chart,
        ]
        box, self.stage, self.controls = scene(
            [self.bar.widget, self.course_chart, self.loop_chart, self.narration],
            self._sheet,
            shared,
        )
        super().__init__(
            [
                shared.html(note_html(words["note"])),
                box,
                shared.html(details_html(words["sources"])),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-cycle-simulator")
        self._scenario = Scenario()
        self._days: list[Day] = []
        self._story_text = ""
        self.apply_preset(preset)

    # --- reading the controls -------------------------------------------------------------

    def scenario(self) -> Scenario:
        """The scenario the controls describe (raises ValueError for out-of-range values)."""
        story = presets()[self._story]
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
            start=dict(self._start),
        )

    def shown_days(self) -> int:
        """How many days the stage shows (the Day slider; raises ValueError out of range)."""
        return self.bar.shown(len(self._days) or DAYS)

    def apply_preset(self, name: str) -> None:
        """Set every control to a story's values, then run once (the Day slider stays)."""
        if name == own_settings():
            name = self._story
        story = presets()[name]
        base = Scenario(**{k: v for k, v in story.items()})
        self._story = name
        self._start = {}  # a story starts from its own levels
        self.diary_message.value = ""
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

    def start_from_my_diary(self, diary: Diary | None = None) -> None:
        """Start the run from the learner's last two weeks of diary days (their record), keeping
        the other settings; or say how many days are still needed."""
        words = scene_text()["diary_start"]
        diary = diary if diary is not None else my_record().record.diary
        start = start_from_diary(diary)
        if start is None:
            have = len(recent_days(diary))
            self.diary_message.value = "<p>{}</p>".format(
                html.escape(words["too_few"].format(days=have, need=MIN_DAYS))
            )
            return
        self._end_prediction()
        self._start = dict(start.levels)
        self._holding = True
        try:
            self.preset.value = own_settings()
        finally:
            self._holding = False
        levels = ", ".join(
            words["level"].format(name=names()[node], level=formats.number(level, 1))
            for node, level in start.levels.items()
        )
        self.diary_message.value = "<p>{}</p><p>{}</p>".format(
            html.escape(
                words["started"].format(
                    days=start.days, first=start.first, last=start.last, levels=levels
                )
            ),
            html.escape(words["illustrative"]),
        )
        self.update()

    # --- reacting ---------------------------------------------------------------------------

    def _preset_chosen(self, change) -> None:
        if self._holding or change["new"] == own_settings():
            return  # "Your own settings" keeps the controls as they are
        prediction = predictions().get(change["new"])
        if prediction:
            self._ask(prediction)  # before the run: the chart waits on day 1
        else:
            self._end_prediction()
        self.apply_preset(change["new"])

    def _reset(self) -> None:
        self._end_prediction()
        self.apply_preset(self._story)

    def _reseed(self, _button) -> None:
        self.seed += 1
        self.variation.value = True  # the button is only meaningful with ups and downs on
        self.update()

    def _changed(self, change) -> None:
        if self._holding or change["owner"] is self.preset:
            return
        if self.preset.value != own_settings():  # the story's name no longer fits the settings
            self._holding = True
            try:
                self.preset.value = own_settings()
            finally:
                self._holding = False
        self._end_prediction()  # a guess about the story does not fit these settings
        self.update()

    def update(self) -> None:
        """Run the model for the current controls and redraw the stage and the comparison."""
        try:
            scenario = self.scenario()
        except ValueError as error:
            kept = scene_text()["controls"]["kept_run"]
            self.narration.value = refused_setting(error, kept)
            return
        days = simulate(scenario)
        without = simulate(replace(scenario, strategies={})) if scenario.strategies else None
        self._scenario, self._days = scenario, days
        self._story_text = narrate(scenario, days, without)
        settled, before = long_run(days), long_run(without) if without else None
        self.compare_chart.show(
            compare_svg(settled, before),
            describe_comparison(before, settled) if before else describe_settled(settled),
        )
        self.show_day()

    def show_day(self) -> None:
        """Draw the chart up to the Day slider's day and the loop on that day, with their text.

        While playing, only the pictures change: the text alternatives and the narration say
        "playing" and catch up when it stops (a screen reader would otherwise hear several
        changes a second). This is what each tick of Play costs the kernel.
        """
        try:
            shown = self.shown_days()
        except ValueError as error:
            kept = scene_text()["controls"]["kept_day"]
            self.narration.value = refused_setting(error, kept)
            return
        words = scene_text()["play"]
        scenario, days = self._scenario, self._days
        day = days[shown - 1]
        playing = bool(self.player.playing)
        pinned, pin_label = self._pinned if self._pinned else (None, "")
        if playing:
            course_text, loop_text = words["playing_course"], words["playing_loop"]
            self.loop_chart.title = words["playing_title"]
        else:
            course_text = describe_course_to(days, shown)
            if pinned:
                course_text += "\n" + describe_pin(days, pinned, pin_label, shown)
            loop_text = describe_day(day, len(days))
            self.loop_chart.title = day_title(shown, len(days))
        self.course_chart.show(course_svg(scenario, days, shown, pinned), course_text)
        self.loop_chart.show(loop_svg(day, day_title(shown, len(days))), loop_text)
        if playing:
            self.narration.value = f"<p>{html.escape(words['playing_narration'])}</p>"
        else:
            self.narration.value = (
                f"<p>{html.escape(narrate_day(scenario, days, shown - 1))}</p>"
                f"<p>{html.escape(self._story_text)}</p>"
            )

    # --- play, pin and predict first (widgets/ui/scene.py does the wiring) --------------------

    def _day_moved(self, _change) -> None:
        if self._holding:
            return
        self.predict.take_guess_or_end(play=False)  # scrubbing before answering
        self.show_day()
        self._maybe_reveal()

    def _before_play(self) -> bool:
        """Play pressed while a question waits: a chosen answer counts as the guess."""
        return not self.predict.take_guess_or_end()

    def play(self) -> None:
        """Start playing (from day 1 when the last day is shown). Only on a learner's press."""
        self.bar.play()

    def _playing_changed(self, _playing: bool) -> None:
        if self._days:
            self.show_day()

    def _capture_pin(self) -> tuple[list[Day], str]:
        words = scene_text()["pin"]
        if self.preset.value == own_settings():
            label = words["own_label"].format(tightness=formats.number(self.connectivity.value, 2))
        else:
            label = words["story_label"].format(story=self.preset.value)
        return self._days, label

    @property
    def _pinned(self) -> tuple[list[Day], str] | None:
        return self.pin.value

    def _ask(self, prediction: Prediction) -> None:
        """Show a story's question and hold the chart on day 1 until the learner answers."""
        self._prediction = prediction
        self.bar.pause()
        self._holding = True
        try:
            self.predict.ask(prediction.question, list(prediction.options))
            self.bar.go_to(1)
        finally:
            self._holding = False

    def _watch(self, guess: str, play: bool) -> str:
        """The learner has guessed: play the run; the model's answer comes on the last day."""
        words = scene_text()["predict"]
        if play:
            self.play()
        return words["watching"].format(
            guess=self._prediction.text_of(guess), total=len(self._days)
        )

    def _maybe_reveal(self) -> None:
        if not self.predict.watching or self.day.value != len(self._days):
            return
        self.predict.reveal(
            describe_guess(self._prediction, self.guess.value, self._scenario, self._days)
        )

    def _skip(self) -> None:
        """No guess: show the whole run at once."""
        self.bar.pause()
        self.day.value = self.day.max

    def _end_prediction(self) -> None:
        self.predict.end()

    def _show_prompt(self, shown: bool) -> None:
        if not shown:
            self._prediction = None
        sheet = list(self._sheet)
        if shown:
            sheet.insert(1, self.predict_box)
        self.controls.children = sheet


# --- figures (SVG text: small, fast to swap, no chart script needed in the page) ---------------

SHOWN = ("pain", "low_mood", "poor_sleep", "inactivity", "fatigue")


def course_svg(
    scenario: Scenario,
    days: list[Day],
    shown: int | None = None,
    pinned: list[Day] | None = None,
) -> str:
    """Twelve weeks of the loop as an SVG line chart, with the flare and strategy starts marked.

    Every problem has its own colour, dash and marker shape; the markers are staggered by a day
    per line, so lines that run together still show each shape. With `shown`, the lines stop at
    that day (the run so far, while it plays) and a dotted line marks it; the axis keeps all 12
    weeks. A `pinned` run adds its pain and low mood as grey dashed lines, "Pinned: ..." in the
    legend.
    """
    shown = len(days) if shown is None else shown
    part = days[:shown]
    x = [d.day + 1 for d in part]
    words = scene_text()
    charts = words["charts"]
    lines = [
        Line(
            names()[node].capitalize(),
            x,
            [d.levels[node] for d in part],
            NODE_COLOURS[node],
            dash,
            marker,
            7,
            3 + i,
        )
        for i, (node, dash, marker) in enumerate(zip(SHOWN, DASHES, MARKERS, strict=True))
    ]
    if pinned:
        legend = words["pin"]["legend"]
        lines += [
            Line(
                legend.format(name=names()[node]),
                [d.day + 1 for d in pinned],
                [d.levels[node] for d in pinned],
                *PIN_STYLES[node],
                width=PIN_WIDTH,
            )
            for node in PINNED
        ]
    bands = []
    if scenario.flare_day is not None and scenario.flare_size + scenario.stress_size > 0:
        start = scenario.flare_day + 1
        bands.append(
            Band(start, start + scenario.flare_days, OKABE_ITO["orange"], charts["flare_band"])
        )
    if scenario.short_sleep_days:
        first, last = scenario.short_sleep_days
        bands.append(Band(first + 1, last + 2, OKABE_ITO["sky_blue"], charts["nights_band"]))
    markers = tuple(
        (day + 1, charts["stepping_in"].format(day=day + 1))
        for day in sorted(set(scenario.strategies.values()))
    )
    if shown < len(days):
        markers += ((shown, words["course"]["today"].format(day=shown)),)
    return line_chart(
        lines,
        charts["course_heading"],
        charts["x_title"],
        charts["y_title"],
        (1, len(days)),
        (0, 10),
        [(d, str(d)) for d in range(1, len(days) + 1, 7)],
        [0, 2, 4, 6, 8, 10],
        tuple(bands),
        markers,
    )


#: Arrow thickness tops out at this many points added (the most a link adds in a stuck loop).
THICKEST_EFFECT = 5.0


def loop_svg(day: Day, title: str | None = None) -> str:
    """The loop on one day as an SVG diagram: arrows as thick as the points each link adds to
    its target that day (`Day.effects`, the numbers the narration ranks), nodes as big as that
    day's levels. Without a `title`, it is the last day's."""
    charts = scene_text()["charts"]
    return loop_diagram(
        POSITIONS,
        day.levels,
        day.effects,
        names(),
        NODE_COLOURS,
        THICKEST_EFFECT,
        charts["loop"] if title is None else title,
        strong_at=HARD_PUSH,
        key=charts["loop_key"],
    )


def compare_svg(settled: dict, before: dict | None) -> str:
    """Where each problem settles, with and without strategies, as SVG bars."""
    charts = scene_text()["charts"]
    labels = [names()[n].capitalize() for n in NODES]
    series = []
    if before:
        series.append((charts["without"], [before[n] for n in NODES], "#b8b8b8", True))
    series.append(
        (
            charts["with"] if before else charts["settles"],
            [settled[n] for n in NODES],
            OKABE_ITO["blue"],
            False,
        )
    )
    return grouped_bars(labels, series, charts["compare_y"])
