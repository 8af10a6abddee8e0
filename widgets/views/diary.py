"""The pain, sleep and mood diary (lesson 06): record days, see trends, save and load a CSV file.

Days are part of the learner's record (widgets/views/my_record.py): kept in this browser when the
learner chose that, and only in this page's kernel otherwise. Nothing is written on the server.
The CSV file (made in the browser) is a second way to keep them, and to move them elsewhere.
Every value from the browser goes through the model's checks; a bad one gets a message and
nothing already entered is lost. Notes are shown as text, never as HTML. Every word is in
widgets/content/diary.toml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math

import ipywidgets as ipw

from widgets import formats
from widgets.describers.diary import describe_diary
from widgets.models.diary import (
    MAX_BYTES,
    NOTE_LIMIT,
    Diary,
    Entry,
    from_csv,
    merge,
    say,
    scale,
    to_csv,
)
from widgets.ui.controls import labelled_slider
from widgets.ui.download import download_link
from widgets.ui.plots import SvgChart
from widgets.ui.shared import DescriptionStyle, SharedStyles, TextStyle
from widgets.ui.svg import DASHES, Line, line_chart
from widgets.ui.theme import OKABE_ITO
from widgets.views.my_record import MyRecord, my_record
from widgets.words import word

SHOWN_ROWS = 14
SHOWN_PROBLEMS = 20
#: The table's columns, left to right (their headings are in diary.toml [columns]).
TABLE_COLUMNS = ("date", "pain", "sleep_hours", "sleep_quality", "mood", "active_minutes", "note")


def note() -> str:
    """The box above the diary: where the days are kept, and what the file holds."""
    button = f"<em>{html.escape(say('note', 'download'))}</em>"
    text = html.escape(word("diary", "note", "text")).format(download=button)
    return (
        f'<div class="btc-model-note"><p><strong>{html.escape(say("note", "heading"))}</strong> '
        f"{text}</p></div>"
    )


def _heading(text: str) -> str:
    return f"<h3 class='btc-sim-heading'>{html.escape(text)}</h3>"


class DiaryTool(ipw.VBox):
    """Record a day, see the last two weeks and the 7-day averages, download or load a file."""

    def __init__(self, record: MyRecord | None = None) -> None:
        self.record = record if record is not None else my_record()
        self.diary = self.record.record.diary
        self.record.on_change(self._from_record)
        shared = SharedStyles()
        wide = shared.style(DescriptionStyle, description_width="initial")
        slider = shared.slider()
        box = shared.style(ipw.Layout, width="min(100%, 20rem)")
        form = {key: say("form", key) for key in ("date", "pain", "sleep_hours", "sleep_quality")}
        self.day = ipw.DatePicker(
            description=form["date"], value=dt.date.today(), style=wide, layout=box
        )
        self.pain = labelled_slider(form["pain"], min=0, max=10, step=1, value=5, **slider)
        self.sleep_hours = ipw.BoundedFloatText(
            description=form["sleep_hours"],
            value=7.0,
            min=0,
            max=24,
            step=0.5,
            style=wide,
            layout=box,
        )
        self.sleep_quality = labelled_slider(
            form["sleep_quality"], min=0, max=10, step=1, value=5, **slider
        )
        self.mood = labelled_slider(say("form", "mood"), min=0, max=10, step=1, value=5, **slider)
        self.active_minutes = ipw.BoundedIntText(
            description=say("form", "active_minutes"),
            value=0,
            min=0,
            max=1440,
            step=5,
            style=wide,
            layout=box,
        )
        self.note = ipw.Textarea(
            continuous_update=False,
            description=say("form", "note", limit=NOTE_LIMIT),
            placeholder=say("form", "note_placeholder"),
            style=shared.style(TextStyle, description_width="initial"),
            layout=shared.style(ipw.Layout, width="min(100%, 36rem)", height="4.5rem"),
        )
        button = shared.button()
        self.save_button = ipw.Button(description=say("form", "save"), **button)
        self.save_button.add_class("btc-check-button")
        self.save_button.on_click(lambda _b: self.save_day())
        self.remove_choice = ipw.Dropdown(
            description=say("days", "remove_choice"), options=[], style=wide, layout=box
        )
        self.remove_button = ipw.Button(description=say("days", "remove"), **button)
        self.remove_button.on_click(lambda _b: self.remove_day())
        self.upload = ipw.FileUpload(
            accept=".csv,text/csv", multiple=False, description=say("files", "load"), **button
        )
        self.upload.observe(self._uploaded, "value")
        self.message = shared.html("", "btc-live")
        # What a loaded file did is said beside the Load button, where the learner is looking (it
        # used to appear by the Save button, about 1,000 px above it).
        self.file_message = shared.html("", "btc-live", "btc-file-message")
        self.table = shared.html("")
        self.chart = SvgChart(say("chart", "name"), shared)
        self.download = shared.html("")
        super().__init__(
            [
                shared.html(note()),
                shared.html(_heading(say("form", "heading"))),
                self.day,
                self.pain,
                self.sleep_hours,
                self.sleep_quality,
                self.mood,
                self.active_minutes,
                self.note,
                self.save_button,
                self.message,
                shared.html(_heading(say("days", "heading"))),
                self.table,
                ipw.HBox(
                    [self.remove_choice, self.remove_button],
                    layout=shared.style(ipw.Layout, flex_flow="row wrap", align_items="center"),
                ),
                self.chart,
                shared.html(_heading(say("files", "heading"))),
                ipw.HBox([self.upload], layout=shared.layout),
                self.file_message,
                self.download,
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-diary")
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def save_day(self) -> None:
        """Add the form's day to the diary (replacing that date), or say what is wrong."""
        try:
            entry = Entry(
                date=self.day.value,
                pain=self.pain.value,
                sleep_hours=float(self.sleep_hours.value),
                sleep_quality=self.sleep_quality.value,
                mood=self.mood.value,
                active_minutes=self.active_minutes.value,
                note=self.note.value,
            )
        except (TypeError, ValueError) as error:
            self._say(say("form", "not_saved", error=error), error=True)
            return
        replaced = self.diary.get(entry.date) is not None
        if not self._keep(self.diary.add(entry)):
            return
        self.note.value = ""
        self._say(
            say("form", "saved_replaced" if replaced else "saved", date=entry.date.isoformat())
        )
        self.refresh()

    def remove_day(self) -> None:
        chosen = self.remove_choice.value
        if not isinstance(chosen, dt.date) or self.diary.get(chosen) is None:
            self._say(say("days", "choose"), error=True)
            return
        if not self._keep(self.diary.remove(chosen)):
            return
        self._say(say("days", "removed", date=chosen.isoformat()))
        self.refresh()

    def load_file(self, data: bytes, name: str | None = None) -> None:
        """Read a CSV file's bytes and add its good rows; days already entered are kept."""
        name = say("files", "the_file") if name is None else name
        result = from_csv(data)
        if not result.ok:
            self._say(
                say("files", "nothing_loaded", name=name, error=result.error),
                error=True,
                about_file=True,
            )
            return
        merged, clashes = merge(self.diary, result)
        if not self._keep(merged, about_file=True):
            return
        notes = [str(problem) for problem in result.problems] + clashes
        shown = "".join(f"<li>{html.escape(note)}</li>" for note in notes[:SHOWN_PROBLEMS])
        more = len(notes) - SHOWN_PROBLEMS
        if more > 0:
            shown += f"<li>{html.escape(say('files', 'more', count=more))}</li>"
        loaded = say("files", "loaded", summary=result.summary, count=len(self.diary))
        self.file_message.value = f"<p>{html.escape(loaded)}</p>" + (
            f"<ul class='btc-problems'>{shown}</ul>" if notes else ""
        )
        self.refresh()

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        try:
            upload = files[0]
            size = int(upload.get("size", 0))
            name = str(upload.get("name", say("files", "the_file")))[:80]
            if size > MAX_BYTES:
                self._say(
                    say("files", "too_big", name=name),
                    error=True,
                    about_file=True,
                )
            else:
                self.load_file(bytes(upload["content"]), name)
        except (KeyError, TypeError, ValueError, IndexError):
            self._say(
                say("files", "unreadable"),
                error=True,
                about_file=True,
            )
        finally:
            self.upload.value = ()

    # --- the learner's record -----------------------------------------------------------------

    def _keep(self, diary: Diary, about_file: bool = False) -> bool:
        """Make `diary` the page's diary and put it in the record (saved on the device if the
        learner chose that). False, with a message and nothing changed, if the record refuses."""
        try:
            self.record.replace(dataclasses.replace(self.record.record, diary=diary))
        except ValueError as error:
            self._say(
                say("days", "not_kept", error=error),
                error=True,
                about_file=about_file,
            )
            return False
        self.diary = diary
        return True

    def _from_record(self, record) -> None:
        """The record arrived from the device, was restored or forgotten: show its days."""
        if record.diary != self.diary:
            self.diary = record.diary
            self.refresh()

    # --- drawing ------------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False, about_file: bool = False) -> None:
        css = ' class="btc-error"' if error else ""
        (
            self.file_message if about_file else self.message
        ).value = f"<p{css}>{html.escape(text)}</p>"

    def refresh(self) -> None:
        entries = list(self.diary)
        self.remove_choice.options = [(e.date.isoformat(), e.date) for e in reversed(entries)]
        self.table.value = diary_table(entries[-SHOWN_ROWS:])
        self.chart.show(diary_svg(self.diary), describe_diary(self.diary))
        self.download.value = (
            download_link(say("files", "file_name"), to_csv(self.diary), say("files", "download"))
            if entries
            else f"<p>{html.escape(say('files', 'download_first'))}</p>"
        )


def diary_table(entries: list[Entry]) -> str:
    """The most recent days as an HTML table; every value, and above all the note, escaped."""
    if not entries:
        return f"<p>{html.escape(say('days', 'none'))}</p>"
    head = "".join(
        f"<th scope='col'>{html.escape(say('columns', column))}</th>" for column in TABLE_COLUMNS
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(value))}</td>"
            for value in (
                e.date.isoformat(),
                e.pain,
                formats.number(e.sleep_hours),
                e.sleep_quality,
                e.mood,
                e.active_minutes,
                e.note,
            )
        )
        + "</tr>"
        for e in reversed(entries)
    )
    caption = html.escape(say("days", "caption", count=len(entries)))
    return (
        f'<table class="btc-table"><caption>{caption}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


#: The chart's lines: (field, colour, the daily line's dash, the 7-day average's dash, marker).
#: Sleep is in hours on the same 0–10 axis (a night over 10 hours raises the axis); its lines
#: carry triangles, so they differ from pain and mood in shape as well as colour and dash.
DIARY_LINES = (
    ("pain", OKABE_ITO["vermillion"], DASHES[2], DASHES[0], ""),
    ("mood", OKABE_ITO["blue"], DASHES[3], DASHES[1], ""),
    ("sleep_hours", OKABE_ITO["bluish_green"], DASHES[4], DASHES[0], "triangle"),
)


def diary_lines(diary: Diary) -> list[Line]:
    """The chart's lines: for pain, mood and sleep, the daily values and the 7-day average
    (widgets/models/diary.py), x in days from the first entry. The describer reads the same
    averages, so the chart and its words agree."""
    entries = list(diary)
    if not entries:
        return []
    first = entries[0].date

    def x(day: dt.date) -> float:
        return (day - first).days

    lines = []
    for field, colour, daily_dash, average_dash, marker in DIARY_LINES:
        label = scale(field).label
        lines.append(
            Line(
                label,
                [x(e.date) for e in entries],
                [getattr(e, field) for e in entries],
                colour,
                daily_dash,
                marker,
                3,
                0,
            )
        )
        averages = [(day, v) for day, v in diary.seven_day_average(field) if v is not None]
        lines.append(
            Line(
                say("chart", "average", label=label),
                [x(d) for d, _v in averages],
                [v for _d, v in averages],
                colour,
                average_dash,
                marker,
                3,
                1,
            )
        )
    return lines


def diary_svg(diary: Diary) -> str:
    """Pain, mood and sleep by day, with their 7-day averages, as an SVG line chart."""
    entries = list(diary)
    title = say("chart", "title")
    axis = say("chart", "y")
    if not entries:
        return line_chart([], title, say("chart", "x"), axis, (0, 6), (0, 10), [], [0, 5, 10])
    first = entries[0].date
    span = max(1, (entries[-1].date - first).days)
    top = max(10, math.ceil(max(e.sleep_hours for e in entries) / 2) * 2)
    step = max(1, round(span / 6))
    ticks = [
        (offset, formats.day_month(first + dt.timedelta(days=offset)))
        for offset in range(0, span + 1, step)
    ]
    return line_chart(
        diary_lines(diary),
        title,
        say("chart", "x_dates"),
        axis,
        (0, span),
        (0, top),
        ticks,
        list(range(0, top + 1, 2)),
    )


def diary() -> DiaryTool:
    """The pain, sleep and mood diary."""
    return DiaryTool()
