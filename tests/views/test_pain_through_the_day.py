"""The pain-through-the-day widget: choosing a night redraws both charts and their descriptions;
the scene plays the day hour by hour, asks before a night is shown and pins a night."""

from __future__ import annotations

import html
import re

import ipywidgets as ipw
import pytest

from widgets.describers.daily_rhythm import (
    describe_day_to,
    describe_difference_to,
    describe_guess,
    describe_pin,
    narrate_hour,
    outcome,
    pin_label,
    presets,
    start_preset,
)
from widgets.models.daily_rhythm import Night, day_after, difference
from widgets.ui.svg import wide_part
from widgets.views.pain_through_the_day import (
    BEDTIMES,
    PLAY_INTERVAL_MS,
    USUAL,
    WAKE_TIMES,
    PainThroughTheDay,
)

NORMAL = day_after(USUAL, USUAL)
USUAL_NIGHT = "A usual night: 23:00 to 07:00"
SHORT_NIGHT = "A short night: bed at 02:00"


@pytest.fixture
def widget():
    return PainThroughTheDay()


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
    assert polyline_points(svg) == [49, 49]  # half-hourly from 04:00 to 04:00 the next night
    last_x = [float(line.split()[-1].split(",")[0]) for line in polylines(svg)]
    assert last_x == [640 - 26] * 2  # both lines run to the right edge: the night's peak shows
    assert svg.count(">04:00<") == 1 and ">01:00<" in svg  # no tick label cut at the edge
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
    assert "could not be used" in widget.message.value
    assert widget.chart._plot.value == before
    widget.hour.value = 10  # scrubbing still shows the last night that worked, and says so
    assert "2 to 12 hours" in widget.message.value
    assert "21:00–07:00" in widget.chart._plot.value
    widget.wake.value = 7.0
    assert widget.message.value == ""


# --- the scene: stage and control sheet, play, pin, predict first ----------------------------


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def polylines(svg: str) -> list[str]:
    """The points of each line of a chart's wide version."""
    return re.findall(r'<polyline points="([^"]*)"', wide_part(svg))


def polyline_points(svg: str) -> list[int]:
    """How many points each line of a chart's wide version has."""
    return [len(p.split()) for p in polylines(svg)]


def test_the_scene_is_a_stage_with_the_chart_first_beside_a_control_sheet(widget):
    scene = next(w for w in descendants(widget) if "btc-scene" in w._dom_classes)
    stage, controls = scene.children
    assert stage is widget.stage and controls is widget.controls
    assert stage.children[0] is widget.chart
    on_stage = set(map(id, descendants(stage)))
    for part in (widget.difference_chart, widget.play_button, widget.hour, widget.pin_button):
        assert id(part) in on_stage
    in_sheet = set(map(id, descendants(controls)))
    for part in (widget.preset, widget.bedtime, widget.wake):
        assert id(part) in in_sheet
    note = widget.children[0]
    assert "illustrative model, not a prediction" in note.value
    assert "Schrimpf et al. 2015" in note.value and "leaves out" in note.value


def test_it_opens_on_the_whole_day_of_a_short_night(widget):
    assert widget.preset.value == start_preset() == SHORT_NIGHT
    assert widget.hour.value == widget.hour.max == 24 and widget.hour.min == 1
    assert widget.hour.description == "Hours since 04:00"
    assert polyline_points(widget.chart._plot.value) == [49, 49]
    assert "now" not in wide_part(widget.chart._plot.value)
    assert not widget.player.playing  # nothing plays by itself


def test_scrubbing_draws_both_curves_up_to_that_hour_with_a_marker(widget):
    widget.hour.value = 13  # 04:00 + 13 h = 17:00
    mine = day_after(Night(2.0, 7.0), USUAL)
    assert polyline_points(widget.chart._plot.value) == [27, 27]
    assert polyline_points(widget.difference_chart._plot.value) == [27]
    for chart in (widget.chart, widget.difference_chart):
        svg = wide_part(chart._plot.value)
        assert ">now 17:00<" in svg and 'stroke-dasharray="2 4"' in svg  # ring and marker
        assert ">01:00<" in svg  # the axis keeps the whole day
    assert widget.chart.text == describe_day_to(Night(2.0, 7.0), USUAL, mine, NORMAL, 27)
    assert widget.difference_chart.text == describe_difference_to(mine, NORMAL, 27)
    expected = narrate_hour(Night(2.0, 7.0), USUAL, mine, NORMAL, 26)
    assert html.unescape(widget.narration.value) == f"<p>{expected}</p>"
    assert "17:00. You have been up for 10 hours." in expected


def test_changing_the_night_keeps_the_scrubbed_hour(widget):
    widget.hour.value = 8
    widget.wake.value = 6.0
    assert widget.hour.value == 8 and widget.preset.value == "Your own night"
    assert polyline_points(widget.chart._plot.value) == [17, 17]
    assert "02:00–06:00" in widget.chart._plot.value


def test_play_starts_from_the_first_hour_and_pause_keeps_the_hour(widget):
    assert widget.play_button.description == "Play"
    widget.play_button.click()  # at the last hour: back to the first, then play
    assert widget.player.playing and widget.hour.value == 1 and widget.player.value == 1
    assert widget.play_button.description == "Pause"
    assert polyline_points(widget.chart._plot.value) == [3, 3]  # 04:00 to 05:00
    widget.hour.value = 2  # what the browser's ticks do
    assert polyline_points(widget.chart._plot.value) == [5, 5]
    widget.play_button.click()
    assert not widget.player.playing and widget.play_button.description == "Play"
    assert widget.hour.value == 2
    widget.play_button.click()
    assert widget.player.playing and widget.hour.value == 2  # playing on from there


def test_while_playing_the_pictures_change_and_the_words_wait(widget):
    widget.play_button.click()
    words = (widget.chart.text, widget.difference_chart.text, widget.narration.value)
    assert "Playing" in widget.chart.text and "Playing" in widget.difference_chart.text
    assert "Playing" in widget.narration.value
    pictures = widget.chart._plot.value
    widget.hour.value = 12
    assert (widget.chart.text, widget.difference_chart.text, widget.narration.value) == words
    assert widget.chart._plot.value != pictures and ">now 16:00<" in widget.chart._plot.value
    widget.player.playing = False  # the browser stops at the end, or the learner pauses
    assert widget.play_button.description == "Play"
    assert widget.chart.text.startswith("The chart shows 04:00 to 16:00 so far.")
    assert widget.narration.value.startswith("<p>16:00.")


def test_the_play_widget_is_hidden_and_linked_in_the_browser(widget):
    assert widget.player.layout.display == "none"
    assert widget.player.min == widget.hour.min == 1
    assert widget.player.max == widget.hour.max == 24
    assert 250 <= widget.player.interval == PLAY_INTERVAL_MS <= 400
    link = widget.bar.link
    assert isinstance(link, ipw.widget_link.Link)
    assert {link.source[0], link.target[0]} == {widget.player, widget.hour}


def test_an_hour_from_the_browser_out_of_range_keeps_the_last_picture(widget):
    widget.hour.value = 10
    before = (widget.chart._plot.value, widget.difference_chart._plot.value, widget.chart.text)
    widget.hour.max = 50  # as if a browser changed the range and sent a value outside the day
    widget.hour.value = 40
    assert "could not be used" in widget.message.value
    assert "hours since 04:00 must be a whole number from 1 to 24, got 40" in widget.message.value
    assert (widget.chart._plot.value, widget.difference_chart._plot.value, widget.chart.text) == (
        before
    )
    widget.hour.value = 11
    assert widget.message.value == "" and polyline_points(widget.chart._plot.value) == [23, 23]


# --- predict first ---------------------------------------------------------------------------


def test_choosing_a_short_night_asks_first_then_plays_and_reveals_the_models_answer(widget):
    widget.preset.value = USUAL_NIGHT  # no question for a usual night
    assert widget.predict_box not in widget.controls.children
    widget.preset.value = SHORT_NIGHT
    assert widget.predict_box in widget.controls.children
    assert widget.controls.children.index(widget.predict_box) == 1  # under the menu
    assert widget.hour.value == 1 and not widget.player.playing  # the charts wait
    prediction = presets()[SHORT_NIGHT].prediction
    assert html.escape(prediction.question) in widget.question.value
    assert [text for text, _key in widget.guess.options] == [
        "In the morning",
        "In the afternoon",
        "In the evening, before bed",
    ]
    widget.show_me.click()  # no answer yet
    assert "Choose an answer first" in widget.predict_feedback.value
    assert not widget.player.playing
    widget.predict.wanted_at -= 2  # the learner took a while to choose
    widget.guess.value = "afternoon"
    assert not widget.player.playing
    widget.show_me.click()
    assert widget.player.playing and widget.hour.value == 1
    assert "Your guess: In the afternoon" in widget.predict_feedback.value
    assert "ends at 04:00" in widget.predict_feedback.value
    for hour in range(2, 25):  # the browser's ticks
        widget.hour.value = hour
    widget.player.playing = False  # the browser's Play stops at the end
    night = Night(2.0, 7.0)
    mine = day_after(night, USUAL)
    # The model's own answer: the hour, while awake, where the night adds most.
    awake = [
        (h, c)
        for h, c, up in zip(mine.clock_hours, difference(mine, NORMAL), mine.awake, strict=True)
        if up
    ]
    when, most = max(awake, key=lambda item: item[1])
    assert (when, round(most, 1)) == (7.0, 1.3)
    key, _sentence = outcome(prediction, night, USUAL, mine, NORMAL)
    assert key == "morning"
    expected = describe_guess(prediction, "afternoon", night, USUAL, mine, NORMAL)
    assert html.unescape(widget.predict_feedback.value) == f"<p>{expected}</p>"
    assert "The model shows something else" in expected and "at 07:00, in the morning" in expected
    assert widget.show_me.description == "Close"
    widget.show_me.click()  # the answer is shown: "Close" closes at once
    assert widget.predict_box not in widget.controls.children


def test_skip_shows_the_whole_day_without_a_guess(widget):
    widget.preset.value = "Up early: 23:00 to 05:00"
    assert widget.predict_box in widget.controls.children and widget.hour.value == 1
    assert (widget.bedtime.value, widget.wake.value) == (23.0, 5.0)
    widget.skip_button.click()
    assert widget.predict_box not in widget.controls.children and widget.hour.value == 24
    assert not widget.player.playing
    assert polyline_points(widget.chart._plot.value) == [49, 49]


def test_scrubbing_to_the_end_after_guessing_shows_the_answer(widget):
    widget.preset.value = "Sleeping in: 01:00 to 09:00"
    widget.guess.value = "less"
    widget.hour.value = 24
    assert "The model agrees" in widget.predict_feedback.value
    assert "less sensitive" in widget.predict_feedback.value
    assert "You got up later than usual" in widget.predict_feedback.value


def test_playing_without_a_guess_just_explores(widget):
    widget.preset.value = "Up early: 23:00 to 05:00"
    widget.play_button.click()
    assert widget.player.playing and widget.predict_box not in widget.controls.children


def test_moving_a_slider_by_hand_drops_the_question(widget):
    widget.preset.value = "Up early: 23:00 to 05:00"
    widget.bedtime.value = 0.0
    assert widget.predict_box not in widget.controls.children
    assert widget.preset.value == "Your own night"
    assert "00:00 to 05:00" in widget.chart.text
    widget.preset.value = "Your own night"  # choosing it changes nothing
    assert (widget.bedtime.value, widget.wake.value) == (0.0, 5.0)


# --- pin ------------------------------------------------------------------------------------


def test_pin_keeps_the_night_on_both_charts_and_the_text_compares(widget):
    pinned = day_after(Night(2.0, 7.0), USUAL)
    assert widget.clear_pin_button.disabled
    widget.pin_button.click()
    assert not widget.clear_pin_button.disabled
    widget.preset.value = "Sleeping in: 01:00 to 09:00"
    widget.skip_button.click()
    mine = day_after(Night(1.0, 9.0), USUAL)
    for chart, lines in ((widget.chart, 3), (widget.difference_chart, 2)):
        svg = wide_part(chart._plot.value)
        assert len(polyline_points(svg)) == lines
        assert ">Pinned: 02:00 to 07:00<" in svg
        assert (
            'stroke="#595959" stroke-width="2" stroke-linejoin="round" stroke-dasharray="4 3"'
            in (svg)
        )
    label = pin_label(Night(2.0, 7.0))
    assert describe_pin(mine, pinned, label) in widget.chart.text
    assert "less sensitive than the pinned night" in widget.chart.text
    widget.clear_pin_button.click()
    assert len(polyline_points(widget.chart._plot.value)) == 2
    assert "Pinned" not in widget.chart.text and "Pinned" not in widget.chart._plot.value
    assert widget.clear_pin_button.disabled


def test_a_pinned_night_stays_whole_while_the_day_unfolds(widget):
    widget.pin_button.click()
    widget.bedtime.value = 23.0  # a usual night now
    widget.hour.value = 6
    assert polyline_points(widget.chart._plot.value) == [13, 13, 49]
    assert "Up to 10:00:" in widget.chart.text
    assert "less sensitive than the pinned night" in widget.chart.text


# --- the nights on offer ----------------------------------------------------------------------


def test_every_night_in_the_menu_is_one_the_sliders_offer_and_draws():
    bedtimes = {value for _label, value in BEDTIMES}
    wakes = {value for _label, value in WAKE_TIMES}
    for name, preset in presets().items():
        assert preset.night.bedtime in bedtimes and preset.night.wake in wakes, name
        widget = PainThroughTheDay(name)
        assert widget.preset.value == name and widget.message.value == ""
        assert widget.chart.text and widget.narration.value


def test_an_unknown_night_is_refused():
    with pytest.raises(ValueError, match="unknown night"):
        PainThroughTheDay("A night on the town")


def test_chart_words_fit_a_phones_chart():
    """The narrow picture is about 300 units wide: longer legends and axis titles run off it (or,
    for the y axis, into the "-10" tick label), as they did before the scene (seen at 390 px)."""
    widget = PainThroughTheDay()
    widget.pin_button.click()
    widget.hour.value = 23  # every label the charts can show: the ring, the pin
    for chart in (widget.chart, widget.difference_chart):
        svg = chart._plot.value
        narrow = svg[len(wide_part(svg)) :]
        assert 'viewBox="0 0 300 ' in narrow
        legends = re.findall(
            r'<text x="86" y="\d+" font-size="15" fill="#[0-9a-f]+">([^<]+)<', narrow
        )
        assert len(legends) == (3 if chart is widget.chart else 2)
        assert max(map(len, legends)) <= 25, legends
        titles = re.findall(r'font-size="15" fill="#[0-9a-f]+">([^<]+)</text>', narrow)
        x_title = next(t for t in titles if t.startswith("Time of day"))
        assert len(x_title) <= 28
        y_title = re.search(
            r'rotate\(-90\)" text-anchor="middle" font-size="15" [^>]*>([^<]+)<', narrow
        )
        assert len(y_title.group(1)) <= 14, y_title.group(1)
