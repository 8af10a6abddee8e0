"""This week: after a lesson's "Try this", tick the practice, mark the lesson finished, see next
week's lesson, and download a weekly reminder for the learner's own calendar (issue 13).

Both ticks are part of the learner's record (widgets/views/my_record.py): kept on this device if
the learner chose that, on this page only otherwise. The reminder is a calendar file made here
(widgets/models/practice.py) and saved from the page: no server pushes anything. Every word is
in widgets/content/practice.toml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import ipywidgets as ipw

from widgets.course_config import CourseConfig, course_settings
from widgets.models.learner_record import LearnerRecord, LessonProgress, PracticeEntry
from widgets.models.practice import DAYS_BETWEEN_LESSONS, next_lesson, weekly_reminder
from widgets.ui.download import download_link
from widgets.ui.shared import CheckboxStyle, SharedStyles
from widgets.views.my_record import MyRecord, my_record
from widgets.words import words as content_words


def words() -> dict:
    """The box's words from widgets/content/practice.toml, in the course language."""
    return content_words("practice")


def _p(text: str, css: str = "") -> str:
    return f"<p{f' class={css!r}' if css else ''}>{html.escape(text)}</p>"


class ThisWeek(ipw.VBox):
    """The practice tick, the "finished" tick, next week's lesson and the calendar reminder."""

    def __init__(
        self,
        lesson: str,
        config: CourseConfig | None = None,
        record: MyRecord | None = None,
    ) -> None:
        config = config or course_settings()
        self.lesson = lesson if lesson.endswith(".ipynb") else f"{lesson}.ipynb"
        LessonProgress(self.lesson)  # a lesson's file name, or ValueError now, for the author
        self.course = config.title
        self.record = record if record is not None else my_record()
        w = words()
        shared = SharedStyles()
        box = {
            "indent": False,
            "layout": shared.style(ipw.Layout, width="auto"),
            "style": shared.style(CheckboxStyle),
        }
        self.practice = ipw.Checkbox(value=False, description=w["practice"], **box)
        self.finished = ipw.Checkbox(value=False, description=w["finished"], **box)
        files = [lesson.file for lesson in config.lessons]
        following = next_lesson(files, self.lesson)
        titles = {lesson.file: lesson.title for lesson in config.lessons}
        ahead = w["next"].format(title=titles[following]) if following else w["last"]
        self.reminder_button = ipw.Button(description=w["reminder_button"], **shared.button())
        self.reminder = shared.html("")
        self.message = shared.html("", "btc-live")
        super().__init__(
            [
                shared.html(f"<h3 class='btc-sim-heading'>{html.escape(w['heading'])}</h3>"),
                shared.html(_p(w["rhythm"]) + _p(ahead)),
                self.practice,
                self.finished,
                shared.html(_p(w["kept"], "btc-note")),
                self.message,
                self.reminder_button,
                self.reminder,
            ],
            layout=shared.layout,
        )
        self.add_class("btc-tool")
        self.add_class("btc-this-week")
        self._holding = False
        self._show(self.record.record)
        self.practice.observe(lambda _c: self._ticked(), "value")
        self.finished.observe(lambda _c: self._ticked(), "value")
        self.reminder_button.on_click(lambda _b: self.make_reminder())
        self.record.on_change(self._show)

    def _ticked(self) -> None:
        if self._holding:
            return
        current = self.record.record
        practice = tuple(x for x in current.practice if x.lesson != self.lesson)
        lessons = tuple(x for x in current.lessons if x.file != self.lesson)
        before = current.lesson(self.lesson)
        try:
            if self.practice.value:
                practice += (PracticeEntry(self.lesson, True, dt.date.today()),)
            if before is not None or self.finished.value:
                lessons += (LessonProgress(self.lesson, True, bool(self.finished.value)),)
            self.record.replace(dataclasses.replace(current, practice=practice, lessons=lessons))
        except ValueError as error:
            self.message.value = _p(words()["not_kept"].format(error=error), "btc-error")
            return
        self.message.value = ""

    def _show(self, record: LearnerRecord) -> None:
        """The record arrived, was restored or forgotten: tick what it holds."""
        done = next((x.done for x in record.practice if x.lesson == self.lesson), False)
        lesson = record.lesson(self.lesson)
        self._holding = True
        try:
            self.practice.value = bool(done)
            self.finished.value = bool(lesson and lesson.done)
        finally:
            self._holding = False

    def make_reminder(self, today: dt.date | None = None) -> None:
        """A calendar file with a weekly reminder from a week today, as a download link."""
        w = words()
        first = (today or dt.date.today()) + dt.timedelta(days=DAYS_BETWEEN_LESSONS)
        text = weekly_reminder(
            first,
            w["reminder_title"].format(course=self.course),
            w["reminder_description"].format(course=self.course),
            self.record.course_id,
        )
        self.reminder.value = download_link(w["file_name"], text, w["reminder_link"]) + _p(
            w["reminder_ready"]
        )


def this_week(lesson: str) -> ThisWeek:
    """This week's practice box for `lesson` (its file name, e.g. "03_the_vicious_cycle")."""
    return ThisWeek(lesson)
