"""The pain-through-the-day scene's sentences: each number is the model's, each answer to a
"predict first" question is worked out from the curves (never written into the content file)."""

from __future__ import annotations

import re
import string

import pytest

from widgets.describers.daily_rhythm import (
    AFTERNOON,
    MEASURES,
    SAME_WITHIN,
    Prediction,
    clock,
    describe_day,
    describe_day_to,
    describe_difference,
    describe_difference_to,
    describe_guess,
    describe_pin,
    level,
    narrate_hour,
    outcome,
    part_of_day,
    percent,
    pin_label,
    presets,
    scene_text,
    shown_samples,
    start_preset,
)
from widgets.models.daily_rhythm import Night, day_after, difference

USUAL = Night(23.0, 7.0)
NORMAL = day_after(USUAL, USUAL)
SHORT = Night(2.0, 7.0)
SHORT_DAY = day_after(SHORT, USUAL)
LATE = Night(1.0, 9.0)
LATE_DAY = day_after(LATE, USUAL)


def at(curve, hour: float) -> int:
    """The index of a clock hour in a curve."""
    return curve.clock_hours.index(hour)


def afternoon_mean(curve) -> float:
    """What the model's afternoon is, worked out here independently of the describer."""
    changes = [
        c
        for h, c, up in zip(curve.clock_hours, difference(curve, NORMAL), curve.awake, strict=True)
        if up and 12 <= h < 18
    ]
    return sum(changes) / len(changes)


# --- the content file ----------------------------------------------------------------------------


def placeholders(pattern: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name}


def test_every_sentence_pattern_has_only_the_placeholders_the_describer_fills():
    """A reworded sentence must keep its {names}: an unknown one would fail on screen."""
    allowed = {
        "time",
        "hours",
        "mine",
        "usual",
        "amount",
        "start",
        "end",
        "bedtime",
        "wake",
        "label",
        "guess",
        "part",
        "last_time",
        "last",
        "low",
        "high",
    }
    words = scene_text()
    for section in ("hour", "so_far", "whole_day", "pin", "predict", "chart", "play"):
        for key, pattern in words[section].items():
            if isinstance(pattern, str):
                assert placeholders(pattern) <= allowed, (section, key, pattern)


def test_the_scene_opens_on_the_one_night_marked_start():
    assert start_preset() == "A short night: bed at 02:00"
    assert [p.name for p in presets().values() if p.start] == [start_preset()]


def test_the_whole_day_texts_come_from_the_curves_the_charts_draw():
    """The first chart's text: the usual curve's lowest and highest hours, and how far your
    night moves it while you are awake, from the same curves."""
    night = Night(2.0, 7.0)
    mine, normal = day_after(night, USUAL), day_after(USUAL, USUAL)
    text = describe_day(night, USUAL, mine, normal)
    low_at = normal.clock_hours[normal.sensitivity.index(min(normal.sensitivity))]
    high_at = normal.clock_hours[normal.sensitivity.index(max(normal.sensitivity))]
    assert text.startswith("Your night: 02:00 to 07:00, 5 hours (usual: 8 hours).")
    assert f"lowest around {clock(low_at)} and highest around {clock(high_at)}" in text
    awake = [c for c, up in zip(difference(mine, normal), mine.awake, strict=True) if up]
    assert f"up to {max(awake):.1f}% higher than after a usual night" in text
    difference_text = describe_difference(mine, normal)
    assert difference_text.startswith(f"When you get up, your night adds {awake[0]:.1f}% to")
    assert f"By bedtime the difference is {abs(awake[-1]):.1f}%" in difference_text


def test_the_nights_to_try_and_their_questions_are_read_and_checked():
    nights = presets()
    assert list(nights)[0] == "A usual night: 23:00 to 07:00"
    assert nights["A usual night: 23:00 to 07:00"].night == USUAL
    assert nights["A short night: bed at 02:00"].night == SHORT
    asking = [p for p in nights.values() if p.prediction]
    assert len(asking) >= 3
    for preset in asking:
        keys = [key for key, _text in preset.prediction.options]
        assert sorted(keys) == sorted(MEASURES[preset.prediction.measure])


def test_a_prediction_with_the_wrong_options_is_refused():
    with pytest.raises(ValueError, match="unknown measure"):
        Prediction("When?", "noon", (("morning", "Morning"),))
    with pytest.raises(ValueError, match="must be more, same, less"):
        Prediction("More?", "afternoon", (("more", "More"), ("less", "Less")))


# --- the hour shown and the day so far -----------------------------------------------------------


def test_shown_samples_turns_whole_hours_into_half_hourly_samples():
    assert shown_samples(SHORT_DAY, 0) == 1
    assert shown_samples(SHORT_DAY, 13) == 27 and SHORT_DAY.clock_hours[26] == 17.0
    assert shown_samples(SHORT_DAY, 24) == len(SHORT_DAY.clock_hours) == 49
    for bad in (-1, 25):
        with pytest.raises(ValueError, match="0 to 24 hours"):
            shown_samples(SHORT_DAY, bad)


def test_the_narration_gives_the_models_numbers_at_the_hour_shown():
    i = at(SHORT_DAY, 17.0)
    text = narrate_hour(SHORT, USUAL, SHORT_DAY, NORMAL, i)
    assert text.startswith("17:00. You have been up for 10 hours.")
    assert f"pain sensitivity is {percent(SHORT_DAY.sensitivity[i])} below" in text
    assert f"it would be {percent(NORMAL.sensitivity[i])} below" in text
    assert f"Your night adds {percent(difference(SHORT_DAY, NORMAL)[i])} at this hour." in text
    assert SHORT_DAY.sensitivity[i] < 0 and difference(SHORT_DAY, NORMAL)[i] > 0.05


def test_the_narration_says_asleep_just_up_and_the_next_night():
    first = narrate_hour(SHORT, USUAL, SHORT_DAY, NORMAL, 0)
    assert first.startswith("04:00. You are asleep.")
    assert "You have just got up." in narrate_hour(
        SHORT, USUAL, SHORT_DAY, NORMAL, at(SHORT_DAY, 7)
    )
    one = narrate_hour(SHORT, USUAL, SHORT_DAY, NORMAL, at(SHORT_DAY, 8))
    assert "up for 1 hour." in one
    last = narrate_hour(SHORT, USUAL, SHORT_DAY, NORMAL, len(SHORT_DAY.clock_hours) - 1)
    assert last.startswith("04:00 the next night. You are asleep.")
    same = narrate_hour(USUAL, USUAL, NORMAL, NORMAL, at(NORMAL, 12))
    assert "no difference" in same


def test_a_later_night_takes_sensitivity_off_in_the_narration():
    i = at(LATE_DAY, 15.0)
    change = difference(LATE_DAY, NORMAL)[i]
    assert change < -0.05
    text = narrate_hour(LATE, USUAL, LATE_DAY, NORMAL, i)
    assert f"Your night takes {percent(change)} off" in text
    assert "up for 6 hours" in text


def test_level_words():
    assert level(6.14) == "6.1% above the daily average"
    assert level(-0.26) == "0.3% below the daily average"
    assert level(0.04) == "at the daily average"


def test_the_charts_text_while_the_day_unfolds_and_once_it_is_whole():
    shown = shown_samples(SHORT_DAY, 13)
    text = describe_day_to(SHORT, USUAL, SHORT_DAY, NORMAL, shown)
    assert text.startswith("The chart shows 04:00 to 17:00 so far.")
    assert "Your night: 02:00 to 07:00, 5 hours (usual: 8 hours)." in text
    assert (
        f"At 17:00, after your night, pain sensitivity is {level(SHORT_DAY.sensitivity[26])}"
        in (text)
    )
    full = len(SHORT_DAY.clock_hours)
    assert describe_day_to(SHORT, USUAL, SHORT_DAY, NORMAL, full) == describe_day(
        SHORT, USUAL, SHORT_DAY, NORMAL
    )
    change = difference(SHORT_DAY, NORMAL)[26]
    part = describe_difference_to(SHORT_DAY, NORMAL, shown)
    assert part.endswith(
        f"At 17:00, your night adds {percent(change)} compared with a usual night."
    )
    assert describe_difference_to(SHORT_DAY, NORMAL, full) == describe_difference(SHORT_DAY, NORMAL)
    later = describe_difference_to(LATE_DAY, NORMAL, shown)
    assert "takes" in later and percent(difference(LATE_DAY, NORMAL)[26]) in later


# --- a pinned night ------------------------------------------------------------------------------


def test_the_pin_says_how_much_more_sensitive_this_night_is_and_when():
    label = pin_label(USUAL)
    assert label == "23:00 to 07:00"
    text = describe_pin(SHORT_DAY, NORMAL, label, len(SHORT_DAY.clock_hours))
    both = [
        (h, round(a - b, 2))
        for h, a, b, up, was in zip(
            SHORT_DAY.clock_hours,
            SHORT_DAY.sensitivity,
            NORMAL.sensitivity,
            SHORT_DAY.awake,
            NORMAL.awake,
            strict=True,
        )
        if up and was
    ]
    when, most = max(both, key=lambda item: item[1])
    assert (when, round(most, 1)) == (7.0, 1.3)
    assert text.startswith("Pinned night (23:00 to 07:00): the thin grey line")
    assert f"up to {percent(most)} more sensitive than the pinned night, most around 07:00" in text
    assert "less sensitive" not in text  # a night cut short never lowers it


def test_the_pin_compares_only_the_hours_shown_and_says_when_it_is_the_same():
    shown = shown_samples(SHORT_DAY, 6)  # 04:00 to 10:00
    text = describe_pin(LATE_DAY, SHORT_DAY, pin_label(SHORT), shown)
    assert "Up to 10:00: While you are awake, this night makes you up to" in text
    assert "less sensitive than the pinned night, most around 09:00" in text
    deltas = [
        a - b
        for a, b in zip(LATE_DAY.sensitivity[:shown], SHORT_DAY.sensitivity[:shown], strict=True)
    ]
    assert f"{percent(min(deltas[at(LATE_DAY, 9.0) :]))} less" in text
    same = describe_pin(SHORT_DAY, SHORT_DAY, pin_label(SHORT))
    assert same.endswith("this night gives the same curve as the pinned one.")


# --- predict first -------------------------------------------------------------------------------


def test_a_short_night_adds_most_in_the_morning_computed_from_the_curves():
    prediction = presets()["A short night: bed at 02:00"].prediction
    key, sentence = outcome(prediction, SHORT, USUAL, SHORT_DAY, NORMAL)
    awake = [
        (h, c)
        for h, c, up in zip(
            SHORT_DAY.clock_hours, difference(SHORT_DAY, NORMAL), SHORT_DAY.awake, strict=True
        )
        if up
    ]
    when, most = max(awake, key=lambda item: item[1])
    last_when, last = awake[-1]
    assert key == part_of_day(when) == "morning"
    assert f"at {clock(when)}, in the morning: {percent(most)} more" in sentence
    assert f"By {clock(last_when)}, just before bed, it adds {percent(last)}." in sentence
    assert (clock(when), percent(most), clock(last_when), percent(last)) == (
        "07:00",
        "1.3%",
        "22:30",
        "0.5%",
    )


def test_part_of_day_boundaries():
    assert [part_of_day(h) for h in (4, 11.5, 12, 17.5, 18, 22.5, 27)] == [
        "morning",
        "morning",
        "afternoon",
        "afternoon",
        "evening",
        "evening",
        "evening",
    ]


@pytest.mark.parametrize(
    ("night", "key", "why"),
    [
        (Night(23.0, 5.0), "more", None),
        (Night(1.0, 9.0), "less", "You got up later than usual"),
        (Night(21.0, 7.0), "less", "You slept longer than usual"),
        (Night(22.0, 7.0), "same", None),
    ],
)
def test_the_afternoon_answer_is_the_models_average(night, key, why):
    prediction = presets()["Up early: 23:00 to 05:00"].prediction
    curve = day_after(night, USUAL)
    mean = afternoon_mean(curve)
    found, sentence = outcome(prediction, night, USUAL, curve, NORMAL)
    expected = "more" if mean >= SAME_WITHIN else "less" if mean <= -SAME_WITHIN else "same"
    assert found == expected == key
    assert f"from {clock(AFTERNOON[0])} to {clock(AFTERNOON[1])}" in sentence
    assert percent(mean) in sentence
    if why:
        assert why in sentence
    else:
        assert "than usual, so" not in sentence


def test_every_question_in_the_menu_has_an_answer_among_its_options():
    for preset in presets().values():
        if preset.prediction:
            curve = day_after(preset.night, USUAL)
            key, sentence = outcome(preset.prediction, preset.night, USUAL, curve, NORMAL)
            assert key in dict(preset.prediction.options), preset.name
            assert re.search(r"\d\.\d%", sentence)


def test_a_night_that_adds_nothing_has_no_peak():
    prediction = presets()["A short night: bed at 02:00"].prediction
    key, sentence = outcome(prediction, USUAL, USUAL, NORMAL, NORMAL)
    assert key == "" and "adds nothing" in sentence


def test_the_guess_is_set_beside_the_models_answer():
    prediction = presets()["Sleeping in: 01:00 to 09:00"].prediction
    right = describe_guess(prediction, "less", LATE, USUAL, LATE_DAY, NORMAL)
    wrong = describe_guess(prediction, "more", LATE, USUAL, LATE_DAY, NORMAL)
    _key, sentence = outcome(prediction, LATE, USUAL, LATE_DAY, NORMAL)
    assert right == f"You guessed: Less sensitive. The model agrees. {sentence}"
    assert wrong == f"You guessed: More sensitive. The model shows something else. {sentence}"
    assert percent(afternoon_mean(LATE_DAY)) == "0.7%" and "0.7% less" in sentence


def test_the_answers_docs_models_daily_rhythm_md_quotes():
    """The docs give each question's answer for the nights on the menu: keep them true."""
    answers = {
        name: outcome(
            preset.prediction, preset.night, USUAL, day_after(preset.night, USUAL), NORMAL
        )
        for name, preset in presets().items()
        if preset.prediction
    }
    assert answers["A short night: bed at 02:00"][0] == "morning"
    assert "at 07:00, in the morning: 1.3% more" in answers["A short night: bed at 02:00"][1]
    assert answers["Up early: 23:00 to 05:00"][0] == "more"
    assert "1.0% more sensitive" in answers["Up early: 23:00 to 05:00"][1]
    assert answers["Sleeping in: 01:00 to 09:00"][0] == "less"
    assert "0.7% less sensitive" in answers["Sleeping in: 01:00 to 09:00"][1]


def test_after_midnight_the_text_says_the_next_night():
    shown = shown_samples(SHORT_DAY, 23)  # 04:00 to 03:00
    assert describe_day_to(SHORT, USUAL, SHORT_DAY, NORMAL, shown).startswith(
        "The chart shows 04:00 to 03:00 the next night so far."
    )
    assert describe_difference_to(SHORT_DAY, NORMAL, shown).startswith(
        "The chart shows 04:00 to 03:00 the next night so far."
    )


def test_every_look_up_names_an_entry_and_fills_its_placeholders():
    from tests.content_calls import problems

    assert problems("daily_rhythm_scene", "widgets/describers/daily_rhythm.py", {"_say": ()}) == []
