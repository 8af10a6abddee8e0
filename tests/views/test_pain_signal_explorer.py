"""The pain pathway explorer's scene (lesson 04): stories play moment by moment, a hand change
leaves the story, bad values keep the last picture, "predict first" asks before a story and
answers from the model, and a pin keeps one moment's numbers in grey to compare."""

from __future__ import annotations

import html
import re

import ipywidgets as ipw
import pytest

from widgets.describers.pain_signal import (
    describe_guess,
    describe_pin,
    describe_signal,
    moment_caption,
    narrate_moment,
    outcome,
    predictions,
    scene_text,
    stories,
)
from widgets.models.pain_signal import PainInputs, pain_signal
from widgets.ui.theme import OKABE_ITO
from widgets.views.pain_signal_explorer import (
    PLAY_INTERVAL_MS,
    WIDTH,
    PainSignalExplorer,
    pain_signal_explorer,
    pathway_svg,
)

OWN = scene_text()["explorer"]["own_settings"]
TOE, WEEK, MEDICINE = "A stubbed toe", "A hard week", "A medicine that boosts noradrenaline"


@pytest.fixture
def tool():
    return pain_signal_explorer()


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def slider_inputs(tool) -> PainInputs:
    return PainInputs(**{name: c.value for name, c in tool.sliders.items()})


def plain(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value))


def test_it_starts_on_the_first_moment_of_the_first_story_an_ordinary_day(tool):
    assert tool.story.value == TOE == next(iter(stories()))
    assert tool.moment.value == 1 and tool.moment.max == 4 and tool.moment.description == "Moment"
    assert slider_inputs(tool) == PainInputs()
    assert "Moment 1 of 4: You stub your toe." in plain(tool.caption.value)
    assert tool.diagram.text == describe_signal(PainInputs(), pain_signal())
    assert "where the story starts" in tool.narration.value
    assert tool.diagram._plot.value.startswith("<svg")
    assert tool.reset_button.description == "Back to an ordinary day"  # the lesson names it


def test_the_scene_is_a_stage_beside_a_control_sheet(tool):
    scene = next(w for w in descendants(tool) if "btc-scene" in w._dom_classes)
    stage, controls = scene.children
    assert stage is tool.stage and controls is tool.controls
    on_stage = set(map(id, descendants(stage)))
    for widget in (tool.story, tool.play_button, tool.moment, tool.pin_button, tool.diagram):
        assert id(widget) in on_stage
    assert id(tool.narration) in on_stage and id(tool.caption) in on_stage
    in_sheet = set(map(id, descendants(controls)))
    assert id(tool.reset_button) in in_sheet
    assert all(id(slider) in in_sheet for slider in tool.sliders.values())
    sections = [w for w in descendants(controls) if "btc-scene-section" in w._dom_classes]
    assert len(sections) == 3
    _heading, toggle, body = sections[0].children
    assert toggle.description == "Show: The injury and rubbing"
    assert tool.sliders["touch"] in body.children
    toggle.click()
    assert "btc-open" in sections[0]._dom_classes and toggle.description.startswith("Hide")
    first, _scene, last = tool.children  # the note and the sources stay on screen
    assert "An illustrative model, not a measurement" in first.value
    assert "Where this model comes from" in last.value


def test_every_story_loads_with_its_moments_and_the_menu_offers_own_settings(tool):
    assert list(tool.story.options) == [*stories(), OWN]
    for name, story in stories().items():
        tool.story.value = name
        tool.predict.end()
        first = predictions()[name].first if name in predictions() else 1
        assert tool.moment.value == first and tool.moment.max == len(story.moments)
        assert slider_inputs(tool) == story.moments[first - 1].inputs
        assert moment_caption(story, first - 1) in plain(tool.caption.value)


def test_play_steps_through_the_moments_and_the_words_wait(tool):
    story = stories()[TOE]
    assert PLAY_INTERVAL_MS == 1200 and tool.player.interval == 1200
    assert tool.player.layout.display == "none" and isinstance(tool.bar.link, ipw.widget_link.Link)
    tool.play_button.click()
    assert tool.player.playing and tool.play_button.description == "Pause"
    waiting = (tool.diagram.text, tool.narration.value)
    assert "Playing" in tool.diagram.text and "Playing" in tool.narration.value
    pictures = {tool.diagram._plot.value}
    for moment in range(2, len(story.moments) + 1):  # what the browser's ticks do
        tool.moment.value = moment
        assert slider_inputs(tool) == story.moments[moment - 1].inputs
        assert f"Moment {moment} of 4" in plain(tool.caption.value)
        assert (tool.diagram.text, tool.narration.value) == waiting
        pictures.add(tool.diagram._plot.value)
    assert len(pictures) == len(story.moments)  # each moment its own picture
    assert tool.story.value == TOE  # ticks stay in the story
    tool.player.playing = False  # the browser stops at the last moment
    last = story.moments[-1].inputs
    assert tool.diagram.text == describe_signal(last, pain_signal(last))
    assert plain(tool.narration.value).split() == narrate_moment(story, 3).split()
    assert tool.play_button.description == "Play"


def test_play_at_the_last_moment_starts_again_and_pause_keeps_the_moment(tool):
    tool.moment.value = 4
    tool.play_button.click()
    assert tool.player.playing and tool.moment.value == 1 and tool.player.value == 1
    tool.moment.value = 2
    tool.play_button.click()
    assert not tool.player.playing and tool.moment.value == 2
    assert slider_inputs(tool) == stories()[TOE].moments[1].inputs


def test_a_moment_outside_the_story_keeps_the_last_picture_and_says_why(tool):
    picture, caption = tool.diagram._plot.value, tool.caption.value
    tool.moment.max = 99  # as if a browser sent a range and a value the story does not have
    tool.moment.value = 9
    assert "could not be used" in tool.message.value and "moment must be" in tool.message.value
    assert "still shows the last moment" in tool.message.value
    assert tool.diagram._plot.value == picture and tool.caption.value == caption
    tool.moment.value = 2
    assert tool.message.value == "" and "Moment 2 of 4" in plain(tool.caption.value)


def test_a_slider_moved_by_hand_leaves_the_story_and_the_moment_slider_goes_back(tool):
    tool.moment.value = 2
    tool.sliders["stress"].value = 9
    assert tool.story.value == OWN and tool.own_settings
    assert tool.sliders["stress"].value == 9 and tool.sliders["touch"].value == 8  # kept
    assert "Your own settings" in plain(tool.caption.value)
    narration = plain(tool.narration.value)
    assert "Compared with moment 2 of A stubbed toe: stress went up from 3 to 9" in narration
    now = slider_inputs(tool)
    assert tool.diagram.text == describe_signal(now, pain_signal(now))
    tool.moment.value = 3  # back into the story, at that moment
    assert tool.story.value == TOE and not tool.own_settings
    assert slider_inputs(tool) == stories()[TOE].moments[2].inputs


def test_choosing_own_settings_keeps_the_sliders_and_play_goes_back_to_the_story(tool):
    tool.moment.value = 2
    tool.story.value = OWN
    assert slider_inputs(tool) == stories()[TOE].moments[1].inputs and tool.own_settings
    tool.sliders["injury"].value = 9
    tool.play_button.click()  # back to the moment left, and on from there
    assert tool.player.playing and tool.story.value == TOE and tool.moment.value == 2
    assert slider_inputs(tool) == stories()[TOE].moments[1].inputs


def test_choosing_own_settings_while_playing_pauses(tool):
    tool.play_button.click()
    tool.story.value = OWN
    assert not tool.player.playing and tool.own_settings
    assert "Your own settings" in plain(tool.caption.value)


def test_a_hand_change_while_playing_pauses(tool):
    tool.play_button.click()
    tool.moment.value = 2
    tool.sliders["noradrenaline"].value = 10
    assert not tool.player.playing and tool.story.value == OWN
    assert "Playing" not in tool.diagram.text and "turns the signal down" in tool.diagram.text


def test_back_to_an_ordinary_day_is_the_first_moment_of_the_story(tool):
    tool.story.value = WEEK
    tool.skip_button.click()
    tool.sliders["touch"].value = 5
    tool.reset_button.click()
    assert tool.story.value == WEEK and tool.moment.value == 1
    assert slider_inputs(tool) == PainInputs()


def test_choosing_a_story_asks_first_then_plays_and_the_answer_is_the_models(tool):
    tool.story.value = WEEK
    prediction = predictions()[WEEK]
    assert tool.predict.asking and tool.predict_box in tool.stage.children
    assert tool.stage.children.index(tool.predict_box) < tool.stage.children.index(tool.bar.widget)
    assert tool.moment.value == prediction.first and not tool.player.playing
    assert prediction.question in html.unescape(tool.question.value)
    assert [key for _text, key in tool.guess.options] == ["up", "same", "down"]
    tool.show_me.click()  # no answer yet
    assert "Choose an answer first" in tool.predict_feedback.value and not tool.player.playing
    tool.predict.wanted_at -= 2  # the learner took a while to choose
    tool.guess.value = "same"
    tool.show_me.click()
    assert tool.predict.watching and tool.player.playing
    assert "Your guess: It stays the same" in tool.predict_feedback.value
    assert "the answer comes at moment 4" in tool.predict_feedback.value
    for moment in range(2, 5):
        tool.moment.value = moment
    key, sentence = outcome(prediction)
    first, last = (stories()[WEEK].signal(i).reaching_brain for i in (0, 3))
    assert key == "up" and last > first  # computed from the model, not written in
    assert f"from {first:.1f} out of 10 at moment 1 to {last:.1f} at moment 4" in sentence
    expected = describe_guess(prediction, "same")
    assert html.unescape(tool.predict_feedback.value) == f"<p>{expected}</p>"
    assert "The model shows something else" in expected
    assert tool.show_me.description == "Close"
    tool.show_me.click()
    assert tool.predict_box not in tool.stage.children


def test_a_right_guess_is_told_so(tool):
    tool.story.value = MEDICINE
    assert tool.moment.value == 2  # asked where stress and poor sleep have set in
    tool.guess.value = "down"
    tool.show_me.click()
    tool.moment.value, tool.moment.value = 3, 4
    assert "You guessed: It gets weaker. The model agrees." in tool.predict_feedback.value


def test_skip_shows_the_last_moment_without_a_guess(tool):
    tool.story.value = WEEK
    tool.skip_button.click()
    assert tool.predict_box not in tool.stage.children and not tool.predict.state
    assert tool.moment.value == 4 and not tool.player.playing
    assert "Since the story began" in tool.narration.value


def test_scrubbing_before_answering_ends_the_question_or_takes_the_guess(tool):
    tool.story.value = WEEK
    tool.moment.value = 2  # no answer chosen: just exploring
    assert tool.predict_box not in tool.stage.children
    tool.story.value = TOE
    tool.story.value = WEEK
    tool.guess.value = "up"
    tool.moment.value = 3  # an answer chosen: it counts
    assert tool.predict.watching and not tool.player.playing
    tool.moment.value = 4
    assert "The model agrees" in tool.predict_feedback.value


def test_play_while_asked_takes_a_chosen_answer_or_just_plays(tool):
    tool.story.value = WEEK
    tool.play_button.click()  # nothing chosen
    assert tool.player.playing and tool.predict_box not in tool.stage.children
    tool.play_button.click()
    tool.story.value = MEDICINE
    tool.guess.value = "up"
    tool.play_button.click()
    assert tool.player.playing and tool.predict.watching and tool.moment.value == 2


def test_a_hand_change_drops_the_question(tool):
    tool.story.value = WEEK
    tool.sliders["stress"].value = 8
    assert tool.predict_box not in tool.stage.children and tool.story.value == OWN


def test_no_question_for_a_story_without_one(tool):
    tool.story.value = WEEK
    tool.story.value = TOE
    assert TOE not in predictions()
    assert tool.predict_box not in tool.stage.children and tool.moment.value == 1


def test_pin_keeps_the_moment_in_grey_and_the_text_says_how_this_one_differs(tool):
    tool.story.value = WEEK
    tool.skip_button.click()  # moment 4: stress, short sleep and low mood up
    pinned = pain_signal(slider_inputs(tool))
    assert tool.clear_pin_button.disabled and "pinned" not in tool.diagram._plot.value
    tool.pin_button.click()
    assert not tool.clear_pin_button.disabled
    tool.moment.value = 1
    now = pain_signal(PainInputs())
    svg = tool.diagram._plot.value
    assert "Grey = Pinned: A hard week, moment 4." in svg
    assert (
        f">pinned {pinned.reaching_brain:.1f}<" in svg
        and f">feels {now.reaching_brain:.1f}/10<" in svg
    )
    assert svg.count('stroke="#a6a6a6"') == 4  # a grey arrow beside each of the signal's arrows
    text = tool.diagram.text
    assert describe_pin(now, pinned, "A hard week, moment 4") in text
    assert (
        f"the signal reaching the brain: {pinned.reaching_brain - now.reaching_brain:.1f} points "
        f"lower ({now.reaching_brain:.1f} instead of {pinned.reaching_brain:.1f})"
    ) in text
    tool.play_button.click()
    assert "Pinned" not in tool.diagram.text  # playing: the words wait
    assert "Grey = Pinned" in tool.diagram._plot.value  # the picture keeps the pin
    tool.play_button.click()
    tool.clear_pin_button.click()
    assert "Pinned" not in tool.diagram.text and "pinned" not in tool.diagram._plot.value
    assert tool.clear_pin_button.disabled


def test_a_hand_made_pin_says_so(tool):
    tool.sliders["touch"].value = 6
    tool.pin_button.click()
    assert "Pinned (your own settings)" in tool.diagram.text
    assert "This moment has the same numbers as the pinned one." in tool.diagram.text


def test_unknown_story_is_refused():
    with pytest.raises(ValueError, match="unknown story"):
        PainSignalExplorer("A broken leg")
    assert PainSignalExplorer(MEDICINE).story.value == MEDICINE


def test_the_diagram_is_one_picture_readable_on_a_small_phone():
    """One SVG (the lesson's browser test counts one), drawn 340 units across with no text under
    16 units: at 260 px (a 320 px phone) that is 12 px or more."""
    for inputs in (PainInputs(), PainInputs(touch=10, stress=10)):
        svg = pathway_svg(inputs, pain_signal(inputs), (inputs, pain_signal(inputs)), "x")
        assert svg.count("<svg") == 1 and f'viewBox="0 0 {WIDTH} ' in svg and WIDTH == 340
        assert "btc-svg-wide" not in svg and "btc-svg-narrow" not in svg  # always shown
        sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
        assert sizes and min(sizes) >= 16
        assert "<title>The pain pathway</title>" in svg


def test_rubbing_adds_a_green_arrow_and_pinned_arrows_have_no_heads():
    calm, rubbed = PainInputs(), PainInputs(touch=6)
    green = f'stroke="{OKABE_ITO["bluish_green"]}"'
    assert green not in pathway_svg(calm, pain_signal(calm))
    assert green in pathway_svg(rubbed, pain_signal(rubbed))
    svg = pathway_svg(rubbed, pain_signal(rubbed), (calm, pain_signal(calm)), "x")
    ghosts = re.findall(r'<path[^>]*stroke="#a6a6a6"[^>]*>', svg)
    assert len(ghosts) == 4 and not any("marker-end" in ghost for ghost in ghosts)
