"""The three-question pain check (our own wording, after the PEG idea), for lessons 02 and 06.

Three sliders (0–10) and a plain result with "this is not a diagnosis" and a next step.

Each finished check (the first result shown on a page, then that same entry updated if the
learner changes answers and asks again) is part of the learner's record
(widgets/views/my_record.py) with today's date: kept in this browser when the learner chose that,
and only in this page's kernel otherwise. Nothing is sent to the server. When the record holds an
earlier check, one plain line says its date and average. A refusal from the record is added after
the result, never in its place, and the answers stay on the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import ipywidgets as ipw

from widgets import formats
from widgets.models.learner_record import LearnerRecord, PainCheckEntry
from widgets.models.pain_check import questions, score
from widgets.ui.controls import labelled_slider
from widgets.ui.shared import SharedStyles
from widgets.views.my_record import MyRecord, my_record
from widgets.words import words


def pain_check_words() -> dict:
    """The pain check's words (widgets/content/pain_check.toml), in the course language."""
    return words("pain_check")


class PainCheck(ipw.VBox):
    """Three 0–10 questions about pain, then a plain result."""

    def __init__(self, record: MyRecord | None = None) -> None:
        self.record = record if record is not None else my_record()
        #: The entry this page put in the record (None before the first result, or after forget).
        self._entry: PainCheckEntry | None = None
        shared = SharedStyles()
        slider = shared.slider()
        self.last_time = shared.html("")
        check = pain_check_words()["check"]
        rows: list[ipw.Widget] = [
            shared.html(
                f'<div class="btc-model-note"><p>{html.escape(check["not_a_diagnosis"])}</p>'
                f"<p>{html.escape(check['kept'])}</p></div>"
            ),
            self.last_time,
        ]
        self.questions: list[ipw.IntSlider] = []
        for number, question in enumerate(questions(), 1):
            rows.append(
                shared.html(
                    f'<p class="btc-question"><strong>{number}.</strong> '
                    f"{html.escape(question.text)} <span class='btc-scale-ends'>"
                    f"({html.escape(question.low_label)}; {html.escape(question.high_label)})"
                    "</span></p>"
                )
            )
            label = check["slider"].format(number=number, name=question.short_name)
            answer = labelled_slider(label, min=0, max=10, step=1, value=0, **slider)
            self.questions.append(answer)
            rows.append(answer)
        self.button = ipw.Button(
            description=check["button"],
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(ipw.ButtonStyle),
        )
        self.button.add_class("btc-check-button")
        self.button.on_click(lambda _button: self.show_result())
        self.result = shared.html("", "btc-live", "btc-narration")
        rows += [
            self.button,
            self.result,
            shared.html(
                f'<p class="btc-attribution"><small>{html.escape(check["source"])}</small></p>'
            ),
        ]
        super().__init__(rows, layout=shared.layout)
        self.add_class("btc-quiz")
        self.add_class("btc-pain-check")
        self.record.on_change(self._from_record)
        self._show_last_time()

    def answers(self) -> list[int]:
        return [question.value for question in self.questions]

    def show_result(self) -> None:
        try:
            result = score(self.answers())
        except ValueError as error:
            self.result.value = f'<p class="btc-error">{html.escape(str(error))}</p>'
            return
        content = pain_check_words()
        says = content["result"]
        average = says["average"].format(mean=formats.number(result.mean, 1))
        band = content["bands"][result.band]
        sentence = html.escape(says["band"]).format(
            average=f"<strong>{html.escape(average)}</strong>",
            band=f"<strong>{html.escape(band)}</strong>",
        )
        self.result.value = f"<p>{sentence}</p><p>{html.escape(result.message)}</p>"
        problem = self._keep()
        if problem:
            self.result.value += f'<p class="btc-error">{html.escape(problem)}</p>'

    # --- the learner's record -----------------------------------------------------------------

    def _keep(self) -> str:
        """Put this check in the record with today's date (replacing the one this page put there
        before). "" when done; otherwise a message, and the record and the form are unchanged."""
        try:
            entry = PainCheckEntry(dt.date.today(), tuple(self.answers()))
            current = self.record.record
            self.record.replace(
                dataclasses.replace(current, pain_checks=(*self._without_mine(current), entry))
            )
        except ValueError as error:
            reason = str(error).strip()
            not_kept = pain_check_words()["check"]["not_kept"]
            return not_kept.format(error=reason if reason.endswith(".") else reason + ".")
        self._entry = entry
        return ""

    def _without_mine(self, record: LearnerRecord) -> tuple[PainCheckEntry, ...]:
        """The record's pain checks without the one this page put there."""
        checks = list(record.pain_checks)
        if self._entry in checks:
            checks.remove(self._entry)
        return tuple(checks)

    def _from_record(self, record: LearnerRecord) -> None:
        """The record arrived from the device, was restored or forgotten: show its last check.
        The sliders and the result are left as they are."""
        if self._entry not in record.pain_checks:
            self._entry = None  # forgotten: the next result is a new check
        self._show_last_time()

    def _show_last_time(self) -> None:
        earlier = self._without_mine(self.record.record)
        if not earlier:
            self.last_time.value = ""
            return
        last = earlier[-1]  # kept in date order
        text = pain_check_words()["check"]["last_time"].format(
            date=last.date.isoformat(), mean=formats.number(last.result().mean, 1)
        )
        self.last_time.value = f"<p>{html.escape(text)}</p>"


def pain_check() -> PainCheck:
    """The three-question pain check."""
    return PainCheck()
