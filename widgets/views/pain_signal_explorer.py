"""The pain pathway explorer (lesson 04): the spinal gate and the brain's volume control.

Sliders for the injury, rubbing, noradrenaline, serotonin, stress, low mood and short sleep; a
pathway diagram whose arrows are as thick as the signal or push they carry; a narration that is
also the diagram's text alternative. Illustrative: see widgets/models/pain_signal.py.
"""

from __future__ import annotations

from html import escape

import ipywidgets as ipw

from widgets.describers.pain_signal import describe_signal
from widgets.models.pain_signal import PainInputs, pain_signal
from widgets.ui.controls import labelled_slider, refused_setting
from widgets.ui.plots import AccessibleDiagram
from widgets.ui.shared import SharedStyles
from widgets.ui.svg import _svg
from widgets.ui.theme import INK, OKABE_ITO

CONTROLS = (
    ("injury", "Injury signal from the body (0 none – 10 severe)"),
    ("touch", "Rubbing the sore spot (0 none – 10 firm)"),
    ("noradrenaline", "Noradrenaline from the brainstem (5 = usual)"),
    ("serotonin", "Serotonin from the brainstem (5 = usual)"),
    ("stress", "Stress (0 calm – 10 extreme)"),
    ("low_mood", "Low mood (0 fine – 10 very low)"),
    ("short_sleep", "Short sleep (0 slept well – 10 hardly slept)"),
)
NOTE = (
    '<div class="btc-model-note"><p><strong>An illustrative model, not a measurement.</strong> '
    "It shows which way each thing pushes a pain signal. The sizes are the course's own "
    "choices.</p></div>"
)
SOURCES = (
    '<details class="btc-model-details"><summary>Where this model comes from, and what it leaves '
    "out</summary><p><strong>Built from:</strong> the gate idea (Melzack &amp; Wall 1965): touch "
    "signals can damp pain signals in the spinal cord; the brain's own control from the brainstem, "
    "which can turn pain down or up (Heinricher et al. 2009); noradrenaline mainly turns pain down "
    "in the spinal cord, and this is one way some antidepressants ease pain (Obata 2017; Bravo et "
    "al. 2019); stress, low mood and poor sleep weaken the brakes (Heinricher et al. 2009; Finan "
    "et al. 2013).</p><p><strong>A simplification:</strong> serotonin can turn pain up or down, "
    "depending on where it acts. Here it does both, and turning down wins slightly. Noradrenaline "
    "mainly turns pain down.</p><p><strong>It leaves out:</strong> the many other messengers "
    "(such as the body's own opioids), inflammation, changes in nerves after long pain, "
    "thoughts and attention, and how people differ. No published model with checked numbers was "
    "available, so every number here is illustrative.</p></details>"
)


class PainSignalExplorer(ipw.VBox):
    """Move the sliders; watch the signal pass the gate and the brain's volume control."""

    def __init__(self) -> None:
        shared = SharedStyles()
        slider = shared.slider()
        start = PainInputs()
        self.sliders = {
            name: labelled_slider(
                label, min=0, max=10, step=1, value=int(getattr(start, name)), **slider
            )
            for name, label in CONTROLS
        }
        for control in self.sliders.values():
            control.observe(lambda _change: self.update(), "value")
        self.reset_button = ipw.Button(
            description="Back to an ordinary day",
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(ipw.ButtonStyle),
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.message = shared.html("", "btc-live")
        self.diagram = AccessibleDiagram("The pain pathway", shared)
        super().__init__(
            [
                shared.html(NOTE),
                *self.sliders.values(),
                self.reset_button,
                self.message,
                self.diagram,
                shared.html(SOURCES),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-pain-signal")
        self.update()

    def reset(self) -> None:
        start = PainInputs()
        with self.hold_trait_notifications():
            for name, control in self.sliders.items():
                control.value = int(getattr(start, name))
        self.update()

    def update(self) -> None:
        try:
            inputs = PainInputs(**{name: c.value for name, c in self.sliders.items()})
        except ValueError as error:
            self.message.value = refused_setting(error, "The picture still shows the last one.")
            return
        self.message.value = ""
        signal = pain_signal(inputs)
        self.diagram.show(pathway_svg(inputs, signal), describe_signal(inputs, signal))


def _arrow(x1: float, y1: float, x2: float, y2: float, width: float, colour: str, head: str) -> str:
    return (
        f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="{colour}" '
        f'stroke-width="{max(1.5, width):.1f}" stroke-linecap="round" '
        f'marker-end="url(#btc-pp-{head})"/>'
    )


def pathway_svg(inputs: PainInputs, signal) -> str:
    """Body → gate → brain, with descending brakes (blue) and accelerators (vermillion)."""
    up, down, touch = OKABE_ITO["vermillion"], OKABE_ITO["blue"], OKABE_ITO["bluish_green"]
    heads = {"up": up, "down": down, "touch": touch}
    parts = [
        "<defs>"
        + "".join(
            f'<marker id="btc-pp-{name}" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="4" '
            f'markerHeight="4" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
            "</marker>"
            for name, colour in heads.items()
        )
        + "</defs>"
    ]

    def box(x: float, y: float, w: float, h: float, title: str, sub: str) -> str:
        return (
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#f4f4f4" '
            f'stroke="{INK}" stroke-width="2"/><text x="{x + w / 2}" y="{y + 24}" '
            f'text-anchor="middle" font-size="15" font-weight="700" fill="{INK}">'
            f'{escape(title)}</text><text x="{x + w / 2}" y="{y + 44}" text-anchor="middle" '
            f'font-size="13" fill="{INK}">{escape(sub)}</text>'
        )

    parts += [
        box(20, 250, 150, 60, "Body", f"injury {signal.from_body:.0f}/10"),
        box(245, 250, 170, 60, "Spinal cord gate", f"{signal.gate_open * 100:.0f}% open"),
        box(470, 30, 150, 60, "Brain", f"feels {signal.reaching_brain:.1f}/10"),
        box(245, 30, 170, 60, "Brainstem", f"volume ×{signal.volume:.2f}"),
    ]
    parts.append(_arrow(170, 280, 240, 280, 1 + 1.6 * signal.from_body, up, "up"))
    parts.append(_arrow(420, 268, 548, 100, 1 + 1.6 * signal.reaching_brain, up, "up"))
    parts.append(
        _arrow(300, 90, 300, 243, 1 + 1.2 * signal.descending_inhibition, down, "down")
        + f'<text x="292" y="125" text-anchor="end" font-size="13" fill="{INK}">brakes '
        f"{signal.descending_inhibition:.1f}</text>"
    )
    parts.append(
        _arrow(360, 90, 360, 243, 1 + 1.2 * signal.descending_facilitation, up, "up")
        + f'<text x="380" y="125" font-size="13" fill="{INK}">accelerators '
        f"{signal.descending_facilitation:.1f}</text>"
    )
    if inputs.touch > 0:
        parts.append(
            _arrow(95, 360, 280, 316, 1 + 0.8 * inputs.touch, touch, "touch")
            + f'<text x="20" y="380" font-size="13" fill="{INK}">rubbing closes the gate</text>'
        )
    parts.append(
        f'<text x="20" y="410" font-size="13" fill="{INK}">Thicker arrow = stronger. Blue = '
        "turns pain down; orange-red = pain signal or turns it up.</text>"
    )
    return _svg(640, 420, "The pain pathway", "".join(parts))


def pain_signal_explorer() -> PainSignalExplorer:
    """The pain pathway explorer for lesson 04."""
    return PainSignalExplorer()
