"""The cycle describer says, in plain sentences, what the charts show, from the same numbers:
the whole run, one day of it, the run so far, a pinned run, and the answer to "predict first"."""

from __future__ import annotations

import re

import pytest

from widgets.describers.cycle import (
    HARD_PUSH,
    MEASURES,
    Prediction,
    day_title,
    describe_comparison,
    describe_course,
    describe_course_to,
    describe_day,
    describe_guess,
    describe_loop,
    describe_pin,
    describe_settled,
    describe_trial,
    level_word,
    mechanism,
    names,
    narrate,
    narrate_day,
    outcome,
    points,
    predictions,
    scene_text,
    strategy_label,
    strongest_links,
)
from widgets.models.cycle import (
    LINKS,
    NODES,
    STRATEGIES,
    Scenario,
    is_stuck,
    long_run,
    simulate,
    trial,
    with_strategies,
)
from widgets.words import CONTENT_DIR, placeholders, words

FLARE = {"flare_day": 6, "flare_days": 14, "flare_size": 8}
NAMES = names()


@pytest.mark.parametrize(
    ("level", "word"),
    [(0, "very low"), (2, "low"), (5, "moderate"), (7, "high"), (9.5, "very high")],
)
def test_level_words(level, word):
    assert level_word(level) == word


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1.0, "1 point"), (-0.6, "0.6 points"), (7.04, "7 points"), (2.5, "2.5 points")],
)
def test_points_reads_naturally(amount, text):
    assert points(amount) == text


def test_stuck_loop_is_called_stuck_and_names_the_link_doing_most():
    scenario = Scenario(connectivity=1.3, **FLARE)
    days = simulate(scenario)
    text = narrate(scenario, days)
    assert "A pain flare starts on day 7 and lasts 14 days." in text
    assert "The loop is stuck" in text and "hardest push" in text
    (target, source), effect = strongest_links(days[-1], 1)[0]
    assert f"{NAMES[source]} → {NAMES[target]} adds {points(effect)}" in text


def test_the_hardest_push_is_ranked_by_effect_not_by_raw_push():
    day = simulate(Scenario(connectivity=1.3, **FLARE))[-1]
    ranked = strongest_links(day, len(day.effects))
    assert [effect for _link, effect in ranked] == sorted(day.effects.values(), reverse=True)


def test_fading_flare_is_described_as_settling():
    scenario = Scenario(connectivity=0.9, **FLARE)
    assert "settled back down by itself" in narrate(scenario, simulate(scenario))


def test_strategies_that_unstick_the_loop_are_listed_and_compared():
    stuck = Scenario(connectivity=1.3, **FLARE)
    helped = with_strategies(stuck, {"sleep": 34, "activity": 34, "support": 34})
    text = narrate(helped, simulate(helped), simulate(stuck))
    assert "Without your strategies the loop would stay stuck" in text
    assert "A steady sleep routine from day 35" in text
    assert "low mood" in text and "instead of" in text


def test_one_step_that_leaves_the_loop_stuck_is_explained_with_the_trial_average():
    """Issue 11: CBT alone leaves this loop stuck, while The Pain Course cut depression by about
    a third. The narration says why, with the model's own trial numbers."""
    stuck = Scenario(connectivity=1.3, **FLARE)
    helped = with_strategies(stuck, {"cbt": 34})
    text = narrate(helped, simulate(helped), simulate(stuck))
    assert "The loop is stuck" in text and "the other links keep pulling it back" in text
    result = trial(("cbt",))
    assert f"low mood by {abs(result.percent('low_mood')):.0f}%" in text
    assert f"{result.unstuck} of the {result.stuck} stuck loops" in text


def test_describe_trial_names_the_strategys_own_targets():
    assert "poor sleep by" in describe_trial(["sleep"])
    assert "pain by" in describe_trial(["medication"])


def test_course_text_covers_all_five_problems_with_the_charted_numbers():
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    text = describe_course(days)
    for node in NODES:
        assert NAMES[node].capitalize() in text
    assert f"Pain starts low ({days[0].levels['pain']:.0f} of 10)" in text


def test_loop_text_names_every_problem_and_the_strongest_pushes():
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    loop = describe_loop(days[-1])
    assert all(NAMES[name] in loop for name in NODES)
    assert "The strongest pushes" in loop


def test_comparison_never_says_a_change_with_equal_numbers():
    """Issue 11: "poor sleep 1 points lower (7 instead of 7)" can no longer be written."""
    for without_level in [x / 10 for x in range(0, 100, 3)]:
        for change in (-0.51, -0.55, -0.6, -1.0, -1.49):
            with_level = without_level + change
            text = describe_comparison(
                dict.fromkeys(NODES, without_level), dict.fromkeys(NODES, with_level)
            )
            for amount, new, old in re.findall(
                r"(\S+) points? lower \((\S+) instead of (\S+)\)", text
            ):
                assert new != old
                assert abs(float(old) - float(new) - float(amount)) < 0.051
    assert "1 points" not in describe_comparison(
        dict.fromkeys(NODES, 7.2), dict.fromkeys(NODES, 6.2)
    )


def test_comparison_of_the_same_run_is_under_half_a_point():
    same = long_run(simulate(Scenario(connectivity=1.3, **FLARE)))
    assert "less than half a point" in describe_comparison(same, same)
    better = dict.fromkeys(NODES, 1.0)
    assert "pain 7.5 points lower (1.0 instead of 8.5)" in describe_comparison(same, better)


def test_quiet_loop_has_no_hard_push():
    days = simulate(Scenario(connectivity=0.5, pain_condition=0))
    assert "the loop is quiet" in describe_loop(days[-1])


# --- the scene: one day, a run so far, a pinned run, predict first (issue 12) -----------------


def test_the_scene_words_load_from_the_content_file():
    words = scene_text()
    assert (CONTENT_DIR / "cycle_scene.toml").is_file()
    assert words["play"]["play"] == "Play" and words["play"]["pause"] == "Pause"
    assert words["pin"]["pin"] == "Pin this run" and words["pin"]["clear"] == "Clear pin"


def test_describe_day_names_the_day_its_levels_and_its_strongest_pushes():
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    day = days[22]
    text = describe_day(day, len(days))
    assert text.startswith("Day 23 of 84, out of 10: ")
    for node in NODES:
        assert f"{NAMES[node]} {day.levels[node]:.0f}" in text
    for (target, source), effect in strongest_links(day):
        assert f"{NAMES[source]} → {NAMES[target]} adds {points(effect)}" in text
    assert describe_day(days[5], len(days)) != describe_day(days[40], len(days))


def test_describe_day_on_a_quiet_day_says_so():
    days = simulate(Scenario(connectivity=0.5, pain_condition=0))
    assert max(days[3].effects.values()) < HARD_PUSH
    assert "No link is pushing hard that day" in describe_day(days[3], len(days))


def test_day_titles_name_the_day():
    assert day_title(23, 84) == "The loop on day 23"
    assert day_title(84, 84) == "The loop on day 84, the last day"


def test_narrate_day_says_how_pain_and_low_mood_moved_over_the_week():
    scenario = Scenario(connectivity=1.3, **FLARE)
    days = simulate(scenario)
    text = narrate_day(scenario, days, 16)
    assert text.startswith("Day 17 of 84.")
    assert "The flare or hard time is on (day 7 to day 20)." in text
    for node in ("pain", "low_mood"):
        change = round(days[16].levels[node], 1) - round(days[9].levels[node], 1)
        assert change >= 0.5  # both climb in the flare's second week
        assert f"{NAMES[node]} went up {points(change)} over the week" in text.lower()
    calm = narrate_day(scenario, days, 80)
    assert "flare" not in calm and "stayed about the same over the week" in calm
    assert "This is where the 12 weeks start." in narrate_day(scenario, days, 0)


def test_narrate_day_names_the_short_nights_and_a_strategy_starting():
    scenario = Scenario(short_sleep_days=(13, 19), strategies={"sleep": 30})
    days = simulate(scenario)
    assert "Nights are short (day 14 to day 20)." in narrate_day(scenario, days, 15)
    assert "Nights are short" not in narrate_day(scenario, days, 25)
    assert "A steady sleep routine started on day 31." in narrate_day(scenario, days, 30)


def test_the_run_so_far_covers_only_the_days_shown():
    days = simulate(Scenario(connectivity=1.3, **FLARE))
    text = describe_course_to(days, 12)
    assert text.startswith("The chart shows day 1 to day 12 of 84.")
    for node in NODES:
        top = max(d.levels[node] for d in days[:12])
        assert f"{NAMES[node].capitalize()} starts" in text
        assert f"({top:.0f}) and is {days[11].levels[node]:.0f} on day 12." in text
    assert describe_course_to(days, 84) == describe_course(days)


def test_a_pinned_run_is_compared_with_the_models_numbers():
    flare = simulate(Scenario(connectivity=1.3, **FLARE))
    calm = simulate(Scenario(connectivity=0.9, **FLARE))
    text = describe_pin(calm, flare, "A flare after surgery")
    assert text.startswith("Pinned run (A flare after surgery): grey dashed lines")
    now, then = long_run(calm), long_run(flare)
    for node in ("pain", "low_mood"):
        delta = round(now[node], 1) - round(then[node], 1)
        assert delta <= -0.5
        assert (
            f"{NAMES[node]} {points(delta)} lower ({now[node]:.1f} instead of {then[node]:.1f})"
        ) in text
    on_day = describe_pin(calm, flare, "x", 30)
    assert "On day 30, compared with the pinned run" in on_day
    assert f"({calm[29].levels['pain']:.1f} instead of {flare[29].levels['pain']:.1f})" in on_day
    same = describe_pin(flare, flare, "x")
    assert "matches the pinned run to within half a point" in same


@pytest.mark.parametrize("story", sorted(predictions()))
def test_each_question_is_answered_by_the_models_own_run(story):
    from widgets.views.cycle_simulator import presets

    prediction = predictions()[story]
    scenario = Scenario(**presets()[story])
    days = simulate(scenario)
    key, sentence = outcome(prediction, scenario, days)
    assert key in dict(prediction.options)
    settled = long_run(days)
    if prediction.measure == "stuck":
        assert key == ("stuck" if is_stuck(settled) else "unstuck")
        assert f"average {sum(settled.values()) / len(settled):.1f} out of 10" in sentence
    else:
        assert (
            f"ended at {settled['pain']:.1f}" in sentence or f"{settled['pain']:.1f} at" in sentence
        )
    for guess, _text in prediction.options:
        text = describe_guess(prediction, guess, scenario, days)
        assert text.startswith(f"You guessed: {prediction.text_of(guess)}.")
        assert ("The model agrees." in text) == (guess == key)
        assert text.endswith(sentence)


def test_a_bad_week_of_sleep_is_answered_with_the_peak_of_pain():
    scenario = Scenario(short_sleep_days=(13, 19))
    days = simulate(scenario)
    window = days[13:27]  # the short nights and the week after them
    peak = max(window, key=lambda d: d.levels["pain"])
    key, sentence = outcome(predictions()["A bad week of sleep"], scenario, days)
    assert key == "up"
    assert sentence == (
        f"In the model, pain went up from {days[12].levels['pain']:.1f} on day 13 to "
        f"{peak.levels['pain']:.1f} on day {peak.day + 1}, then ended at "
        f"{long_run(days)['pain']:.1f}."
    )


def test_the_flare_question_follows_the_tightness():
    flare = predictions()["A flare after surgery"]
    for connectivity, expected in ((1.3, "high"), (0.9, "back")):
        scenario = Scenario(connectivity=connectivity, **FLARE)
        assert outcome(flare, scenario, simulate(scenario))[0] == expected


def test_a_question_with_unknown_parts_is_refused():
    with pytest.raises(ValueError, match="unknown measure"):
        Prediction("x", "?", "bigger", (("up", "Up"),))
    with pytest.raises(ValueError, match="must be up, same, down"):
        Prediction("x", "?", "rise", (("up", "Up"), ("down", "Down")))
    with pytest.raises(ValueError, match="unknown problem"):
        Prediction("x", "?", "stuck", (("stuck", "S"), ("unstuck", "U")), node="mood")
    assert set(MEASURES) == {"rise", "return", "stuck"}


# --- the words: every name, link and strategy has its entry (widgets/content/cycle_scene.toml) --


def test_every_problem_link_and_strategy_has_its_words():
    assert set(names()) == set(NODES)
    assert all(mechanism(link) for link in LINKS)
    assert all(strategy_label(key) for key in STRATEGIES)
    assert strategy_label("sleep") == "A steady sleep routine"
    assert len(scene_text()["levels"]["words"]) == 5


def test_the_link_phrase_is_built_from_the_effect_the_diagram_draws():
    day = simulate(Scenario(connectivity=1.3, **FLARE))[-1]
    (target, source), effect = strongest_links(day, 1)[0]
    expected = (
        f"{NAMES[source]} → {NAMES[target]} adds {points(effect)} to {NAMES[target]} "
        f"({mechanism((target, source))})"
    )
    assert expected in describe_loop(day)


def test_the_settled_text_gives_the_levels_the_bars_draw():
    settled = long_run(simulate(Scenario(connectivity=1.3, **FLARE)))
    text = describe_settled(settled)
    assert text.startswith("No strategy is switched on. Where each problem settles, out of 10:")
    for node in NODES:
        assert f"{NAMES[node]} {settled[node]:.0f}" in text


def test_the_narration_patterns_keep_their_placeholders():
    """What the code fills in: a reworded pattern must keep each {name} (translations too)."""
    narration = words("cycle_scene", "en")["narration"]
    assert placeholders(narration["link"]) == {"source", "target", "amount", "mechanism"}
    assert placeholders(narration["course_node"]) == {
        "name",
        "start_word",
        "start",
        "peak",
        "peak_day",
        "end_word",
        "end",
    }
    assert placeholders(narration["trial"]) == {"people", "changes", "tipped"}


def test_every_look_up_names_an_entry_and_fills_its_placeholders():
    """Each `_say(section, key, ...)` in the describer and each `word(...)` in the model names an
    entry of cycle_scene.toml and fills exactly its {placeholders}."""
    from tests.content_calls import problems

    assert problems("cycle_scene", "widgets/describers/cycle.py", {"_say": ()}) == []
    assert problems("cycle_scene", "widgets/models/cycle.py", {"word": None}) == []
