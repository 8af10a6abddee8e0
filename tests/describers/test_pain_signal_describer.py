"""The pain-pathway describer says, in plain sentences, what the diagram shows, from the model's
own numbers: one moment's signal, a story's moments, a pinned moment, and the answer to "predict
first". The stories in the content file are checked when read."""

from __future__ import annotations

import re
import string

import pytest

import widgets.describers.pain_signal as describer
from widgets.describers.pain_signal import (
    INPUTS,
    SAME_WITHIN,
    Prediction,
    describe_guess,
    describe_pin,
    describe_signal,
    describe_step,
    loudness,
    moment_caption,
    narrate_moment,
    narrate_own,
    outcome,
    points,
    predictions,
    read_stories,
    scene_text,
    stories,
)
from widgets.models.pain_signal import PainInputs, pain_signal

ORDINARY = {"caption": "An ordinary day.", "inputs": {}}


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


# --- the content file ------------------------------------------------------------------------


def test_the_content_file_is_where_the_words_are():
    from widgets.words import content_path

    assert content_path("pain_signal_scene").is_file()
    words = scene_text()
    assert words["play"]["scrubber"] == "Moment"
    assert set(words["controls"]) == set(INPUTS) == set(words["names"])
    # The lesson's "Try this" names these controls.
    assert words["controls"]["touch"].startswith("Rubbing the sore spot")
    assert words["explorer"]["reset"] == "Back to an ordinary day"


def test_every_pattern_keeps_only_placeholders_the_describer_fills():
    filled = {
        "level", "percent", "volume", "loudness", "amount", "direction", "moment", "total",
        "caption", "changes", "before", "after", "name", "story", "label", "now", "then",
        "guess", "last", "first", "brakes", "accelerators", "value",
    }  # fmt: skip
    for section, values in scene_text().items():
        if not isinstance(values, dict):
            continue
        for key, text in values.items():
            if isinstance(text, str):
                used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
                assert used <= filled, (section, key, used - filled)


def test_every_story_is_valid_starts_on_an_ordinary_day_and_has_moments_to_play():
    found = stories()
    assert list(found) == [
        "A stubbed toe",
        "A hard week",
        "A medicine that boosts noradrenaline",
    ]
    for story in found.values():
        assert len(story.moments) >= 2
        assert story.moments[0].inputs == PainInputs()
        for moment in story.moments:
            assert isinstance(moment.inputs, PainInputs) and moment.caption
            assert all(float(getattr(moment.inputs, n)).is_integer() for n in INPUTS)


def test_the_stories_show_what_their_captions_say():
    toe, week, medicine = stories().values()
    assert (
        toe.signal(1).gate_open < 1 and toe.signal(1).reaching_brain < toe.signal(0).reaching_brain
    )
    assert toe.signal(3).reaching_brain < 1  # it has faded
    rising = [week.signal(i).reaching_brain for i in range(4)]
    assert rising == sorted(rising) and len(set(rising)) == 4  # each worry adds to it
    assert {week.moments[i].inputs.injury for i in range(4)} == {5}  # the same injury
    assert medicine.signal(3).descending_inhibition > medicine.signal(1).descending_inhibition


@pytest.mark.parametrize(
    ("moments", "message"),
    [
        ([ORDINARY, {"caption": "x", "inputs": {"stress": 11}}], "stress"),
        ([ORDINARY, {"caption": "x", "inputs": {"stress": 2.5}}], "whole number"),
        ([ORDINARY, {"caption": "x", "inputs": {"stress": True}}], "whole number"),
        ([ORDINARY, {"caption": "x", "inputs": {"worry": 3}}], "unknown inputs worry"),
        ([ORDINARY, {"caption": "", "inputs": {}}], "needs a caption"),
        ([ORDINARY], "at least two moments"),
        ([{"caption": "x", "inputs": {"injury": 8}}, ORDINARY], "ordinary day"),
    ],
)
def test_a_story_the_sliders_could_not_show_is_refused_when_read(moments, message):
    with pytest.raises(ValueError, match=message):
        read_stories([{"name": "Test", "moments": moments}])


def test_a_moment_keeps_what_the_moment_before_set():
    story = read_stories(
        [
            {
                "name": "Test",
                "moments": [
                    ORDINARY,
                    {"caption": "a", "inputs": {"stress": 8}},
                    {"caption": "b", "inputs": {"touch": 4}},
                ],
            }
        ]
    )["Test"]
    assert story.moments[2].inputs == PainInputs(stress=8, touch=4)


# --- one moment's signal -------------------------------------------------------------------------


def test_the_signal_is_described_with_the_models_numbers():
    inputs = PainInputs(touch=3, stress=9, short_sleep=8)
    signal = pain_signal(inputs)
    text = describe_signal(inputs, signal)
    assert f"{signal.gate_open * 100:.0f}% of the signal gets through" in text
    assert f"volume ×{signal.volume:.2f}" in text and "turns the signal up" in text
    assert f"What reaches the brain: {signal.reaching_brain:.1f} out of 10" in text
    usual = pain_signal(PainInputs(injury=inputs.injury)).reaching_brain
    assert f"{abs(signal.reaching_brain - usual):.1f} points louder" in text


def test_brakes_and_accelerators_about_even():
    inputs = next(
        PainInputs(stress=s, low_mood=m)
        for s in range(11)
        for m in range(11)
        if 0.95 <= pain_signal(PainInputs(stress=s, low_mood=m)).volume <= 1.05
    )
    assert "about even" in describe_signal(inputs, pain_signal(inputs))


def test_loudness_words_follow_the_bands():
    assert [loudness(level) for level in (0.2, 2, 4, 7, 9.5)] == [
        "almost nothing",
        "quiet",
        "moderate",
        "loud",
        "very loud",
    ]


def test_points_says_one_point_or_points():
    assert points(1.0) == "1 point" and points(-0.6) == "0.6 points" and points(2) == "2 points"


# --- a story's moments ----------------------------------------------------------------------------


def test_a_moment_is_narrated_with_what_changed_and_the_signal_it_gives():
    week = stories()["A hard week"]
    assert moment_caption(week, 1) == f"Moment 2 of 4: {week.moments[1].caption}"
    text = narrate_moment(week, 2)
    before, now = week.signal(1).reaching_brain, week.signal(2).reaching_brain
    assert "short sleep went up from 2 to 7" in text and "stress went" not in text
    assert f"the signal reaching the brain rose from {before:.1f} to {now:.1f}" in text
    start = week.signal(0).reaching_brain
    assert f"Since the story began: the signal reaching the brain went from {start:.1f}" in text
    assert narrate_moment(week, 0).endswith("This is where the story starts.")


def test_a_step_names_only_the_inputs_that_moved_and_which_way_the_signal_went():
    assert describe_step(PainInputs(), PainInputs(noradrenaline=9)).startswith(
        "noradrenaline went up from 5 to 9; the signal reaching the brain fell from"
    )
    assert describe_step(PainInputs(), PainInputs()) == (
        f"the signal reaching the brain stayed at {pain_signal().reaching_brain:.1f}"
    )
    text = describe_step(PainInputs(stress=6), PainInputs(stress=2))
    assert "stress went down from 6 to 2" in text and "fell" in text


def test_own_settings_are_compared_with_the_moment_left():
    toe = stories()["A stubbed toe"]
    text = narrate_own(PainInputs(touch=8, stress=9), toe, 1)
    assert text.startswith("Your own settings.")
    assert "Compared with moment 2 of A stubbed toe: stress went up from 3 to 9" in text


# --- a pinned moment ----------------------------------------------------------------------------


def test_a_pin_comparison_gives_each_level_now_and_then():
    now, then = pain_signal(PainInputs(noradrenaline=10)), pain_signal(PainInputs(stress=9))
    text = describe_pin(now, then, "A hard week, moment 3")
    assert text.startswith("Pinned (A hard week, moment 3): the grey numbers on the diagram.")
    for name, field in (
        ("the signal reaching the brain", "reaching_brain"),
        ("the brakes", "descending_inhibition"),
        ("the accelerators", "descending_facilitation"),
    ):
        a, b = getattr(now, field), getattr(then, field)
        word = "higher" if round(a, 1) > round(b, 1) else "lower"
        assert (
            f"{name}: {points(round(a, 1) - round(b, 1))} {word} ({a:.1f} instead of {b:.1f})"
            in text
        )
    assert "gate" not in text  # nothing rubbed in either


def test_a_pin_comparison_notes_the_gate_and_sameness():
    rubbed, calm = pain_signal(PainInputs(touch=10)), pain_signal()
    assert "the gate lets through 62% instead of 100%" in describe_pin(rubbed, calm, "x")
    same = describe_pin(calm, calm, "x")
    assert same.endswith("This moment has the same numbers as the pinned one.")


# --- predict first -------------------------------------------------------------------------------


def test_every_question_is_about_a_story_and_compares_two_of_its_moments():
    found = predictions()
    assert set(found) == {"A hard week", "A medicine that boosts noradrenaline"}
    for prediction in found.values():
        assert 1 <= prediction.first < prediction.last <= len(stories()[prediction.story].moments)
        assert {key for key, _text in prediction.options} == {"up", "same", "down"}
    assert "Stress goes up" in found["A hard week"].question


@pytest.mark.parametrize(
    ("story", "expected"), [("A hard week", "up"), ("A medicine that boosts noradrenaline", "down")]
)
def test_the_answer_is_the_models_change_at_the_brain(story, expected):
    prediction = predictions()[story]
    key, sentence = outcome(prediction)
    start = stories()[story].signal(prediction.first - 1)
    end = stories()[story].signal(prediction.last - 1)
    change = end.reaching_brain - start.reaching_brain
    assert key == expected and abs(change) >= SAME_WITHIN
    assert (change > 0) == (key == "up")
    assert f"from {start.reaching_brain:.1f} out of 10 at moment {prediction.first}" in sentence
    assert f"to {end.reaching_brain:.1f} at moment {prediction.last}" in sentence
    assert f"The brakes go from {start.descending_inhibition:.1f}" in sentence


def test_the_answer_follows_the_numbers_not_the_file(monkeypatch):
    """A story whose change is small gets "same"; one that calms down gets "down"."""
    made_up = read_stories(
        [
            {
                "name": "Calmer",
                "moments": [ORDINARY, {"caption": "x", "inputs": {"stress": 0, "low_mood": 0}}],
            },
            {
                "name": "A little serotonin",
                "moments": [ORDINARY, {"caption": "x", "inputs": {"serotonin": 6}}],
            },
        ]
    )
    monkeypatch.setattr(describer, "stories", lambda: made_up)
    options = (("up", "Up"), ("same", "Same"), ("down", "Down"))
    calmer = Prediction("Calmer", "?", 1, 2, options)
    assert outcome(calmer)[0] == "down"
    assert describe_guess(calmer, "down").startswith("You guessed: Down. The model agrees.")
    small = Prediction("A little serotonin", "?", 1, 2, options)
    key, sentence = outcome(small)
    assert key == "same" and "stays about the same" in sentence
    assert "The model shows something else" in describe_guess(small, "up")


@pytest.mark.parametrize(
    ("story", "first", "last", "keys", "message"),
    [
        ("No such story", 1, 2, ("up", "same", "down"), "not a story"),
        ("A hard week", 3, 2, ("up", "same", "down"), "two of its moments"),
        ("A hard week", 1, 9, ("up", "same", "down"), "two of its moments"),
        ("A hard week", 1, 4, ("up", "down"), "must be up, same, down"),
    ],
)
def test_a_question_the_model_cannot_answer_is_refused(story, first, last, keys, message):
    with pytest.raises(ValueError, match=message):
        Prediction(story, "?", first, last, tuple((key, key) for key in keys))


def test_the_medicine_answer_has_numbers_from_the_model():
    text = describe_guess(predictions()["A medicine that boosts noradrenaline"], "up")
    medicine = stories()["A medicine that boosts noradrenaline"]
    assert numbers(text)[:4] == [
        round(medicine.signal(1).reaching_brain, 1),
        10,
        2,
        round(medicine.signal(3).reaching_brain, 1),
    ]
