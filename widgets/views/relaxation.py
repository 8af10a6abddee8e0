"""Relaxation tools for lesson 05: a breathing guide and two step-by-step scripts with timers.

All timing runs in the browser, so it stays smooth and sends nothing to the server. Python only
writes markup: the breathing circle is a CSS animation whose keyframes are built here from the
pattern, and the course page script (assets/voila/templates/course/static/course.js) finds
`.btc-pacer` and `.btc-step-timer` elements and counts down in text, announcing only phase
changes and the start and end of a step. With reduced motion the circle stays still (course.css)
and the words still count. Every word here is ours and static; the learner types nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as ipw

from widgets.ui.shared import DescriptionStyle, SharedStyles

PHASE_KINDS = ("in", "hold", "out")
SMALL, LARGE = 0.45, 1.0  # the circle's scale at the end of a breath out / a breath in
PACER_DONE = "Done. Notice how you feel."
STEP_DONE = "Time is up. Go on when you are ready."


@dataclass(frozen=True)
class Pattern:
    """A breathing pattern: phases of "in", "hold" or "out", each a whole number of seconds."""

    name: str
    phases: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        check_phases(self.phases)

    @property
    def cycle_seconds(self) -> int:
        return sum(seconds for _kind, seconds in self.phases)

    @property
    def slug(self) -> str:
        """A CSS-safe name made of the phases, e.g. "in4-out6"."""
        return "-".join(f"{kind}{seconds}" for kind, seconds in self.phases)

    @property
    def data(self) -> str:
        """The phases as course.js reads them, e.g. "in:4,out:6"."""
        return ",".join(f"{kind}:{seconds}" for kind, seconds in self.phases)


def check_phases(phases: tuple[tuple[str, int], ...]) -> None:
    """A cycle must breathe in, then out, alternating (holds allowed between), 1–20 s a phase."""
    if not phases:
        raise ValueError("a pattern needs at least one phase")
    for kind, seconds in phases:
        if kind not in PHASE_KINDS:
            raise ValueError(f"unknown phase {kind!r}; use one of {', '.join(PHASE_KINDS)}")
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 1 <= seconds <= 20:
            raise ValueError(
                f"a phase lasts a whole number of seconds from 1 to 20, not {seconds!r}"
            )
    moves = [kind for kind, _seconds in phases if kind != "hold"]
    if not moves or moves[0] != "in" or moves[-1] != "out":
        raise ValueError("a pattern starts with a breath in and ends with a breath out")
    if any(a == b for a, b in zip(moves, moves[1:], strict=False)):
        raise ValueError("breaths in and out must take turns")


PATTERNS = {
    "in4-out6": Pattern("Longer breath out: in 4, out 6", (("in", 4), ("out", 6))),
    "in5-out5": Pattern("Even: in 5, out 5", (("in", 5), ("out", 5))),
    "in3-out4": Pattern("Short and easy: in 3, out 4", (("in", 3), ("out", 4))),
    "box4": Pattern(
        "Box: in 4, hold 4, out 4, hold 4", (("in", 4), ("hold", 4), ("out", 4), ("hold", 4))
    ),
}
LENGTHS = {"1 minute": 60, "3 minutes": 180, "5 minutes": 300}


def keyframes(pattern: Pattern) -> list[tuple[float, float]]:
    """(percent of the cycle, circle scale) points: grow on "in", shrink on "out", still on hold."""
    points = [(0.0, SMALL)]
    elapsed, scale = 0, SMALL
    for kind, seconds in pattern.phases:
        elapsed += seconds
        scale = {"in": LARGE, "out": SMALL}.get(kind, scale)
        points.append((round(100 * elapsed / pattern.cycle_seconds, 3), scale))
    return points


def cycles_for(pattern: Pattern, seconds: int) -> int:
    """Whole cycles nearest the session length (at least one), so it ends after a breath out."""
    return max(1, round(seconds / pattern.cycle_seconds))


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
    return (
        f'{style}<div class="btc-pacer {name}" data-phases="{pattern.data}" '
        f'data-seconds="{total}" data-run="{int(run)}" data-done="{html.escape(PACER_DONE)}">'
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
    title: str
    text: str
    seconds: int


PMR_INTRO = (
    "Sit or lie down in a way that feels good for your body. In each step you tense one part of "
    "your body a little for about 5 seconds, then let it go for about 15 seconds. Tense only a "
    "little, and never into pain. Skip any part that hurts, or just picture it letting go. We "
    "leave out the neck and back, as they are often sore. You can stop at any time."
)
PMR_STEPS = (
    Step(
        "Feet",
        "Curl your toes down a little, as if you grip the floor. Hold for about 5 seconds. Now "
        "let go. Feel your feet grow soft and heavy.",
        20,
    ),
    Step(
        "Legs",
        "Gently press your knees together, or tighten the front of your thighs a little. Hold. "
        "Now let go. Notice your legs rest on the floor or bed.",
        20,
    ),
    Step(
        "Belly",
        "Pull your belly in a little, as if you zip up tight jeans. Hold. Let go, and let your "
        "belly move freely as you breathe.",
        20,
    ),
    Step(
        "Hands",
        "Make loose fists with both hands. Squeeze only a little. Hold. Now open your hands and "
        "let your fingers rest. Notice any warmth or tingling.",
        20,
    ),
    Step(
        "Arms",
        "Bend your elbows and tighten your upper arms a little. Hold. Now let your arms drop and "
        "feel heavy.",
        20,
    ),
    Step(
        "Shoulders",
        "Lift your shoulders a little toward your ears. Hold. Now let them drop. Let them sink "
        "a bit lower each time you breathe out.",
        20,
    ),
    Step(
        "Face",
        "Gently scrunch your face: close your eyes tight and wrinkle your nose. Hold. Now let go. "
        "Let your forehead go smooth and your jaw go loose.",
        20,
    ),
    Step(
        "Whole body",
        "Let your whole body rest. Breathe slowly. Check from your feet to your face for any "
        "tight spot. If you find one, breathe out and let it soften.",
        30,
    ),
    Step(
        "Coming back",
        "Wiggle your fingers and toes. Take your time before you get up. How does your body feel "
        "now, compared with before? That was the last step.",
        20,
    ),
)
IMAGERY_INTRO = (
    "This is a short trip in your mind to a calm place. It can be a real place or one you make "
    "up: a beach, a garden, a quiet room. You can close your eyes, or keep them open and rest "
    "your gaze on one spot. If a picture feels upsetting, open your eyes, look around the room, "
    "and stop. You can stop at any time."
)
IMAGERY_STEPS = (
    Step(
        "Settle",
        "Get comfortable. Take a few slow breaths. Let each breath out be a little longer than "
        "the breath in.",
        30,
    ),
    Step(
        "Choose your place",
        "Bring a calm place to mind, somewhere you feel safe and at ease. If nothing comes, "
        "picture a warm room with soft light.",
        30,
    ),
    Step(
        "Look",
        "Look around your calm place. What colours do you see? Is the light bright or soft? "
        "Take your time.",
        30,
    ),
    Step(
        "Listen",
        "Now listen. Maybe you hear waves, birds or rain, or just quiet. Let the sounds come "
        "and go.",
        30,
    ),
    Step(
        "Feel",
        "What do you feel? Maybe warm sun, a cool breeze, soft grass or a cosy blanket. Let "
        "your body sink into this place.",
        30,
    ),
    Step(
        "Smell",
        "Is there a smell? Fresh air, flowers, the sea, or bread in the oven. Breathe it in "
        "slowly.",
        30,
    ),
    Step(
        "Stay a while",
        "Stay here for a while. There is nothing you need to do. If your mind wanders, or pain "
        "pulls at you, that is OK. Gently come back to one thing you can see or hear here.",
        60,
    ),
    Step(
        "Coming back",
        "You can come back to this place any time. Now let the picture fade. Notice the seat or "
        "bed under you and the sounds in the room. Wiggle your fingers and toes. Take your time. "
        "That was the last step.",
        30,
    ),
)

NOTE = (
    '<div class="btc-model-note"><p><strong>What this is for.</strong> These are short ways to '
    "calm your body and mind. They are skills: they get easier the more you practise. They may "
    "help a little with pain and more with mood (see below). They do not replace care from your "
    "health team.</p><p><strong>Go gently.</strong> Breathe softly, not deeply. If you feel "
    "dizzy, light-headed or short of breath, stop and breathe as you normally do. Stop any part "
    "that hurts or upsets you.</p></div>"
)
SOURCES = (
    '<details class="btc-model-details"><summary>Where this comes from</summary>'
    "<p>Slow breathing, muscle relaxation and calm-place imagery are common parts of pain "
    "programmes. A review of 38 trials of mindfulness meditation for long-lasting pain found a "
    "small drop in pain, with low-quality evidence, and clearer gains in depression and quality "
    "of life (Hilton et al. 2017). Breathing, muscle relaxation and imagery have been studied "
    "less on their own. The patterns, scripts and timings here are the course's own; they are "
    "practice, not a treatment.</p>"
    "<p><small>Hilton L, Hempel S, Ewing BA, et al. Mindfulness meditation for chronic pain: "
    "systematic review and meta-analysis. <em>Ann Behav Med</em>. 2017;51(2):199–213. "
    "doi:10.1007/s12160-016-9844-2.</small></p></details>"
)


def step_markup(intro: str, steps: tuple[Step, ...], index: int) -> tuple[str, str]:
    """(text, timer) markup for step `index`: 0 is the introduction, which has no timer."""
    if index == 0:
        return f'<p class="btc-step-count">Before you begin</p><p>{html.escape(intro)}</p>', ""
    step = steps[index - 1]
    text = (
        f'<p class="btc-step-count">Step {index} of {len(steps)}: {html.escape(step.title)}</p>'
        f"<p>{html.escape(step.text)}</p>"
    )
    minutes, seconds = divmod(step.seconds, 60)
    timer = (
        f'<div class="btc-step-timer" data-seconds="{step.seconds}" data-step="{index}" '
        f'data-done="{html.escape(STEP_DONE)}"><span class="btc-timer-status" aria-live="polite">'
        f'</span> <span class="btc-timer-count" aria-hidden="true">{minutes}:{seconds:02d}</span>'
        "</div>"
    )
    return text, timer


class StepScript(ipw.VBox):
    """A script read one step at a time, with Previous / Next buttons and a browser-side timer."""

    def __init__(
        self, heading: str, noun: str, intro: str, steps: tuple[Step, ...], shared: SharedStyles
    ) -> None:
        if not steps:
            raise ValueError("a script needs at least one step")
        self.intro, self.steps, self.index = intro, steps, 0
        button = shared.button()
        self.previous = ipw.Button(description=f"Previous {noun} step", **button)
        self.next = ipw.Button(description=f"Next {noun} step", **button)
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
        self.runs = 0
        self.pattern = ipw.Dropdown(
            options=[(pattern.name, key) for key, pattern in PATTERNS.items()],
            value="in4-out6",
            description="Breathing pattern",
            style=label,
            layout=fit,
        )
        self.length = ipw.Dropdown(
            options=list(LENGTHS.items()),
            value=60,
            description="How long",
            style=label,
            layout=fit,
        )
        self.start_button = ipw.Button(description="Start the breathing guide", **button)
        self.stop_button = ipw.Button(description="Stop the breathing guide", **button)
        self.start_button.on_click(lambda _button: self.start())
        self.stop_button.on_click(lambda _button: self.stop())
        self.pacer = shared.html("", "btc-live")
        self.muscles = StepScript(
            "Progressive muscle relaxation", "muscle", PMR_INTRO, PMR_STEPS, shared
        )
        self.imagery = StepScript(
            "A calm place (guided imagery)", "imagery", IMAGERY_INTRO, IMAGERY_STEPS, shared
        )
        super().__init__(
            [
                shared.html(NOTE),
                shared.html("<h3 class='btc-sim-heading'>Breathing guide</h3>"),
                shared.html(
                    "<p>Breathe in as the circle grows and out as it shrinks. The words below it "
                    "count each breath. Pick a pattern that feels easy; any of them is fine.</p>"
                ),
                ipw.HBox([self.pattern, self.length], layout=row),
                ipw.HBox([self.start_button, self.stop_button], layout=row),
                self.pacer,
                self.muscles,
                self.imagery,
                shared.html(SOURCES),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-relaxation")
        self.stop(message="Press Start when you are ready. You can stop at any time.")

    @property
    def running(self) -> bool:
        return "data-seconds" in self.pacer.value

    def start(self) -> None:
        """Start (or restart) the guide with the chosen pattern and length."""
        pattern = PATTERNS.get(self.pattern.value) if isinstance(self.pattern.value, str) else None
        seconds = self.length.value if self.length.value in LENGTHS.values() else None
        if pattern is None or seconds is None:
            what = "breathing pattern" if pattern is None else "length"
            self.pacer.value = idle_markup(f"Please choose a {what} from the list first.", True)
            return
        self.runs += 1
        self.pacer.value = pacer_markup(pattern, seconds, self.runs)

    def stop(self, message: str = "Stopped. Start again whenever you like.") -> None:
        self.pacer.value = idle_markup(message)


def relaxation() -> Relaxation:
    """The lesson 05 relaxation tools: breathing guide, muscle relaxation, a calm place."""
    return Relaxation()
