"""My progress: the learner's mood checks, pain checks and diary over time, as plotly charts.

Everything comes from the page's record (widgets/views/my_record.py), in this kernel; nothing is
sent to the server. The numbers are computed by widgets/models/progress.py, the sentences by
widgets/describers/progress.py (words in widgets/content/my_progress.toml), and each chart is an
AccessibleChart (widgets/ui/plots.py): the describer's sentences are its text alternative, and
they always change with it. plotly lets a learner zoom into months of their own data and hover
for each value. Colours are Okabe & Ito's; each series also has its own dash and marker.

Safety first: if the latest mood check has an answer above 0 on the self-harm question (PHQ-9
item 9), the crisis help (widgets/crisis_help.py, the one renderer) is shown at once, at the top,
with a sentence that encourages reaching out. Learner text is never shown here (diary notes are
not drawn), and every sentence is escaped before it becomes HTML. The page refreshes when the
record arrives from the device, is restored or forgotten (`MyRecord.on_change`).
"""

from __future__ import annotations

import html
import math

import ipywidgets as ipw

from widgets.course_config import CourseConfig, course_settings
from widgets.crisis_help import crisis_help_html
from widgets.describers.progress import (
    describe_activity,
    describe_nights,
    describe_pain_checks,
    describe_self_checks,
    describe_weeks,
    raw,
    say,
)
from widgets.models.learner_record import LearnerRecord
from widgets.models.progress import MEANINGFUL_CHANGE, Progress, progress
from widgets.ui.plots import AccessibleChart
from widgets.ui.shared import SharedStyles
from widgets.ui.theme import GRID, OKABE_ITO, chart_layout
from widgets.views.my_record import MyRecord, my_record
from widgets.words import words

#: (version, colour, dash, marker) of the mood-check series.
SCORE_SERIES = (
    ("PHQ-9", OKABE_ITO["blue"], "solid", "circle"),
    ("PHQ-8", OKABE_ITO["reddish_purple"], "dash", "square"),
)
#: (field, words key, colour, dash, marker) of the weekly diary series.
WEEK_SERIES = (
    ("pain", "pain", OKABE_ITO["vermillion"], "solid", "circle"),
    ("mood", "mood", OKABE_ITO["blue"], "dash", "square"),
    ("sleep_hours", "sleep", OKABE_ITO["bluish_green"], "dot", "triangle-up"),
)
PHQ9_MAXIMUM = 27


def _paragraph(text: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{html.escape(text)}</p>"


def _heading(text: str) -> str:
    return f"<h3 class='btc-sim-heading'>{html.escape(text)}</h3>"


def _trace(x: list, y: list, name: str, colour: str, dash: str, marker: str, hover: str) -> dict:
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "x": x,
        "y": y,
        "name": name,
        "line": {"color": colour, "dash": dash, "width": 2.5},
        "marker": {"color": colour, "symbol": marker, "size": 9},
        "hovertemplate": hover,
        "cliponaxis": False,  # a point at 0 or at the top of the scale is drawn whole
    }


def _date_axis(title: str) -> dict:
    """A date axis; in a language other than English its dates are ISO (plotly only knows
    English month names offline) and its numbers use the language's marks."""
    axis = {"title": {"text": title}, "type": "date", "gridcolor": GRID, "zeroline": False}
    if raw("charts", "date_ticks"):
        axis["tickformat"] = raw("charts", "date_ticks")
    return axis


def separators() -> str:
    """plotly's `separators`: the decimal mark, then the thousands mark, of the course language."""
    marks = words("formats")
    return marks["decimal_mark"] + marks["thousands_mark"]


def self_check_figure(data: Progress) -> dict:
    """Mood-check scores by date, one series per version, with the 5-point band and note."""
    traces = []
    for version, colour, dash, marker in SCORE_SERIES:
        points = [p for p in data.self_checks if p.version == version]
        if points:
            traces.append(
                _trace(
                    [p.date.isoformat() for p in points],
                    [p.score for p in points],
                    say("charts", "phq9" if version == "PHQ-9" else "phq8"),
                    colour,
                    dash,
                    marker,
                    raw("charts", "hover_score"),
                )
            )
    first = data.self_checks[0].score if data.self_checks else 0
    low, high = max(0, first - MEANINGFUL_CHANGE), min(PHQ9_MAXIMUM, first + MEANINGFUL_CHANGE)
    note = html.escape(say("charts", "band")) + "<br>" + html.escape(say("charts", "rule_note"))
    layout = chart_layout(
        say("charts", "self_check_title"),
        say("charts", "self_check_x"),
        say("charts", "self_check_y"),
        margin={"l": 60, "r": 20, "t": 80, "b": 150},
        height=440,
    )
    layout["xaxis"] = _date_axis(say("charts", "self_check_x"))
    layout["yaxis"]["range"] = [0, PHQ9_MAXIMUM]
    layout["shapes"] = [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": low,
            "y1": high,
            "fillcolor": GRID,
            "opacity": 0.45,
            "line": {"width": 0},
            "layer": "below",
        }
    ]
    layout["annotations"] = [
        {
            "text": note,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": -0.36,
            "xanchor": "left",
            "yanchor": "top",
            "align": "left",
            "showarrow": False,
        }
    ]
    layout["separators"] = separators()
    return {"data": traces, "layout": layout}


def pain_check_figure(data: Progress) -> dict:
    """Pain-check averages by date."""
    points = data.pain_checks
    trace = _trace(
        [p.date.isoformat() for p in points],
        [p.mean for p in points],
        say("charts", "pain_series"),
        OKABE_ITO["vermillion"],
        "solid",
        "diamond",
        raw("charts", "hover_pain_check"),
    )
    layout = chart_layout(
        say("charts", "pain_title"), say("charts", "pain_x"), say("charts", "pain_y")
    )
    layout["xaxis"] = _date_axis(say("charts", "pain_x"))
    layout["yaxis"]["range"] = [0, 10]
    layout["separators"] = separators()
    return {"data": [trace], "layout": layout}


def weeks_figure(data: Progress) -> dict:
    """Weekly diary averages of pain, mood and hours of sleep (each week's days on hover)."""
    weeks = data.weeks
    x = [w.start.isoformat() for w in weeks]
    traces = []
    for field, key, colour, dash, marker in WEEK_SERIES:
        trace = _trace(
            x,
            [getattr(w, field) for w in weeks],
            say("charts", key),
            colour,
            dash,
            marker,
            raw("charts", "hover_week"),
        )
        trace["customdata"] = [w.days for w in weeks]
        traces.append(trace)
    top = max([10.0, *(w.sleep_hours for w in weeks)])
    layout = chart_layout(
        say("charts", "weeks_title"), say("charts", "weeks_x"), say("charts", "weeks_y"), height=380
    )
    layout["xaxis"] = _date_axis(say("charts", "weeks_x"))
    layout["yaxis"]["range"] = [0, math.ceil(top)]
    layout["separators"] = separators()
    return {"data": traces, "layout": layout}


def activity_figure(data: Progress) -> dict:
    """Weekly average active minutes a day, as bars."""
    weeks = data.weeks
    bars = {
        "type": "bar",
        "x": [w.start.isoformat() for w in weeks],
        "y": [w.active_minutes for w in weeks],
        "customdata": [w.days for w in weeks],
        "name": say("charts", "activity"),
        "marker": {"color": OKABE_ITO["bluish_green"], "line": {"color": "#000000", "width": 1}},
        "hovertemplate": raw("charts", "hover_week"),
    }
    layout = chart_layout(
        say("charts", "activity_title"), say("charts", "weeks_x"), say("charts", "activity_y")
    )
    layout["xaxis"] = _date_axis(say("charts", "weeks_x"))
    layout["yaxis"]["rangemode"] = "tozero"
    return {"data": [bars], "layout": layout}


class MyProgress(ipw.VBox):
    """The learner's own numbers over time: charts with text alternatives, crisis help first."""

    def __init__(self, record: MyRecord | None = None, config: CourseConfig | None = None) -> None:
        self.record = record if record is not None else my_record()
        self._crisis_html = crisis_help_html(config or course_settings())
        shared = SharedStyles()
        self.crisis = shared.html("", "btc-live")
        self.note = shared.html(
            f'<div class="btc-model-note">{_paragraph(say("page", "note"))}</div>'
        )
        self.self_heading = shared.html(_heading(say("headings", "self_checks")))
        self.self_empty = shared.html(_paragraph(say("empty", "self_checks")))
        self.self_chart = AccessibleChart(say("charts", "self_check_title"), shared)
        self.pain_heading = shared.html(_heading(say("headings", "pain_checks")))
        self.pain_empty = shared.html(_paragraph(say("empty", "pain_checks")))
        self.pain_chart = AccessibleChart(say("charts", "pain_title"), shared)
        self.weeks_heading = shared.html(_heading(say("headings", "weeks")))
        self.diary_empty = shared.html(_paragraph(say("empty", "diary")))
        self.weeks_chart = AccessibleChart(say("charts", "weeks_title"), shared)
        self.activity_chart = AccessibleChart(say("charts", "activity_title"), shared)
        self.nights_heading = shared.html(_heading(say("headings", "nights")))
        self.nights = shared.html("", "btc-live")
        super().__init__([], layout=shared.layout)
        self.add_class("btc-simulator")
        self.add_class("btc-progress")
        self.progress: Progress | None = None
        self.record.on_change(self.refresh)
        self.refresh()

    def refresh(self, record: LearnerRecord | None = None) -> None:
        """Draw everything again from `record` (by default the page's record)."""
        data = progress(record if record is not None else self.record.record)
        self.progress = data
        # Safety first: the crisis help is set before anything else is drawn.
        self.crisis.value = self._crisis_block() if data.crisis else ""
        children: list[ipw.Widget] = [self.crisis] if data.crisis else []
        children += [self.note, self.self_heading]
        if data.self_checks:
            self.self_chart.show(
                self_check_figure(data), describe_self_checks(data.self_checks, data.change)
            )
            children.append(self.self_chart)
        else:
            children.append(self.self_empty)
        children.append(self.pain_heading)
        if data.pain_checks:
            self.pain_chart.show(pain_check_figure(data), describe_pain_checks(data.pain_checks))
            children.append(self.pain_chart)
        else:
            children.append(self.pain_empty)
        children.append(self.weeks_heading)
        if data.weeks:
            self.weeks_chart.show(weeks_figure(data), describe_weeks(data.weeks))
            self.activity_chart.show(activity_figure(data), describe_activity(data.weeks))
            self.nights.value = _paragraph(describe_nights(data.nights))
            children += [self.weeks_chart, self.activity_chart, self.nights_heading, self.nights]
        else:
            children.append(self.diary_empty)
        self.children = tuple(children)

    def _crisis_block(self) -> str:
        return (
            '<div class="btc-help-body btc-crisis-now"><p><strong>'
            + html.escape(say("crisis", "lead"))
            + "</strong> "
            + html.escape(say("crisis", "reach_out"))
            + "</p>"
            + self._crisis_html
            + _paragraph(say("crisis", "after"))
            + "</div>"
        )


def my_progress() -> MyProgress:
    """The "My progress" page: the learner's own checks and diary over time."""
    return MyProgress()
