"""The relaxation tools: pattern -> markup and keyframes, start/stop, steps, bad browser values."""

from __future__ import annotations

import re

import pytest
import textstat
from traitlets import TraitError

from widgets.views.relaxation import (
    IMAGERY_INTRO,
    IMAGERY_STEPS,
    NOTE,
    PATTERNS,
    PMR_INTRO,
    PMR_STEPS,
    Pattern,
    Relaxation,
    keyframes,
    pacer_markup,
    relaxation,
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


@pytest.mark.parametrize(
    "phases",
    [
        (),
        (("out", 4), ("in", 4)),
        (("in", 4), ("in", 4), ("out", 4)),
        (("in", 4),),
        (("in", 0), ("out", 4)),
        (("in", 4.5), ("out", 4)),
        (("in", 4), ("sigh", 2), ("out", 4)),
    ],
)
def test_bad_patterns_are_refused(phases):
    with pytest.raises(ValueError):
        Pattern("bad", phases)


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
    assert f"Step 1 of {len(PMR_STEPS)}: Feet" in muscles.text.value
    assert 'class="btc-step-timer" data-seconds="20"' in muscles.timer.value
    assert 'aria-live="polite"' in muscles.timer.value
    assert 'aria-hidden="true">0:20<' in muscles.timer.value
    for _ in range(len(PMR_STEPS) + 5):
        muscles.next.click()
    assert muscles.index == len(PMR_STEPS) and "last step" in muscles.text.value
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
    assert "never into pain" in PMR_INTRO and "Skip any part that hurts" in PMR_INTRO
    assert "keep them open" in IMAGERY_INTRO and "stop at any time" in IMAGERY_INTRO
    assert "dizzy" in NOTE and "do not replace care" in NOTE
    for intro, steps in ((PMR_INTRO, PMR_STEPS), (IMAGERY_INTRO, IMAGERY_STEPS)):
        text = " ".join([intro, *(step.text for step in steps)])
        assert textstat.flesch_kincaid_grade(text) <= 8
        assert 8 <= len(steps) <= 10
