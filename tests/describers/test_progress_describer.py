"""The "My progress" sentences say the numbers the charts draw, in plain words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import textstat

from tests.models.test_progress import MONDAY, entry, nights, phq8, phq9
from widgets.describers import progress as describer
from widgets.describers.progress import (
    day_text,
    describe_activity,
    describe_change,
    describe_nights,
    describe_pain_checks,
    describe_self_checks,
    describe_weeks,
    number,
)
from widgets.models.diary import Diary
from widgets.models.learner_record import PainCheckEntry
from widgets.models.progress import (
    change_readings,
    nights_and_next_days,
    pain_check_points,
    self_check_points,
    weekly_averages,
)

LATER = MONDAY + timedelta(days=14)


def self_check_text(checks) -> str:
    return describe_self_checks(self_check_points(checks), change_readings(checks))


def test_dates_and_numbers_are_written_plainly():
    assert day_text(date(2024, 3, 7)) == "7 March 2024"
    assert (number(6.0), number(4.3), number(12)) == ("6", "4.3", "12")
    assert describer.count("mood_check", 1) == "1 mood check"
    assert describer.count("point", 1.5) == "1.5 points"


def test_no_checks_says_where_to_do_one():
    assert (
        self_check_text([])
        == "No mood checks yet. There is a mood check in the lesson on depression "
        "and in the lesson on your plan."
    )
    assert describe_change(change_readings([])) == ""


def test_one_check_gives_its_score_and_says_there_are_too_few_points():
    text = self_check_text([phq9(MONDAY, 11)])
    assert "1 mood check, on 4 March 2024" in text and "11 out of 27 (PHQ-9)" in text
    assert "too few points to tell" in text


def test_each_score_is_listed_in_order():
    text = self_check_text([phq9(MONDAY, 14), phq9(LATER, 9)])
    assert "You have 2 mood checks, from 4 March 2024 to 18 March 2024." in text
    assert "14 on 4 March 2024 and 9 on 18 March 2024" in text
    assert "5 points above and below your first score" in text


def test_exactly_five_points_down_is_read_as_a_real_change():
    text = describe_change(change_readings([phq9(MONDAY, 14), phq9(LATER, 9)]))
    assert "your score went down by 5 points, from 14 to 9" in text
    assert "5 points or more" in text and "usual sign of a real change" in text
    assert "less than 5 points" not in text


def test_four_points_down_is_not_read_as_a_clear_change():
    text = describe_change(change_readings([phq9(MONDAY, 14), phq9(LATER, 10)]))
    assert "went down by 4 points, from 14 to 10" in text
    assert "less than 5 points" in text and "does not show a clear change" in text
    assert "real change. Lower" not in text


def test_five_points_up_suggests_talking_with_a_doctor():
    text = describe_change(change_readings([phq9(MONDAY, 6), phq9(LATER, 11)]))
    assert "went up by 5 points, from 6 to 11" in text and "doctor" in text


def test_no_change_is_said_plainly():
    text = describe_change(change_readings([phq9(MONDAY, 7), phq9(LATER, 7)]))
    assert "stayed the same, at 7" in text


def test_three_checks_read_first_to_latest_and_the_latest_two():
    checks = [phq9(MONDAY, 15), phq9(LATER, 10), phq9(LATER + timedelta(days=14), 8)]
    first, last_two = describe_change(change_readings(checks)).split("\n")
    assert first.startswith("From your first check (4 March 2024) to your latest (1 April 2024)")
    assert "down by 7 points, from 15 to 8" in first and "usual sign of a real change" in first
    assert last_two.startswith("From your check before last (18 March 2024)")
    assert "down by 2 points, from 10 to 8" in last_two and "less than 5 points" in last_two


def test_a_phq8_against_a_phq9_says_it_compares_the_shared_items():
    checks = [phq9(MONDAY, 12, item9=3), phq8(LATER, 5)]
    text = describe_change(change_readings(checks))
    assert "only the 8 questions they share" in text
    assert "your score on those 8 questions went down by 4 points, from 9 to 5" in text
    assert "The 5-point rule was found for the PHQ-9" in text


def test_two_phq8_checks_say_the_rule_was_found_for_the_phq9():
    text = describe_change(change_readings([phq8(MONDAY, 15), phq8(LATER, 10)]))
    assert "from 15 to 10" in text and "found for the PHQ-9" in text
    assert "questions they share" not in text


def test_many_checks_are_summed_up():
    scores = [14, 12, 15, 10, 9, 11, 7, 8]
    checks = [phq9(MONDAY + timedelta(days=7 * i), s) for i, s in enumerate(scores)]
    text = self_check_text(checks)
    assert "You have 8 mood checks" in text
    assert "Your first score was 14, on 4 March 2024." in text
    assert "Your lowest score was 7 and your highest was 15." in text
    assert "Your latest score was 8, on 22 April 2024." in text


def test_pain_checks_say_their_averages():
    checks = [PainCheckEntry(MONDAY, (6, 6, 6)), PainCheckEntry(LATER, (4, 4, 5))]
    points = pain_check_points(checks)
    text = describe_pain_checks(points)
    assert "6 on 4 March 2024 and 4.3 on 18 March 2024" in text
    assert "no set rule" in text
    assert describe_pain_checks([]).startswith("No pain checks yet.")
    one = describe_pain_checks(points[:1])
    assert "1 pain check, on 4 March 2024" in one and "6 out of 10" in one


def test_weeks_say_the_same_averages_the_chart_draws():
    days = [
        entry(MONDAY, pain=4, sleep=6.0, mood=6, active=20),
        entry(MONDAY + timedelta(days=2), pain=6, sleep=7.0, mood=4, active=40),
        entry(MONDAY + timedelta(days=6), pain=5, sleep=8.5, mood=5, active=0),
        entry(LATER, pain=8, sleep=5.0, mood=2, active=10),
    ]
    weeks = weekly_averages(Diary(tuple(days)))
    text = describe_weeks(weeks)
    assert "2 weeks with at least one day, from the week of 4 March 2024" in text
    first, last = weeks
    assert (
        f"In your first week (3 days), your averages were: pain {number(first.pain)}, "
        f"mood {number(first.mood)}, sleep {number(first.sleep_hours)} hours and "
        f"{number(first.active_minutes)} active minutes a day." in text
    )
    assert "In your latest week (1 day), your averages were: pain 8, mood 2, sleep 5 hours" in text
    assert "less steady average" in text
    activity = describe_activity(weeks)
    assert (
        "20 minutes a day in your first week and 10 minutes a day in your latest week" in activity
    )
    assert describe_weeks([]) == "No diary days yet. The diary is in the lesson on your plan."


def test_weeks_name_the_lowest_and_highest_pain_week():
    days = [entry(MONDAY + timedelta(days=7 * i), pain=p) for i, p in enumerate([6, 3, 8])]
    text = describe_weeks(weekly_averages(Diary(tuple(days))))
    assert "lowest weekly pain was 3 (week of 11 March 2024)" in text
    assert "highest was 8 (week of 18 March 2024)" in text


def test_too_few_nights_says_how_many_are_needed_and_how_many_there_are():
    text = describe_nights(nights_and_next_days(nights([7] * 6, [4] * 30)))
    assert "at least 7 short nights and 7 usual nights" in text
    assert "So far you have 6 short nights and 30 usual nights." in text
    assert "not proof" in text and "noisy" in text


def test_enough_nights_give_both_averages_and_always_the_caution():
    reading = nights_and_next_days(nights([7, 6, 8, 7, 6, 8, 7], [4, 3, 5, 4, 3, 5, 4], 2))
    text = describe_nights(reading)
    assert "After your 7 short nights, your pain averaged 7." in text
    assert "After your 7 usual nights, it averaged 4." in text
    assert "That is 3 points higher after short nights." in text
    assert "bigger than your normal day-to-day ups and downs" in text
    assert "We left out 2 nights of more than 9 hours." in text
    assert "not proof that short nights cause pain" in text and "noisy" in text
    assert "night before that day" in text


def test_a_noisy_or_small_gap_is_said_to_be_within_ups_and_downs():
    noisy = nights_and_next_days(nights([0, 10, 0, 10, 0, 10, 10], [0, 10, 0, 10, 0, 10, 0]))
    text = describe_nights(noisy)
    assert "1.4 points higher" in text and "can come from normal day-to-day ups and downs" in text
    lower = describe_nights(nights_and_next_days(nights([4] * 7, [5] * 7)))
    assert "That is 1 point lower after short nights." in lower
    same = describe_nights(nights_and_next_days(nights([5] * 7, [5] * 7)))
    assert "about the same" in same


@pytest.mark.parametrize("scores", [[12], [14, 9], [15, 10, 8], [14, 12, 15, 10, 9, 11, 7, 8]])
def test_every_placeholder_is_filled_and_the_words_are_plain(scores):
    checks = [phq9(MONDAY + timedelta(days=7 * i), s) for i, s in enumerate(scores)]
    diary = nights([7, 6, 8, 7, 6, 8, 7], [4, 3, 5, 4, 3, 5, 4], 1)
    weeks = weekly_averages(diary)
    text = " ".join(
        [
            self_check_text(checks),
            describe_pain_checks(pain_check_points([PainCheckEntry(MONDAY, (5, 6, 7))])),
            describe_weeks(weeks),
            describe_activity(weeks),
            describe_nights(nights_and_next_days(diary)),
        ]
    )
    assert "{" not in text and "}" not in text
    assert textstat.flesch_kincaid_grade(text.replace("\n", " ")) <= 8.0
