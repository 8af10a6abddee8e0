"""The pain-through-the-day widget: choosing a night redraws the chart and its description."""

from __future__ import annotations

from widgets.views.pain_through_the_day import PainThroughTheDay


def test_short_night_is_compared_with_a_usual_one():
    widget = PainThroughTheDay()
    assert "02:00 to 07:00, 5 hours" in widget.chart.text
    assert "higher than after a usual night" in widget.chart.text
    widget.bedtime.value = 23.0
    assert "changes it very little" in widget.chart.text


def test_a_night_the_model_refuses_keeps_the_chart_and_says_why():
    widget = PainThroughTheDay()
    widget.bedtime.value = 21.0
    before = widget.chart._plot.value
    widget.wake.value = 10.0  # 13 hours
    assert "2 to 12 hours" in widget.message.value
    assert widget.chart._plot.value == before
    widget.wake.value = 7.0
    assert widget.message.value == ""
