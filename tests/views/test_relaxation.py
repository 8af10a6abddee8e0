"""The relaxation tools: pattern -> markup and keyframes, start/stop, steps, bad browser values,
and scripts read from widgets/content/relaxation.toml when a tool is made."""

from __future__ import annotations

import re

import pytest
import textstat
from traitlets import TraitError

from tests.fake_translation import use_fake_translation
from widgets.models.breathing import LENGTHS, PATTERNS
from widgets.views.relaxation import (
    Relaxation,
    imagery_intro,
    imagery_steps,
    keyframes,
    length_name,
    note_markup,
    pacer_markup,
    pattern_name,
    pmr_intro,
    pmr_steps,
    relaxation,
    sources_markup,
)


def test_keyframes_grow_on_in_hold_still_and_shrink_on_out():
    assert keyframes(PATTERNS["in4-out6"]) == [(0.0, 0.45), (40.0, 1.0), (100.0, 0.45)]
    assert keyframes(PATTERNS["box4"]) == [
        (0.0, 0.45),
        (25.0, 1.0),
        (50.0, 1.0),
        (75.0, 0.45),
        (100.0, 0.45),
    ]


def test_markup_carries_phases_length_and_a_scoped_animation():
    markup = pacer_markup(PATTERNS["in4-out6"], 180, run=3)
    assert 'class="btc-pacer btc-breathe-in4-out6"' in markup
    assert 'data-phases="in:4,out:6"' in markup and 'data-seconds="180"' in markup
    assert 'data-run="3"' in markup
    assert "@keyframes btc-breathe-in4-out6" in markup
    assert "40% { transform: scale(1); }" in markup
    assert ".btc-breathe-in4-out6 .btc-pacer-circle { animation: btc-breathe-in4-out6 10s" in markup
    assert re.search(r"10s ease-in-out 18 both", markup)
    # Live text for phases only; the counting seconds are hidden from screen readers.
    assert '<span class="btc-pacer-phase" aria-live="polite">' in markup
    assert '<span class="btc-pacer-count" aria-hidden="true">' in markup
    assert "<script" not in markup


def test_session_is_whole_cycles_so_it_ends_after_a_breath_out():
    box = PATTERNS["box4"]  # 16 s a cycle
    assert 'data-seconds="176"' in pacer_markup(box, 180)  # 11 cycles
    assert 'data-seconds="64"' in pacer_markup(box, 60)
    assert "16s ease-in-out 4 both" in pacer_markup(box, 60)
    assert 'data-seconds="10"' in pacer_markup(PATTERNS["in4-out6"], 1)  # at least one


def test_start_stop_and_restart():
    view = relaxation()
    assert isinstance(view, Relaxation)
    assert not view.running and "Press Start" in view.pacer.value
    view.start_button.click()
    assert view.running and 'data-phases="in:4,out:6"' in view.pacer.value
    assert 'data-seconds="60"' in view.pacer.value
    first = view.pacer.value
    view.pattern.value = "box4"
    view.length.value = 300
    view.start_button.click()  # a restart is a new element, so the browser restarts too
    assert (
        view.pacer.value != first and 'data-phases="in:4,hold:4,out:4,hold:4"' in view.pacer.value
    )
    assert 'data-seconds="304"' in view.pacer.value
    view.stop_button.click()
    assert not view.running and "Stopped" in view.pacer.value
    view.stop_button.click()  # stopping twice is harmless
    assert not view.running


def test_bad_values_from_the_browser_do_not_crash():
    view = Relaxation()
    # An index outside the options is refused by the widget and leaves the old value.
    with pytest.raises(TraitError):
        view.pattern.set_state({"index": 42})
    assert view.pattern.value == "in4-out6"
    # No selection at all (index null) is allowed by ipywidgets: Start says what to do.
    view.pattern.set_state({"index": None})
    view.start()
    assert not view.running and "choose a breathing pattern" in view.pacer.value
    view.pattern.set_state({"index": 1})
    view.length.set_state({"index": None})
    view.start()
    assert not view.running and "choose a length" in view.pacer.value
    view.length.set_state({"index": 0})
    view.start()
    assert view.running and 'data-phases="in:5,out:5"' in view.pacer.value


def test_steps_move_within_bounds_with_a_timer_on_each_real_step():
    view = Relaxation()
    muscles = view.muscles
    assert muscles.index == 0 and "Before you begin" in muscles.text.value
    assert muscles.timer.value == ""  # no timer while reading the introduction
    assert muscles.previous.disabled and not muscles.next.disabled  # nowhere back to go
    muscles.previous.click()
    assert muscles.index == 0
    muscles.next.click()
    assert f"Step 1 of {len(pmr_steps())}: Feet" in muscles.text.value
    assert 'class="btc-step-timer" data-seconds="20"' in muscles.timer.value
    assert 'aria-live="polite"' in muscles.timer.value
    assert 'aria-hidden="true">0:20<' in muscles.timer.value
    for _ in range(len(pmr_steps()) + 5):
        muscles.next.click()
    assert muscles.index == len(pmr_steps()) and "last step" in muscles.text.value
    assert muscles.next.disabled and not muscles.previous.disabled  # issue 12: no Next at the end
    muscles.go(-3)
    assert muscles.index == 0
    imagery = view.imagery
    imagery.go(7)
    assert 'data-seconds="60"' in imagery.timer.value and "Stay a while" in imagery.text.value
    names = {
        b.description for b in (muscles.previous, muscles.next, imagery.previous, imagery.next)
    }
    assert len(names) == 4  # every button has its own accessible name


def test_scripts_are_gentle_and_easy_to_read():
    assert "never into pain" in pmr_intro() and "Skip any part that hurts" in pmr_intro()
    assert "keep them open" in imagery_intro() and "stop at any time" in imagery_intro()
    assert "dizzy" in note_markup() and "do not replace care" in note_markup()
    for intro, steps in ((pmr_intro(), pmr_steps()), (imagery_intro(), imagery_steps())):
        text = " ".join([intro, *(step.text for step in steps)])
        assert textstat.flesch_kincaid_grade(text) <= 8
        assert 8 <= len(steps) <= 10
        assert all(step.title and step.text and 1 <= step.seconds <= 120 for step in steps)


def test_each_tensing_step_is_5_seconds_tense_and_15_let_go():
    """The muscle script's introduction: tense "for about 5 seconds", let go "for about 15"."""
    assert "about 5 seconds" in pmr_intro() and "about 15 seconds" in pmr_intro()
    tensing = [step for step in pmr_steps() if "Hold" in step.text]
    assert len(tensing) == 7 and all(step.seconds == 5 + 15 for step in tensing)


def test_every_pattern_and_length_has_a_name_in_the_list():
    view = Relaxation()
    assert [key for _name, key in view.pattern.options] == list(PATTERNS)
    assert [seconds for _name, seconds in view.length.options] == list(LENGTHS)
    assert all(name == pattern_name(key) for name, key in view.pattern.options)
    assert all(name == length_name(seconds) for name, seconds in view.length.options)
    assert len({name for name, _key in view.pattern.options}) == len(PATTERNS)


def test_our_words_are_html_text_and_the_sources_keep_their_markup():
    sources = sources_markup()
    assert sources.startswith('<details class="btc-model-details"><summary>Where this comes')
    assert "<em>Ann Behav Med</em>. 2017;51(2):199–213." in sources
    assert "the course's own" in sources  # an apostrophe in text needs no escaping
    assert note_markup().count("<strong>") == 2


def test_the_words_are_read_when_the_tool_is_made(tmp_path, monkeypatch):
    """A translation in widgets/content/<language>/ applies to a tool made after it is chosen."""
    use_fake_translation(
        tmp_path,
        monkeypatch,
        "relaxation",
        {'"Start the breathing guide"': '"Empezar"', 'title = "Feet"': 'title = "Pies"'},
    )
    view = Relaxation()
    assert view.start_button.description == "Empezar"
    view.muscles.go(1)
    assert "Step 1 of 9: Pies" in view.muscles.text.value
