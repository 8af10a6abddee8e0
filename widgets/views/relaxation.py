"""Relaxation tools for lesson 05: a breathing guide and two step-by-step scripts with timers.

All timing runs in the browser, so it stays smooth and sends nothing to the server. Python only
writes markup: the breathing circle is a CSS animation whose keyframes are built here from the
pattern (widgets/models/breathing.py), and the course page script
(assets/voila/templates/course/static/course.js) finds `.btc-pacer` and `.btc-step-timer`
elements and counts down in text, announcing only phase changes and the start and end of a step.
With reduced motion the circle stays still (course.css) and the words still count. Every word is
in widgets/content/relaxation.toml, read when a tool is made; the learner types nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as ipw

from widgets.models.breathing import (
    DEFAULT_LENGTH,
    DEFAULT_PATTERN,
    LENGTHS,
    PATTERNS,
    Pattern,
    cycles_for,
    phase_ends,
)
from widgets.ui.shared import DescriptionStyle, SharedStyles
from widgets.words import word, words

CONTENT = "relaxation"
SMALL, LARGE = 0.45, 1.0  # the circle's scale at the end of a breath out / a breath in


def _text(text: str) -> str:
    """Our own words as HTML text (no quotes to escape outside an attribute)."""
    return html.escape(text, quote=False)


def pattern_name(key: str) -> str:
    """The name the list shows for pattern `key` of widgets/models/breathing.py."""
    return word(CONTENT, "patterns", key)


def length_name(seconds: int) -> str:
    """The name the list shows for a session length, e.g. "3 minutes"."""
    return word(CONTENT, "lengths", str(seconds))


def phase_data(pattern: Pattern) -> str:
    """The phases as course.js reads them, e.g. "in:4,out:6"."""
    return ",".join(f"{kind}:{seconds}" for kind, seconds in pattern.phases)


def keyframes(pattern: Pattern) -> list[tuple[float, float]]:
    """(percent of the cycle, circle scale) points: grow on "in", shrink on "out", still on hold."""
    points, scale = [(0.0, SMALL)], SMALL
    for percent, kind in phase_ends(pattern):
        scale = {"in": LARGE, "out": SMALL}.get(kind, scale)
        points.append((percent, scale))
    return points


def pacer_markup(pattern: Pattern, seconds: int, run: int = 1) -> str:
    """The running breathing guide: a circle animated by CSS and text that course.js counts down.

    `run` changes on every Start, so starting again replaces the element and restarts both the
    animation and the browser's timer.
    """
    cycles = cycles_for(pattern, seconds)
    total = cycles * pattern.cycle_seconds
    name = f"btc-breathe-{pattern.slug}"
    frames = " ".join(
        f"{pct:g}% {{ transform: scale({scale:g}); }}" for pct, scale in keyframes(pattern)
    )
    style = (
        f"<style>@keyframes {name} {{ {frames} }} "
        f".{name} .btc-pacer-circle {{ animation: {name} {pattern.cycle_seconds}s ease-in-out "
        f"{cycles} both; }}</style>"
    )
    done = html.escape(word(CONTENT, "breathing", "done"))
    return (
        f'{style}<div class="btc-pacer {name}" data-phases="{phase_data(pattern)}" '
        f'data-seconds="{total}" data-run="{int(run)}" data-done="{done}">'
        '<div class="btc-pacer-stage" aria-hidden="true"><div class="btc-pacer-circle"></div></div>'
        '<p class="btc-pacer-text"><span class="btc-pacer-phase" aria-live="polite"></span> '
        '<span class="btc-pacer-count" aria-hidden="true"></span></p>'
        '<p class="btc-pacer-left" aria-hidden="true"></p></div>'
    )


def idle_markup(message: str, error: bool = False) -> str:
    """The still circle and one line of text, shown before Start and after Stop."""
    kind = "btc-error" if error else "btc-pacer-text"
    return (
        '<div class="btc-pacer btc-pacer-idle">'
        '<div class="btc-pacer-stage" aria-hidden="true"><div class="btc-pacer-circle"></div></div>'
        f'<p class="{kind}">{html.escape(message)}</p></div>'
    )


@dataclass(frozen=True)
class Step:
    """One step of a script: its title, what to do, and how long its timer runs."""

    title: str
    text: str
    seconds: int


def _steps(script: str) -> tuple[Step, ...]:
    return tuple(
        Step(step["title"], step["text"], int(step["seconds"]))
        for step in words(CONTENT)[script]["steps"]
    )


def pmr_intro() -> str:
    """The muscle relaxation script's introduction, in the course language."""
    return word(CONTENT, "pmr", "intro")


def pmr_steps() -> tuple[Step, ...]:
    """The muscle relaxation script's steps, in the course language."""
    return _steps("pmr")


def imagery_intro() -> str:
    """The calm-place script's introduction, in the course language."""
    return word(CONTENT, "imagery", "intro")


def imagery_steps() -> tuple[Step, ...]:
    """The calm-place script's steps, in the course language."""
    return _steps("imagery")


def note_markup() -> str:
    """The "what this is for / go gently" box above the tools."""
    paragraphs = "".join(
        f"<p><strong>{_text(part['lead'])}</strong> {_text(part['text'])}</p>"
        for part in words(CONTENT)["note"]
    )
    return f'<div class="btc-model-note">{paragraphs}</div>'


def sources_markup() -> str:
    """ "Where this comes from": the evidence in brief and the review it cites."""
    source = words(CONTENT)["sources"]
    return (
        f'<details class="btc-model-details"><summary>{_text(source["summary"])}</summary>'
        f"<p>{_text(source['text'])}</p>"
        f"<p><small>{_text(source['citation'])} <em>{_text(source['journal'])}</em>. "
        f"{_text(source['published'])}</small></p></details>"
    )


def step_markup(intro: str, steps: tuple[Step, ...], index: int) -> tuple[str, str]:
    """(text, timer) markup for step `index`: 0 is the introduction, which has no timer."""
    if index == 0:
        before = _text(word(CONTENT, "steps", "before"))
        return f'<p class="btc-step-count">{before}</p><p>{html.escape(intro)}</p>', ""
    step = steps[index - 1]
    count = word(CONTENT, "steps", "count").format(number=index, total=len(steps), title=step.title)
    text = f'<p class="btc-step-count">{html.escape(count)}</p><p>{html.escape(step.text)}</p>'
    done = html.escape(word(CONTENT, "steps", "done"))
    minutes, seconds = divmod(step.seconds, 60)
    timer = (
        f'<div class="btc-step-timer" data-seconds="{step.seconds}" data-step="{index}" '
        f'data-done="{done}"><span class="btc-timer-status" aria-live="polite">'
        f'</span> <span class="btc-timer-count" aria-hidden="true">{minutes}:{seconds:02d}</span>'
        "</div>"
    )
    return text, timer


class StepScript(ipw.VBox):
    """A script read one step at a time, with Previous / Next buttons and a browser-side timer."""

    def __init__(
        self, script: str, intro: str, steps: tuple[Step, ...], shared: SharedStyles
    ) -> None:
        """`script` is the script's section of relaxation.toml ("pmr" or "imagery")."""
        if not steps:
            raise ValueError("a script needs at least one step")
        self.intro, self.steps, self.index = intro, steps, 0
        heading = word(CONTENT, script, "heading")
        button = shared.button()
        self.previous = ipw.Button(description=word(CONTENT, script, "previous"), **button)
        self.next = ipw.Button(description=word(CONTENT, script, "next"), **button)
        self.previous.on_click(lambda _button: self.go(self.index - 1))
        self.next.on_click(lambda _button: self.go(self.index + 1))
        # Two live regions: the step text is read when it changes; the timer announces its own
        # start and end (its seconds are hidden from screen readers).
        self.text = shared.html("", "btc-live", "btc-step-text")
        self.timer = shared.html("", "btc-live")
        super().__init__(
            [
                shared.html(f"<h3 class='btc-sim-heading'>{html.escape(heading)}</h3>"),
                self.text,
                self.timer,
                ipw.HBox(
                    [self.previous, self.next],
                    layout=shared.style(ipw.Layout, flex_flow="row wrap", align_items="center"),
                ),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-step-script")
        self.go(0)

    def go(self, index: int) -> None:
        """Show step `index`, kept within the script (0 is the introduction)."""
        self.index = max(0, min(len(self.steps), int(index)))
        self.text.value, self.timer.value = step_markup(self.intro, self.steps, self.index)
        # Nowhere to go: say so with the button itself, not with a silent click.
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.steps)


class Relaxation(ipw.VBox):
    """A breathing guide, progressive muscle relaxation and a calm-place script."""

    def __init__(self) -> None:
        shared = SharedStyles()
        label = shared.style(DescriptionStyle, description_width="initial")
        fit = shared.style(ipw.Layout, width="auto")  # as wide as the longest choice
        button = {"layout": fit, "style": shared.style(ipw.ButtonStyle)}
        row = shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")
        say = words(CONTENT)["breathing"]
        self.runs = 0
        self.pattern = ipw.Dropdown(
            options=[(pattern_name(key), key) for key in PATTERNS],
            value=DEFAULT_PATTERN,
            description=say["pattern"],
            style=label,
            layout=fit,
        )
        self.length = ipw.Dropdown(
            options=[(length_name(seconds), seconds) for seconds in LENGTHS],
            value=DEFAULT_LENGTH,
            description=say["length"],
            style=label,
            layout=fit,
        )
        self.start_button = ipw.Button(description=say["start"], **button)
        self.stop_button = ipw.Button(description=say["stop"], **button)
        self.start_button.on_click(lambda _button: self.start())
        self.stop_button.on_click(lambda _button: self.stop())
        self.pacer = shared.html("", "btc-live")
        self.muscles = StepScript("pmr", pmr_intro(), pmr_steps(), shared)
        self.imagery = StepScript("imagery", imagery_intro(), imagery_steps(), shared)
        super().__init__(
            [
                shared.html(note_markup()),
                shared.html(f"<h3 class='btc-sim-heading'>{_text(say['heading'])}</h3>"),
                shared.html(f"<p>{_text(say['how'])}</p>"),
                ipw.HBox([self.pattern, self.length], layout=row),
                ipw.HBox([self.start_button, self.stop_button], layout=row),
                self.pacer,
                self.muscles,
                self.imagery,
                shared.html(sources_markup()),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-relaxation")
        self.stop(message=say["ready"])

    @property
    def running(self) -> bool:
        return "data-seconds" in self.pacer.value

    def start(self) -> None:
        """Start (or restart) the guide with the chosen pattern and length."""
        pattern = PATTERNS.get(self.pattern.value) if isinstance(self.pattern.value, str) else None
        seconds = self.length.value if self.length.value in LENGTHS else None
        if pattern is None or seconds is None:
            key = "choose_pattern" if pattern is None else "choose_length"
            self.pacer.value = idle_markup(word(CONTENT, "breathing", key), True)
            return
        self.runs += 1
        self.pacer.value = pacer_markup(pattern, seconds, self.runs)

    def stop(self, message: str | None = None) -> None:
        """Show the still circle with `message` (by default: stopped, start again any time)."""
        self.pacer.value = idle_markup(
            message if message is not None else word(CONTENT, "breathing", "stopped")
        )


def relaxation() -> Relaxation:
    """The lesson 05 relaxation tools: breathing guide, muscle relaxation, a calm place."""
    return Relaxation()
