"""The cycle simulator's widgets: each control re-runs the model; bad values keep the last run;
the scene plays day by day, pins a run and asks before it shows (issue 12)."""

from __future__ import annotations

import dataclasses
import html
import re

import ipywidgets as ipw
import pytest

from widgets.describers.cycle import (
    describe_day,
    describe_guess,
    describe_pin,
    narrate_day,
    predictions,
)
from widgets.models.cycle import NODES, simulate
from widgets.ui.svg import wide_part
from widgets.views.cycle_simulator import STORIES, CycleSimulator, own_settings, presets
from widgets.words import words


@pytest.fixture
def sim():
    return CycleSimulator()


def test_starts_from_the_flare_story_and_shows_three_charts(sim):
    assert set(NODES)
    assert sim.preset.value == "A flare after surgery"
    assert "stuck" in sim.narration.value
    assert sim.course_chart.text and sim.course_chart._plot.value.startswith("<svg")
    for diagram in (sim.loop_chart, sim.compare_chart):
        assert diagram.text and diagram._plot.value.startswith("<svg")


def test_loosening_the_loop_lets_the_flare_fade(sim):
    sim.connectivity.value = 0.9
    assert "settled back down by itself" in sim.narration.value


def test_a_strategy_toggle_adds_the_comparison(sim):
    sim.strategy_boxes["sleep"].value = True
    assert "A steady sleep routine from day 35" in sim.narration.value
    assert "instead of" in sim.compare_chart.text
    sim.strategy_days["sleep"].value = 60
    assert "from day 60" in sim.narration.value


def test_presets_set_the_controls_and_reset_restores_them(sim):
    sim.preset.value = "Several small steps together"
    assert sim.strategy_boxes["activity"].value and sim.strategy_boxes["cbt"].value
    story = sim.narration.value
    sim.connectivity.value = 1.5
    sim.reset_button.click()
    assert sim.connectivity.value == pytest.approx(1.3)
    assert sim.preset.value == "Several small steps together"
    assert sim.narration.value == story


def test_changing_a_setting_by_hand_drops_the_story_name_but_keeps_its_settings(sim):
    """Issue 11: the story's name must not stay once the settings no longer match it."""
    sim.preset.value = "A bad week of sleep"
    sim.connectivity.value = 0.8
    assert sim.preset.value == own_settings()
    assert "Nights are short from day 14" in sim.narration.value  # the story's nights stay
    assert sim.connectivity.value == pytest.approx(0.8)
    sim.preset.value = own_settings()  # choosing it changes nothing
    assert sim.connectivity.value == pytest.approx(0.8)
    sim.reset_button.click()
    assert sim.preset.value == "A bad week of sleep" and sim.connectivity.value == 1.0


def test_the_story_menu_is_wide_enough_for_the_longest_story(sim):
    assert max(len(name) for name in presets()) <= 30
    assert "30rem" in sim.preset.layout.width


def test_the_twelve_week_chart_draws_all_five_problems_with_their_own_markers(sim):
    """Issue 11: tiredness is in the loop diagram and now in the chart too; every line has its
    own marker shape, staggered, so lines that run together can still be told apart."""
    svg = sim.course_chart._plot.value
    assert wide_part(svg).count("<polyline") == 5
    for name in ("Pain", "Low mood", "Poor sleep", "Doing less", "Tiredness"):
        assert f">{name}<" in svg
    assert "<circle" in svg and "<rect x=" in svg and 'Z"' in svg
    assert "Tiredness" in sim.course_chart.text


def test_loop_arrows_are_as_thick_as_the_effects_the_narration_ranks(sim):
    svg = wide_part(sim.loop_chart._plot.value)
    widths = [
        float(w)
        for w in re.findall(r'stroke-width="([\d.]+)" (?:stroke-dasharray="6 4" )?marker-end', svg)
    ]
    assert len(widths) == 14
    assert max(widths) == pytest.approx(8.0, abs=0.05)  # the strongest link is at full width


def test_new_ups_and_downs_switches_variation_on_and_changes_the_run(sim):
    before = sim.course_chart._plot.value
    sim.reseed_button.click()
    assert sim.variation.value is True
    assert sim.course_chart._plot.value != before


def test_a_value_the_model_refuses_keeps_the_last_run_and_says_why(sim):
    before = sim.course_chart._plot.value
    sim.flare_day.max = 500  # as if a browser sent a value outside the model's range
    sim.flare_day.value = 400
    assert "could not be used" in sim.narration.value and "flare day" in sim.narration.value
    assert sim.course_chart._plot.value == before


def test_every_preset_runs():
    for name in presets():
        assert CycleSimulator(name).narration.value


def test_a_story_can_be_named_by_its_key_or_its_name():
    """A lesson can name a story by its key, so it runs whatever the course language."""
    assert set(STORIES) == set(words("cycle_scene", "en")["stories"])
    by_key = CycleSimulator("bad_sleep_week")
    assert by_key.preset.value == "A bad week of sleep"
    assert CycleSimulator("A bad week of sleep").narration.value == by_key.narration.value


def test_unknown_preset_is_refused():
    with pytest.raises(ValueError, match="unknown preset"):
        CycleSimulator("A holiday")


# --- the scene: stage and control sheet, play, pin, predict first (issue 12) -----------------


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def polyline_points(svg: str) -> list[int]:
    """How many points each line of a chart's wide version has."""
    return [len(p.split()) for p in re.findall(r'<polyline points="([^"]*)"', wide_part(svg))]


def arrow_widths(svg: str) -> list[float]:
    found = re.findall(
        r'stroke-width="([\d.]+)" (?:stroke-dasharray="6 4" )?marker-end', wide_part(svg)
    )
    return sorted(float(w) for w in found)


def test_the_scene_is_a_stage_beside_a_control_sheet(sim):
    scene = next(w for w in descendants(sim) if "btc-scene" in w._dom_classes)
    stage, controls = scene.children
    assert "btc-scene-stage" in stage._dom_classes and stage is sim.stage
    assert "btc-scene-controls" in controls._dom_classes and controls is sim.controls
    on_stage = set(map(id, descendants(stage)))
    for widget in (sim.course_chart, sim.loop_chart, sim.narration, sim.play_button, sim.day):
        assert id(widget) in on_stage
    in_sheet = set(map(id, descendants(controls)))
    for widget in (sim.preset, sim.connectivity, sim.variation, *sim.strategy_boxes.values()):
        assert id(widget) in in_sheet
    first, *_rest, last = sim.children  # the illustrative note and the sources stay
    assert "illustrative model, not a prediction" in first.value
    assert "Where this model comes from" in last.value


def test_the_day_starts_on_the_last_day_and_scrubbing_shows_that_day(sim):
    days = simulate(sim.scenario())
    assert sim.day.value == 84 and sim.loop_chart.text.startswith("Day 84 of 84")
    sim.day.value = 23
    assert sim.loop_chart.title == "The loop on day 23"
    assert sim.loop_chart.text == describe_day(days[22], 84)
    assert "<title>The loop on day 23</title>" in sim.loop_chart._plot.value
    expected = sorted(round(1 + 7 * min(e, 5.0) / 5.0, 1) for e in days[22].effects.values())
    assert arrow_widths(sim.loop_chart._plot.value) == expected  # that day's pushes
    assert polyline_points(sim.course_chart._plot.value) == [23] * 5  # the run so far
    assert "day 1 to day 23 of 84" in sim.course_chart.text
    assert narrate_day(sim.scenario(), days, 22) in html.unescape(sim.narration.value)


def test_changing_a_setting_keeps_the_scrubbed_day(sim):
    sim.day.value = 40
    sim.connectivity.value = 1.0
    assert sim.day.value == 40 and sim.loop_chart.text.startswith("Day 40 of 84")
    assert polyline_points(sim.course_chart._plot.value) == [40] * 5


def test_play_pauses_and_restarts_from_day_one_at_the_end(sim):
    assert sim.play_button.description == "Play" and not sim.player.playing
    sim.play_button.click()  # on the last day: back to day 1, then play
    assert sim.player.playing and sim.day.value == 1 and sim.player.value == 1
    assert sim.play_button.description == "Pause"
    sim.day.value = 2  # what the browser's ticks do
    sim.play_button.click()
    assert not sim.player.playing and sim.play_button.description == "Play"
    assert sim.day.value == 2  # pausing keeps the day
    sim.play_button.click()
    assert sim.player.playing and sim.day.value == 2  # playing on from there


def test_while_playing_the_pictures_change_and_the_words_wait(sim):
    sim.play_button.click()
    words = (sim.course_chart.text, sim.loop_chart.text, sim.narration.value)
    assert "Playing" in sim.loop_chart.text and "Playing" in sim.narration.value
    pictures = sim.loop_chart._plot.value
    sim.day.value = 12
    assert (sim.course_chart.text, sim.loop_chart.text, sim.narration.value) == words
    assert sim.loop_chart._plot.value != pictures
    assert "<title>The loop on day 12</title>" in sim.loop_chart._plot.value
    sim.player.playing = False  # the browser stops on the last day, or the learner pauses
    assert sim.play_button.description == "Play"
    assert sim.loop_chart.text.startswith("Day 12 of 84") and "Day 12 of 84" in sim.narration.value


def test_the_play_widget_is_hidden_and_linked_in_the_browser(sim):
    assert sim.player.layout.display == "none"  # its icon buttons have no names
    assert sim.player.min == sim.day.min == 1 and sim.player.max == sim.day.max == 84
    link = sim.play_link  # a link in the browser: ticks do not wait for the kernel
    assert isinstance(link, ipw.widget_link.Link)
    assert {link.source[0], link.target[0]} == {sim.player, sim.day}


def test_a_day_the_model_refuses_keeps_the_last_picture(sim):
    before = sim.loop_chart._plot.value
    sim.day.max = 500
    sim.day.value = 400
    assert "could not be used" in sim.narration.value and "day must be" in sim.narration.value
    assert sim.loop_chart._plot.value == before


def test_pin_keeps_pain_and_low_mood_and_says_how_the_run_differs(sim):
    pinned = simulate(sim.scenario())
    assert sim.clear_pin_button.disabled
    sim.pin_button.click()
    sim.connectivity.value = 0.9  # the same flare now fades
    days = simulate(sim.scenario())
    svg = wide_part(sim.course_chart._plot.value)
    assert len(polyline_points(svg)) == 7
    assert ">Pinned: pain<" in svg and ">Pinned: low mood<" in svg
    assert describe_pin(days, pinned, "A flare after surgery") in sim.course_chart.text
    assert "pain" in sim.course_chart.text and "lower" in sim.course_chart.text
    sim.clear_pin_button.click()
    assert len(polyline_points(sim.course_chart._plot.value)) == 5
    assert "Pinned" not in sim.course_chart.text and sim.clear_pin_button.disabled


def test_a_hand_made_pin_names_its_tightness(sim):
    sim.connectivity.value = 1.1
    sim.pin_button.click()
    assert "your own settings, tightness 1.10" in sim.course_chart.text


def test_choosing_a_story_asks_first_then_plays_and_compares(sim):
    sim.preset.value = "A bad week of sleep"
    assert sim.predict_box in sim.controls.children and sim.day.value == 1
    assert "When sleep gets worse for a week" in sim.question.value
    assert [text for text, _key in sim.guess.options] == [
        "It goes up",
        "It stays the same",
        "It goes down",
    ]
    sim.show_me.click()  # no answer yet
    assert "Choose an answer first" in sim.predict_feedback.value and not sim.player.playing
    sim.predict.wanted_at -= 2  # the learner took a while to choose
    sim.guess.value = "same"
    assert not sim.player.playing
    sim.show_me.click()
    assert sim.player.playing and sim.day.value == 1
    assert "Your guess: It stays the same" in sim.predict_feedback.value
    for day in range(2, 85):  # the browser's ticks
        sim.day.value = day
    prediction = predictions()["A bad week of sleep"]
    expected = describe_guess(prediction, "same", sim.scenario(), simulate(sim.scenario()))
    assert html.unescape(sim.predict_feedback.value) == f"<p>{expected}</p>"
    assert "The model shows something else" in expected and "pain went up" in expected
    assert sim.show_me.description == "Close"
    sim.show_me.click()  # the answer is shown: "Close" closes at once
    assert sim.predict_box not in sim.controls.children


def test_skip_shows_the_whole_run_without_a_guess(sim):
    sim.preset.value = "Starting a walking routine"
    assert sim.predict_box in sim.controls.children and sim.day.value == 1
    sim.skip_button.click()
    assert sim.predict_box not in sim.controls.children and sim.day.value == 84
    assert not sim.player.playing


def test_playing_or_scrubbing_without_a_guess_just_explores(sim):
    sim.preset.value = "A stressful month"
    sim.play_button.click()
    assert sim.player.playing and sim.predict_box not in sim.controls.children
    sim.play_button.click()
    sim.preset.value = "A bad week of sleep"
    sim.guess.value = "up"
    sim.day.value = 84  # scrubbing to the end after guessing shows the answer
    assert "The model agrees" in sim.predict_feedback.value


def test_changing_a_setting_by_hand_drops_the_question(sim):
    sim.preset.value = "A bad week of sleep"
    sim.connectivity.value = 1.2
    assert sim.predict_box not in sim.controls.children and sim.day.value == 1


def test_every_question_is_about_a_story_in_the_menu():
    assert set(predictions()) <= set(presets())
    assert "A bad week of sleep" in predictions()


def test_no_story_without_a_question_asks_one(sim):
    sim.preset.value = "A calm stretch"
    assert sim.predict_box not in sim.controls.children and sim.day.value == 84


def test_sections_open_and_close_on_narrow_screens(sim):
    sections = [w for w in descendants(sim) if "btc-scene-section" in w._dom_classes]
    assert len(sections) == 2
    _heading, toggle, body = sections[0].children
    assert toggle.description == "Show: Your loop" and sim.connectivity in body.children
    toggle.click()
    assert "btc-open" in sections[0]._dom_classes and toggle.description == "Hide: Your loop"
    toggle.click()
    assert "btc-open" not in sections[0]._dom_classes


def test_a_choice_arriving_just_after_show_me_still_counts(sim):
    """ipywidgets can deliver the click before the last choice: a choice right after it counts."""
    sim.preset.value = "A bad week of sleep"
    sim.show_me.click()
    sim.guess.value = "up"
    assert sim.player.playing and "Your guess: It goes up" in sim.predict_feedback.value
    sim.show_me.click()  # a second press meant for "Show me" (now "Close") is not taken
    assert sim.predict_box in sim.controls.children
    sim.predict.watched_at -= 2
    sim.show_me.click()
    assert sim.predict_box not in sim.controls.children


def test_start_from_my_last_two_weeks_uses_the_learners_diary_and_says_it_is_illustrative(sim):
    import datetime as dt

    from widgets.models.diary import Diary, Entry

    end = dt.date(2026, 11, 30)
    few = Diary(tuple(Entry(end - dt.timedelta(days=i), 7, 6.0, 3, 2, 5) for i in range(4)))
    sim.start_from_my_diary(few)
    assert "has 4 days in the last two weeks" in sim.diary_message.value
    assert sim.scenario().start == {}
    diary = Diary(tuple(Entry(end - dt.timedelta(days=i), 7, 6.0, 3, 2, 5) for i in range(10)))
    sim.start_from_my_diary(diary)
    start = sim.scenario().start
    assert start["pain"] == 7.0 and start["low_mood"] == 8.0 and start["poor_sleep"] == 7.0
    assert sim.preset.value == "Your own settings"
    assert "10 days" in sim.diary_message.value and "illustrative" in sim.diary_message.value
    assert sim._days[0].levels["pain"] > 5  # the run starts where the diary is
    sim.reset_button.click()  # back to the story: its own start
    assert sim.scenario().start == {} and sim.diary_message.value == ""


def test_start_from_my_last_two_weeks_reads_the_pages_record_by_default(sim):
    import datetime as dt

    from widgets.models.diary import Diary, Entry
    from widgets.views.my_record import my_record

    record = my_record()
    end = dt.date.today()
    days = tuple(Entry(end - dt.timedelta(days=i), 6, 7.0, 5, 4, 30) for i in range(8))
    record.replace(dataclasses.replace(record.record, diary=Diary(days)))
    sim.diary_button.click()
    assert sim.scenario().start["pain"] == 6.0
