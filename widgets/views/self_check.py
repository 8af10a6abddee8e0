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
from widgets.models.self_check import form, has_official_wording, items, needs_crisis_help, score
from widgets.ui.shared import DescriptionStyle, SharedStyles
from widgets.views.my_record import MyRecord, my_record
from widgets.words import words


def self_check_words() -> dict:
    """The self-check's words (widgets/content/self_check.toml), in the course language."""
    return words("self_check")


def next_steps() -> dict[str, str]:
    """What to do next, by band key (see widgets/models/self_check.py, BANDS)."""
    return self_check_words()["next_steps"]


def follow_up() -> str:
    """Leads the result whenever item 9 was answered above 0, whatever the total (safe
    messaging: calm, about reaching out, never reassuring the answer away)."""
    return self_check_words()["safety"]["follow_up"]


def changed_back() -> str:
    """Shown in place of the crisis box when item 9 is changed back to 0 after an answer above
    0, and leading the result then: the help is never dropped silently."""
    return self_check_words()["safety"]["changed_back"]


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
        published, check = form(), self_check_words()["check"]
        self.questions: list[ipw.RadioButtons] = []
        rows: list[ipw.Widget] = [
            shared.html(
                '<div class="btc-model-note"><p><strong>'
                + html.escape(check["intro_lead"])
                + "</strong> "
                + html.escape(check["intro"])
                + "</p></div>"
            ),
            self.last_time,
            shared.html(f"<p><strong>{html.escape(published['stem'])}</strong></p>"),
        ]
        for number, text in enumerate(items(self.version), start=1):
            prompt = shared.html(
                f'<p class="btc-question"><strong>{number}.</strong> {html.escape(text)}</p>'
            )
            choice = ipw.RadioButtons(
                options=[(option, value) for value, option in enumerate(published["options"])],
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
            options=[
                (option, value) for value, option in enumerate(published["difficulty_options"])
            ],
            value=None,
            layout=radio_layout,
            style=radio_style,
        )
        closing = ipw.VBox(
            [
                shared.html(
                    f'<p class="btc-question">{html.escape(published["difficulty_question"])} '
                    f"<em>{html.escape(check['not_scored'])}</em></p>"
                ),
                self.difficulty,
            ],
            layout=shared.layout,
        )
        closing.add_class("btc-quiz-question")
        rows.append(closing)
        self.crisis = shared.html("", "btc-live")
        self.button = ipw.Button(
            description=check["button"],
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
                '<p class="btc-attribution"><small>'
                + html.escape(published["attribution"])
                + "</small></p>"
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
            safety = self_check_words()["safety"]
            self.crisis.value = (
                '<div class="btc-help-body btc-crisis-now"><p><strong>'
                + html.escape(safety["now_lead"])
                + "</strong> "
                + html.escape(safety["now"])
                + "</p>"
                + self._crisis_html
                + "<p>"
                + html.escape(safety["emergency"])
                + "</p></div>"
            )
        elif self._self_harm_seen:
            self.crisis.value = (
                '<div class="btc-help-body btc-crisis-now"><p>'
                + html.escape(changed_back())
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
        content = self_check_words()
        says = content["result"]
        parts = []
        if result.self_harm or self._self_harm_seen:
            lead = follow_up() if result.self_harm else changed_back()
            parts.append(
                '<div class="btc-help-body btc-crisis-now"><p><strong>'
                + html.escape(lead)
                + "</strong></p>"
                + self._crisis_html
                + "</div>"
            )
        total = says["total"].format(score=result.score, maximum=result.maximum)
        band = content["bands"][result.band]
        parts.append(
            "<p>"
            + html.escape(says["range"]).format(
                total=f"<strong>{html.escape(total)}</strong>",
                band=f"<strong>{html.escape(band)}</strong>",
            )
            + "</p>"
        )
        if not (self._self_harm_seen and result.band == "minimal"):
            parts.append(f"<p>{html.escape(content['next_steps'][result.band])}</p>")
        if result.difficulty is not None:
            answer = form()["difficulty_options"][result.difficulty].lower()
            parts.append(
                "<p>"
                + html.escape(says["difficulty"]).format(
                    difficulty=f"<strong>{html.escape(answer)}</strong>"
                )
                + "</p>"
            )
        parts.append(
            f"<p>{html.escape(says['pain_note'])}</p><p>{html.escape(says['not_a_diagnosis'])}</p>"
        )
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
            not_kept = self_check_words()["check"]["not_kept"]
            return not_kept.format(error=reason if reason.endswith(".") else reason + ".")
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
        text = self_check_words()["check"]["last_time"].format(
            date=last.date.isoformat(), score=last.result().score
        )
        self.last_time.value = f"<p>{html.escape(text)}</p>"


def unavailable_notice(config: CourseConfig | None = None) -> ipw.HTML:
    """In a language without the published questionnaire: say so plainly, with crisis help."""
    said = self_check_words()["unavailable"]
    box = SharedStyles().html(
        '<div class="btc-model-note btc-self-check-unavailable"><p><strong>'
        + html.escape(said["lead"])
        + "</strong> "
        + html.escape(said["text"])
        + "</p></div>"
        + crisis_help_html(config or course_settings())
    )
    return box


def self_check() -> SelfCheck | ipw.HTML:
    """The mood self-check configured in course.toml (PHQ-9 or PHQ-8), or, in a language with
    no published translation of it, a plain notice that says so."""
    if not has_official_wording():
        return unavailable_notice()
    return SelfCheck()
