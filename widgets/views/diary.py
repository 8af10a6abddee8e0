"""The pain, sleep and mood diary (lesson 06): record days, see trends, save and load a CSV file.

Days are part of the learner's record (widgets/views/my_record.py): kept in this browser when the
learner chose that, and only in this page's kernel otherwise. Nothing is written on the server.
The CSV file (made in the browser) is a second way to keep them, and to move them elsewhere.
Every value from the browser goes through the model's checks; a bad one gets a message and
nothing already entered is lost. Notes are shown as text, never as HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math

import ipywidgets as ipw

from widgets.describers.diary import describe_diary
from widgets.models.diary import (
    MAX_BYTES,
    NOTE_LIMIT,
    SCALES,
    Diary,
    Entry,
    from_csv,
    merge,
    to_csv,
)
from widgets.ui.controls import labelled_slider
from widgets.ui.download import download_link
from widgets.ui.plots import SvgChart
from widgets.ui.shared import DescriptionStyle, SharedStyles, TextStyle
from widgets.ui.svg import DASHES, Line, line_chart
from widgets.ui.theme import OKABE_ITO
from widgets.views.my_record import MyRecord, my_record

SHOWN_ROWS = 14
SHOWN_PROBLEMS = 20
NOTE = (
    '<div class="btc-model-note"><p><strong>Your diary stays on this device.</strong> Nothing is '
    "saved on the server. If you chose to keep your answers on this device (at the top of the "
    "page), your days are kept in this browser. You can also press <em>Download my diary</em> "
    "and keep the file, then load it next time or on another device. The file has these "
    "columns: date (YYYY-MM-DD), pain (0–10), sleep_hours (0–24), sleep_quality (0–10), "
    "mood (0–10, 10 = best), active_minutes and note.</p></div>"
)


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
        self.day = ipw.DatePicker(description="Date", value=dt.date.today(), style=wide, layout=box)
        self.pain = labelled_slider(
            "Pain (0 none – 10 worst)", min=0, max=10, step=1, value=5, **slider
        )
        self.sleep_hours = ipw.BoundedFloatText(
            description="Hours of sleep", value=7.0, min=0, max=24, step=0.5, style=wide, layout=box
        )
        self.sleep_quality = labelled_slider(
            "Sleep quality (0 very poor – 10 very good)", min=0, max=10, step=1, value=5, **slider
        )
        self.mood = labelled_slider(
            "Mood (0 very low – 10 best)", min=0, max=10, step=1, value=5, **slider
        )
        self.active_minutes = ipw.BoundedIntText(
            description="Active minutes", value=0, min=0, max=1440, step=5, style=wide, layout=box
        )
        self.note = ipw.Textarea(
            continuous_update=False,
            description=f"Note (optional, up to {NOTE_LIMIT} characters)",
            placeholder="What helped, what was hard…",
            style=shared.style(TextStyle, description_width="initial"),
            layout=shared.style(ipw.Layout, width="min(100%, 36rem)", height="4.5rem"),
        )
        button = shared.button()
        self.save_button = ipw.Button(description="Save this day", **button)
        self.save_button.add_class("btc-check-button")
        self.save_button.on_click(lambda _b: self.save_day())
        self.remove_choice = ipw.Dropdown(
            description="Day to remove", options=[], style=wide, layout=box
        )
        self.remove_button = ipw.Button(description="Remove that day", **button)
        self.remove_button.on_click(lambda _b: self.remove_day())
        self.upload = ipw.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Load a diary file", **button
        )
        self.upload.observe(self._uploaded, "value")
        self.message = shared.html("", "btc-live")
        # What a loaded file did is said beside the Load button, where the learner is looking (it
        # used to appear by the Save button, about 1,000 px above it).
        self.file_message = shared.html("", "btc-live", "btc-file-message")
        self.table = shared.html("")
        self.chart = SvgChart("Your diary: pain, mood and sleep", shared)
        self.download = shared.html("")
        super().__init__(
            [
                shared.html(NOTE),
                shared.html("<h3 class='btc-sim-heading'>Record a day</h3>"),
                self.day,
                self.pain,
                self.sleep_hours,
                self.sleep_quality,
                self.mood,
                self.active_minutes,
                self.note,
                self.save_button,
                self.message,
                shared.html("<h3 class='btc-sim-heading'>Your days</h3>"),
                self.table,
                ipw.HBox(
                    [self.remove_choice, self.remove_button],
                    layout=shared.style(ipw.Layout, flex_flow="row wrap", align_items="center"),
                ),
                self.chart,
                shared.html("<h3 class='btc-sim-heading'>Keep it, or carry on from a file</h3>"),
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
            self._say(f"That day was not saved: {error} Your other days are unchanged.", error=True)
            return
        replaced = self.diary.get(entry.date) is not None
        if not self._keep(self.diary.add(entry)):
            return
        self.note.value = ""
        self._say(
            f"Saved {entry.date.isoformat()}"
            + (" (it replaced what you had for that day)." if replaced else ".")
        )
        self.refresh()

    def remove_day(self) -> None:
        chosen = self.remove_choice.value
        if not isinstance(chosen, dt.date) or self.diary.get(chosen) is None:
            self._say("Choose a day from the list to remove.", error=True)
            return
        if not self._keep(self.diary.remove(chosen)):
            return
        self._say(f"Removed {chosen.isoformat()}.")
        self.refresh()

    def load_file(self, data: bytes, name: str = "the file") -> None:
        """Read a CSV file's bytes and add its good rows; days already entered are kept."""
        result = from_csv(data)
        if not result.ok:
            self._say(
                f"Nothing was loaded from {name}: {result.error}", error=True, about_file=True
            )
            return
        merged, clashes = merge(self.diary, result)
        if not self._keep(merged, about_file=True):
            return
        notes = [str(problem) for problem in result.problems] + clashes
        shown = "".join(f"<li>{html.escape(note)}</li>" for note in notes[:SHOWN_PROBLEMS])
        more = len(notes) - SHOWN_PROBLEMS
        if more > 0:
            shown += f"<li>…and {more} more.</li>"
        self.file_message.value = (
            f"<p>{html.escape(result.summary)} Your diary now has {len(self.diary)} days.</p>"
            + (f"<ul class='btc-problems'>{shown}</ul>" if notes else "")
        )
        self.refresh()

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        try:
            upload = files[0]
            size = int(upload.get("size", 0))
            name = str(upload.get("name", "the file"))[:80]
            if size > MAX_BYTES:
                self._say(
                    f"Nothing was loaded: {name} is too big. The most we can read is 1 MB.",
                    error=True,
                    about_file=True,
                )
            else:
                self.load_file(bytes(upload["content"]), name)
        except (KeyError, TypeError, ValueError, IndexError):
            self._say(
                "That file could not be read. Please choose a CSV file.",
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
                f"That was not saved: {error} Your other days are unchanged.",
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
            download_link("pain-diary.csv", to_csv(self.diary), "Download my diary (CSV file)")
            if entries
            else "<p>Save a day first; then you can download your diary.</p>"
        )


def diary_table(entries: list[Entry]) -> str:
    """The most recent days as an HTML table; every value, and above all the note, escaped."""
    if not entries:
        return "<p>No days yet.</p>"
    head = "".join(
        f"<th scope='col'>{html.escape(label)}</th>"
        for label in (
            "Date",
            "Pain",
            "Sleep (hours)",
            "Sleep quality",
            "Mood",
            "Active min",
            "Note",
        )
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(value))}</td>"
            for value in (
                e.date.isoformat(),
                e.pain,
                f"{e.sleep_hours:g}",
                e.sleep_quality,
                e.mood,
                e.active_minutes,
                e.note,
            )
        )
        + "</tr>"
        for e in reversed(entries)
    )
    return (
        f'<table class="btc-table"><caption>Your last {len(entries)} days, newest first'
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


def diary_svg(diary: Diary) -> str:
    """Pain, mood and sleep by day, with their 7-day averages, as an SVG line chart."""
    entries = list(diary)
    title = "Pain, mood and sleep (mood: 10 = best; sleep in hours)"
    axis = "0–10, or hours"
    if not entries:
        return line_chart([], title, "Day", axis, (0, 6), (0, 10), [], [0, 5, 10])
    first = entries[0].date
    span = max(1, (entries[-1].date - first).days)

    def x(day: dt.date) -> float:
        return (day - first).days

    lines = []
    for field, colour, daily_dash, average_dash, marker in DIARY_LINES:
        label = SCALES[field].label
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
                f"{label}, 7-day average",
                [x(d) for d, _v in averages],
                [v for _d, v in averages],
                colour,
                average_dash,
                marker,
                3,
                1,
            )
        )
    top = max(10, math.ceil(max(e.sleep_hours for e in entries) / 2) * 2)
    step = max(1, round(span / 6))
    ticks = [
        (offset, (first + dt.timedelta(days=offset)).strftime("%d %b"))
        for offset in range(0, span + 1, step)
    ]
    return line_chart(
        lines, title, "Date", axis, (0, span), (0, top), ticks, list(range(0, top + 1, 2))
    )


def diary() -> DiaryTool:
    """The pain, sleep and mood diary."""
    return DiaryTool()
