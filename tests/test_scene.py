"""The simulator scene kit (widgets/ui/scene.py): play bar, pin and "predict first", without a
browser. The cycle simulator's tests (tests/views/test_cycle_simulator.py) cover it in a view."""

from __future__ import annotations

import pytest

from widgets.ui.scene import Pin, PlayBar, PredictFirst, scene, scene_section, scene_words
from widgets.ui.shared import SharedStyles

WORDS = scene_words({"play": {"scrubber": "Hour"}})


def test_a_simulators_words_lie_over_the_defaults_section_by_section():
    assert WORDS["play"]["scrubber"] == "Hour" and WORDS["play"]["play"] == "Play"
    assert scene_words()["play"]["scrubber"] == "Day"  # the defaults are not changed
    assert set(WORDS) >= {"play", "pin", "predict", "sections"}


def bar(**kwargs) -> PlayBar:
    return PlayBar(SharedStyles(), WORDS["play"], minimum=1, maximum=24, interval_ms=300, **kwargs)


def test_play_starts_from_the_beginning_when_the_end_is_shown_and_the_button_pauses():
    heard = []
    play_bar = bar(on_playing=heard.append)
    assert play_bar.scrubber.value == 24 and not play_bar.playing
    play_bar.play_button.click()
    assert play_bar.playing and play_bar.scrubber.value == 1 and play_bar.player.value == 1
    assert play_bar.play_button.description == "Pause" and heard == [True]
    play_bar.play_button.click()
    assert not play_bar.playing and play_bar.play_button.description == "Play"
    assert heard == [True, False]


def test_play_carries_on_from_the_scrubber_and_before_play_can_take_the_press():
    answers = [False]
    play_bar = bar(before_play=lambda: answers[0])
    play_bar.go_to(7)
    play_bar.play_button.click()
    assert not play_bar.playing  # the press went to something else (a question)
    answers[0] = True
    play_bar.play_button.click()
    assert play_bar.playing and play_bar.scrubber.value == 7


@pytest.mark.parametrize("value", [0, 25, 3.5, True, "7", None])
def test_a_scrubber_value_out_of_range_or_of_the_wrong_kind_is_refused(value):
    play_bar = bar()
    play_bar.scrubber.max = 100  # the browser can change the range too
    play_bar.scrubber.min = -5
    play_bar.scrubber._trait_values["value"] = value  # what a bad message could leave
    with pytest.raises(ValueError, match="hour must be a whole number from 1 to 24"):
        play_bar.shown(24)


def test_shown_reads_a_good_value():
    play_bar = bar()
    play_bar.go_to(12)
    assert play_bar.shown() == 12 and play_bar.shown(12) == 12


def test_pin_keeps_what_capture_returns_until_cleared():
    redraws = []
    run = {"n": 1}
    pin = Pin(
        SharedStyles(),
        WORDS["pin"],
        capture=lambda: (run["n"], f"run {run['n']}"),
        on_change=lambda: redraws.append(1),
    )
    assert pin.value is None and pin.clear_button.disabled
    pin.pin_button.click()
    run["n"] = 2
    assert pin.value == (1, "run 1") and not pin.clear_button.disabled and len(redraws) == 1
    pin.clear_button.click()
    assert pin.value is None and pin.clear_button.disabled and len(redraws) == 2


class Prompt:
    def __init__(self) -> None:
        self.watched, self.skipped, self.visible = [], 0, []
        self.predict = PredictFirst(
            SharedStyles(),
            WORDS["predict"],
            on_watch=self.watch,
            on_skip=self.skip,
            on_visible=self.visible.append,
        )

    def watch(self, guess: str, play: bool) -> str:
        self.watched.append((guess, play))
        return f"watching for {guess}"

    def skip(self) -> None:
        self.skipped += 1


def test_predict_first_asks_waits_for_a_guess_then_shows_the_answer():
    prompt = Prompt()
    predict = prompt.predict
    predict.ask("Will it go up?", [("up", "Up"), ("down", "Down")])
    assert predict.asking and prompt.visible == [True]
    assert "Predict first" in predict.question.value and "Will it go up?" in predict.question.value
    predict.show_me.click()  # no guess yet
    assert "Choose an answer first" in predict.feedback.value and predict.asking
    predict.guess.value = "down"  # chosen just after: counts as the guess
    assert predict.watching and prompt.watched == [("down", True)]
    assert "watching for down" in predict.feedback.value
    assert predict.show_me.description == "Close"
    predict.reveal("It went <up>.")
    assert predict.state == "shown" and "It went &lt;up&gt;." in predict.feedback.value
    predict.show_me.click()
    assert predict.state == "" and prompt.visible == [True, False]


def test_moving_on_while_asked_takes_a_chosen_guess_or_ends_the_prompt():
    prompt = Prompt()
    prompt.predict.ask("Q?", [("a", "A")])
    assert prompt.predict.take_guess_or_end(play=False) is False
    assert prompt.predict.state == "" and prompt.watched == []
    prompt.predict.ask("Q?", [("a", "A")])
    prompt.predict.guess.value = "a"
    prompt.predict.wanted_at = 0  # not a late choice: the guess waits for a press
    assert prompt.predict.asking
    assert prompt.predict.take_guess_or_end(play=False) is True
    assert prompt.watched == [("a", False)]


def test_skip_ends_the_prompt_and_shows_the_run():
    prompt = Prompt()
    prompt.predict.ask("Q?", [("a", "A")])
    prompt.predict.skip_button.click()
    assert prompt.skipped == 1 and prompt.predict.state == "" and prompt.visible[-1] is False


def test_reveal_does_nothing_unless_a_guess_is_being_watched():
    prompt = Prompt()
    prompt.predict.reveal("answer")
    assert prompt.predict.state == "" and prompt.predict.feedback.value == ""


def test_a_section_folds_on_phones_and_the_scene_has_stage_and_controls():
    shared = SharedStyles()
    section = scene_section("Your loop", [], shared, WORDS["sections"])
    heading, toggle, body = section.children
    assert toggle.description == "Show: Your loop" and "btc-scene-section" in section._dom_classes
    toggle.click()
    assert "btc-open" in section._dom_classes and toggle.description == "Hide: Your loop"
    toggle.click()
    assert "btc-open" not in section._dom_classes
    box, stage, controls = scene([], [section], shared)
    assert box.children == (stage, controls) and "btc-scene" in box._dom_classes
    assert "btc-scene-stage" in stage._dom_classes and controls.children == (section,)


def test_set_range_moves_scrubber_and_player_together_and_keeps_the_value_inside():
    play_bar = bar()
    play_bar.go_to(20)
    play_bar.set_range(1, 4)
    assert (play_bar.scrubber.min, play_bar.scrubber.max) == (1, 4)
    assert (play_bar.player.min, play_bar.player.max) == (1, 4)
    assert play_bar.scrubber.value == 4 and play_bar.player.value == 4
    play_bar.set_range(0, 56)
    assert play_bar.scrubber.max == 56 and play_bar.shown() == 4
    with pytest.raises(ValueError, match="upwards"):
        play_bar.set_range(3, 3)


def test_the_buttons_come_before_the_scrubber_so_they_share_a_row_on_a_phone():
    extra = Pin(SharedStyles(), WORDS["pin"], capture=lambda: (0, ""), on_change=lambda: None)
    play_bar = bar(extra=[extra.widget])
    assert play_bar.widget.children == (
        play_bar.play_button,
        extra.widget,
        play_bar.scrubber,
        play_bar.player,
    )
