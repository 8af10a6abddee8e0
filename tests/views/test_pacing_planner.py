"""The pacing planner: typed minutes become a baseline and a plan, bad input keeps the last plan
with a plain message, the activity name is escaped everywhere, the download holds the plan, and
the words come from widgets/content/pacing.toml when a planner is made."""

from __future__ import annotations

import base64
import re

import pytest

from tests.fake_translation import use_fake_translation
from widgets.models.pacing import baseline, plan
from widgets.views.pacing_planner import PacingPlanner, pacing_planner
from widgets.words import word

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def downloaded(planner: PacingPlanner) -> str:
    match = re.search(
        r'href="data:text/plain;charset=utf-8;base64,([^"]+)"', planner.download.value
    )
    assert match, planner.download.value
    return base64.b64decode(match.group(1)).decode("utf-8")


@pytest.fixture
def planner():
    return pacing_planner()


def test_starts_from_the_example_days_with_both_charts_and_a_download(planner):
    assert isinstance(planner, PacingPlanner)
    assert planner.message.value == ""
    assert "baseline for Walking is 20 minutes" in planner.baseline_text.value
    assert planner.plan_chart._plot.value.startswith("<svg")
    assert "starts at 16 minutes a day in week 1" in planner.plan_chart.text
    assert "week 8: 31" in planner.plan_chart.text
    assert planner.compare_chart._plot.value.startswith("<svg")
    assert (
        "made-up example" in planner.compare_chart.text
        and "not real data" in planner.compare_chart.text
    )
    assert "Illustrative" in planner.compare_chart.title
    text = downloaded(planner)
    assert text.startswith("My pacing plan: Walking\n")
    assert "My baseline (the average): 20 minutes" in text
    assert "  Week 1: 16 minutes a day" in text and "  Week 8: 31 minutes a day" in text
    for control in (planner.activity, planner.days, planner.goal, planner.weeks):
        assert control.description.strip()


def test_settings_change_the_plan_chart_and_download(planner):
    planner.days.value = "30, 30, 30, 30"
    planner.start_share.value = 100
    planner.increase.value = 0
    planner.weeks.value = 3
    assert [w.minutes_per_day for w in planner.plan_now] == [30, 30, 30]
    assert "stays at that level for all 3 weeks" in planner.plan_chart.text
    planner.increase.value = 20
    planner.goal.value = "40"
    assert [w.minutes_per_day for w in planner.plan_now] == [30, 36, 40]
    assert "reaches your goal of 40 minutes in week 3" in planner.plan_chart.text
    assert "My goal: 40 minutes a day" in downloaded(planner)
    assert "Your goal" in planner.plan_chart._plot.value


def test_the_plan_matches_the_model(planner):
    planner.days.value = "12\n18; 15 min, 20mins"
    base = baseline([12, 18, 15, 20])
    assert [w.minutes_per_day for w in planner.plan_now] == [
        w.minutes_per_day for w in plan(base, 0.8, 0.1, 8)
    ]
    assert "the average of your 4 days" in planner.baseline_text.value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Day 1 (“abc”) is not a number of minutes"),
        ("20, lots, 15", "Day 2 (“lots”) is not a number of minutes"),
        ("20", "at least 2 days"),
        ("", "Please type the minutes"),
        ("20, -5, 10", "Day 2 must be a number of minutes from 0 to 1440, but it is -5"),
        ("20, 2000", "from 0 to 1440"),
        ("0, 0, 0", "average under 1 minute"),
        ("0, 0, 1", "average under 1 minute"),
        ("nan, 5", "is not a number of minutes"),
        ("1e9, 5", "is not a number of minutes"),
        (", ".join(["10"] * 15), "14 days or fewer"),
        ("9" * 300, "That is a lot of text"),
    ],
)
def test_bad_minutes_give_a_message_and_keep_the_last_plan(planner, typed, message):
    chart, text, download = (
        planner.plan_chart._plot.value,
        planner.plan_chart.text,
        downloaded(planner),
    )
    planner.days.value = typed
    assert message in planner.message.value and "btc-error" in planner.message.value
    assert "What you typed is still here" in planner.message.value
    assert planner.days.value == typed  # nothing the learner typed is replaced
    assert planner.plan_chart._plot.value == chart and planner.plan_chart.text == text
    assert downloaded(planner) == download
    planner.days.value = "10, 20"
    assert planner.message.value == ""
    assert "baseline for Walking is 15 minutes" in planner.baseline_text.value


@pytest.mark.parametrize("goal", ["lots", "0", "-3", "5000"])
def test_a_bad_goal_is_explained_and_blank_means_no_goal(planner, goal):
    planner.goal.value = goal
    assert "The goal" in planner.message.value and "left blank" in planner.message.value
    assert planner.goal.value == goal
    planner.goal.value = "  "
    assert planner.message.value == "" and "My goal: none set yet" in downloaded(planner)


def test_the_note_names_the_keep_button_and_the_words_keep_their_markup(planner):
    note = planner.children[0].value
    keep = word("kept_lists", "pacing_plans", "keep")
    assert f"Press <em>{keep}</em> to add it to your list" in note
    assert note.count("<strong>") == 2 and "<p>Many pain programmes teach pacing." in note
    why = planner.children[-3].value
    assert "In <strong>boom and bust</strong>, a good day" in why
    assert planner.children[-1].value.startswith('<details class="btc-model-details"><summary>')
    assert "Antcliff et al. 2013" in planner.children[-1].value
    assert "Download my pacing plan (.txt)" in planner.download.value
    assert 'download="my-pacing-plan.txt"' in planner.download.value


def test_the_words_are_read_when_the_planner_is_made(tmp_path, monkeypatch):
    use_fake_translation(
        tmp_path,
        monkeypatch,
        "pacing",
        {
            '"Weeks to plan"': '"Semanas"',
            'title_named = "My pacing plan: {activity}"': 'title_named = "Mi plan: {activity}"',
        },
    )
    planner = pacing_planner()
    assert planner.weeks.description == "Semanas"
    assert downloaded(planner).startswith("Mi plan: Walking\n")


def test_a_long_activity_name_is_refused_and_kept(planner):
    planner.activity.value = "a" * 61
    assert "up to 60 characters" in planner.message.value
    assert planner.activity.value == "a" * 61
    assert "My pacing plan: Walking" in downloaded(planner)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_activity_name_is_escaped_in_every_output(planner, payload):
    planner.activity.value = payload
    planner.days.value = f"10, {payload}"  # a bad day quotes the learner's words back
    assert payload not in planner.message.value and "&lt;" in planner.message.value
    planner.days.value = "10, 20"
    escaped = payload.replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in planner.baseline_text.value
    shown = "".join(
        [
            planner.baseline_text.value,
            planner.message.value,
            planner.plan_chart._text.value,
            planner.plan_chart._plot.value,
            planner.compare_chart._text.value,
        ]
    )
    assert payload not in shown and "<img" not in shown and "<script" not in shown
    assert escaped in planner.plan_chart._text.value
    assert downloaded(planner).startswith(f"My pacing plan: {payload}\n")  # plain text file


def test_a_baseline_under_a_minute_is_refused_and_keeps_the_last_plan(planner):
    chart = planner.plan_chart._plot.value
    planner.days.value = "0, 0, 1"  # an average under 1 minute
    assert "under 1 minute" in planner.message.value
    assert planner.plan_chart._plot.value == chart
    assert "made-up example" in planner.compare_chart.text


# ---- the learner's list of kept plans (widgets/views/my_record.py) -----------------------------


def test_a_kept_plan_is_on_the_device_and_opens_again_with_its_numbers():
    from tests.views.fake_browser import FakeBrowser, stored_record
    from widgets.views.pacing_planner import PacingPlanner

    browser = FakeBrowser()
    panel = browser.open()
    panel.choose_keep()
    tool = PacingPlanner(panel)
    tool.activity.value = "<i>Gardening</i>"
    tool.days.value = "12, 18, 15"
    tool.goal.value = "40"
    tool.kept.keep_button.click()
    [kept] = stored_record(browser.local).pacing_plans
    assert (kept.activity, kept.days, kept.goal_minutes) == ("<i>Gardening</i>", (12, 18, 15), 40)
    tool.kept.keep_button.click()
    assert "already in your list" in tool.kept.message.value
    later = PacingPlanner(browser.open())
    label, index = later.kept.choice.options[0]
    assert label.endswith(": <i>Gardening</i>")
    later.kept.open(index)
    assert later.activity.value == "<i>Gardening</i>" and later.days.value == "12, 18, 15"
    assert later.goal.value == "40" and later.start_share.value == 80
    assert "&lt;i&gt;Gardening" in later.baseline_text.value  # learner text stays text


def test_a_plan_with_bad_numbers_is_not_kept():
    from tests.views.fake_browser import FakeBrowser
    from widgets.views.pacing_planner import PacingPlanner

    tool = PacingPlanner(FakeBrowser().open())
    tool.days.value = "twenty"
    tool.kept.keep_button.click()
    assert "Fix the numbers above first" in tool.kept.message.value
    assert tool.learner.record.pacing_plans == ()
