"""Lesson 04's views: each control redraws its picture and text; bad values keep the last one;
the synapse and stress scenes play day by day, ask before they show and pin a run."""

from __future__ import annotations

import html
import re

import pytest

from widgets.describers.inside_the_body import (
    describe_blocker_to,
    describe_sensor_to,
    describe_stress,
    describe_stress_guess,
    describe_stress_pin,
    describe_stress_to,
    describe_synapse_guess,
    describe_synapse_pin,
    narrate_stress_day,
    narrate_synapse_day,
)
from widgets.models.stress_axis import daily_average, steady_states
from widgets.models.synapse import half_way_day
from widgets.ui.plots import SvgChart
from widgets.ui.svg import wide_part
from widgets.views.inside_the_body import SynapseExplorer, stress_response, synapse_explorer
from widgets.views.pain_signal_explorer import pain_signal_explorer


def choose(tool, story: str) -> None:
    """Choose a story in the stress simulator and skip its "predict first" question, if any: the
    whole run is then on screen."""
    tool.story.value = story
    if tool.predict.asking:
        tool.skip_button.click()


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
    choose(tool, "A hard day")
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
        choose(tool, story)
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


# --- the scenes: play, a bad day, predict first, pin (issue 12) --------------------------------


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def polyline_points(svg: str) -> list[int]:
    """How many points each line of a chart's wide version has."""
    return [len(p.split()) for p in re.findall(r'<polyline points="([^"]*)"', wide_part(svg))]


def synapse_run(tool):
    from widgets.models.synapse import simulate_blocker

    return simulate_blocker(tool.dose.value / 100, 8, tool.start_day.value)


def stress_runs(tool):
    from widgets.models.stress_axis import StressScenario, simulate

    scenario = tool.scenario()
    hard = StressScenario(
        stress_size=8,
        stress_days=1,
        feedback=scenario.feedback,
        sleep_loss=scenario.sleep_loss,
        daily_rhythm=scenario.daily_rhythm,
    )
    return simulate(scenario), simulate(hard)


@pytest.mark.parametrize("make", [synapse_explorer, stress_response])
def test_each_scene_is_a_stage_beside_its_controls_with_its_notes(make):
    tool = make()
    scene = next(w for w in descendants(tool) if "btc-scene" in w._dom_classes)
    stage, controls = scene.children
    assert stage is tool.stage and controls is tool.controls
    on_stage = set(map(id, descendants(stage)))
    charts = (
        (tool.burst_chart, tool.weeks_chart)
        if isinstance(tool, SynapseExplorer)
        else (tool.cortisol_chart, tool.day_chart, tool.sensor_chart)
    )
    for widget in (*charts, tool.narration, tool.play_button, tool.day, tool.pin_button):
        assert id(widget) in on_stage
    assert isinstance(stage.children[0 if isinstance(tool, SynapseExplorer) else 1], SvgChart)
    in_sheet = set(map(id, descendants(controls)))
    sliders = (
        (tool.dose, tool.start_day)
        if isinstance(tool, SynapseExplorer)
        else (tool.size, tool.length, tool.feedback, tool.sleep_loss, tool.rhythm)
    )
    assert all(id(widget) in in_sheet for widget in sliders)
    first, _box, last = tool.children  # the illustrative note and the sources stay
    assert "An illustrative model" in first.value
    assert "Where this model comes from" in last.value and "It leaves out" in last.value
    assert tool.player.layout.display == "none" and tool.player.interval <= 250
    assert tool.day.min == 0 and tool.day.value == tool.day.max == tool.last_day


def test_synapse_play_draws_the_weeks_up_to_the_day_and_the_words_wait():
    tool = synapse_explorer()
    tool._asked = True  # the first Play asks first: tested below
    tool.play_button.click()  # on the last day: from day 0 again
    assert tool.player.playing and tool.day.value == 0
    assert tool.play_button.description == "Pause"
    tool.day.value = 20  # what the browser's ticks do
    svg = wide_part(tool.weeks_chart._plot.value)
    assert polyline_points(svg) == [21, 21]  # days 0 to 20
    assert "today, day 20" in svg and "medicine starts, day 7" in svg
    assert "on day 20" in wide_part(tool.burst_chart._plot.value)
    assert "Playing" in tool.weeks_chart.text and "Playing" in tool.burst_chart.text
    assert "Playing" in tool.message.value
    tool.play_button.click()
    assert not tool.player.playing and tool.day.value == 20
    run = synapse_run(tool)
    assert tool.weeks_chart.text == describe_blocker_to(0.6, run, 7, 20)
    assert f"pain relief is at {100 * run[20].pain_relief:.0f}%" in tool.weeks_chart.text
    assert html.unescape(tool.message.value) == f"<p>{narrate_synapse_day(0.6, run, 7, 20)}</p>"
    assert f"blocks about {100 * run[20].blocker:.0f}% of the pumps" in tool.burst_chart.text
    tool.play_button.click()
    assert tool.player.playing and tool.day.value == 20  # playing on from there


def test_synapse_burst_follows_the_day_the_medicine_has_built_up_to():
    tool = synapse_explorer()
    tool.day.value = 3  # before the medicine starts on day 7
    assert len(polyline_points(tool.burst_chart._plot.value)) == 1
    assert "has not started" in tool.burst_chart.text
    tool.day.value = 9
    assert len(polyline_points(tool.burst_chart._plot.value)) == 2
    early = float(re.search(r"and ([\d.]+) seconds with it", tool.burst_chart.text).group(1))
    tool.day.value = 56
    late = float(re.search(r"and ([\d.]+) seconds with it", tool.burst_chart.text).group(1))
    assert late >= early  # more of the pumps blocked, so slower clearing


def test_synapse_a_day_from_the_browser_that_is_out_of_range_keeps_the_last_picture():
    tool = synapse_explorer()
    weeks, burst = tool.weeks_chart._plot.value, tool.burst_chart._plot.value
    tool.day.max = 500  # as if a browser changed the page
    tool.day.value = 400
    assert "could not be used" in tool.message.value and "day must be" in tool.message.value
    assert "still show the last day" in tool.message.value
    assert (tool.weeks_chart._plot.value, tool.burst_chart._plot.value) == (weeks, burst)
    tool.day.value = 30  # a good value again
    assert "could not be used" not in tool.message.value


def test_synapse_first_play_asks_first_then_plays_and_reveals_the_models_answer():
    tool = synapse_explorer()
    tool.play_button.click()
    assert tool.predict.asking and not tool.player.playing and tool.day.value == 0
    children = list(tool.stage.children)
    assert children[children.index(tool.bar.widget) + 1] is tool.predict_box  # by Play
    assert "starts on day 7" in tool.question.value and "half way" in tool.question.value
    assert [text for text, _key in tool.guess.options] == ["A few days", "A few weeks"]
    tool.show_me.click()  # no answer yet
    assert "Choose an answer first" in tool.predict_feedback.value and not tool.player.playing
    tool.predict.wanted_at -= 2  # the learner took a while to choose
    tool.guess.value = "days"
    tool.show_me.click()
    assert tool.player.playing and "Your guess: A few days" in tool.predict_feedback.value
    assert "day 56" in tool.predict_feedback.value
    for day in range(1, 57):  # the browser's ticks
        tool.day.value = day
    run = synapse_run(tool)
    expected = describe_synapse_guess("days", run, 7)
    assert html.unescape(tool.predict_feedback.value) == f"<p>{expected}</p>"
    half = half_way_day(run, "mood_effect")
    assert f"half way on day {half}: {half - 7} days after" in expected
    assert "The model shows something else" in expected  # the mood effect takes weeks
    assert tool.show_me.description == "Close"
    tool.show_me.click()
    assert tool.predict_box not in tool.stage.children
    tool.player.playing = False
    tool.play_button.click()  # asked once: now Play just plays
    assert tool.player.playing and not tool.predict.state


def test_synapse_skip_shows_the_whole_run_and_play_then_just_plays():
    tool = synapse_explorer()
    tool.play_button.click()
    tool.skip_button.click()
    assert tool.predict_box not in tool.stage.children and tool.day.value == 56
    assert not tool.player.playing and "It gets half of the way there" in tool.weeks_chart.text
    tool.play_button.click()
    assert tool.player.playing and tool.day.value == 0 and not tool.predict.state


def test_synapse_changing_a_setting_while_asked_drops_the_question():
    tool = synapse_explorer()
    tool.play_button.click()
    tool.start_day.value = 14
    assert tool.predict_box not in tool.stage.children and tool.day.value == 56
    assert "starts on day 14" in tool.weeks_chart.text


def test_synapse_pin_keeps_both_effects_and_says_how_the_run_differs():
    tool = synapse_explorer()
    pinned = synapse_run(tool)
    assert tool.clear_pin_button.disabled
    tool.pin_button.click()
    tool.dose.value = 100
    run = synapse_run(tool)
    svg = wide_part(tool.weeks_chart._plot.value)
    assert len(polyline_points(svg)) == 4
    assert ">Pinned: pain relief<" in svg and ">Pinned: mood effect<" in svg
    assert 'stroke-width="2"' in svg  # thinner than the current run's lines
    label = "strength 60, starting on day 7"
    assert describe_synapse_pin(run, pinned, label) in tool.weeks_chart.text
    assert "higher" in tool.weeks_chart.text
    tool.day.value = 30  # the pinned run stays whole while this one is part-way
    assert polyline_points(tool.weeks_chart._plot.value) == [31, 31, 57, 57]
    assert "On day 30, compared with the pinned run" in tool.weeks_chart.text
    tool.clear_pin_button.click()
    assert len(polyline_points(tool.weeks_chart._plot.value)) == 2
    assert "Pinned" not in tool.weeks_chart.text and tool.clear_pin_button.disabled


def test_stress_play_draws_up_to_the_day_and_the_one_day_chart_follows_it():
    tool = stress_response()
    tool.play_button.click()  # no question for the story already on screen
    assert tool.player.playing and tool.day.value == 0 and not tool.predict.state
    tool.day.value = 30
    for chart in (tool.cortisol_chart, tool.sensor_chart):
        svg = wide_part(chart._plot.value)
        assert polyline_points(svg) == [31, 31] and "today, day 30" in svg
        assert "Playing" in chart.text
    assert ">Day 30, during your stress<" in wide_part(tool.day_chart._plot.value)
    assert "Playing" in tool.day_chart.text and "Playing" in tool.message.value
    tool.player.playing = False  # the learner pauses (or the browser stops at the end)
    run, hard = stress_runs(tool)
    assert tool.cortisol_chart.text == describe_stress_to(run, hard, 30)
    assert tool.sensor_chart.text == describe_sensor_to(run, 30)
    assert "Day 30, during your stress: cortisol is highest" in tool.day_chart.text
    assert narrate_stress_day(run, 30) in html.unescape(tool.message.value)
    tool.day.value = 110
    assert ">Day 110, after your stress<" in wide_part(tool.day_chart._plot.value)


def test_stress_a_day_from_the_browser_that_is_out_of_range_keeps_the_last_picture():
    tool = stress_response()
    pictures = [c._plot.value for c in (tool.cortisol_chart, tool.day_chart, tool.sensor_chart)]
    tool.day.max = 500
    tool.day.value = 300
    assert "could not be used" in tool.message.value and "day must be" in tool.message.value
    assert [
        c._plot.value for c in (tool.cortisol_chart, tool.day_chart, tool.sensor_chart)
    ] == pictures


@pytest.mark.parametrize(
    ("story", "guess", "verdict"),
    [
        ("A hard fortnight", "changed", "The model shows something else"),
        ("Months of pain", "changed", "The model agrees"),
    ],
)
def test_stress_a_story_asks_first_then_plays_and_reveals_the_models_answer(story, guess, verdict):
    tool = stress_response()
    choose(tool, "A calm stretch")  # no question
    assert not tool.predict.state
    tool.story.value = story
    assert tool.predict.asking and tool.day.value == 0
    assert "does cortisol go back to where it started" in tool.question.value
    assert "has not come back" not in tool.message.value  # no answer before the guess
    assert "on its way back" not in tool.message.value
    tool.guess.value = guess
    tool.show_me.click()
    assert tool.player.playing and "answer comes on day 119" in tool.predict_feedback.value
    for day in range(1, 120):
        tool.day.value = day
    run = tool._last_run
    expected = describe_stress_guess(story, guess, run)
    assert html.unescape(tool.predict_feedback.value) == f"<p>{expected}</p>"
    assert verdict in expected
    end = 100 * daily_average(run)[-1].cortisol / run.baseline.cortisol
    assert f"it is at {end:.0f}% of usual" in expected
    tool.player.playing = False  # the browser stops on the last day: the narration catches up
    assert describe_stress(run, tool._hard_day) in html.unescape(tool.message.value)


def test_stress_scrubbing_to_the_end_after_a_guess_shows_the_answer_and_the_summary():
    tool = stress_response()
    tool.story.value = "A hard day"
    tool.guess.value = "changed"
    tool.day.value = 119  # by keyboard (End), without Show me: the chosen answer counts
    assert "The model shows something else" in tool.predict_feedback.value
    assert "on its way back" in tool.message.value  # the summary, now that the answer is out


def test_stress_skip_and_a_change_while_asked_show_the_whole_run():
    tool = stress_response()
    tool.story.value = "A hard day"
    tool.skip_button.click()
    assert not tool.predict.state and tool.day.value == 119 and not tool.player.playing
    assert "on its way back" in tool.message.value
    tool.story.value = "A hard fortnight"
    tool.length.value = 40  # by hand: the question no longer fits
    assert not tool.predict.state and tool.day.value == 119
    assert tool.story.value == "Your own settings" and tool.size.value == 5
    assert "size 5 for 40 days" in tool.cortisol_chart.text


def test_stress_pin_keeps_the_run_on_both_charts_and_says_how_the_run_differs():
    tool = stress_response()
    pinned, _hard = stress_runs(tool)
    tool.pin_button.click()
    tool.length.value = 14
    run, _hard = stress_runs(tool)
    for chart in (tool.cortisol_chart, tool.sensor_chart):
        svg = wide_part(chart._plot.value)
        assert len(polyline_points(svg)) == 3 and ">Pinned: Months of pain<" in svg
    text = tool.cortisol_chart.text
    assert describe_stress_pin(run, pinned, "Months of pain") in text
    assert "This run comes back to usual; the pinned run stays in the other state." in text
    tool.pin_button.click()  # pin the hand-made run instead
    assert ">Pinned: size 5 for 14 days<" in wide_part(tool.cortisol_chart._plot.value)
    tool.clear_pin_button.click()
    assert len(polyline_points(tool.cortisol_chart._plot.value)) == 2
    assert "Pinned" not in tool.cortisol_chart.text
