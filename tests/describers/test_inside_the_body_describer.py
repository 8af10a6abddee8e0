"""Lesson 04's scene sentences say what the charts show, from the model's own numbers: a run so
far, one day of it, a pinned run, and the answer to "predict first" (computed, never written in).
"""

from __future__ import annotations

import math
import string
from dataclasses import replace

import pytest

from widgets.describers.inside_the_body import (
    WEEK,
    describe_blocker,
    describe_blocker_to,
    describe_burst,
    describe_burst_on,
    describe_one_day,
    describe_sensor,
    describe_sensor_to,
    describe_stress,
    describe_stress_guess,
    describe_stress_pin,
    describe_stress_to,
    describe_synapse_guess,
    describe_synapse_pin,
    narrate_stress_day,
    narrate_synapse_day,
    scene_text,
    scene_words_for,
    stress_day_label,
    stress_outcome,
    stress_phrase,
    stress_pin_label,
    stress_questions,
    stress_status,
    synapse_outcome,
    synapse_pin_label,
    synapse_question,
)
from widgets.models.stress_axis import (
    PRESETS,
    StressScenario,
    daily_average,
    last_day_change,
    one_day,
    peak,
    returned_to_baseline,
    simulate,
)
from widgets.models.synapse import SynapseDay, half_way_day, simulate_blocker
from widgets.views.inside_the_body import blocker_dose, stories
from widgets.words import CONTENT_DIR

RUN = simulate_blocker(0.6, 8, 7)
HARD_DAY = simulate(PRESETS["hard_day"])
FORTNIGHT = simulate(PRESETS["hard_fortnight"])
MONTHS = simulate(PRESETS["months_of_pain"])


def percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def test_the_scene_words_load_from_the_content_file_over_the_shared_ones():
    assert (CONTENT_DIR / "inside_the_body_scene.toml").is_file()
    for simulator in ("synapse", "stress"):
        words = scene_words_for(simulator)
        assert words["play"]["play"] == "Play" and words["play"]["scrubber"] == "Day"
        assert words["pin"]["pin"] == "Pin this run" and words["predict"]["skip"] == "Skip"
        assert "four months" in words["play"]["play_tooltip"] or simulator == "synapse"


def fields(pattern: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name}


def test_every_sentence_pattern_only_asks_for_numbers_it_is_given():
    """A reworded pattern that names an unknown {field} fails here, not in front of a learner."""
    given = {
        "day", "last", "start", "relief", "mood", "name", "half", "blocked", "level", "label",
        "changes", "now", "then", "amount", "pinned_relief", "pinned_mood", "guess", "after",
        "weeks", "stress", "end", "hard", "top", "top_day", "cortisol", "sensor", "sensor_now",
        "sensor_then", "peak", "size", "length", "story", "dose", "final", "without",
        "with_medicine", "rise", "top_time", "low_time", "low",
    }  # fmt: skip
    for simulator in ("synapse", "stress"):
        for section in scene_text()[simulator].values():
            for value in section.values():
                if isinstance(value, str):
                    assert fields(value) <= given, value


# --- the synapse -------------------------------------------------------------------------------


def test_the_weeks_so_far_give_that_days_numbers_and_only_the_rings_reached():
    relief, mood = half_way_day(RUN, "pain_relief"), half_way_day(RUN, "mood_effect")
    assert relief < mood
    text = describe_blocker_to(0.6, RUN, 7, relief)
    assert "day 0 to day " + str(relief) in text and "still to come" in text
    assert f"pain relief is at {percent(RUN[relief].pain_relief)}" in text
    assert f"the mood effect is at {percent(RUN[relief].mood_effect)}" in text
    assert f"Pain relief got half way on day {relief}" in text and "Mood effect got" not in text
    assert f"Mood effect got half way on day {mood}" in describe_blocker_to(0.6, RUN, 7, mood)
    assert "nothing has changed yet" in describe_blocker_to(0.6, RUN, 7, 5)
    assert "only day 0 so far" in describe_blocker_to(0.6, RUN, 7, 0)
    assert describe_blocker_to(0.6, RUN, 7, 56) == describe_blocker(0.6, RUN, 7)
    assert describe_blocker_to(0.0, RUN, 7, 20).startswith("No medicine")


def test_the_synapse_day_says_whether_the_medicine_has_started_and_its_numbers():
    assert "starts on day 7" in narrate_synapse_day(0.6, RUN, 7, 3)
    assert "starts today" in narrate_synapse_day(0.6, RUN, 7, 7)
    text = narrate_synapse_day(0.6, RUN, 7, 20)
    assert text.startswith("Day 20.")
    assert f"blocks about {percent(RUN[20].blocker)} of the pumps" in text
    assert f"{RUN[20].level:.1f} times its usual level" in text
    assert f"Pain relief is at {percent(RUN[20].pain_relief)}" in text
    assert narrate_synapse_day(0.6, RUN, 7, 56).startswith("Day 56, the last day.")
    assert "No medicine" in narrate_synapse_day(0.0, simulate_blocker(0.0), 7, 20)


def test_the_burst_on_a_day_uses_the_medicine_built_up_by_then():
    assert blocker_dose(RUN[7]) == 0.0  # the first dose is taken during day 7
    assert blocker_dose(RUN[-1]) == pytest.approx(0.6)
    assert 0 < blocker_dose(RUN[8]) < 0.6
    assert "has not started" in describe_burst_on(RUN[3], 0.6, 0.0, 1.4, 1.4)
    text = describe_burst_on(RUN[20], 0.6, blocker_dose(RUN[20]), 1.4, 3.0)
    assert f"On day 20 the medicine blocks about {percent(RUN[20].blocker)}" in text
    assert "3.0 seconds with it" in text


@pytest.mark.parametrize("dose", [0.2, 0.6, 1.0])
@pytest.mark.parametrize("start", [0, 7, 28])
def test_the_synapse_answer_is_when_the_mood_ring_comes(dose, start):
    run = simulate_blocker(dose, 8, start)
    half = half_way_day(run, "mood_effect")
    key, sentence = synapse_outcome(run, start)
    assert key == ("days" if half - start < WEEK else "weeks")
    assert f"half way on day {half}: {half - start} days after the medicine started" in sentence
    relief = half_way_day(run, "pain_relief")
    assert (
        f"Pain relief was quicker: half way on day {relief}, {relief - start} days in" in sentence
    )
    assert key == "weeks"  # in this model the mood effect always takes weeks


def test_in_this_model_the_mood_effect_always_takes_weeks():
    """Every strength and start day the sliders offer: half way 16 to 23 days in (the docs)."""
    after = []
    for strength in range(10, 101, 10):
        for start in range(29):
            run = simulate_blocker(strength / 100, 8, start)
            assert synapse_outcome(run, start)[0] == "weeks"
            after.append(half_way_day(run, "mood_effect") - start)
    assert (min(after), max(after)) == (16, 23)


def test_a_quick_mood_effect_would_be_days():
    """The "days" answer is reachable: a run whose mood effect rises at once."""
    quick = [SynapseDay(d, 0.5, 2.0, 0.5, min(1, d / 2), min(1, d / 4)) for d in range(57)]
    key, sentence = synapse_outcome(quick, 0)
    assert key == "days" and "within a week" in sentence
    with pytest.raises(ValueError, match="no medicine"):
        synapse_outcome(simulate_blocker(0.0), 7)


def test_the_synapse_guess_is_set_beside_the_models_answer():
    question = synapse_question(7)
    assert "starts on day 7" in question.question
    assert [key for key, _text in question.options] == ["days", "weeks"]
    right = describe_synapse_guess("weeks", RUN, 7)
    wrong = describe_synapse_guess("days", RUN, 7)
    assert right.startswith("You guessed: A few weeks. The model agrees.")
    assert wrong.startswith("You guessed: A few days. The model shows something else.")
    assert synapse_outcome(RUN, 7)[1] in right and synapse_outcome(RUN, 7)[1] in wrong


def test_the_synapse_pin_compares_each_effect_on_the_day_shown():
    stronger = simulate_blocker(1.0, 8, 7)
    label = synapse_pin_label(60, 7)
    assert label == "strength 60, starting on day 7"
    text = describe_synapse_pin(stronger, RUN, label)
    assert text.startswith(f"Pinned run ({label}): grey dashed lines")
    a, b = round(100 * stronger[-1].pain_relief), round(100 * RUN[-1].pain_relief)
    assert f"By day 56, compared with the pinned run: pain relief {a - b} points higher" in text
    assert f"({a}% instead of {b}%)" in text
    relief = half_way_day(stronger, "pain_relief")
    assert f"pain relief on day {relief} in both runs" in text  # its ring does not move
    mood, then = half_way_day(stronger, "mood_effect"), half_way_day(RUN, "mood_effect")
    assert f"the mood effect on day {mood} instead of day {then}" in text
    on_day = describe_synapse_pin(RUN, stronger, label, 30)
    assert "On day 30, compared with the pinned run: pain relief" in on_day and "lower" in on_day
    assert "matches the pinned run" in describe_synapse_pin(RUN, RUN, label)


# --- the stress axis ---------------------------------------------------------------------------


def test_a_stress_in_a_few_words_and_where_a_day_falls():
    assert stress_phrase(PRESETS["hard_day"]) == "size 8 for 1 day"
    assert stress_phrase(PRESETS["months_of_pain"]) == "size 5 for 90 days"
    fortnight = PRESETS["hard_fortnight"]  # days 10 to 23
    assert "starts on day 10" in stress_status(fortnight, 9)
    assert "still going on" in stress_status(fortnight, 23)
    assert "its last day was day 23" in stress_status(fortnight, 24)
    assert "no extra stress" in stress_status(PRESETS["calm"], 50)
    assert stress_day_label(fortnight, 5) == "Day 5, before your stress"
    assert stress_day_label(fortnight, 10) == "Day 10, during your stress"
    assert stress_day_label(fortnight, 24) == "Day 24, after your stress"
    assert stress_day_label(PRESETS["hard_day"], 10) == "Day 10, during your stress"
    assert stress_day_label(PRESETS["hard_day"], 11) == "Day 11, after your stress"
    assert stress_day_label(PRESETS["calm"], 3) == "Day 3"


def test_the_cortisol_chart_so_far_gives_the_daily_averages_it_draws():
    days, usual = daily_average(MONTHS), MONTHS.baseline.cortisol
    text = describe_stress_to(MONTHS, HARD_DAY, 40)
    assert "day 0 to day 40" in text and "size 5 for 90 days" in text
    assert f"cortisol is at {100 * days[40].cortisol / usual:.0f}% of its usual level" in text
    top = max(days[:41], key=lambda d: d.cortisol)
    assert f"Its highest so far is {100 * top.cortisol / usual:.0f}%, on day {top.day:.0f}" in text
    hard = daily_average(HARD_DAY)[40].cortisol / HARD_DAY.baseline.cortisol
    assert f"the hard day's line at {100 * hard:.0f}%" in text
    assert describe_stress_to(MONTHS, HARD_DAY, 119) == describe_stress(MONTHS, HARD_DAY)


def test_the_sensor_so_far_says_when_it_passes_the_point_of_no_return():
    days, usual = daily_average(MONTHS), MONTHS.baseline.gr
    early, late = describe_sensor_to(MONTHS, 12), describe_sensor_to(MONTHS, 80)
    assert f"the sensor is at {100 * days[12].gr / usual:.0f}%" in early
    assert "point of no return" not in early and "gone past the point of no return" in late
    assert MONTHS.samples[81 * 24].gr > MONTHS.switch_gr  # the model agrees
    assert "point of no return" not in describe_sensor_to(FORTNIGHT, 80)
    assert describe_sensor_to(MONTHS, 119) == describe_sensor(MONTHS)


def test_the_stress_day_gives_that_days_cortisol_and_sensor():
    day = daily_average(MONTHS)[50]
    text = narrate_stress_day(MONTHS, 50)
    assert text.startswith("Day 50. Your stress (size 5 for 90 days)")
    assert f"{100 * day.cortisol / MONTHS.baseline.cortisol:.0f}% of its usual daily" in text
    assert f"The sensor: {100 * day.gr / MONTHS.baseline.gr:.0f}% of usual" in text
    assert narrate_stress_day(MONTHS, 119).startswith("Day 119, the last day.")


@pytest.mark.parametrize(
    ("run", "key"), [(HARD_DAY, "back"), (FORTNIGHT, "back"), (MONTHS, "changed")]
)
def test_the_stress_answer_comes_from_whether_the_system_returns(run, key):
    found, sentence = stress_outcome(run)
    assert found == key == ("back" if returned_to_baseline(run) else "changed")
    end = 100 + last_day_change(run)
    assert "On day 119, " in sentence and f"it is at {end:.0f}% of usual" in sentence
    last_stress_day = math.ceil(run.scenario.stress_end_day) - 1
    assert f"{119 - last_stress_day} days after the stress ended" in sentence
    if key == "back":
        top = max(daily_average(run), key=lambda d: d.cortisol).cortisol
        assert f"went up to {100 * top / run.baseline.cortisol:.0f}% of usual" in sentence


def test_a_stress_still_going_at_the_end_has_no_answer_yet():
    running = simulate(replace(PRESETS["months_of_pain"], stress_days=200))
    assert "still going on at the end" in stress_outcome(running)[1]
    with pytest.raises(ValueError, match="no stress"):
        stress_outcome(simulate(PRESETS["calm"]))


def test_every_stress_question_is_about_a_story_in_the_menu_and_guesses_are_judged():
    assert set(stress_questions()) <= set(stories()) and "A hard day" in stress_questions()
    for story in stress_questions():
        assert "does cortisol go back" in stress_questions()[story].question
    right = describe_stress_guess("Months of pain", "changed", MONTHS)
    assert right.startswith("You guessed: No, it settles somewhere else. The model agrees.")
    wrong = describe_stress_guess("A hard fortnight", "changed", FORTNIGHT)
    assert "The model shows something else" in wrong and stress_outcome(FORTNIGHT)[1] in wrong


def test_the_stress_pin_compares_the_day_and_says_which_run_comes_back():
    label = stress_pin_label("Months of pain", MONTHS.scenario)
    assert label == "Months of pain"
    assert (
        stress_pin_label(None, StressScenario(stress_size=4, stress_days=1)) == "size 4 for 1 day"
    )
    text = describe_stress_pin(FORTNIGHT, MONTHS, label)
    now, then = daily_average(FORTNIGHT)[-1], daily_average(MONTHS)[-1]
    assert text.startswith("Pinned run (Months of pain): a grey dashed line")
    assert "On the last day, day 119, compared with the pinned run: cortisol " in text
    assert f"{100 * now.cortisol / FORTNIGHT.baseline.cortisol:.0f}% of usual instead of" in text
    assert f"instead of {100 * then.cortisol / MONTHS.baseline.cortisol:.0f}%" in text
    assert "This run comes back to usual; the pinned run stays in the other state." in text
    assert "stays in the other state; the pinned run comes back" in describe_stress_pin(
        MONTHS, FORTNIGHT, "A hard fortnight"
    )
    assert "Both runs come back" in describe_stress_pin(FORTNIGHT, HARD_DAY, "A hard day")
    assert "On day 30, compared" in describe_stress_pin(FORTNIGHT, MONTHS, label, 30)
    # Up to day 23 the fortnight and the months are the same run: the words say so.
    same = describe_stress_pin(FORTNIGHT, MONTHS, label, 20)
    assert "On day 20, this run and the pinned run are the same so far" in same
    assert (
        f"cortisol {100 * daily_average(MONTHS)[20].cortisol / MONTHS.baseline.cortisol:.0f}%"
        in same
    )


# --- the whole-run texts: the same numbers the charts draw (widgets/content, [*.whole]) ---------


def test_the_blocker_text_gives_the_rings_and_the_levels_the_chart_draws():
    text = describe_blocker(0.6, RUN, 7)
    relief, mood = half_way_day(RUN, "pain_relief"), half_way_day(RUN, "mood_effect")
    early = next(d for d in RUN if d.day >= 9)
    assert text.startswith(
        f"The medicine starts on day 7. At this strength it blocks about "
        f"{percent(RUN[-1].blocker)} of the pumps."
    )
    assert f"rises to about {early.level:.1f} times its usual level" in text
    assert f"levels off near {percent(RUN[-1].pain_relief)} of this model's most" in text
    assert f"half of the way there by day {relief} ({relief - 7} days in)." in text
    assert (
        f"it reaches {percent(RUN[-1].mood_effect)}, and it got half of that by day {mood}" in text
    )
    assert text.endswith("differs a lot from person to person.")
    assert describe_blocker(0, RUN, 7).startswith("No medicine")


def test_the_burst_text_gives_both_clearing_times():
    assert describe_burst(1.23, 4.56, 0.5) == (
        "After a burst, half the extra messenger is taken back up in about 1.2 seconds without "
        "the medicine, and 4.6 seconds with it: blocking the pumps lets the signal last longer."
    )
    assert describe_burst(1.23, 4.56, 0) == (
        "After a burst, half the extra messenger is taken back up in about 1.2 seconds."
    )


def test_the_stress_text_gives_the_peak_the_chart_draws_and_whether_it_came_back():
    text = describe_stress(MONTHS, HARD_DAY)
    rise = (peak(MONTHS) / MONTHS.baseline.cortisol - 1) * 100
    day_rise = (peak(HARD_DAY) / HARD_DAY.baseline.cortisol - 1) * 100
    assert f"Your stress (size 5 for 90 days) pushes cortisol up to {rise:.0f}% above" in text
    assert f"A hard day pushes it up {day_rise:.0f}%, then it settles back." in text
    if not returned_to_baseline(MONTHS):
        change = last_day_change(MONTHS)
        assert f"with cortisol {abs(change):.0f}% " in text
    assert "on its way back to its usual state" in describe_stress(FORTNIGHT, HARD_DAY)
    calm = simulate(PRESETS["calm"])
    assert describe_stress(calm, HARD_DAY).startswith("With no extra stress, cortisol keeps")


def test_the_sensor_text_gives_where_the_line_ends():
    for run in (MONTHS, FORTNIGHT, HARD_DAY):
        days = daily_average(run)
        end = 100 * days[-1].gr / run.baseline.gr
        text = describe_sensor(run)
        assert text.startswith(
            "The sensor line shows whether the system's thermostat has been reset. "
        )
        assert f"{end:.0f}%" in text or "it has settled there" in text


def test_the_one_day_text_gives_the_peak_and_low_hours_of_that_day():
    hours = one_day(MONTHS, 5)
    usual = MONTHS.baseline.cortisol
    top = max(hours, key=lambda s: s.cortisol)
    low = min(hours, key=lambda s: s.cortisol)
    text = describe_one_day(MONTHS, 5, "Day 5")
    assert text == (
        f"Day 5: cortisol is highest around {round((top.day - 5) * 24) % 24:02d}:00, at "
        f"{100 * top.cortisol / usual:.0f}% of its usual daily average, and lowest around "
        f"{round((low.day - 5) * 24) % 24:02d}:00, at {100 * low.cortisol / usual:.0f}%."
    )
    flat = simulate(replace(PRESETS["calm"], daily_rhythm=False))
    assert "stays level all day" in describe_one_day(flat, 5, "Day 5")


def test_the_model_refuses_a_setting_in_the_learners_words():
    with pytest.raises(ValueError, match="stress length in days must be between 0 and 365"):
        StressScenario(stress_days=400)


def test_every_look_up_names_an_entry_and_fills_its_placeholders():
    from tests.content_calls import problems

    describer = "widgets/describers/inside_the_body.py"
    assert problems("inside_the_body_scene", describer, {"_say": ()}) == []
    model = "widgets/models/stress_axis.py"
    assert problems("inside_the_body_scene", model, {"word": None}) == []
    settings = scene_text()["stress"]["settings"]
    assert set(settings) == {
        "days",
        "stress_size",
        "stress_days",
        "stress_start_day",
        "feedback",
        "sleep_loss",
    }
