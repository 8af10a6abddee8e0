"""The pain pathway explorer (lesson 04): the spinal gate and the brain's volume control.

A scene, like the cycle simulator (widgets/views/cycle_simulator.py): a stage (the story menu,
"predict first", a play bar, the moment's caption, the pathway diagram and the narration) and a
control sheet (the seven sliders in three sections that fold away on a phone). The model has no
time in it, so Play walks through *stories*: a few moments, each setting every input (a stubbed
toe that is rubbed and fades; a hard week; a medicine that boosts noradrenaline). The Moment
slider moves through them; Play steps on every PLAY_INTERVAL_MS in the browser. Moving a slider by
hand leaves the story ("Your own settings"); moving the Moment slider or pressing Play goes back.
A pin keeps one moment's numbers on the diagram in grey. The diagram's arrows are as thick as the
signal or push they carry; its text alternative says the numbers. Every value from the browser
passes the model's checks; a bad one keeps the last picture and says why. The words are in
widgets/content/pain_signal_scene.toml; the sentences are made in widgets/describers/pain_signal.py.
Illustrative: see widgets/models/pain_signal.py.
"""

from __future__ import annotations

import html
import math
from html import escape

import ipywidgets as ipw

from widgets import formats
from widgets.describers.pain_signal import (
    INPUTS,
    Prediction,
    Story,
    describe_guess,
    describe_pin,
    describe_signal,
    moment_caption,
    narrate_moment,
    narrate_own,
    predictions,
    scene_text,
    stories,
)
from widgets.models.pain_signal import PainInputs, PainSignal, pain_signal
from widgets.ui.controls import labelled_slider, refused_setting
from widgets.ui.notes import details_html, note_html
from widgets.ui.plots import AccessibleDiagram
from widgets.ui.scene import build_scene_controls, scene, scene_section, scene_words
from widgets.ui.shared import DescriptionStyle, SharedStyles
from widgets.ui.theme import FONT, INK, OKABE_ITO

#: Milliseconds between moments while a story plays.
PLAY_INTERVAL_MS = 1200
#: The sliders' sections in the control sheet (keys of the content file's [sections]).
SECTIONS = (
    ("body", ("injury", "touch")),
    ("messengers", ("noradrenaline", "serotonin")),
    ("you", ("stress", "low_mood", "short_sleep")),
)
#: What a pin keeps: one moment's inputs and the model's signal for them.
Pinned = tuple[PainInputs, PainSignal]


class PainSignalExplorer(ipw.VBox):
    """Step through a story, or move the sliders; watch the signal pass the gate and the brain's
    volume control."""

    def __init__(self, story: str | None = None) -> None:
        known = stories()
        story = next(iter(known)) if story is None else story
        if story not in known:
            raise ValueError(f"unknown story {story!r}; choose from {', '.join(known)}")
        self._holding = False
        words = scene_words(scene_text())
        own = words["explorer"]
        shared = SharedStyles()
        slider = shared.slider()
        row = shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")
        start = PainInputs()
        self.sliders = {
            name: labelled_slider(
                words["controls"][name],
                min=0,
                max=10,
                step=1,
                value=int(getattr(start, name)),
                **slider,
            )
            for name in INPUTS
        }
        self.story = ipw.Dropdown(
            options=[*known, own["own_settings"]],
            value=story,
            description=own["story_menu"],
            style=shared.style(DescriptionStyle, description_width="initial"),
            layout=shared.style(ipw.Layout, width="min(100%, 30rem)"),
        )
        self.reset_button = ipw.Button(
            description=own["reset"], tooltip=own["reset_tooltip"], **shared.button()
        )
        self.caption = shared.html("", "btc-moment-caption")
        self.diagram = AccessibleDiagram(own["title"], shared)
        self.message = shared.html("", "btc-live")
        self.narration = shared.html("", "btc-live", "btc-narration")

        # The play bar (Play/Pause, the Moment slider, the pin) and "predict first": see
        # widgets/ui/scene.py. The attribute names below are the ones the tests use.
        build_scene_controls(
            self,
            shared,
            words,
            minimum=1,
            maximum=max(len(item.moments) for item in known.values()),
            interval_ms=PLAY_INTERVAL_MS,
            redraw=self.show,
        )
        self.moment = self.bar.scrubber
        self._prediction: Prediction | None = None

        for control in self.sliders.values():
            control.observe(self._changed, "value")
        self.story.observe(self._story_chosen, "value")
        self.moment.observe(self._moment_moved, "value")
        self.reset_button.on_click(lambda _b: self.reset())

        # The story menu and its question lead the stage, so on a phone the question, the Play
        # button and the diagram it plays on come together on the screen. "Back to an ordinary
        # day" sits with the sliders it resets.
        self._story_row = ipw.HBox([self.story], layout=row)
        self._stage_rest = [
            self.bar.widget,
            self.caption,
            self.diagram,
            self.message,
            self.narration,
        ]
        sections = words["sections"]
        controls = [
            self.reset_button,
            *(
                scene_section(
                    sections[key], [self.sliders[name] for name in names], shared, sections
                )
                for key, names in SECTIONS
            ),
        ]
        box, self.stage, self.controls = scene(
            [self._story_row, *self._stage_rest], controls, shared
        )
        notes = scene_text()
        super().__init__(
            [
                shared.html(note_html(notes["note"])),
                box,
                shared.html(details_html(notes["sources"])),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-pain-signal")
        self._story: Story = known[story]
        self._index = 0  # the moment shown, or left when a slider was moved (from 0)
        self._own = False  # the sliders were moved by hand: the inputs are not the story's
        self._inputs = start
        self._signal = pain_signal(start)
        self.apply_story(story)

    # --- reading the controls -------------------------------------------------------------

    def inputs(self) -> PainInputs:
        """The inputs the sliders show (raises ValueError for a value the model refuses)."""
        return PainInputs(**{name: control.value for name, control in self.sliders.items()})

    @property
    def own_settings(self) -> bool:
        """True once a slider was moved by hand (the menu says "Your own settings")."""
        return self._own

    def shown_moment(self) -> int:
        """The moment the Moment slider shows, from 1 (raises ValueError out of the story)."""
        return self.bar.shown(len(self._story.moments))

    # --- stories and moments ---------------------------------------------------------------

    def apply_story(self, name: str, moment: int = 1) -> None:
        """Show a story from moment `moment` (counted from 1): the menu, the Moment slider's
        range and every slider follow it."""
        story = stories()[name]
        self._story = story
        self._holding = True
        try:
            self.story.value = name
            total = len(story.moments)
            self.bar.set_range(1, total)
            self.bar.go_to(moment)
        finally:
            self._holding = False
        self._enter(moment - 1)

    def _enter(self, index: int) -> None:
        """Show moment `index` (from 0) of the story: every slider set, the menu named."""
        self._index, self._own = index, False
        inputs = self._story.moments[index].inputs
        self._holding = True
        try:
            self.story.value = self._story.name
            for name, control in self.sliders.items():
                control.value = int(getattr(inputs, name))
        finally:
            self._holding = False
        self.update()

    def reset(self) -> None:
        """Back to an ordinary day: the first moment of the story (every story starts there)."""
        self.predict.end()
        self.bar.pause()
        self.apply_story(self._story.name)

    # --- reacting ---------------------------------------------------------------------------

    def _story_chosen(self, change) -> None:
        if self._holding:
            return
        if change["new"] not in stories():  # "Your own settings": the sliders stay as they are
            self._own = True
            self.predict.end()
            self._pause_quietly()
            self.update()
            return
        self.bar.pause()
        self.predict.end()
        prediction = predictions().get(change["new"])
        self.apply_story(change["new"], prediction.first if prediction else 1)
        if prediction:
            self._ask(prediction)

    def _changed(self, _change) -> None:
        """A slider moved by hand: the story's name no longer fits, nor does a guess about it."""
        if self._holding:
            return
        self._own = True
        self._holding = True
        try:
            self.story.value = scene_text()["explorer"]["own_settings"]
        finally:
            self._holding = False
        self.predict.end()
        self._pause_quietly()
        self.update()

    def _pause_quietly(self) -> None:
        """Stop playing without a redraw of its own (the caller redraws once)."""
        if self.bar.playing:
            self._holding = True
            try:
                self.bar.pause()
            finally:
                self._holding = False

    def _moment_moved(self, _change) -> None:
        """The Moment slider moved (a tick of Play, or the learner): show that moment."""
        if self._holding:
            return
        try:
            shown = self.shown_moment()
        except ValueError as error:
            self.message.value = refused_setting(error, scene_text()["explorer"]["kept_moment"])
            return
        self.predict.take_guess_or_end(play=False)  # scrubbing before answering
        self._enter(shown - 1)
        self._maybe_reveal()

    def update(self) -> None:
        """Run the model for the sliders and redraw (a refused value keeps the last picture)."""
        try:
            inputs = self.inputs()
        except ValueError as error:
            self.message.value = refused_setting(error, scene_text()["explorer"]["kept_picture"])
            return
        self.message.value = ""
        self._inputs, self._signal = inputs, pain_signal(inputs)
        self.show()

    def show(self) -> None:
        """Draw the last good inputs: caption, diagram (with any pin) and their words.

        While playing, only the pictures and the caption change: the text alternative and the
        narration say "playing" and catch up when it stops (a screen reader would otherwise hear
        a change every second).
        """
        words = scene_text()
        inputs, signal = self._inputs, self._signal
        pinned, label = self.pin.value if self.pin.value else (None, "")
        own, index = self._own, self._index
        caption = words["moment"]["own"] if own else moment_caption(self._story, index)
        self.caption.value = f"<p><strong>{html.escape(caption)}</strong></p>"
        picture = pathway_svg(inputs, signal, pinned, label)
        if self.bar.playing:
            self.diagram.title = words["play"]["playing_title"]
            self.diagram.show(picture, words["play"]["playing_alt"])
            narration = words["play"]["playing_narration"]
        else:
            self.diagram.title = words["explorer"]["title"]
            text = describe_signal(inputs, signal)
            if pinned:
                text += "\n" + describe_pin(signal, pinned[1], label)
            self.diagram.show(picture, text)
            if self._own:
                narration = narrate_own(inputs, self._story, self._index)
            else:
                narration = narrate_moment(self._story, self._index)
            # The caption is on screen above the diagram; the narration starts with it only
            # for a screen reader, which hears the narration when it changes.
            if narration.startswith(caption):
                hidden = f'<p class="btc-visually-hidden">{html.escape(caption)}</p>'
                rest = narration[len(caption) :].strip()
                self.narration.value = f"{hidden}<p>{html.escape(rest)}</p>"
                return
        self.narration.value = f"<p>{html.escape(narration)}</p>"

    # --- play, pin and predict first (widgets/ui/scene.py does the wiring) --------------------

    def _before_play(self) -> bool:
        """Play pressed: back into the story if a slider had left it; while a question waits, a
        chosen answer counts as the guess."""
        if self._own:
            self._enter(self._index)
        return not self.predict.take_guess_or_end()

    def play(self) -> None:
        """Start playing (from moment 1 when the last is shown). Only on a learner's press."""
        if self._own:
            self._enter(self._index)
        self.bar.play()

    def _playing_changed(self, _playing: bool) -> None:
        if not self._holding:
            self.show()

    def _capture_pin(self) -> tuple[Pinned, str]:
        words = scene_text()["pin"]
        if self._own:
            label = words["own_label"]
        else:
            label = words["story_label"].format(story=self._story.name, moment=self._index + 1)
        return (self._inputs, self._signal), label

    def _ask(self, prediction: Prediction) -> None:
        """Show a story's question; the picture waits on the question's first moment."""
        self._prediction = prediction
        self.predict.ask(prediction.question, list(prediction.options))

    def _watch(self, guess: str, play: bool) -> str:
        """The learner has guessed: play the story; the answer comes at the question's last
        moment."""
        prediction = self._prediction
        if play:
            if self._index + 1 >= prediction.last:
                self.bar.go_to(prediction.first)  # ticks _moment_moved: the first moment
            self.play()
        return scene_text()["predict"]["watching"].format(
            guess=prediction.text_of(guess), last=prediction.last
        )

    def _maybe_reveal(self) -> None:
        prediction = self._prediction
        if not self.predict.watching or prediction is None or self._own:
            return
        if self._story.name == prediction.story and self._index + 1 >= prediction.last:
            self.predict.reveal(describe_guess(prediction, self.guess.value))

    def _skip(self) -> None:
        """No guess: show the question's last moment at once."""
        last = self._prediction.last if self._prediction else len(self._story.moments)
        self.bar.pause()
        self.bar.go_to(last)

    def _show_prompt(self, shown: bool) -> None:
        if not shown:
            self._prediction = None
        prompt = [self.predict_box] if shown else []
        self.stage.children = [self._story_row, *prompt, *self._stage_rest]


# --- the diagram (SVG text: small, fast to swap, no script needed in the page) -----------------

#: The diagram is drawn once, for a phone first: 340 units across, its smallest text 16 units,
#: so it stays 12 px or more from a 320 px phone (260 px for the picture) up. It is shown at
#: most MAX_PX wide, so on a laptop it fits the stage beside the sliders without scrolling.
WIDTH = 340
MAX_PX = 340
TEXT = 16
LINE = 20
PINNED_GREY = "#595959"  # pinned numbers: 7:1 on white
GHOST_GREY = "#a6a6a6"  # a pinned arrow, behind the current one
BOX_H = 70
#: Boxes (x, y, width): two columns, the brainstem over the gate, the signal up the right side.
BOXES = {
    "brainstem": (4, 4, 186),
    "brain": (200, 4, 136),
    "gate": (4, 214, 186),
    "body": (4, 364, 186),
    "rubbing": (200, 364, 136),
}


def _width(kind: str, level: float) -> float:
    """An arrow's thickness for a level on 0–10: the signal, a push, or rubbing."""
    per_point = {"signal": 1.0, "push": 0.9, "touch": 0.7}[kind]
    return 1.5 + per_point * level


def _arrow(points: list[tuple[float, float]], width: float, colour: str, head: str) -> str:
    """A line (or an elbow) with a head whose tip stops just short of the last point."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    back = 3 + 0.9 * width  # the head reaches about 0.9 × width past the line's end
    end = (x1 - (x1 - x0) / length * back, y1 - (y1 - y0) / length * back)
    path = " L".join(f"{x:.1f},{y:.1f}" for x, y in [*points[:-1], end])
    return (
        f'<path d="M{path}" fill="none" stroke="{colour}" stroke-width="{width:.1f}" '
        f'stroke-linecap="round" stroke-linejoin="round" marker-end="url(#btc-pp-{head})"/>'
    )


def _ghost(points: list[tuple[float, float]], width: float) -> str:
    """A pinned arrow: grey, no head, beside the current one, stopping where its head starts."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    end = (x1 - (x1 - x0) / length * 4, y1 - (y1 - y0) / length * 4)
    path = " L".join(f"{x:.1f},{y:.1f}" for x, y in [*points[:-1], end])
    return (
        f'<path d="M{path}" fill="none" stroke="{GHOST_GREY}" stroke-width="{width:.1f}" '
        'stroke-linejoin="round"/>'
    )


def _text(x: float, y: float, words: str, anchor: str = "start", extra: str = "") -> str:
    fill = PINNED_GREY if "pinned" in extra else INK
    weight = ' font-weight="700"' if "bold" in extra else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{TEXT}"{weight} '
        f'fill="{fill}">{escape(words)}</text>'
    )


def _wrap(text: str, units: float) -> list[str]:
    per_line = max(1, int(units / (TEXT * 0.56)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _numbers(inputs: PainInputs, signal: PainSignal) -> dict[str, tuple[str, str]]:
    """What each box and arrow label says for one moment: (with its words, the number alone)."""
    words = scene_text()["diagram"]
    touch = formats.number(inputs.touch, 0)
    values = {
        "body": ("body_value", formats.number(signal.from_body, 0), None),
        "gate": ("gate_value", formats.number(signal.gate_open * 100, 0), "{value}%"),
        "brainstem": ("brainstem_value", formats.number(signal.volume, 2), "×{value}"),
        "brain": ("brain_value", formats.number(signal.reaching_brain, 1), None),
        "rubbing": ("rubbing_value", touch, None),
        "brakes": (None, formats.number(signal.descending_inhibition, 1), None),
        "accelerators": (None, formats.number(signal.descending_facilitation, 1), None),
    }
    said = {}
    for name, (pattern, value, alone) in values.items():
        full = words[pattern].format(value=value) if pattern else value
        said[name] = (full, (alone or "{value}").format(value=value))
    if inputs.touch <= 0:
        said["rubbing"] = (words["rubbing_none"], words["rubbing_none"])
    return said


def pathway_svg(
    inputs: PainInputs,
    signal: PainSignal,
    pinned: Pinned | None = None,
    pinned_label: str = "",
) -> str:
    """Body → gate → brain, with the brainstem's brakes (blue) and accelerators (vermillion) and
    rubbing (green). A `pinned` moment adds its numbers in grey under each number, and grey
    arrows as thick as its signals beside the current ones."""
    words = scene_text()["diagram"]
    up, down, touch = OKABE_ITO["vermillion"], OKABE_ITO["blue"], OKABE_ITO["bluish_green"]
    heads = {"up": up, "down": down, "touch": touch}
    parts = [
        "<defs>"
        + "".join(
            f'<marker id="btc-pp-{name}" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="3" '
            f'markerHeight="3" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
            "</marker>"
            for name, colour in heads.items()
        )
        + "</defs>"
    ]
    now = _numbers(inputs, signal)
    then = _numbers(*pinned) if pinned else None

    # The arrows: the signal (body → gate → brain), the brainstem's pushes, rubbing.
    body_x, gate_y, right_x = 95, 214 + BOX_H / 2, 268
    brakes_x, accelerators_x = 26, 172
    top_y, gate_top, gate_bottom, body_top = 4 + BOX_H, 214, 214 + BOX_H, 364
    routes = {
        "from_body": [(body_x, body_top - 2), (body_x, gate_bottom)],
        "reaching_brain": [(192, gate_y), (right_x, gate_y), (right_x, top_y)],
        "descending_inhibition": [(brakes_x, top_y + 2), (brakes_x, gate_top)],
        "descending_facilitation": [(accelerators_x, top_y + 2), (accelerators_x, gate_top)],
    }
    kinds = {
        "from_body": ("signal", up, "up"),
        "reaching_brain": ("signal", up, "up"),
        "descending_inhibition": ("push", down, "down"),
        "descending_facilitation": ("push", up, "up"),
    }
    if pinned:
        # Beside each arrow: to its right and below its elbow, or (the brakes) to its left.
        for field, route in routes.items():
            kind = kinds[field][0]
            width = _width(kind, getattr(signal, field))
            old = _width(kind, getattr(pinned[1], field))
            side = -1 if field == "descending_inhibition" else 1
            offset = side * (width / 2 + old / 2 + 2)
            if field == "reaching_brain":
                (x0, y0), (x1, y1), (x2, y2) = route
                moved = [(x0, y0 + offset), (x1 + offset, y1 + offset), (x2 + offset, y2)]
            else:
                moved = [(x + offset, y) for x, y in route]
            parts.append(_ghost(moved, old))
    for field, route in routes.items():
        kind, colour, head = kinds[field]
        parts.append(_arrow(route, _width(kind, getattr(signal, field)), colour, head))
    if inputs.touch > 0:
        rubbing = [(244, body_top - 2), (166, gate_bottom)]
        parts.append(_arrow(rubbing, _width("touch", inputs.touch), touch, "touch"))

    # The boxes, each with its name, its number and (pinned) the pinned number. The louder the
    # signal arriving, the warmer the brain's box.
    for name, (x, y, w) in BOXES.items():
        fill = 'fill="#f4f4f4"'
        if name == "brain":
            fill = f'fill="{up}" fill-opacity="{0.06 + 0.035 * signal.reaching_brain:.2f}"'
        parts.append(
            f'<rect x="{x}" y="{y}" width="{w}" height="{BOX_H}" rx="10" {fill} '
            f'stroke="{INK}" stroke-width="2"/>'
        )
        middle = x + w / 2
        parts.append(_text(middle, y + 22, words[name], "middle", "bold"))
        parts.append(_text(middle, y + 43, now[name][0], "middle"))
        if then:
            label = words["pinned"].format(value=then[name][1])
            parts.append(_text(middle, y + 63, label, "middle", "pinned"))

    # The pushes' labels, between their arrows: the brakes high, the accelerators low.
    for name, x, y, anchor in (
        ("brakes", brakes_x + 14, 98, "start"),
        ("accelerators", accelerators_x - 14, 158, "end"),
    ):
        parts.append(_text(x, y, words[name], anchor))
        parts.append(_text(x, y + 19, now[name][0], anchor))
        if then:
            label = words["pinned"].format(value=then[name][1])
            parts.append(_text(x, y + 38, label, anchor, "pinned"))

    # The key, and what grey means once a moment is pinned.
    lines = [(line, "") for item in words["key"] for line in _wrap(item, WIDTH - 8)]
    if pinned:
        pinned_key = words["pinned_key"].format(label=pinned_label)
        lines += [(line, "pinned") for line in _wrap(pinned_key, WIDTH - 8)]
    y = body_top + BOX_H + 26
    for number, (line, grey) in enumerate(lines):
        parts.append(_text(4, y + number * LINE, line, "start", grey))
    height = y + (len(lines) - 1) * LINE + 10
    title = scene_text()["explorer"]["title"]
    return (
        f'<svg class="btc-svg btc-pathway" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'style="max-width:{MAX_PX}px" aria-hidden="true" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="{escape(FONT)}"><title>{escape(title)}</title>{"".join(parts)}</svg>'
    )


def pain_signal_explorer() -> PainSignalExplorer:
    """The pain pathway explorer for lesson 04."""
    return PainSignalExplorer()
