"""The parts every simulator scene shares: a play bar, a pin, a "predict first" prompt, and the
stage-and-controls layout (PhET's model: a scene, not a form).

Each part is plain ipywidgets wired in the kernel and knows nothing of any model. A view gives it
its words (from its content file, over the defaults in widgets/content/scene.toml) and callbacks;
the view decides what a tick draws, what a pin keeps and what the model's answer is. The layout
is in course.css ("Simulator scenes"): side by side on wide screens, the stage first on phones.

Playing: an ipywidgets `Play` ticks in the browser and is jslinked there to the scrubber, so each
tick costs one message to the kernel and one redraw there (measured against sending every frame
at once: benchmarks/play.py, docs/models/cycle.md). Nothing ever starts playing by itself.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from widgets.describers.scene import scene_words  # noqa: F401 (views import it from here)
from widgets.ui.controls import labelled_slider
from widgets.ui.shared import DescriptionStyle, SharedStyles

#: A choice that reaches the kernel this soon after "Show me" found none still counts (ipywidgets
#: sends a quick run of choices one at a time; as in widgets/views/knowledge_check.py). For as long
#: again after that, the same button (now "Close") ignores a second press meant for "Show me".
LATE_CHOICE_SECONDS = 1.5


def _row(shared: SharedStyles) -> ipw.Layout:
    return shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")


class PlayBar:
    """Play/Pause and a scrubber (Day, Hour, Week...) in one row, with room for a pin.

    `before_play` is asked when the learner presses Play: return False to take the press for
    something else (a "predict first" prompt uses it). `on_playing` hears Play start and stop.
    """

    def __init__(
        self,
        shared: SharedStyles,
        words: dict,
        *,
        minimum: int,
        maximum: int,
        interval_ms: int,
        before_play: Callable[[], bool] | None = None,
        on_playing: Callable[[bool], None] | None = None,
        extra: list[ipw.Widget] | None = None,
    ) -> None:
        self._words, self._minimum = words, minimum
        self._before_play = before_play
        self._on_playing = on_playing
        self.play_button = ipw.Button(
            description=words["play"], tooltip=words["play_tooltip"], **shared.button()
        )
        self.play_button.add_class("btc-play-button")
        self.scrubber = labelled_slider(
            words["scrubber"], min=minimum, max=maximum, step=1, value=maximum, **shared.slider()
        )
        self.scrubber.add_class("btc-day-slider")
        # The `Play` widget itself stays hidden (its buttons are icons without names): it only
        # ticks, in the browser, and moves the scrubber there.
        self.player = ipw.Play(
            value=maximum,
            min=minimum,
            max=maximum,
            step=1,
            interval=interval_ms,
            show_repeat=False,
            description=words["play"],
            layout=ipw.Layout(display="none"),
        )
        self.link = ipw.jslink((self.player, "value"), (self.scrubber, "value"))
        self.play_button.on_click(self._pressed)
        self.player.observe(self._playing_changed, "playing")
        # Play and the extras (the pin) first, then the scrubber: on a phone the scrubber takes a
        # line of its own, so the buttons share one row above it instead of one each.
        self.widget = ipw.HBox(
            [self.play_button, *(extra or []), self.scrubber, self.player], layout=_row(shared)
        )
        self.widget.add_class("btc-play-bar")

    @property
    def playing(self) -> bool:
        return bool(self.player.playing)

    def shown(self, last: int | None = None) -> int:
        """The scrubber's value, checked against `last` (the run's length) when given, else its
        own range: the browser can send any value, and even change the range."""
        value, low = self.scrubber.value, self._minimum
        high = self.scrubber.max if last is None else last
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(
                f"{self._words['scrubber'].lower()} must be a whole number from {low} to {high}, "
                f"got {value!r}"
            )
        return value

    def set_range(self, minimum: int, maximum: int) -> None:
        """A new run of another length (a story with more moments): the scrubber and the player
        both cover it, and the scrubber stays inside it."""
        if not minimum < maximum:
            raise ValueError(f"the range must run upwards, got {minimum} to {maximum}")
        self._minimum = minimum
        for control in (self.scrubber, self.player):
            control.max = max(control.max, maximum)  # never below the value while it moves
            control.min = minimum
            control.value = min(max(control.value, minimum), maximum)
            control.max = maximum

    def go_to(self, value: int) -> None:
        """Move the scrubber (and the hidden player, so Play carries on from there)."""
        self.scrubber.value = value
        self.player.value = value

    def play(self) -> None:
        """Start playing, from the start when the end is shown. Only ever on a learner's press."""
        if self.scrubber.value >= self.scrubber.max:
            self.go_to(self.scrubber.min)
        self.player.playing = True

    def pause(self) -> None:
        self.player.playing = False

    def _pressed(self, _button) -> None:
        if self.playing:
            self.pause()
            return
        if self._before_play is None or self._before_play():
            self.play()

    def _playing_changed(self, change) -> None:
        playing = bool(change["new"])
        # course.js brings the stage into view when play starts off screen (a phone, after
        # "Show me" in the control sheet below the chart).
        if playing:
            self.widget.add_class("btc-playing")
        else:
            self.widget.remove_class("btc-playing")
        self.play_button.description = self._words["pause" if playing else "play"]
        self.play_button.tooltip = self._words["pause_tooltip" if playing else "play_tooltip"]
        if self._on_playing:
            self._on_playing(playing)


class Pin:
    """Keep one run on the chart to compare with the next: "Pin this run" and "Clear pin".

    `capture` returns what to keep and what to call it; `on_change` redraws.
    """

    def __init__(
        self,
        shared: SharedStyles,
        words: dict,
        *,
        capture: Callable[[], tuple[Any, str]],
        on_change: Callable[[], None],
    ) -> None:
        self._capture, self._on_change = capture, on_change
        self.value: tuple[Any, str] | None = None
        self.pin_button = ipw.Button(
            description=words["pin"], tooltip=words["pin_tooltip"], **shared.button()
        )
        self.clear_button = ipw.Button(
            description=words["clear"],
            tooltip=words["clear_tooltip"],
            disabled=True,
            **shared.button(),
        )
        self.pin_button.on_click(lambda _b: self.keep())
        self.clear_button.on_click(lambda _b: self.clear())
        self.widget = ipw.HBox([self.pin_button, self.clear_button], layout=_row(shared))
        self.widget.add_class("btc-pin-group")

    def keep(self) -> None:
        self.value = self._capture()
        self.clear_button.disabled = False
        self._on_change()

    def clear(self) -> None:
        self.value = None
        self.clear_button.disabled = True
        self._on_change()


class PredictFirst:
    """Ask what the learner expects, then show it: a question, its options, Show me and Skip.

    States: "" (no prompt), "asking", "watching" (a guess is in, the run is being shown) and
    "shown" (the model's answer is on screen). `on_watch(guess, play)` starts showing the run and
    returns the sentence to show meanwhile; `on_skip()` shows the run without a guess;
    `on_visible(shown)` puts the prompt's box on screen or takes it off.
    """

    def __init__(
        self,
        shared: SharedStyles,
        words: dict,
        *,
        on_watch: Callable[[str, bool], str],
        on_skip: Callable[[], None],
        on_visible: Callable[[bool], None],
    ) -> None:
        self._words = words
        self._on_watch, self._on_skip, self._on_visible = on_watch, on_skip, on_visible
        self.state = ""
        self.wanted_at = 0.0  # when "Show me" last found no choice
        self.watched_at = 0.0  # when the learner's guess was taken
        self.guess = ipw.RadioButtons(
            options=[],
            value=None,
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(DescriptionStyle),
        )
        self.guess.add_class("btc-choices")
        self.show_me = ipw.Button(description=words["show_me"], **shared.button())
        self.skip_button = ipw.Button(description=words["skip"], **shared.button())
        self.question = shared.html("")
        self.feedback = shared.html("", "btc-live")
        self._buttons = ipw.HBox([self.show_me, self.skip_button], layout=_row(shared))
        self.box = ipw.VBox([], layout=shared.layout)
        self.box.add_class("btc-quiz-question")
        self.box.add_class("btc-predict")
        self.show_me.on_click(self._show_me_pressed)
        self.skip_button.on_click(lambda _b: self.skip())
        self.guess.observe(self._guess_chosen, "value")

    @property
    def asking(self) -> bool:
        return self.state == "asking"

    @property
    def watching(self) -> bool:
        return self.state == "watching"

    def ask(self, question: str, options: list[tuple[str, str]]) -> None:
        """Show a question with its (key, text) options; the view holds its run until answered."""
        self.state = "asking"
        self.guess.options = [(text, key) for key, text in options]
        self.guess.value = None
        self.question.value = (
            f'<p class="btc-question"><strong>{html.escape(self._words["heading"])}.</strong> '
            f"{html.escape(question)}</p>"
        )
        self.show_me.description = self._words["show_me"]
        self.feedback.value = ""
        self.box.children = [self.question, self.guess, self._buttons, self.feedback]
        self._on_visible(True)

    def take_guess_or_end(self, play: bool = True) -> bool:
        """The learner moved on while asked (pressed Play, moved the scrubber): a chosen answer
        counts as their guess; without one the prompt goes. True when a guess was taken."""
        if not self.asking:
            return False
        if self.guess.value:
            self.watch(play)
            return True
        self.end()
        return False

    def watch(self, play: bool = True) -> None:
        """The learner has guessed: the view shows its run; the answer comes with `reveal`."""
        self.state = "watching"
        self.wanted_at, self.watched_at = 0.0, time.monotonic()
        sentence = self._on_watch(self.guess.value, play)
        self.feedback.value = f"<p>{html.escape(sentence)}</p>"
        self.show_me.description = self._words["close"]
        self.box.children = [self.question, self.feedback, self.show_me]

    def reveal(self, sentence: str) -> None:
        """The run has been shown: put the model's answer beside the learner's guess."""
        if self.state != "watching":
            return
        self.state = "shown"
        self.feedback.value = f"<p>{html.escape(sentence)}</p>"

    def skip(self) -> None:
        """No guess: end the prompt and show the run at once."""
        self.end()
        self._on_skip()

    def end(self) -> None:
        if not self.state:
            return
        self.state = ""
        self._on_visible(False)

    def _show_me_pressed(self, _button) -> None:
        if self.state != "asking":
            settled = time.monotonic() - self.watched_at > LATE_CHOICE_SECONDS
            if self.state == "shown" or settled:
                self.end()  # the same button reads "Close" once the run is shown
            return
        if not self.guess.value:
            self.wanted_at = time.monotonic()
            self.feedback.value = f"<p>{html.escape(self._words['choose_first'])}</p>"
            return
        self.watch()

    def _guess_chosen(self, change) -> None:
        late = time.monotonic() - self.wanted_at < LATE_CHOICE_SECONDS
        if self.asking and change["new"] and late:
            self.watch()


def scene_section(
    title: str, children: list[ipw.Widget], shared: SharedStyles, words: dict
) -> ipw.VBox:
    """A titled group of controls. On a narrow screen only its Show/Hide button shows until it is
    opened (course.css); on a wide one it is always open and the button is hidden."""
    heading = shared.html(f"<h3 class='btc-sim-heading'>{html.escape(title)}</h3>")
    heading.add_class("btc-scene-heading")
    toggle = ipw.Button(description=words["show"].format(section=title), **shared.button())
    toggle.add_class("btc-scene-toggle")
    body = ipw.VBox(children, layout=shared.layout)
    body.add_class("btc-scene-body")
    section = ipw.VBox([heading, toggle, body], layout=shared.layout)
    section.add_class("btc-scene-section")

    def flip(_button) -> None:
        opening = "btc-open" not in section._dom_classes
        if opening:
            section.add_class("btc-open")
        else:
            section.remove_class("btc-open")
        toggle.description = words["hide" if opening else "show"].format(section=title)

    toggle.on_click(flip)
    return section


def scene(stage: list[ipw.Widget], controls: list[ipw.Widget], shared: SharedStyles) -> tuple:
    """The stage (chart, play bar, narration) and the control sheet, laid out by course.css.

    Returns (scene box, stage box, controls box); the view may change the controls' children.
    """
    stage_box = ipw.VBox(stage, layout=shared.layout)
    stage_box.add_class("btc-scene-stage")
    controls_box = ipw.VBox(controls, layout=shared.layout)
    controls_box.add_class("btc-scene-controls")
    box = ipw.Box([stage_box, controls_box], layout=shared.layout)
    box.add_class("btc-scene")
    return box, stage_box, controls_box


def build_scene_controls(
    view: Any,
    shared: SharedStyles,
    words: dict,
    *,
    minimum: int,
    maximum: int,
    interval_ms: int,
    redraw: Callable[[], None],
) -> None:
    """Give a simulator view its pin, play bar and "predict first", wired to the view's
    `_capture_pin`, `_before_play`, `_playing_changed`, `_watch`, `_skip` and `_show_prompt`,
    with the attribute names every simulator's tests use (`play_button`, `player`, `pin_button`,
    `guess`, `show_me`, `predict_box`...). The parts are `view.pin`, `view.bar` and
    `view.predict`; the scrubber is `view.bar.scrubber`, which each view names itself."""
    view.pin = Pin(shared, words["pin"], capture=view._capture_pin, on_change=redraw)
    view.bar = PlayBar(
        shared,
        words["play"],
        minimum=minimum,
        maximum=maximum,
        interval_ms=interval_ms,
        before_play=view._before_play,
        on_playing=view._playing_changed,
        extra=[view.pin.widget],
    )
    view.predict = PredictFirst(
        shared,
        words["predict"],
        on_watch=view._watch,
        on_skip=view._skip,
        on_visible=view._show_prompt,
    )
    bar, pin, predict = view.bar, view.pin, view.predict
    view.play_button, view.player, view.play_link = bar.play_button, bar.player, bar.link
    view.pin_button, view.clear_pin_button = pin.pin_button, pin.clear_button
    view.guess, view.show_me = predict.guess, predict.show_me
    view.skip_button, view.question = predict.skip_button, predict.question
    view.predict_feedback, view.predict_box = predict.feedback, predict.box
