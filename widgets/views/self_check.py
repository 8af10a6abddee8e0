"""The mood self-check (PHQ-9, or PHQ-8 by configuration), for lessons 02 and 06.

Safety first: any answer above "Not at all" on the self-harm question shows crisis help at once,
before the learner asks for a result, and the result then leads with the follow-up whatever the
total. If that answer is changed back to "Not at all", the help stays, with a note: it is never
dropped silently. The result is a plain band with "this is not a diagnosis" and what to do next.
Storing never comes before safety: the crisis help is shown by `_answered` the moment an answer
arrives, and storing happens only after a result is shown, so it can neither delay nor replace
the help or the follow-up; a refusal from the record is added after the result, never in its place.

Each finished check (the first result shown on a page, then that same entry updated if the
learner changes answers and asks again) is part of the learner's record
(widgets/views/my_record.py) with today's date: kept in this browser when the learner chose that,
and only in this page's kernel otherwise. Nothing is sent to the server. When the record holds an
earlier check, one plain line says its date and score.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import ipywidgets as ipw

from widgets.course_config import CourseConfig, course_settings
from widgets.crisis_help import crisis_help_html
from widgets.models.learner_record import LearnerRecord, SelfCheckEntry
from widgets.models.self_check import (
    ATTRIBUTION,
    DIFFICULTY_OPTIONS,
    DIFFICULTY_QUESTION,
    OPTIONS,
    STEM,
    items,
    needs_crisis_help,
    score,
)
from widgets.ui.shared import DescriptionStyle, SharedStyles
from widgets.views.my_record import MyRecord, my_record

NEXT_STEPS = {
    "minimal": "Few of these problems bothered you. Keep doing what helps you.",
    "mild": "Some of these problems bothered you. Keep an eye on them, and try the ideas in "
    'the lesson "Breaking the cycle". If they last or grow, talk with your doctor.',
    "moderate": "These problems bothered you quite a lot. Please talk with your doctor or a "
    "mental health professional about how you feel.",
    "moderately severe": "These problems bothered you a lot. Please make an appointment with "
    "your doctor or a mental health professional soon.",
    "severe": "These problems bothered you very much. Please contact your doctor or a mental "
    "health professional as soon as you can.",
}
#: Leads the result whenever item 9 was answered above 0, whatever the total (safe messaging:
#: calm, about reaching out, never reassuring the answer away).
FOLLOW_UP = (
    "You said you have had thoughts that you would be better off dead, or of hurting yourself. "
    "Whatever your total, that answer matters most. Please talk to someone today: a doctor, "
    "someone you trust, or a crisis line below. You do not have to wait until it feels worse."
)
#: Shown in place of the crisis box when item 9 is changed back to 0 after an answer above 0.
CHANGED_BACK = (
    "You changed your answer to the question about hurting yourself. If those thoughts come back, "
    "or you are not sure, help is still here, any time:"
)
#: The earlier check the record holds, in one plain line (computed from its answers).
LAST_TIME = "Last time ({date}) your score was {score}."
#: Added after the result when the record refuses the check: the result and any help stay.
NOT_KEPT = "This check was not saved: {error} Your answers are still on this page."
PAIN_NOTE = (
    "Pain itself can cause poor sleep, tiredness, poor focus and appetite changes, so a score can "
    "look higher than your mood alone would make it."
)


class SelfCheck(ipw.VBox):
    """Questions answered by keyboard or mouse, crisis help at once when needed, a plain result."""

    def __init__(self, config: CourseConfig | None = None, record: MyRecord | None = None) -> None:
        config = config or course_settings()
        self.record = record if record is not None else my_record()
        #: The entry this page put in the record (None before the first result, or after forget).
        self._entry: SelfCheckEntry | None = None
        self.version = config.selfcheck_version
        self._crisis_html = crisis_help_html(config)
        shared = SharedStyles()
        self.last_time = shared.html("")
        radio_layout = shared.style(ipw.Layout, width="auto")
        radio_style = shared.style(DescriptionStyle)
        self.questions: list[ipw.RadioButtons] = []
        rows: list[ipw.Widget] = [
            shared.html(
                '<div class="btc-model-note"><p><strong>This is not a diagnosis.</strong> It helps '
                "you notice how you have been, and gives you words to share with a doctor. Only a "
                "health professional can diagnose depression. Nothing is sent to the server. If "
                "you chose to keep your answers on this device (at the top of the page), your "
                "result is kept in this browser, so next time you can compare.</p></div>"
            ),
            self.last_time,
            shared.html(f"<p><strong>{html.escape(STEM)}</strong></p>"),
        ]
        for number, text in enumerate(items(self.version), start=1):
            prompt = shared.html(
                f'<p class="btc-question"><strong>{number}.</strong> {html.escape(text)}</p>'
            )
            choice = ipw.RadioButtons(
                options=[(option, value) for value, option in enumerate(OPTIONS)],
                value=None,
                layout=radio_layout,
                style=radio_style,
            )
            choice.observe(self._answered, "value")
            self.questions.append(choice)
            box = ipw.VBox([prompt, choice], layout=shared.layout)
            box.add_class("btc-quiz-question")
            rows.append(box)
        self._self_harm_seen = False
        self.difficulty = ipw.RadioButtons(
            options=[(option, value) for value, option in enumerate(DIFFICULTY_OPTIONS)],
            value=None,
            layout=radio_layout,
            style=radio_style,
        )
        closing = ipw.VBox(
            [
                shared.html(
                    f'<p class="btc-question">{html.escape(DIFFICULTY_QUESTION)} '
                    "<em>(This one is not added to your score.)</em></p>"
                ),
                self.difficulty,
            ],
            layout=shared.layout,
        )
        closing.add_class("btc-quiz-question")
        rows.append(closing)
        self.crisis = shared.html("", "btc-live")
        self.button = ipw.Button(
            description="See my result",
            layout=shared.layout,
            style=shared.style(ipw.ButtonStyle),
        )
        self.button.add_class("btc-check-button")
        self.button.on_click(lambda _button: self.show_result())
        self.result = shared.html("", "btc-live", "btc-narration")
        rows += [
            self.crisis,
            self.button,
            self.result,
            shared.html(
                f'<p class="btc-attribution"><small>{html.escape(ATTRIBUTION)}</small></p>'
            ),
        ]
        super().__init__(rows, layout=shared.layout)
        self.add_class("btc-quiz")
        self.add_class("btc-self-check")
        self.record.on_change(self._from_record)
        self._show_last_time()

    def answers(self) -> list[int | None]:
        return [question.value for question in self.questions]

    def _answered(self, _change) -> None:
        """Show crisis help the moment the self-harm question gets any answer above 0, and keep
        it (with a note) if that answer is changed back."""
        if needs_crisis_help(self.answers()):
            self._self_harm_seen = True
            self.crisis.value = (
                '<div class="btc-help-body btc-crisis-now"><p><strong>Thank you for answering '
                "honestly. You do not have to face these thoughts alone.</strong> Please reach out "
                "now to someone you trust or a crisis line. Talking can help, and help is there "
                "for you.</p>" + self._crisis_html + "<p>If you might act on these thoughts or "
                "you are in danger, call your local emergency number now.</p></div>"
            )
        elif self._self_harm_seen:
            self.crisis.value = (
                '<div class="btc-help-body btc-crisis-now"><p>'
                + html.escape(CHANGED_BACK)
                + "</p>"
                + self._crisis_html
                + "</div>"
            )
        else:
            self.crisis.value = ""

    def show_result(self) -> None:
        try:
            result = score(self.answers(), self.version, self.difficulty.value)
        except ValueError as error:
            self.result.value = f'<p class="btc-error">{html.escape(str(error).capitalize())}.</p>'
            return
        parts = []
        if result.self_harm or self._self_harm_seen:
            lead = FOLLOW_UP if result.self_harm else CHANGED_BACK
            parts.append(
                '<div class="btc-help-body btc-crisis-now"><p><strong>'
                + html.escape(lead)
                + "</strong></p>"
                + self._crisis_html
                + "</div>"
            )
        parts.append(
            f"<p><strong>Your total: {result.score} out of {result.maximum}</strong>. On this "
            f"questionnaire, that is in the <strong>{html.escape(result.band)}</strong> range.</p>"
        )
        if not (self._self_harm_seen and result.band == "minimal"):
            parts.append(f"<p>{html.escape(NEXT_STEPS[result.band])}</p>")
        if result.difficulty:
            parts.append(
                f"<p>You said these problems made daily life: "
                f"<strong>{html.escape(result.difficulty.lower())}</strong>. That is worth telling "
                "your doctor too.</p>"
            )
        parts.append(f"<p>{html.escape(PAIN_NOTE)}</p><p>This is not a diagnosis.</p>")
        self.result.value = "".join(parts)
        # Only now, with the result and any help already shown, is the check put in the record.
        problem = self._keep()
        if problem:
            self.result.value += f'<p class="btc-error">{html.escape(problem)}</p>'

    # --- the learner's record -----------------------------------------------------------------

    def _keep(self) -> str:
        """Put this check in the record with today's date (replacing the one this page put there
        before). "" when done; otherwise a message, and the record and the form are unchanged."""
        try:
            entry = SelfCheckEntry(
                dt.date.today(), self.version, tuple(self.answers()), self.difficulty.value
            )
            current = self.record.record
            self.record.replace(
                dataclasses.replace(current, self_checks=(*self._without_mine(current), entry))
            )
        except ValueError as error:
            reason = str(error).strip()
            return NOT_KEPT.format(error=reason if reason.endswith(".") else reason + ".")
        self._entry = entry
        return ""

    def _without_mine(self, record: LearnerRecord) -> tuple[SelfCheckEntry, ...]:
        """The record's self-checks without the one this page put there."""
        checks = list(record.self_checks)
        if self._entry in checks:
            checks.remove(self._entry)
        return tuple(checks)

    def _from_record(self, record: LearnerRecord) -> None:
        """The record arrived from the device, was restored or forgotten: show its last check.
        The form, the crisis help and the result are left as they are."""
        if self._entry not in record.self_checks:
            self._entry = None  # forgotten: the next result is a new check
        self._show_last_time()

    def _show_last_time(self) -> None:
        earlier = self._without_mine(self.record.record)
        if not earlier:
            self.last_time.value = ""
            return
        last = earlier[-1]  # kept in date order
        self.last_time.value = (
            "<p>"
            + html.escape(LAST_TIME.format(date=last.date.isoformat(), score=last.result().score))
            + "</p>"
        )


def self_check() -> SelfCheck:
    """The mood self-check configured in course.toml (PHQ-9 or PHQ-8)."""
    return SelfCheck()
