"""The action plan view: fields make a plan; payloads stay text; too much input keeps the fields."""

from __future__ import annotations

import base64
import html
import re

from widgets.views.action_plan import ActionPlanTool, action_plan

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def downloads(tool) -> dict[str, str]:
    links = re.findall(r'download="([^"]+)" href="data:[^,]+base64,([^"]+)"', tool.downloads.value)
    return {name: base64.b64decode(data).decode("utf-8") for name, data in links}


def test_a_plan_downloads_as_a_page_and_as_markdown_with_crisis_lines():
    tool = action_plan()
    tool.strategies["pacing"].value = True
    tool.goals.value = "Walk for 10 minutes after lunch on Monday\nStretch"
    tool.warning_signs.value = "Staying in bed"
    tool.people[0][0].value, tool.people[0][1].value = "Sam", "07700 900123"
    tool.make()
    files = downloads(tool)
    assert set(files) == {"my-action-plan.html", "my-action-plan.md"}
    page = files["my-action-plan.html"]
    assert "Walk for 10 minutes" in page and "Sam" in page and "Pace my activities" in page
    assert html.escape(tool.crisis_lines[0][0]) in page
    assert "<script" not in page
    assert "Goal 2" in tool.message.value  # "Stretch" gets a tip on how much and when


def test_payloads_in_every_field_stay_text():
    tool = action_plan()
    tool.title.value = PAYLOAD
    tool.goals.value = PAYLOAD
    tool.warning_signs.value = PAYLOAD
    tool.reasons.value = PAYLOAD
    tool.helps.value = PAYLOAD
    tool.people[0][0].value = PAYLOAD[:60]
    tool.people[0][1].value = PAYLOAD[:100]
    tool.make()
    page = downloads(tool)["my-action-plan.html"]
    for shown in (tool.message.value, page):
        assert "<script" not in shown and "<img" not in shown
    markdown = downloads(tool)["my-action-plan.md"]
    assert "\\<script\\>" in markdown and "<script>" not in markdown  # escaped for Markdown
    assert "&lt;script&gt;" in page
    # the preview frame holds the page, escaped once more as an attribute, and is sandboxed
    assert "<script" not in tool.preview.value and "<iframe class" in tool.preview.value
    assert " sandbox " in tool.preview.value


def test_too_many_goals_give_a_message_and_keep_what_was_typed():
    tool = action_plan()
    tool.goals.value = "\n".join(f"goal {i}" for i in range(8))
    tool.make()
    assert "btc-error" in tool.message.value and "still here" in tool.message.value
    assert tool.goals.value.count("goal") == 8 and tool.downloads.value == ""


def test_the_tool_has_the_five_parts_the_lesson_lists_and_they_reach_the_page():
    """Issue 12: "My reasons" and "What helps then" were missing from the tool."""
    tool = action_plan()
    tool.reasons.value = "Get back to the garden"
    tool.helps.value = "Ring my sister\nA slow walk"
    tool.make()
    page = downloads(tool)["my-action-plan.html"]
    assert "1. My reasons" in page and "Get back to the garden" in page
    assert "4. What helps then" in page and "Ring my sister" in page and "A slow walk" in page


# ---- the learner's record (widgets/views/my_record.py) ------------------------------------------


def fill(tool) -> None:
    tool.title.value = "Jo's plan"
    tool.reasons.value = "Get back to the garden"
    tool.strategies[next(iter(tool.strategies))].value = True
    tool.goals.value = "Walk to the gate\nRing Sam on Sunday"
    tool.people[0][0].value, tool.people[0][1].value = "Sam", "07700 900123"


def test_the_plan_is_kept_on_the_device_without_crisis_lines_and_comes_back():
    from tests.views.fake_browser import KEY, FakeBrowser
    from widgets.models.learner_record import parse_text

    browser = FakeBrowser(page="06_your_plan.ipynb")
    panel = browser.open()
    panel.choose_keep()
    tool = ActionPlanTool(record=panel)
    fill(tool)
    kept = parse_text(browser.local[KEY]).record.action_plan
    assert kept.title == "Jo's plan" and kept.plan.goals == (
        "Walk to the gate",
        "Ring Sam on Sunday",
    )
    assert kept.plan.crisis_lines == () and kept.plan.people_to_call == (("Sam", "07700 900123"),)
    again = ActionPlanTool(record=browser.open())
    assert (
        again.title.value == "Jo's plan"
        and again.goals.value.splitlines()[1] == "Ring Sam on Sunday"
    )
    assert (
        again.people[0][0].value == "Sam" and again.strategies[next(iter(again.strategies))].value
    )
    assert again.plan().crisis_lines == again.crisis_lines  # the course adds today's lines


def test_without_keep_nothing_is_stored():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    tool = ActionPlanTool(record=browser.open())
    fill(tool)
    assert browser.local == {} and tool.record.record.action_plan.title == "Jo's plan"


def test_forget_clears_the_plan():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    panel = browser.open()
    panel.choose_keep()
    tool = ActionPlanTool(record=panel)
    fill(tool)
    tool.make()
    panel.forget()
    assert tool.goals.value == "" and tool.people[0][0].value == "" and tool.downloads.value == ""
    assert tool.title.value == "My action plan" and tool.record.record.action_plan is None


def test_people_beyond_the_rows_are_kept():
    from tests.views.fake_browser import CONSENT, KEY, FakeBrowser
    from widgets.models.action_plan import ActionPlan
    from widgets.models.learner_record import LearnerRecord, SavedActionPlan, to_text

    people = tuple((f"P{i}", f"0{i}") for i in range(5))
    stored = LearnerRecord(action_plan=SavedActionPlan(ActionPlan(people_to_call=people)))
    browser = FakeBrowser({KEY: to_text(stored), CONSENT: "keep"})
    tool = ActionPlanTool(record=browser.open())
    assert [name.value for name, _ in tool.people] == ["P0", "P1", "P2"]
    tool.goals.value = "Walk"
    assert tool.record.record.action_plan.plan.people_to_call == people


def test_a_plan_that_is_not_valid_yet_or_refused_gets_a_message_and_keeps_the_fields(monkeypatch):
    from tests.views.fake_browser import FakeBrowser

    tool = ActionPlanTool(record=FakeBrowser().open())
    tool.goals.value = "\n".join(f"goal {i}" for i in range(8))
    assert "not saved" in tool.message.value and tool.goals.value.count("goal") == 8
    tool.goals.value = "one goal"
    assert tool.message.value == "" and tool.record.record.action_plan.plan.goals == ("one goal",)

    def refuse(_record):
        raise ValueError("action_plan must be a SavedActionPlan or None.")

    monkeypatch.setattr(tool.record, "replace", refuse)
    tool.helps.value = "A slow walk"
    assert "not saved" in tool.message.value and "SavedActionPlan" in tool.message.value
    assert tool.helps.value == "A slow walk" and tool.record.record.action_plan.plan.helps == ()
