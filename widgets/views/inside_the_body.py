"""Lesson 04's two explorable models besides the pain pathway: the synapse and the stress axis.

`SynapseExplorer`: release, reuptake, and what a reuptake blocker (SNRI or tricyclic) does over
weeks: pain relief can come sooner than the mood effect (Obata 2017). `StressResponse`: the stress
axis (Gupta et al. 2007): a short stress settles; a long or strong one can leave the system in
another state. Both are illustrative; each says so, names its sources and what it leaves out.

Both are scenes, as the cycle simulator is (widgets/views/cycle_simulator.py; the kit is
widgets/ui/scene.py): a stage (the charts, a play bar with Play/Pause, a Day slider and the pin,
"predict first" and the narration) beside a control sheet, the stage first on a phone. Play
unfolds the run day by day: each tick of the browser's `Play` moves the Day slider, and the
kernel redraws the charts up to that day, with a "today" marker, and the day's burst or hour-by-hour
chart. The text alternatives and the narration say "playing" and catch up on pause. Every value
from the browser is checked (the model's validation, `PlayBar.shown`); a bad one keeps the last
picture and says what was wrong. The scenes' words are in
widgets/content/inside_the_body_scene.toml.
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.describers.inside_the_body import (
    EFFECTS,
    describe_blocker_to,
    describe_burst_on,
    describe_one_day,
    describe_sensor_to,
    describe_stress,
    describe_stress_guess,
    describe_stress_pin,
    describe_stress_to,
    describe_synapse_guess,
    describe_synapse_pin,
    effect_name,
    narrate_stress_day,
    narrate_synapse_day,
    scene_text,
    scene_words_for,
    stress_day_label,
    stress_pin_label,
    stress_questions,
    synapse_pin_label,
    synapse_question,
)
from widgets.models.stress_axis import (
    PRESETS,
    StressRun,
    StressScenario,
    daily_average,
    one_day,
    simulate,
)
from widgets.models.synapse import (
    FULL_DOSE_INHIBITOR_RATIO,
    GapPoint,
    SynapseDay,
    clear_burst,
    half_clearance_seconds,
    half_way_day,
    simulate_blocker,
)
from widgets.ui.controls import labelled_slider, refused_setting
from widgets.ui.notes import details_html, note_html
from widgets.ui.plots import SvgChart
from widgets.ui.scene import build_scene_controls, scene, scene_section
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, SharedStyles
from widgets.ui.svg import DASHES, Band, Line, Point, line_chart, nice_ticks
from widgets.ui.theme import OKABE_ITO

WEEKS = 8
SYNAPSE_LAST_DAY = 7 * WEEKS  # the synapse run has days 0 to 56
STRESS_LAST_DAY = 119  # daily averages of the stress run: days 0 to 119 of 120
#: Milliseconds between days while playing: the synapse's 8 weeks in 14 s; the stress axis's 4
#: months, a longer run, at 5 days a second (24 s).
SYNAPSE_PLAY_MS = 250
STRESS_PLAY_MS = 200
#: A pinned run's lines: grey, each with its own dash, thinner than the current run's (3 units).
PIN_STYLES = {"pain_relief": ("#595959", "10 5"), "mood_effect": ("#8a8a8a", "3 4")}
STRESS_PIN_STYLE = ("#595959", "10 5")
PIN_WIDTH = 2.0
#: The stress axis's stories in the menu (the model's presets), in menu order. Their names are in
#: widgets/content/inside_the_body_scene.toml, [stress.stories].
STORY_KEYS = ("calm", "hard_day", "hard_fortnight", "months_of_pain")
#: The story the stress scene opens on.
START_STORY = "months_of_pain"


def stories() -> dict[str, str]:
    """The stress stories by the name the menu shows (in the course language): name -> preset."""
    names = scene_text()["stress"]["stories"]
    return {names[key]: key for key in STORY_KEYS}


def own_settings() -> str:
    """The menu's entry once the learner has changed a story's settings by hand."""
    return scene_text()["stress"]["controls"]["own"]


def blocker_dose(day: SynapseDay) -> float:
    """The dose (0–1) whose steady level blocks as many pumps as the medicine does on `day`:
    the blocker's share is r / (1 + r) with r = [I]/Ki = FULL_DOSE_INHIBITOR_RATIO × dose."""
    if day.blocker <= 0:
        return 0.0
    ratio = day.blocker / (1 - day.blocker)
    return min(1.0, ratio / FULL_DOSE_INHIBITOR_RATIO)


class _Scene:
    """What both scenes share: the play bar, the pin and "predict first", and the stage that
    shows the prompt under the play bar (beside Play on a phone, where the sheet comes after
    the stage). A subclass draws (`show_day`) and says what the pin keeps."""

    simulator = ""
    last_day = 0
    interval_ms = 250

    def _build_scene(self, shared: SharedStyles) -> None:
        words = scene_words_for(self.simulator)
        build_scene_controls(
            self,
            shared,
            words,
            minimum=0,
            maximum=self.last_day,
            interval_ms=self.interval_ms,
            redraw=self.show_day,
        )
        self.day = self.bar.scrubber
        self.day.observe(self._day_moved, "value")

    def _lay_out(self, stage: list[ipw.Widget], controls: list[ipw.Widget], shared) -> ipw.Box:
        self._stage = stage
        box, self.stage, self.controls = scene(list(stage), controls, shared)
        return box

    def shown_day(self) -> int:
        """The day the stage shows (the Day slider; raises ValueError out of range)."""
        return self.bar.shown(self.last_day)

    def _kept(self) -> str:
        return scene_text()[self.simulator]["words"]["kept"]

    # --- play -----------------------------------------------------------------------------

    def play(self) -> None:
        """Start playing (from day 0 when the last day is shown). Only on a learner's press."""
        self.bar.play()

    def _day_moved(self, _change) -> None:
        if self._holding:
            return
        self.predict.take_guess_or_end(play=False)  # scrubbing before answering
        self.show_day()
        self._maybe_reveal()

    def _playing_changed(self, _playing: bool) -> None:
        if self._ready:
            self.show_day()

    def _before_play(self) -> bool:
        """Play pressed while a question waits: a chosen answer counts as the guess."""
        return not self.predict.take_guess_or_end()

    # --- predict first --------------------------------------------------------------------

    def _ask(self, question, redraw: bool = True) -> None:
        """Show a question and hold the charts on day 0 until the learner answers."""
        self._question = question
        self.bar.pause()
        self._holding = True
        try:
            self.predict.ask(question.question, list(question.options))
            self.bar.go_to(0)
        finally:
            self._holding = False
        if redraw:
            self.show_day()

    def _watch(self, guess: str, play: bool) -> str:
        """The learner has guessed: play the run; the model's answer comes on the last day."""
        if play:
            self.play()
        words = scene_text()[self.simulator]["predict"]
        return words["watching"].format(guess=self._question.text_of(guess), last=self.last_day)

    def _maybe_reveal(self) -> None:
        if self.predict.watching and self.day.value == self.last_day:
            self.predict.reveal(self._answer(self.guess.value))
            if not self.bar.playing:  # the words held back until the answer can come now
                self.show_day()

    def _skip(self) -> None:
        """No guess: show the whole run at once."""
        self._show_whole_run()

    def _show_whole_run(self) -> None:
        self.bar.pause()
        self._holding = True
        try:
            self.bar.go_to(self.last_day)
        finally:
            self._holding = False
        self.show_day()

    def _drop_question(self) -> bool:
        """A setting changed: a waiting question no longer fits, so it goes and the whole run will
        show (as with Skip); a guess being watched goes too. True when the day was moved."""
        asking = self.predict.asking
        self.predict.end()
        if asking:
            self._holding = True
            try:
                self.bar.go_to(self.last_day)
            finally:
                self._holding = False
        return asking

    def _show_prompt(self, shown: bool) -> None:
        stage = list(self._stage)
        if shown:
            stage.insert(stage.index(self.bar.widget) + 1, self.predict_box)
        self.stage.children = stage

    # --- for a subclass -------------------------------------------------------------------

    def show_day(self) -> None:
        raise NotImplementedError

    def _capture_pin(self):
        raise NotImplementedError

    def _answer(self, guess: str) -> str:
        raise NotImplementedError


class SynapseExplorer(_Scene, ipw.VBox):
    """Choose a dose and a start day; watch the messenger level, pain relief and mood effect
    unfold over eight weeks, and one burst cleared from the gap on each day."""

    simulator = "synapse"
    last_day = SYNAPSE_LAST_DAY
    interval_ms = SYNAPSE_PLAY_MS

    def __init__(self) -> None:
        self._holding = self._ready = False
        self._asked = False
        words = scene_text()["synapse"]["controls"]
        shared = SharedStyles()
        slider = shared.slider()
        self.dose = labelled_slider(words["dose"], min=0, max=100, step=10, value=60, **slider)
        self.start_day = labelled_slider(words["start"], min=0, max=28, step=1, value=7, **slider)
        for control in (self.dose, self.start_day):
            control.observe(self._changed, "value")
        self.message = shared.html("", "btc-live", "btc-narration")
        self.narration = self.message
        self.weeks_chart = SvgChart(words["weeks_chart"], shared)
        self.burst_chart = SvgChart(words["burst_chart"], shared)
        self._build_scene(shared)
        box = self._lay_out(
            [self.burst_chart, self.bar.widget, self.narration, self.weeks_chart],
            [self.dose, self.start_day],
            shared,
        )
        super().__init__(
            [
                shared.html(note_html(scene_text()["synapse"]["note"])),
                box,
                shared.html(details_html(scene_text()["synapse"]["sources"])),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-synapse")
        self._run: list[SynapseDay] = []
        self._dose, self._start = 0.0, 0
        self.update()
        self._ready = True

    def _changed(self, _change) -> None:
        if self._holding:
            return
        self._drop_question()
        self.update()

    def update(self) -> None:
        """Run the model for the current dose and start day, then redraw the stage."""
        try:
            dose, start = self.dose.value / 100, int(self.start_day.value)
            run = simulate_blocker(dose, WEEKS, start)
            without, full = clear_burst(0.0), clear_burst(dose)
        except (TypeError, ValueError) as error:
            self.message.value = refused_setting(error)
            return
        self._dose, self._start, self._run = dose, start, run
        self._without = without
        # The burst chart's axis fits the run's highest level, so it stays still while playing.
        self._burst_axis = nice_ticks(0, 1000 * max(p.level for p in without + full), 6)
        self.show_day()

    def show_day(self) -> None:
        """Draw both charts on the Day slider's day (the eight weeks up to it, the burst on it),
        with their text; while playing, only the pictures change."""
        try:
            shown = self.shown_day()
        except ValueError as error:
            self.message.value = refused_setting(error, self._kept())
            return
        words = scene_text()["synapse"]["play"]
        run, dose, start = self._run, self._dose, self._start
        day = run[shown]
        day_dose = blocker_dose(day) if dose > 0 else 0.0
        with_it = clear_burst(day_dose) if day_dose > 0 else None
        pinned, label = self.pin.value if self.pin.value else (None, "")
        if self.bar.playing:
            weeks_text = words["playing_weeks"].format(last=self.last_day)
            burst_text = words["playing_burst"]
            narration = f"<p>{html.escape(words['playing_narration'])}</p>"
        else:
            weeks_text = describe_blocker_to(dose, run, start, shown)
            if pinned:
                weeks_text += "\n" + describe_synapse_pin(run, pinned, label, shown)
            seconds = half_clearance_seconds(self._without)
            burst_text = describe_burst_on(
                day,
                dose,
                day_dose,
                seconds,
                half_clearance_seconds(with_it) if with_it else seconds,
            )
            narration = f"<p>{html.escape(narrate_synapse_day(dose, run, start, shown))}</p>"
        self.burst_chart.show(
            burst_svg(self._without, with_it, shown, self._burst_axis), burst_text
        )
        self.weeks_chart.show(weeks_svg(run, start, shown, pinned), weeks_text)
        self.message.value = narration

    def _capture_pin(self) -> tuple[list[SynapseDay], str]:
        return self._run, synapse_pin_label(round(100 * self._dose), self._start)

    def _before_play(self) -> bool:
        """The first Play with a medicine asks first: "days or weeks?" (once a page)."""
        if self.predict.asking:
            return super()._before_play()
        if not self._asked and self._dose > 0:
            self._asked = True
            self._ask(synapse_question(self._start))
            return False
        return True

    def _answer(self, guess: str) -> str:
        return describe_synapse_guess(guess, self._run, self._start)


def weeks_svg(
    run: list[SynapseDay],
    start: int,
    shown: int | None = None,
    pinned: list[SynapseDay] | None = None,
) -> str:
    """The eight weeks as a line chart: pain relief and the mood effect up to day `shown`, with
    a ring where each gets half way (once reached), the start and "today" marked; a `pinned`
    run's effects as grey lines, "Pinned: ..." in the legend."""
    words = scene_text()["synapse"]["chart"]
    last = run[-1].day
    shown = last if shown is None else shown
    part = run[: shown + 1]
    days = [d.day for d in part]
    styles = {
        "pain_relief": (OKABE_ITO["vermillion"], DASHES[0]),
        "mood_effect": (OKABE_ITO["blue"], DASHES[1]),
    }
    lines = [
        Line(effect_name(field), days, [100 * getattr(d, field) for d in part], *styles[field])
        for field in EFFECTS
    ]
    if pinned:
        legend = scene_text()["synapse"]["pin"]["legend"]
        lines += [
            Line(
                legend.format(name=effect_name(field).lower()),
                [d.day for d in pinned],
                [100 * getattr(d, field) for d in pinned],
                *PIN_STYLES[field],
                width=PIN_WIDTH,
            )
            for field in EFFECTS
        ]
    halves = []
    for field in EFFECTS:
        day = half_way_day(run, field)
        if day is not None and day <= shown:
            value = getattr(run[day], field) * 100
            colour = styles[field][0]
            halves.append(Point(day, value, colour, words["half"].format(day=day)))
    markers = ((start, words["starts"].format(day=start)),)
    if shown < last:
        markers += ((shown, words["today"].format(day=shown)),)
    return line_chart(
        lines,
        words["weeks_title"],
        words["weeks_x"],
        "",
        (0, last),
        (0, 100),
        [(d, str(d)) for d in range(0, last + 1, 7)],
        [0, 25, 50, 75, 100],
        markers=markers,
        points=tuple(halves),
    )


def burst_svg(
    without: list[GapPoint],
    with_it: list[GapPoint] | None,
    day: int,
    axis: tuple[float, float, list[float]],
) -> str:
    """One burst cleared from the gap, without the medicine and with it as far as it has built
    up on `day` (no second line before it starts)."""
    words = scene_text()["synapse"]["chart"]
    lines = [
        Line(
            words["without"],
            [p.seconds for p in without],
            [p.level * 1000 for p in without],
            OKABE_ITO["bluish_green"],
        )
    ]
    if with_it:
        lines.append(
            Line(
                words["with"],
                [p.seconds for p in with_it],
                [p.level * 1000 for p in with_it],
                OKABE_ITO["reddish_purple"],
                DASHES[1],
            )
        )
    _low, top, ticks = axis
    return line_chart(
        lines,
        words["burst_title"].format(day=day),
        words["burst_x"],
        "",
        (0, 20),
        (0, top),
        [(s, str(s)) for s in range(0, 21, 5)],
        ticks,
    )


class StressResponse(_Scene, ipw.VBox):
    """Set a stress's size and length; compare it with a hard day; watch the four months unfold
    and see whether the system comes back."""

    simulator = "stress"
    last_day = STRESS_LAST_DAY
    interval_ms = STRESS_PLAY_MS

    def __init__(self) -> None:
        self._holding = self._ready = False
        words = scene_text()["stress"]
        controls = words["controls"]
        shared = SharedStyles()
        slider = shared.slider()
        self._last_run: StressRun | None = None
        self.story = ipw.Dropdown(
            options=[*stories(), own_settings()],
            value=words["stories"][START_STORY],
            description=controls["story"],
            style=shared.style(DescriptionStyle, description_width="initial"),
            layout=shared.style(ipw.Layout, width="min(100%, 24rem)"),
        )
        self._story = self.story.value  # the last story applied
        self.size = labelled_slider(controls["size"], min=0, max=10, step=1, value=5, **slider)
        self.length = labelled_slider(
            controls["length"], min=0, max=100, step=1, value=90, **slider
        )
        self.feedback = labelled_slider(
            controls["feedback"],
            min=0.9,
            max=1.25,
            step=0.05,
            value=1.0,
            readout_format=".2f",
            **slider,
        )
        self.sleep_loss = labelled_slider(
            controls["sleep"], min=0, max=10, step=1, value=0, **slider
        )
        self.rhythm = ipw.Checkbox(
            value=True,
            description=controls["rhythm"],
            indent=False,
            style=shared.style(CheckboxStyle),
            layout=shared.layout,
        )
        for control in (self.size, self.length, self.feedback, self.sleep_loss, self.rhythm):
            control.observe(self._changed, "value")
        self.story.observe(self._story_chosen, "value")
        self.message = shared.html("", "btc-live", "btc-narration")
        self.narration = self.message
        self.cortisol_chart = SvgChart(controls["cortisol_chart"], shared)
        self.day_chart = SvgChart(controls["day_chart"], shared)
        self.sensor_chart = SvgChart(controls["sensor_chart"], shared)
        self._build_scene(shared)
        sections = scene_words_for("stress")["sections"]
        box = self._lay_out(
            [
                self.story,
                self.cortisol_chart,
                self.bar.widget,
                self.narration,
                self.day_chart,
                self.sensor_chart,
            ],
            [
                self.size,
                self.length,
                scene_section(
                    sections["body"],
                    [self.feedback, self.sleep_loss, self.rhythm],
                    shared,
                    sections,
                ),
            ],
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
        self.add_class("btc-stress")
        self.apply_story(self.story.value)
        self._ready = True

    # --- stories and settings -------------------------------------------------------------

    def apply_story(self, name: str) -> None:
        """Set the controls to a story's values, then run once (the Day slider stays)."""
        if name == own_settings():
            name = self._story
        scenario = PRESETS[stories().get(name, "calm")]
        self._holding = True
        try:
            self._story = name
            self.story.value = name
            self.size.value = int(scenario.stress_size)
            self.length.value = int(scenario.stress_days)
            self.feedback.value = 1.0
            self.sleep_loss.value = 0
        finally:
            self._holding = False
        self.update()

    def _story_chosen(self, change) -> None:
        if self._holding or change["new"] == own_settings():
            return  # "Your own settings" keeps the controls as they are
        question = stress_questions().get(change["new"])
        if question:
            self._ask(question, redraw=False)  # before the run: the charts wait on day 0
        else:
            self._drop_question()
        self.apply_story(change["new"])

    def _changed(self, _change) -> None:
        if self._holding:
            return
        if self.story.value != own_settings():  # the story's name no longer fits the settings
            self._holding = True
            try:
                self.story.value = own_settings()
            finally:
                self._holding = False
        self._drop_question()
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
        """Run the model for the controls (and a hard day beside it), then redraw the stage."""
        try:
            scenario = self.scenario()
            yours = simulate(scenario)
            hard_day = simulate(
                StressScenario(
                    stress_size=8,
                    stress_start_day=10.0,
                    stress_days=1,
                    feedback=scenario.feedback,
                    sleep_loss=scenario.sleep_loss,
                    daily_rhythm=scenario.daily_rhythm,
                )
            )
        except (TypeError, ValueError) as error:
            self.message.value = refused_setting(error)
            return
        self._last_run, self._hard_day = yours, hard_day
        self._summary = describe_stress(yours, hard_day)
        usual = yours.baseline.cortisol
        hourly = [100 * s.cortisol / usual for s in yours.samples]
        self._hour_range = (min(hourly), max(hourly))  # the one-day chart's axis, kept still
        self.show_day()

    # --- the stage ------------------------------------------------------------------------

    def show_day(self) -> None:
        """Draw the four-month charts up to the Day slider's day and that day hour by hour, with
        their text; while playing, only the pictures change."""
        try:
            shown = self.shown_day()
        except ValueError as error:
            self.message.value = refused_setting(error, self._kept())
            return
        words = scene_text()["stress"]["play"]
        run, hard = self._last_run, self._hard_day
        pinned, label = self.pin.value if self.pin.value else (None, "")
        if self.bar.playing:
            cortisol_text = words["playing_cortisol"].format(last=self.last_day)
            day_text, sensor_text = words["playing_day"], words["playing_sensor"]
            narration = f"<p>{html.escape(words['playing_narration'])}</p>"
        else:
            cortisol_text = describe_stress_to(run, hard, shown)
            if pinned:
                cortisol_text += "\n" + describe_stress_pin(run, pinned, label, shown)
            sensor_text = describe_sensor_to(run, shown)
            day_text = " ".join(
                [
                    describe_one_day(run, CALM_DAY, calm_label()),
                    describe_one_day(run, shown, stress_day_label(run.scenario, shown)),
                ]
            )
            narration = f"<p>{html.escape(narrate_stress_day(run, shown))}</p>"
            if not (self.predict.asking or self.predict.watching):  # no answer before the guess
                narration += f"<p>{html.escape(self._summary)}</p>"
        pin = (pinned, label) if pinned else None
        self.cortisol_chart.show(stress_svg(run, hard, "cortisol", shown, pin), cortisol_text)
        self.day_chart.show(day_svg(run, shown, self._hour_range), day_text)
        self.sensor_chart.show(stress_svg(run, hard, "gr", shown, pin), sensor_text)
        self.message.value = narration

    def _capture_pin(self) -> tuple[StressRun, str]:
        story = None if self.story.value == own_settings() else self.story.value
        return self._last_run, stress_pin_label(story, self._last_run.scenario)

    def _answer(self, guess: str) -> str:
        return describe_stress_guess(self._story, guess, self._last_run)


def stress_svg(
    yours: StressRun,
    hard_day: StressRun,
    field: str,
    shown: int | None = None,
    pinned: tuple[StressRun, str] | None = None,
) -> str:
    """Daily averages as a % of the usual level, your stress beside a hard day, up to day `shown`
    (a "today" marker on it); a `pinned` (run, label) as a grey line, "Pinned: ..." in the legend.
    The axes fit the whole runs, so they stay still while the run plays."""
    words = scene_text()["stress"]["chart"]
    last = len(daily_average(yours)) - 1
    shown = last if shown is None else shown

    def values(run: StressRun) -> tuple[list[float], list[float]]:
        days = daily_average(run)
        usual = getattr(run.baseline, field)
        return [d.day for d in days], [getattr(d, field) / usual * 100 for d in days]

    runs = [
        (hard_day, words["hard_day"], OKABE_ITO["bluish_green"], DASHES[1]),
        (yours, words["yours"], OKABE_ITO["vermillion"], DASHES[0]),
    ]
    lines, every = [], []
    for run, name, colour, dash in runs:
        xs, ys = values(run)
        every += ys
        lines.append(Line(name, xs[: shown + 1], ys[: shown + 1], colour, dash))
    if pinned:
        run, label = pinned
        xs, ys = values(run)
        every += ys
        legend = scene_text()["stress"]["pin"]["legend"].format(label=label)
        lines.append(Line(legend, xs, ys, *STRESS_PIN_STYLE, width=PIN_WIDTH))
    low, high, ticks = nice_ticks(min(50, min(every)), max(150, max(every)))
    scenario = yours.scenario
    bands = ()
    if scenario.stress_size > 0 and scenario.stress_days > 0:
        end = scenario.stress_start_day + scenario.stress_days
        bands = (Band(scenario.stress_start_day, end, OKABE_ITO["orange"], words["band"]),)
    markers = ((shown, words["today"].format(day=shown)),) if shown < last else ()
    return line_chart(
        lines,
        words["cortisol_title" if field == "cortisol" else "sensor_title"],
        words["x"],
        "",  # the unit is in the title
        (0, scenario.days),
        (low, high),
        [(d, str(d)) for d in range(0, scenario.days + 1, 20)],
        ticks,
        bands,
        markers,
    )


CALM_DAY = 5  # a day before any story's stress starts (day 10)


def calm_label() -> str:
    return scene_text()["stress"]["chart"]["calm_day"].format(day=CALM_DAY)


def day_svg(
    run: StressRun, day: int | None = None, hour_range: tuple[float, float] | None = None
) -> str:
    """Cortisol hour by hour on a calm day and on `day` (the Day slider's), as % of the usual
    average. Shows the daily rhythm the four-month chart averages away (switch it off and the
    lines go flat). `hour_range` (the run's lowest and highest hour) keeps the axis still."""
    usual = run.baseline.cortisol
    words = scene_text()["stress"]["chart"]
    day = STRESS_LAST_DAY if day is None else day

    def line(when: int, name: str, colour: str, dash: str, marker: str) -> Line:
        hours = one_day(run, when)
        return Line(
            name,
            [round((s.day - when) * 24) for s in hours],
            [100 * s.cortisol / usual for s in hours],
            colour,
            dash,
            marker,
            3,
            0 if marker == "circle" else 1,
        )

    lines = [
        line(CALM_DAY, calm_label(), OKABE_ITO["blue"], DASHES[1], "circle"),
        line(
            day, stress_day_label(run.scenario, day), OKABE_ITO["vermillion"], DASHES[0], "square"
        ),
    ]
    values = [v for item in lines for v in item.ys] + list(hour_range or ())
    low, high, ticks = nice_ticks(min(60, min(values)), max(140, max(values)))
    return line_chart(
        lines,
        words["day_title"],
        words["day_x"],
        "",  # the unit is in the title
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
