"""The pain-through-the-day widget: choosing a night redraws both charts and their descriptions."""

from __future__ import annotations

from widgets.ui.svg import wide_part
from widgets.views.pain_through_the_day import PainThroughTheDay


def test_short_night_is_compared_with_a_usual_one_in_the_charts_units():
    widget = PainThroughTheDay()
    assert "02:00 to 07:00, 5 hours" in widget.chart.text
    assert "% higher than after a usual night" in widget.chart.text
    assert "points" not in widget.chart.text  # the axis is in %
    assert "highest around 03:00 in the night" in widget.chart.text
    widget.bedtime.value = 23.0
    assert "changes it very little" in widget.chart.text


def test_the_chart_shows_the_whole_night_and_the_difference_on_its_own_scale():
    """Issue 11: the curve used to stop about 23:00, hiding the night-time peak, and the two
    lines were hard to tell apart: now 24 hours, markers on each line, and a difference chart."""
    widget = PainThroughTheDay()
    svg = wide_part(widget.chart._plot.value)
    assert ">04:00<" in svg and svg.count(">04:00<") == 2  # from 04:00 to 04:00
    assert "<circle" in svg and "<rect x=" in svg  # each line has its own marker shape
    diff = widget.difference_chart
    assert "How much your night adds" in diff._plot.value
    assert "When you get up, your night adds" in diff.text


def test_a_night_the_model_refuses_keeps_the_chart_and_says_why():
    widget = PainThroughTheDay()
    widget.bedtime.value = 21.0
    before = widget.chart._plot.value
    widget.wake.value = 10.0  # 13 hours
    assert "2 to 12 hours" in widget.message.value
    assert widget.chart._plot.value == before
    widget.wake.value = 7.0
    assert widget.message.value == ""
