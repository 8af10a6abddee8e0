"""Lesson 04's views: each control redraws its picture and text; bad values keep the last one."""

from __future__ import annotations

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
    relief = int(text.split("Pain relief reaches half its size by day ")[1].split(" ")[0])
    mood = int(text.split("it reaches half its size by day ")[1].split(" ")[0])
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
