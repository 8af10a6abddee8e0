"""Pain sensitivity through one day, after a usual night or the one you choose (lesson 03).

A scene, like the cycle simulator (widgets/views/cycle_simulator.py): a stage (the 24-hour chart,
a play bar with the pin, the narration, and how much your night adds) and a control sheet (nights
to try, "predict first", and the bedtime and wake-up sliders), side by side where the scene is
wide enough and the stage first on a phone (course.css, "Simulator scenes"). Play unfolds the day
hour by hour: an ipywidgets `Play` ticks in the browser and moves the Hours scrubber there; each
tick redraws both charts up to that hour here in the kernel, from curves worked out once per night.
Every value from the browser is checked (the nights by the model, the scrubber by the play bar);
a bad one leaves the last good picture on screen and says what was wrong. The scene's words are in
widgets/content/daily_rhythm_scene.toml; the shared parts are widgets/ui/scene.py.
"""

from __future__ import annotations

import html
import math

import ipywidgets as ipw

from widgets.describers.daily_rhythm import (
    Prediction,
    clock,
    describe_day_to,
    describe_difference_to,
    describe_guess,
    describe_pin,
    narrate_hour,
    pin_label,
    presets,
    scene_text,
    shown_samples,
    start_preset,
)
from widgets.models.daily_rhythm import (
    WINDOW_BEFORE_WAKE,
    WINDOW_HOURS,
    DayCurve,
    Night,
    day_after,
    difference,
)
from widgets.ui.controls import refused_setting
from widgets.ui.notes import note_html
from widgets.ui.plots import SvgChart
from widgets.ui.scene import build_scene_controls, scene, scene_section, scene_words
from widgets.ui.shared import DescriptionStyle, SharedStyles
from widgets.ui.svg import DASHES, Band, Line, Point, line_chart, nice_ticks
from widgets.ui.theme import OKABE_ITO

BEDTIMES = [(clock(h / 2), h / 2 % 24) for h in range(42, 57)]  # 21:00 to 04:00
WAKE_TIMES = [(clock(h / 2), h / 2) for h in range(8, 23)]  # 04:00 to 11:00
USUAL = Night(23.0, 7.0)
#: The charts' first hour (04:00) and how many whole hours the scrubber covers (24).
WINDOW_START = USUAL.wake - WINDOW_BEFORE_WAKE
HOURS = int(WINDOW_HOURS)
#: Milliseconds between hours while playing: the whole day in about 7 seconds.
PLAY_INTERVAL_MS = 300
YOURS = OKABE_ITO["vermillion"]
USUAL_COLOUR = OKABE_ITO["blue"]
#: A pinned night's line: grey, thinner than the others (3 units) and with its own short dash,
#: so it reads as behind them.
PIN_COLOUR = "#595959"
PIN_DASH = "4 3"
PIN_WIDTH = 2.0

#: What a pin keeps: the night and its curve.
Pinned = tuple[Night, DayCurve]


class PainThroughTheDay(ipw.VBox):
    """Choose a night; watch pain sensitivity unfold across the next day beside a usual night,
    guess first what a night will do, and pin a night to compare with the next."""

    def __init__(self, preset: str | None = None) -> None:
        nights = presets()
        preset = start_preset() if preset is None else preset
        if preset not in nights:
            raise ValueError(f"unknown night {preset!r}; choose from {', '.join(nights)}")
        self._holding = False
        words = scene_words(scene_text())
        words["play"]["scrubber"] = words["play"]["scrubber"].format(start=clock(WINDOW_START))
        self._words = words
        shared = SharedStyles()
        slider = {
            "style": shared.style(ipw.SliderStyle, description_width="initial"),
            "layout": shared.layout,
            "continuous_update": False,
        }
        controls = words["controls"]
        self.preset = ipw.Dropdown(
            options=[*nights, controls["own"]],
            value=preset,
            description=controls["presets"],
            style=shared.style(DescriptionStyle, description_width="initial"),
            layout=shared.style(ipw.Layout, width="min(100%, 30rem)"),
        )
        night = nights[preset].night
        self.bedtime = ipw.SelectionSlider(
            options=BEDTIMES, value=night.bedtime, description=controls["bedtime"], **slider
        )
        self.wake = ipw.SelectionSlider(
            options=WAKE_TIMES, value=night.wake, description=controls["wake"], **slider
        )
        self.chart = SvgChart(words["chart"]["title"], shared)
        self.difference_chart = SvgChart(words["chart"]["difference_title"], shared)
        self.message = shared.html("", "btc-live")
        self.narration = shared.html("", "btc-live", "btc-narration")

        # The play bar (Play/Pause, the Hours scrubber, the pin) and "predict first":
        # widgets/ui/scene.py does the wiring; the names below are the ones tests use.
        build_scene_controls(
            self,
            shared,
            words,
            minimum=1,
            maximum=HOURS,
            interval_ms=PLAY_INTERVAL_MS,
            redraw=self.show_hour,
        )
        self.hour = self.bar.scrubber
        self._prediction: Prediction | None = None

        self.preset.observe(self._preset_chosen, "value")
        for control in (self.bedtime, self.wake):
            control.observe(self._changed, "value")
        self.hour.observe(self._hour_moved, "value")

        own = words["sections"]["own"]
        self._sheet = [
            self.preset,
            scene_section(own, [self.bedtime, self.wake], shared, words["sections"]),
        ]
        box, self.stage, self.controls = scene(
            [self.chart, self.bar.widget, self.message, self.narration, self.difference_chart],
            self._sheet,
            shared,
        )
        super().__init__([shared.html(note_html(words["note"])), box], layout=shared.layout)
        self.add_class("btc-simulator")
        self.add_class("btc-pain-through-the-day")
        self._normal = day_after(USUAL, USUAL)
        self._night, self._mine = USUAL, self._normal
        self._refused = ""  # the message for a night the model refused, while it stands
        self.update()

    # --- reading the controls and drawing ------------------------------------------------

    def night(self) -> Night:
        """The night the sliders describe (raises ValueError for one the model refuses)."""
        return Night(float(self.bedtime.value), float(self.wake.value))

    def shown(self) -> int:
        """How many half-hourly samples the stage shows (from the scrubber; raises ValueError
        for a value outside it: the browser can send any)."""
        return shown_samples(self._mine, self.bar.shown(HOURS))

    def update(self) -> None:
        """Work out the day after the sliders' night, then draw it up to the scrubber's hour."""
        try:
            night = self.night()
        except ValueError as error:
            self._refused = refused_setting(error, self._words["controls"]["kept_night"])
            self.message.value = self._refused
            return
        self._refused = ""
        self._night, self._mine = night, day_after(night, USUAL)
        self.show_hour()

    def show_hour(self) -> None:
        """Draw both charts up to the scrubber's hour, with their text and the narration.

        While playing, only the pictures change: the text alternatives and the narration say
        "playing" and catch up when it stops (a screen reader would otherwise hear several
        changes a second). This is what each tick of Play costs the kernel.
        """
        try:
            shown = self.shown()
        except ValueError as error:
            self.message.value = refused_setting(error, self._words["controls"]["kept_hour"])
            return
        self.message.value = self._refused
        night, mine, normal = self._night, self._mine, self._normal
        pinned, label = self.pin.value if self.pin.value else ((None, None), "")
        pinned_night, pinned_curve = pinned
        words = self._words["play"]
        if self.bar.playing:
            chart_text, difference_text = words["playing_chart"], words["playing_difference"]
            narration = words["playing_narration"]
        else:
            chart_text = describe_day_to(night, USUAL, mine, normal, shown)
            if pinned_curve:
                chart_text += "\n" + describe_pin(mine, pinned_curve, label, shown)
            difference_text = describe_difference_to(mine, normal, shown)
            narration = narrate_hour(night, USUAL, mine, normal, shown - 1)
        self.chart.show(figure(night, mine, normal, shown, self.pin.value), chart_text)
        self.difference_chart.show(
            difference_figure(night, mine, normal, shown, self.pin.value), difference_text
        )
        self.narration.value = f"<p>{html.escape(narration)}</p>"

    # --- nights to try and the sliders -----------------------------------------------------

    def apply_preset(self, name: str) -> None:
        """Set the sliders to a night from the menu, then draw it once (the scrubber stays)."""
        night = presets()[name].night
        self._holding = True
        try:
            self.preset.value = name
            self.bedtime.value = night.bedtime
            self.wake.value = night.wake
        finally:
            self._holding = False
        self.update()

    def _preset_chosen(self, change) -> None:
        if self._holding or change["new"] not in presets():
            return  # "Your own night" keeps the sliders as they are
        prediction = presets()[change["new"]].prediction
        if prediction:
            self._ask(prediction)  # before the run: the charts wait at the first hour
        else:
            self.predict.end()
        self.apply_preset(change["new"])

    def _changed(self, _change) -> None:
        if self._holding:
            return
        own = self._words["controls"]["own"]
        if self.preset.value != own:  # the night's name no longer fits the sliders
            self._holding = True
            try:
                self.preset.value = own
            finally:
                self._holding = False
        self.predict.end()  # a guess about that night does not fit this one
        self.update()

    # --- play, pin and predict first (widgets/ui/scene.py does the wiring) --------------------

    def _hour_moved(self, _change) -> None:
        if self._holding:
            return
        self.predict.take_guess_or_end(play=False)  # scrubbing before answering
        self.show_hour()
        self._maybe_reveal()

    def _before_play(self) -> bool:
        """Play pressed while a question waits: a chosen answer counts as the guess."""
        return not self.predict.take_guess_or_end()

    def play(self) -> None:
        """Start playing (from the first hour when the last is shown). Only on a learner's press."""
        self.bar.play()

    def _playing_changed(self, _playing: bool) -> None:
        self.show_hour()

    def _capture_pin(self) -> tuple[Pinned, str]:
        return (self._night, self._mine), pin_label(self._night)

    def _ask(self, prediction: Prediction) -> None:
        """Show a night's question and hold the charts at the first hour until it is answered."""
        self._prediction = prediction
        self.bar.pause()
        self._holding = True
        try:
            self.predict.ask(prediction.question, list(prediction.options))
            self.bar.go_to(self.hour.min)
        finally:
            self._holding = False

    def _watch(self, guess: str, play: bool) -> str:
        """The learner has guessed: play the day; the model's answer comes at its last hour."""
        if play:
            self.play()
        return self._words["predict"]["watching"].format(
            guess=self._prediction.text_of(guess), end=clock(self._mine.clock_hours[-1])
        )

    def _maybe_reveal(self) -> None:
        if not self.predict.watching or self.hour.value != self.hour.max:
            return
        self.predict.reveal(
            describe_guess(
                self._prediction, self.guess.value, self._night, USUAL, self._mine, self._normal
            )
        )

    def _skip(self) -> None:
        """No guess: show the whole day at once."""
        self.bar.pause()
        self.hour.value = self.hour.max

    def _show_prompt(self, shown: bool) -> None:
        if not shown:
            self._prediction = None
        sheet = list(self._sheet)
        if shown:
            sheet.insert(1, self.predict_box)
        self.controls.children = sheet


# --- figures (SVG text: small, fast to swap, no chart script needed in the page) ---------------


def _night_bands(night: Night, curve: DayCurve) -> tuple[Band, ...]:
    """Shaded stretches of the window when you are asleep (your night, and the next one)."""
    label = scene_text()["chart"]["asleep"]
    bands, start = [], None
    hours = curve.clock_hours
    for hour, up in zip(hours, curve.awake, strict=True):
        if not up and start is None:
            start = hour
        if up and start is not None:
            bands.append(Band(start, hour, OKABE_ITO["sky_blue"], label))
            start = None
    if start is not None:
        bands.append(Band(start, hours[-1], OKABE_ITO["sky_blue"], label))
    return tuple(bands)


def _ticks(curve: DayCurve) -> list[tuple[float, str]]:
    """Every 3 hours from the window's start, up to 01:00: a label on the window's last hour
    (04:00 the next night) would be cut in half at the right edge of a phone's chart."""
    first = curve.clock_hours[0]
    return [(first + h, clock(first + h)) for h in range(0, 24, 3)]


def _now(curve: DayCurve, ys: list[float], shown: int) -> tuple[tuple, tuple]:
    """The "now" marker and ring on the last hour shown, while the day unfolds (none at its end).

    The time rides on a labelled point rather than the marker's own label: a point's label turns
    to the left near the right edge, where a marker's label would run off the chart.
    """
    if shown >= len(curve.clock_hours):
        return (), ()
    x, y = curve.clock_hours[shown - 1], ys[shown - 1]
    label = scene_text()["chart"]["now"].format(time=clock(x))
    return ((x, ""),), (Point(x, y, YOURS, label),)


def _pinned_line(pinned: tuple[Pinned, str] | None, ys) -> list[Line]:
    if not pinned:
        return []
    (night, curve), label = pinned
    legend = scene_text()["pin"]["legend"].format(label=label)
    return [Line(legend, curve.clock_hours, ys(curve), PIN_COLOUR, PIN_DASH, width=PIN_WIDTH)]


def figure(
    night: Night,
    mine: DayCurve,
    normal: DayCurve,
    shown: int | None = None,
    pinned: tuple[Pinned, str] | None = None,
) -> str:
    """Both days as an SVG line chart over the whole 24-hour window (hours run on past 24).

    With `shown`, both lines stop after that many samples (the day so far, while it plays) and a
    dotted line with a ring marks the hour; the axes keep the whole day, so nothing jumps. A
    `pinned` night adds its whole curve as a thin grey line, "Pinned: ..." in the legend.
    """
    words = scene_text()["chart"]
    shown = len(mine.clock_hours) if shown is None else shown
    lines = [
        Line(
            words["usual_line"].format(bedtime=clock(USUAL.bedtime), wake=clock(USUAL.wake)),
            normal.clock_hours[:shown],
            list(normal.sensitivity[:shown]),
            USUAL_COLOUR,
            DASHES[1],
            "circle",
            4,
            0,
        ),
        Line(
            words["your_line"].format(bedtime=clock(night.bedtime), wake=clock(night.wake)),
            mine.clock_hours[:shown],
            list(mine.sensitivity[:shown]),
            YOURS,
            DASHES[0],
            "square",
            4,
            2,
        ),
        *_pinned_line(pinned, lambda curve: list(curve.sensitivity)),
    ]
    values = [*mine.sensitivity, *normal.sensitivity]
    if pinned:
        values += pinned[0][1].sensitivity
    low, high = math.floor(min(values) / 5) * 5, math.ceil(max(values) / 5) * 5
    markers, points = _now(mine, mine.sensitivity, shown)
    return line_chart(
        lines,
        words["heading"],
        words["x_title"],
        words["y_title"],
        (mine.clock_hours[0], mine.clock_hours[-1]),
        (low, high if high > low else low + 5),
        _ticks(mine),
        list(range(low, high + 1, 5)),
        _night_bands(night, mine),
        markers,
        points,
        h_lines=((0, words["average"]),),
    )


def difference_figure(
    night: Night,
    mine: DayCurve,
    normal: DayCurve,
    shown: int | None = None,
    pinned: tuple[Pinned, str] | None = None,
) -> str:
    """Your night's curve minus the usual one, on its own scale, with a zero line (up to `shown`
    samples, and a pinned night's difference in grey, as in `figure`)."""
    words = scene_text()["chart"]
    shown = len(mine.clock_hours) if shown is None else shown
    changes = difference(mine, normal)
    pinned_changes = difference(pinned[0][1], normal) if pinned else []
    every = [*changes, *pinned_changes]
    low, high, ticks = nice_ticks(min(-1.0, min(every)), max(1.0, max(every)), 6)
    markers, points = _now(mine, changes, shown)
    return line_chart(
        [
            Line(
                words["difference_line"].format(
                    bedtime=clock(night.bedtime), wake=clock(night.wake)
                ),
                mine.clock_hours[:shown],
                changes[:shown],
                YOURS,
                DASHES[0],
            ),
            *_pinned_line(pinned, lambda curve: difference(curve, normal)),
        ],
        words["difference_heading"],
        words["x_title"],
        words["difference_y_title"],
        (mine.clock_hours[0], mine.clock_hours[-1]),
        (low, high),
        _ticks(mine),
        ticks,
        _night_bands(night, mine),
        markers,
        points,
        h_lines=((0, words["same"]),),
    )
