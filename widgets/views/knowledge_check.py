"""A knowledge check learners answer by mouse or keyboard, with feedback that explains why.

Our own small widget rather than `jupyterquiz`: it is plain ipywidgets (radio buttons, a button,
a live feedback line), so it works offline and in a browser kernel, passes axe, and its marking is
tested in Python. Feedback text is always escaped: it comes from files an instructor edits.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

import ipywidgets as ipw

from widgets.course_config import NOTEBOOKS_DIR
from widgets.models.knowledge_check import Question, load_questions, score_message
from widgets.ui.shared import DescriptionStyle, SharedStyles

CHECKS_DIR = NOTEBOOKS_DIR / "checks"
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
        self.prompt = shared.html(
            f'<p class="btc-question"><strong>Question {number}.</strong> '
            f"{html.escape(question.text)}</p>"
        )
        self.choices = ipw.RadioButtons(
            options=[(choice, index) for index, choice in enumerate(question.choices)],
            value=None,
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(DescriptionStyle),
        )
        self.choices.add_class("btc-choices")
        self.button = ipw.Button(
            description="Check answer",
            tooltip="Check your answer",
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
    """All questions of one lesson plus a running score."""

    def __init__(self, questions: tuple[Question, ...]) -> None:
        shared = SharedStyles()
        self.score = shared.html("", "btc-live")
        self.questions = [
            QuestionView(q, n, on_marked=self._update_score, shared=shared)
            for n, q in enumerate(questions, 1)
        ]
        super().__init__([*self.questions, self.score], layout=shared.layout)
        self.add_class("btc-quiz")

    def _update_score(self) -> None:
        right = sum(view.correct for view in self.questions)
        self.score.value = (
            f'<p class="btc-score">{html.escape(score_message(right, len(self.questions)))}</p>'
        )


def knowledge_check(name: str, folder: Path = CHECKS_DIR) -> KnowledgeCheck:
    """The knowledge check of a lesson, read from `notebooks/checks/<name>.toml`."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"knowledge_check needs a file name from notebooks/checks/, got {name!r}")
    return KnowledgeCheck(load_questions(folder / f"{name}.toml"))
