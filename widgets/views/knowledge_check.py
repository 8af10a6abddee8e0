"""A knowledge check learners answer by mouse or keyboard, with feedback that explains why.

Our own small widget rather than `jupyterquiz`: it is plain ipywidgets (radio buttons, a button,
a live feedback line), so it works offline and in a browser kernel, passes axe, and its marking is
tested in Python. Feedback text is always escaped: it comes from files an instructor edits.

The chosen answers are part of the learner's record (widgets/views/my_record.py), under the
check's name: kept in this browser when the learner chose that, and only in this page's kernel
otherwise. A new page shows the choices again but no feedback (press "Check answer" to see it).
A choice the record does not hold (the file has fewer questions or choices now) is left out.
The widget's own words are in widgets/content/knowledge_check.toml.
"""

from __future__ import annotations

import dataclasses
import html
import time
from pathlib import Path

import ipywidgets as ipw

from widgets.course_config import NOTEBOOKS_DIR, course_settings, lesson_dir
from widgets.models.knowledge_check import Question, load_questions, say, score_message
from widgets.models.learner_record import CheckAnswers, LearnerRecord
from widgets.ui.shared import DescriptionStyle, SharedStyles
from widgets.views.my_record import MyRecord, my_record

CHECKS_DIR = NOTEBOOKS_DIR / "checks"  # the English lessons' checks


def checks_dir() -> Path:
    """The knowledge checks beside the lessons of the course's language (notebooks/checks/,
    or notebooks/<language>/checks/)."""
    return lesson_dir(course_settings().language) / "checks"


LATE_CHOICE_SECONDS = 1.5


class QuestionView(ipw.VBox):
    """One question: its text, the choices, a "Check answer" button and the feedback."""

    def __init__(
        self,
        question: Question,
        number: int,
        on_marked=None,
        shared: SharedStyles | None = None,
    ) -> None:
        shared = shared or SharedStyles()
        self.question = question
        self.correct = False
        self._on_marked = on_marked
        label = html.escape(say("question", "number", number=number))
        self.prompt = shared.html(
            f'<p class="btc-question"><strong>{label}</strong> {html.escape(question.text)}</p>'
        )
        self.choices = ipw.RadioButtons(
            options=[(choice, index) for index, choice in enumerate(question.choices)],
            value=None,
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(DescriptionStyle),
        )
        self.choices.add_class("btc-choices")
        self.button = ipw.Button(
            description=say("question", "check"),
            tooltip=say("question", "check_tooltip"),
            layout=shared.layout,
            style=shared.style(ipw.ButtonStyle),
        )
        self.button.add_class("btc-check-button")
        self.feedback = shared.html("", "btc-feedback", "btc-live")
        self._marked_at = float("-inf")
        self.button.on_click(lambda _button: self.mark())
        self.choices.observe(self._late_choice, "value")
        super().__init__(
            [self.prompt, self.choices, self.button, self.feedback], layout=shared.layout
        )
        self.add_class("btc-quiz-question")

    def _late_choice(self, _change) -> None:
        """ipywidgets sends a quick run of choices one at a time, so a "Check answer" click can
        reach the kernel before the last choice does. A choice arriving just after a check is
        that last choice: mark again so the feedback matches what the learner sees."""
        if time.monotonic() - self._marked_at < LATE_CHOICE_SECONDS:
            self.mark()

    def mark(self) -> None:
        self._marked_at = time.monotonic()
        result = self.question.check(self.choices.value)
        self.correct = result.correct
        css = "btc-right" if result.correct else "btc-wrong"
        mark = "✓" if result.correct else "✗"
        self.feedback.value = (
            f'<p class="{css}"><span aria-hidden="true">{mark} </span>'
            f"{html.escape(result.message)}</p>"
        )
        if self._on_marked:
            self._on_marked()


class KnowledgeCheck(ipw.VBox):
    """All questions of one lesson plus a running score. With a `name`, the choices are kept in
    the learner's record under it."""

    def __init__(
        self, questions: tuple[Question, ...], name: str = "", record: MyRecord | None = None
    ) -> None:
        shared = SharedStyles()
        self.name = name
        self.record = (record if record is not None else my_record()) if name else None
        self.score = shared.html("", "btc-live")
        self.message = shared.html("", "btc-live")
        self.questions = [
            QuestionView(q, n, on_marked=self._update_score, shared=shared)
            for n, q in enumerate(questions, 1)
        ]
        self._restoring = False
        for view in self.questions:
            view.choices.observe(self._chosen, "value")
        super().__init__([*self.questions, self.score, self.message], layout=shared.layout)
        self.add_class("btc-quiz")
        if self.record is not None:
            self.record.on_change(self._from_record)
            self._from_record(self.record.record)

    def chosen(self) -> dict[int, int]:
        """Question index -> chosen index, for the questions with a choice."""
        return {
            number: view.choices.value
            for number, view in enumerate(self.questions)
            if isinstance(view.choices.value, int)
        }

    # --- the learner's record -----------------------------------------------------------------

    def _chosen(self, _change) -> None:
        """A learner's choice: put this check's choices in the record (saved on the device if the
        learner chose that). On a refusal, a message; the choice stays on the page."""
        if self.record is None or self._restoring:
            return
        try:
            current = self.record.record
            others = tuple(x for x in current.checks if x.check != self.name)
            answers = CheckAnswers(self.name, tuple(self.chosen().items()))
            mine = (answers,) if answers.answers else ()
            self.record.replace(dataclasses.replace(current, checks=others + mine))
        except ValueError as error:
            reason = str(error).strip()
            reason = reason if reason.endswith(".") else reason + "."
            self.message.value = (
                f'<p class="btc-error">{html.escape(say("record", "not_kept", error=reason))}</p>'
            )
            return
        self.message.value = ""

    def _from_record(self, record: LearnerRecord) -> None:
        """The record arrived from the device, was restored or forgotten: show its choices. A
        question whose choice changes loses its feedback (it was about the other choice)."""
        saved = record.check(self.name)
        chosen = saved.chosen() if saved is not None else {}
        self._restoring = True
        try:
            for number, view in enumerate(self.questions):
                choice = chosen.get(number)
                if choice is not None and not 0 <= choice < len(view.question.choices):
                    choice = None  # the file has fewer choices now
                if view.choices.value != choice:
                    view.choices.value = choice
                    view.feedback.value = ""
                    view.correct = False
        finally:
            self._restoring = False
        if any(view.feedback.value for view in self.questions):
            self._update_score()
        else:
            self.score.value = ""

    def _update_score(self) -> None:
        right = sum(view.correct for view in self.questions)
        self.score.value = (
            f'<p class="btc-score">{html.escape(score_message(right, len(self.questions)))}</p>'
        )


def knowledge_check(name: str, folder: Path | None = None) -> KnowledgeCheck:
    """The knowledge check of a lesson, read from `<lessons>/checks/<name>.toml` in the course's
    language."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"knowledge_check needs a file name from notebooks/checks/, got {name!r}")
    return KnowledgeCheck(load_questions((folder or checks_dir()) / f"{name}.toml"), name)
