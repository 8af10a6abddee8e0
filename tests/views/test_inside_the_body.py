"""Lesson 04's views: each control redraws its picture and text; bad values keep the last one."""

from __future__ import annotations

import re

from widgets.models.stress_axis import daily_average, steady_states
from widgets.models.synapse import half_way_day
from widgets.ui.svg import wide_part
from widgets.views.inside_the_body import stress_response, synapse_explorer
from widgets.views.pain_signal_explorer import pain_signal_explorer


def test_pain_pathway_narrates_rubbing_and_noradrenaline():
    tool = pain_signal_explorer()
    before = tool.diagram.text
    assert "lets all of it through" in before
    tool.sliders["touch"].value = 8
    assert "Rubbing closes the gate" in tool.diagram.text
    assert "quieter than the same injury" in tool.diagram.text
    tool.sliders["touch"].value = 0
    tool.sliders["noradrenaline"].value, tool.sliders["stress"].value = 0, 10
    assert "turns the signal up" in tool.diagram.text and "louder than" in tool.diagram.text
    tool.sliders["noradrenaline"].value, tool.sliders["stress"].value = 10, 0
    assert "turns the signal down" in tool.diagram.text and "quieter than" in tool.diagram.text
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
    without, with_it = (
        float(n)
        for n in re.findall(r"about ([\d.]+) seconds", tool.burst_chart.text)[:1]
        + re.findall(r"and ([\d.]+) seconds with it", tool.burst_chart.text)
    )
    assert with_it > without  # blocking the pumps lets the signal last longer
    tool.dose.value = 0
    assert "No medicine" in tool.weeks_chart.text
    assert wide_part(tool.burst_chart._plot.value).count("<polyline") == 1


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
    svg, text = wide_part(tool.weeks_chart._plot.value), tool.weeks_chart.text
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
        assert f"{end:.0f}%" in text or "it has settled there" in text
        if "near its usual level" in text:
            assert abs(end - 100) <= 10
        if "past the point of no return" in text:  # the line heads for the switched state
            switched = 100 * steady_states()[-1].gr / run.baseline.gr
            assert f"about {switched:.0f}% of usual" in text
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


def test_synapse_text_gives_the_early_and_the_final_level_and_the_share_blocked():
    """The narration's "within two days" is the level two days in, not the run's highest; the
    slider is a dose, and the text says what share of the pumps that dose blocks."""
    from widgets.models.synapse import simulate_blocker

    tool = synapse_explorer()
    run = simulate_blocker(tool.dose.value / 100, 8, tool.start_day.value)
    early = next(d for d in run if d.day >= tool.start_day.value + 2)
    text = tool.weeks_chart.text
    assert f"Within two days the messenger in the gap rises to about {early.level:.1f}" in text
    assert f"to about {run[-1].level:.1f} times by day {run[-1].day}" in text
    assert f"blocks about {100 * run[-1].blocker:.0f}% of the pumps" in text
    assert "full dose" in tool.dose.description


def test_pain_pathway_arrows_are_as_thick_as_their_signals_and_coloured_as_the_lesson_says():
    """Lesson 04: "Each arrow is as thick as the signal it carries. Blue arrows are the brain's
    brakes. Orange-red arrows carry the pain signal, or turn it up." """
    from dataclasses import replace

    from widgets.models.pain_signal import PainInputs, pain_signal
    from widgets.ui.theme import OKABE_ITO
    from widgets.views.pain_signal_explorer import pathway_svg

    def arrows(inputs):
        svg = pathway_svg(inputs, pain_signal(inputs))
        return re.findall(r'stroke="(#[0-9A-Fa-f]{6})" stroke-width="([\d.]+)"[^>]*marker-end', svg)

    ordinary = PainInputs()
    calm = arrows(ordinary)
    colours = [colour for colour, _width in calm]
    assert colours.count(OKABE_ITO["blue"]) == 1  # the brakes
    assert colours.count(OKABE_ITO["vermillion"]) == 3  # body → gate, gate → brain, accelerators
    louder = arrows(replace(ordinary, injury=9))
    assert float(louder[0][1]) > float(calm[0][1])  # a stronger injury: a thicker signal arrow
    assert float(louder[1][1]) > float(calm[1][1])
    braked = arrows(replace(ordinary, noradrenaline=10))
    brake = [float(w) for c, w in braked if c == OKABE_ITO["blue"]][0]
    assert brake > [float(w) for c, w in calm if c == OKABE_ITO["blue"]][0]
