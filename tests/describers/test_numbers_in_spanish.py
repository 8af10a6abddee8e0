"""In a Spanish course the describers write numbers with a decimal comma ("7,5"), from the same
numbers as in English ("7.5"): widgets/formats.py, with widgets/content/es/formats.toml.

Only tools with a Spanish content file are checked here (cycle_scene, daily_rhythm_scene,
pacing); the words themselves are the translators', so the tests look at the numbers only.
"""

from __future__ import annotations

import re

import pytest

import widgets.words
from widgets.describers import cycle, daily_rhythm, pacing
from widgets.models.cycle import NODES, Scenario, long_run, simulate
from widgets.models.daily_rhythm import Night, day_after
from widgets.models.pacing import plan

#: A number written with a decimal point: never in a Spanish sentence.
DECIMAL_POINT = re.compile(r"\d\.\d")


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setattr(widgets.words, "course_language", lambda: "es")


def test_the_course_language_is_what_the_tests_switch():
    assert widgets.words.course_language() == "en"  # the unit tests' own language (conftest.py)


# --- the cycle simulator --------------------------------------------------------------------


def test_cycle_points_use_a_decimal_comma(spanish):
    assert cycle.points(0.6) == cycle.scene_text()["points"]["many"].format(amount="0,6")
    assert cycle.points(-1.04) == cycle.scene_text()["points"]["one"].format(amount="1")
    assert cycle.points(7.5).startswith("7,5")


def test_cycle_comparison_says_7_comma_5_where_english_says_7_point_5(spanish, monkeypatch):
    same = long_run(simulate(Scenario(connectivity=1.3, flare_day=6, flare_days=14, flare_size=8)))
    better = dict.fromkeys(NODES, 1.0)
    text = cycle.describe_comparison(same, better)
    assert "7,5" in text and "1,0" in text and "8,5" in text
    assert not DECIMAL_POINT.search(text)
    monkeypatch.setattr(widgets.words, "course_language", lambda: "en")
    assert "pain 7.5 points lower (1.0 instead of 8.5)" in cycle.describe_comparison(same, better)


def test_cycle_narration_and_predictions_have_no_decimal_point(spanish):
    scenario = Scenario(connectivity=1.6, flare_day=6, flare_days=14, flare_size=8)
    days = simulate(scenario)
    without = simulate(Scenario(connectivity=1.6))
    texts = [
        cycle.narrate(scenario, days, without),
        cycle.describe_pin(days, without, "x"),
        *(cycle.outcome(p, scenario, days)[1] for p in cycle.predictions().values()),
    ]
    assert any(re.search(r"\d,\d", text) for text in texts)
    assert not any(DECIMAL_POINT.search(text) for text in texts)


def test_a_refused_cycle_setting_quotes_its_range_with_a_decimal_comma(spanish):
    with pytest.raises(ValueError) as caught:
        Scenario(connectivity=2.5)
    assert "0,3" in str(caught.value) and "2,0" in str(caught.value)
    assert "2,5" in str(caught.value)


# --- pain through the day -------------------------------------------------------------------

USUAL = Night(23.0, 7.0)
NORMAL = day_after(USUAL, USUAL)


def test_daily_rhythm_hours_and_percents_use_a_decimal_comma(spanish):
    assert daily_rhythm.hours_text(7.5) == "7,5" and daily_rhythm.hours_text(8) == "8"
    assert daily_rhythm.percent(-6.14) == "6,1%"
    night = Night(23.5, 7.0)
    text = daily_rhythm.describe_day(night, USUAL, day_after(night, USUAL), NORMAL)
    assert "7,5" in text and not DECIMAL_POINT.search(text)


def test_daily_rhythm_english_is_unchanged():
    assert daily_rhythm.hours_text(7.5) == "7.5" and daily_rhythm.percent(-6.14) == "6.1%"


# --- the pacing planner ---------------------------------------------------------------------


def test_pacing_minutes_and_the_download_use_a_decimal_comma(spanish):
    assert pacing.minutes(7.5).startswith("7,5") and "7.5" not in pacing.minutes(7.5)
    weeks = plan(12.5, 0.8, 0.1, 2, None)
    text = pacing.plan_text("caminar", [7.5, 10, 20], 12.5, 0.8, 0.1, weeks, None)
    assert "7,5; 10; 20" in text  # a comma inside a number: the list is split by semicolons
    assert "12,5" in text and not DECIMAL_POINT.search(text)


def test_pacing_lists_keep_commas_in_english():
    assert pacing.numbers_listed([7.5, 10, 20]) == "7.5, 10, 20"
    weeks = plan(12.5, 0.8, 0.1, 2, None)
    text = pacing.plan_text("Walking", [7.5, 10, 20], 12.5, 0.8, 0.1, weeks, None)
    assert "Minutes I managed on the days I recorded: 7.5, 10, 20" in text
