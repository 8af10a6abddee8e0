"""Lesson 04's views: each control redraws its picture and text; bad values keep the last one."""

from __future__ import annotations

import re

from widgets.models.stress_axis import daily_average
from widgets.models.synapse import half_way_day
from widgets.views.inside_the_body import stress_response, synapse_explorer
from widgets.views.pain_signal_explorer import pain_signal_explorer


def test_pain_pathway_narrates_rubbing_and_noradrenaline():
    tool = pain_signal_explorer()
    before = tool.diagram.text
    assert "lets all of it through" in before
    tool.sliders["touch"].value = 8
    assert "Rubbing closes the gate" in tool.diagram.text
    assert "quieter than the same injury" in tool.diagram.text
    tool.sliders["noradrenaline"].value = 10
    assert "turns the signal down" in tool.diagram.text
    tool.reset_button.click()
    assert tool.diagram.text == before


def test_pain_pathway_refuses_a_value_outside_its_scale():
    tool = pain_signal_explorer()
    picture = tool.diagram._plot.value
    tool.sliders["stress"].max = 99  # as if a browser sent a value the model does not allow
    tool.sliders["stress"].value = 50
    assert "could not be used" in tool.message.value
    assert tool.diagram._plot.value == picture


def test_synapse_pain_relief_comes_before_mood_and_no_medicine_means_no_change():
    tool = synapse_explorer()
    text = tool.weeks_chart.text
    relief = int(text.split("It gets half of the way there by day ")[1].split(" ")[0])
    mood = int(text.split("it got half of that by day ")[1].split(" ")[0])
    assert relief < mood
    assert (
        "3.0 seconds with it" in tool.burst_chart.text or "seconds with it" in tool.burst_chart.text
    )
    tool.dose.value = 0
    assert "No medicine" in tool.weeks_chart.text
    assert tool.burst_chart._plot.value.count("<polyline") == 1


def test_stress_short_returns_long_stays_switched():
    tool = stress_response()
    assert "has not come back" in tool.message.value  # months of pain
    tool.story.value = "A hard day"
    assert "on its way back" in tool.message.value and "1 day)" in tool.message.value
    tool.feedback.value = 1.25  # strong feedback: one stable state only
    tool.size.value, tool.length.value = 5, 90
    assert "on its way back" in tool.message.value


def test_stress_bad_value_keeps_the_charts():
    tool = stress_response()
    picture = tool.cortisol_chart._plot.value
    tool.length.max = 1000
    tool.length.value = 900
    assert "could not be used" in tool.message.value
    assert tool.cortisol_chart._plot.value == picture


def test_synapse_half_way_marks_are_on_the_chart_where_the_text_says():
    """Issue 11: the text's "half" is half of where each effect ends up, and the chart marks it
    (a ring at that day and height), so it can be read off the chart."""
    tool = synapse_explorer()
    svg, text = tool.weeks_chart._plot.value, tool.weeks_chart.text
    from widgets.models.synapse import simulate_blocker

    run = simulate_blocker(tool.dose.value / 100, 8, tool.start_day.value)
    for field in ("pain_relief", "mood_effect"):
        day = half_way_day(run, field)
        assert f"half, day {day}" in svg
        assert getattr(run[day], field) >= getattr(run[-1], field) / 2 - 1e-9
        assert f"by day {day}" in text
    final = round(run[-1].pain_relief * 100)
    assert f"levels off near {final}%" in text
    assert svg.count('r="7" fill="#ffffff"') == 2


def test_stress_sensor_text_matches_where_the_chart_ends():
    """Issue 11: the words "near its usual level" only when the line ends near 100%."""
    tool = stress_response()
    for story in ("Months of pain", "A hard fortnight", "A hard day", "A calm stretch"):
        tool.story.value = story
        run = tool._last_run
        end = 100 * daily_average(run)[-1].gr / run.baseline.gr
        text = tool.sensor_chart.text
        assert f"{end:.0f}%" in text
        if "near its usual level" in text:
            assert abs(end - 100) <= 10
    tool.story.value = "A calm stretch"
    tool.size.value, tool.length.value = 4, 30  # raised but not switched: 387% of usual
    text = tool.sensor_chart.text
    end = float(re.search(r"ends at (\d+)%", text).group(1))
    assert end > 110 and "below the point of no return" in text


def test_stress_daily_rhythm_box_visibly_changes_a_chart():
    tool = stress_response()
    with_rhythm = tool.day_chart._plot.value
    assert "highest around 08:00" in tool.day_chart.text
    tool.rhythm.value = False
    assert tool.day_chart._plot.value != with_rhythm
    assert "stays level all day" in tool.day_chart.text
