"""The three-question pain check (our own wording, after the PEG idea), for lessons 02 and 06.

Three sliders (0–10) and a plain result with "this is not a diagnosis" and a next step. Answers
stay in the learner's kernel; nothing is stored or sent.
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.models.pain_check import NOT_A_DIAGNOSIS, QUESTIONS, SOURCE, score
from widgets.ui.controls import labelled_slider
from widgets.ui.shared import SharedStyles

SHORT_NAMES = ("Pain strength", "Gets in the way of enjoying life", "Gets in the way of activities")


class PainCheck(ipw.VBox):
    """Three 0–10 questions about pain, then a plain result."""

    def __init__(self) -> None:
        shared = SharedStyles()
        slider = shared.slider()
        rows: list[ipw.Widget] = [
            shared.html(f'<div class="btc-model-note"><p>{html.escape(NOT_A_DIAGNOSIS)}</p></div>')
        ]
        self.questions: list[ipw.IntSlider] = []
        for number, (question, name) in enumerate(zip(QUESTIONS, SHORT_NAMES, strict=True), 1):
            rows.append(
                shared.html(
                    f'<p class="btc-question"><strong>{number}.</strong> '
                    f"{html.escape(question.text)} <span class='btc-scale-ends'>"
                    f"({html.escape(question.low_label)}; {html.escape(question.high_label)})"
                    "</span></p>"
                )
            )
            answer = labelled_slider(
                f"{number}. {name} (0–10)", min=0, max=10, step=1, value=0, **slider
            )
            self.questions.append(answer)
            rows.append(answer)
        self.button = ipw.Button(
            description="See my pain result",
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(ipw.ButtonStyle),
        )
        self.button.add_class("btc-check-button")
        self.button.on_click(lambda _button: self.show_result())
        self.result = shared.html("", "btc-live", "btc-narration")
        rows += [
            self.button,
            self.result,
            shared.html(f'<p class="btc-attribution"><small>{html.escape(SOURCE)}</small></p>'),
        ]
        super().__init__(rows, layout=shared.layout)
        self.add_class("btc-quiz")
        self.add_class("btc-pain-check")

    def show_result(self) -> None:
        try:
            result = score([question.value for question in self.questions])
        except ValueError as error:
            self.result.value = f'<p class="btc-error">{html.escape(str(error))}</p>'
            return
        self.result.value = (
            f"<p><strong>Your average: {result.mean:.1f} out of 10</strong>, in the "
            f"<strong>{html.escape(result.band)}</strong> band of this check.</p>"
            f"<p>{html.escape(result.message)}</p>"
        )


def pain_check() -> PainCheck:
    """The three-question pain check."""
    return PainCheck()
