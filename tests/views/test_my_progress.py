"""The "My progress" page without a browser: FakeBrowser (tests/views/fake_browser.py) stands in
for the device, so the record arrives, is restored and forgotten as on a real page."""

from __future__ import annotations

import html
import json
from datetime import timedelta

import ipywidgets as ipw
import pytest

from tests.models.test_progress import MONDAY, nights, phq8, phq9
from tests.views.fake_browser import CONSENT, COURSE, KEY, PAYLOAD, RECORD, FakeBrowser
from widgets.course_config import load_config
from widgets.crisis_help import crisis_help_html
from widgets.crisis_html import contact_html
from widgets.describers.progress import (
    describe_activity,
    describe_nights,
    describe_pain_checks,
    describe_self_checks,
    describe_weeks,
    say,
)
from widgets.models.learner_record import LearnerRecord, PainCheckEntry, to_text
from widgets.models.progress import progress
from widgets.ui.plots import MIME, AccessibleChart
from widgets.ui.theme import OKABE_ITO
from widgets.views.my_progress import MyProgress

LATER = MONDAY + timedelta(days=14)
CONFIG = load_config()


def stored(record: LearnerRecord) -> FakeBrowser:
    """A browser that already keeps `record` on the device (the learner chose "keep" before)."""
    return FakeBrowser(local={CONSENT: "keep", KEY: to_text(record)})


def page(record: LearnerRecord | None = None) -> MyProgress:
    browser = stored(record) if record is not None else FakeBrowser()
    return MyProgress(browser.open(), CONFIG)


def widgets_of(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets_of(child)


def everything_shown(view: MyProgress) -> str:
    """Every HTML text and every chart's data on the page, as the browser would get them."""
    parts = []
    for widget in widgets_of(view):
        if isinstance(widget, ipw.HTML):
            parts.append(widget.value)
        if isinstance(widget, ipw.Output):
            parts.append(json.dumps(widget.outputs))
    return "\n".join(parts)


def figure(chart: AccessibleChart) -> dict:
    (output,) = chart._plot.outputs
    return output["data"][MIME]


def full_record() -> LearnerRecord:
    diary = nights([7, 6, 8, 7, 6, 8, 7], [4, 3, 5, 4, 3, 5, 4], 1)
    return LearnerRecord(
        diary=diary,
        self_checks=(phq9(MONDAY, 14), phq9(LATER, 9)),
        pain_checks=(PainCheckEntry(MONDAY, (6, 6, 6)), PainCheckEntry(LATER, (4, 4, 5))),
    )


def test_an_empty_record_shows_plain_messages_and_no_charts():
    view = page()
    shown = everything_shown(view)
    assert (
        html.escape(
            "No mood checks yet. There is a mood check in the lesson on depression "
            "and in the lesson on your plan."
        )
        in shown
    )
    assert html.escape(say("empty", "pain_checks")) in shown
    assert html.escape(say("empty", "diary")) in shown
    assert not [w for w in widgets_of(view) if isinstance(w, AccessibleChart)]
    assert view.crisis not in view.children and view.crisis.value == ""
    assert "not a diagnosis" in view.note.value  # the label is there from the start


def test_a_record_with_checks_and_diary_shows_charts_whose_text_matches():
    record = full_record()
    view = page(record)
    data = progress(record)
    charts = [w for w in view.children if isinstance(w, AccessibleChart)]
    assert charts == [view.self_chart, view.pain_chart, view.weeks_chart, view.activity_chart]
    assert view.self_chart.text == describe_self_checks(data.self_checks, data.change)
    assert view.pain_chart.text == describe_pain_checks(data.pain_checks)
    assert view.weeks_chart.text == describe_weeks(data.weeks)
    assert view.activity_chart.text == describe_activity(data.weeks)
    assert html.escape(describe_nights(data.nights)) in view.nights.value
    # the text alternative and the chart say the same numbers
    assert "from 14 to 9" in view.self_chart.text
    (scores,) = figure(view.self_chart)["data"]
    assert scores["y"] == [14, 9] and scores["x"] == [MONDAY.isoformat(), LATER.isoformat()]
    (means,) = figure(view.pain_chart)["data"]
    assert means["y"] == [6.0, 4.3]
    weeks = figure(view.weeks_chart)["data"]
    assert [t["y"] for t in weeks][0] == [w.pain for w in data.weeks]
    assert weeks[0]["customdata"] == [w.days for w in data.weeks]
    # the 5-point band around the first score
    (band,) = figure(view.self_chart)["layout"]["shapes"]
    assert (band["y0"], band["y1"]) == (9, 19)
    assert "5 points or more" in json.dumps(figure(view.self_chart)["layout"]["annotations"])


def test_each_series_has_its_own_colour_dash_and_marker_from_the_safe_palette():
    view = page(full_record())
    series = figure(view.weeks_chart)["data"]
    assert len({t["line"]["dash"] for t in series}) == len(series) == 3
    assert len({t["marker"]["symbol"] for t in series}) == 3
    assert {t["line"]["color"] for t in series} <= set(OKABE_ITO.values())
    both = page(
        LearnerRecord(self_checks=(phq9(MONDAY, 14), phq8(LATER, 9)))
    )  # PHQ-9 and PHQ-8 are separate series
    versions = figure(both.self_chart)["data"]
    assert len({t["line"]["dash"] for t in versions}) == 2
    assert len({t["marker"]["symbol"] for t in versions}) == 2


def test_a_self_harm_answer_in_the_latest_check_shows_crisis_help_at_the_top():
    record = LearnerRecord(self_checks=(phq9(MONDAY, 3), phq9(LATER, 4, item9=1)))
    view = page(record)
    assert view.children[0] is view.crisis
    assert crisis_help_html(CONFIG) in view.crisis.value
    assert contact_html(CONFIG.crisis_lines[0].contact) in view.crisis.value
    assert html.escape(say("crisis", "reach_out")) in view.crisis.value
    assert "emergency number" in view.crisis.value
    for reassurance in ("you're fine", "you are fine", "nothing to worry"):
        assert reassurance not in view.crisis.value.lower()


def test_an_earlier_self_harm_answer_alone_does_not_show_the_crisis_box():
    view = page(LearnerRecord(self_checks=(phq9(MONDAY, 4, item9=1), phq9(LATER, 3))))
    assert view.crisis not in view.children and view.crisis.value == ""


def test_a_diary_note_is_never_shown_as_html():
    assert RECORD.diary.entries[0].note == PAYLOAD
    view = page(RECORD)
    assert view.weeks_chart in view.children  # the diary day is drawn
    shown = everything_shown(view)
    assert "<script" not in shown and "<img" not in shown and "onerror" not in shown


def test_the_page_refreshes_when_the_record_is_restored_or_forgotten():
    browser = FakeBrowser()
    panel = browser.open()
    panel.choose_keep()
    view = MyProgress(panel, CONFIG)
    assert view.self_empty in view.children
    panel.restore(to_text(full_record()).encode("utf-8"), "backup.json")
    assert view.self_chart in view.children and "from 14 to 9" in view.self_chart.text
    assert view.weeks_chart in view.children
    panel.forget()
    assert view.self_empty in view.children and view.diary_empty in view.children
    assert view.self_chart not in view.children


def test_the_page_refreshes_when_the_record_arrives_from_the_device():
    from widgets.views.my_record import MyRecord

    record = LearnerRecord(self_checks=(phq9(LATER, 6, item9=2),), diary=RECORD.diary)
    browser = stored(record)
    panel = MyRecord(COURSE)  # a new page: the view is drawn before the browser half reports
    view = MyProgress(panel, CONFIG)
    assert view.crisis not in view.children and view.self_empty in view.children
    browser.store = panel.store
    panel.store.observe(browser._request, "request")
    browser._load(0)  # what FakeBrowser.open() does: the stored copy arrives
    assert panel.record.self_checks == record.self_checks
    assert view.children[0] is view.crisis and crisis_help_html(CONFIG) in view.crisis.value
    assert view.self_chart in view.children and view.weeks_chart in view.children


@pytest.mark.parametrize("checks", [1, 2, 3, 9])
def test_any_number_of_checks_draws_and_describes(checks):
    record = LearnerRecord(
        self_checks=tuple(phq9(MONDAY + timedelta(days=7 * i), 10 + i % 3) for i in range(checks))
    )
    view = page(record)
    assert len(figure(view.self_chart)["data"][0]["y"]) == checks
    assert view.self_chart.text


def test_in_spanish_the_charts_write_dates_iso_and_decimals_with_a_comma(monkeypatch):
    """plotly offline knows only English month names: a Spanish page writes dates as ISO."""
    import widgets.words
    from widgets.views.my_progress import _date_axis, separators

    assert separators() == ".," and "tickformat" not in _date_axis("Date")
    monkeypatch.setattr(widgets.words, "course_language", lambda: "es")
    assert separators() == ",\u00a0" and _date_axis("Fecha")["tickformat"] == "%Y-%m-%d"
    hover = widgets.words.words("my_progress")["charts"]["hover_score"]
    assert "%b" not in hover and "%Y-%m-%d" in hover
