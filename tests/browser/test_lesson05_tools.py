"""Lesson 05's three tools in a real browser, used by keyboard only: the thought record, the pacing
planner and the support map. Script-like text typed into every box shows up as literal text (no
element is made from it, no dialog opens), downloads hold what was typed, axe finds nothing serious,
and the page asks no host but the course server for anything."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.harness import start_course_copy, wait_interactive

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TOOLS = {
    "thought_record": "thought_record",
    "pacing_planner": "pacing_planner",
    "support_map": "support_map",
}
WAIT = 15_000  # ms for a round trip to the kernel and back


def tools_notebook() -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.cells = [nbformat.v4.new_markdown_cell("# Lesson 05 tools, one per cell")] + [
        nbformat.v4.new_code_cell(f"from widgets.views.{module} import {helper}\n\n{helper}()")
        for module, helper in TOOLS.items()
    ]
    return nbformat.writes(nb)


@pytest.fixture(scope="module")
def tools_course(tmp_path_factory):
    server = start_course_copy(
        tmp_path_factory.mktemp("lesson05-tools"), {"zz_tools.ipynb": tools_notebook()}
    )
    yield server
    server.stop()


@pytest.fixture
def tools_page(page, tools_course):
    """The tools page, watched: every request, any dialog, page errors."""
    record = {"requests": [], "dialogs": [], "errors": []}
    page.on("request", lambda request: record["requests"].append(request.url))
    page.on("websocket", lambda socket: record["requests"].append(socket.url))
    page.on("pageerror", lambda error: record["errors"].append(str(error)))

    def dialog(d):
        record["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(tools_course.lesson_url("zz_tools.ipynb"))
    wait_interactive(page)
    page.wait_for_selector(".btc-thought-record .btc-download")
    yield page
    page.wait_for_timeout(300)  # late requests and dialogs
    assert record["dialogs"] == [], f"a dialog opened: {record['dialogs']}"
    assert record["errors"] == []
    host = f"127.0.0.1:{tools_course.port}"
    foreign = [
        url
        for url in record["requests"]
        if urlparse(url).scheme in {"http", "https", "ws", "wss"} and urlparse(url).netloc != host
    ]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert page.locator("img[src='x']").count() == 0
    assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert(1)'))")


# --- keyboard helpers ---------------------------------------------------------------------------


def active(page, js: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {js}; }})()")


def type_in(page, field, text: str, *, replace: bool = False) -> None:
    """Focus a box, type (or paste, for long text) and Tab out, which sends the value."""
    field.focus()
    if replace:
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
    if len(text) > 100:
        page.keyboard.insert_text(text)
    else:
        page.keyboard.type(text)
    page.keyboard.press("Tab")


def press_on(page, locator, key: str = "Enter") -> None:
    locator.focus()
    page.keyboard.press(key)


def handle(tool, name: str):
    return tool.locator(f".noUi-handle[aria-label='{name}']")


def download_text(page, link) -> str:
    with page.expect_download() as info:
        press_on(page, link)
    return Path(info.value.path()).read_text(encoding="utf-8")


def serious_axe(page) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


# --- the tools ----------------------------------------------------------------------------------


def test_thought_record_by_keyboard(tools_page):
    page = tools_page
    tool = page.locator(".btc-thought-record")
    situation = tool.get_by_label("What happened", exact=True)
    type_in(page, situation, SCRIPT)
    assert active(page, "el.placeholder") == "For example: Today is going to be awful."
    page.keyboard.type(IMG)  # Tab went on to "The thought"
    page.keyboard.press("Tab")
    assert active(page, "el.placeholder") == "for example: sad"  # then to "Feeling 1"
    page.keyboard.type(IMG)
    page.keyboard.press("Tab")
    feeling = handle(tool, "Feeling 1: how strong (0–100)")
    press_on(page, feeling, "ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(tool.locator(".widget-html", has_text="(was 60)")).to_have_count(1, timeout=WAIT)
    press_on(page, tool.get_by_label("Catastrophising", exact=True), "Space")
    press_on(page, tool.get_by_text("Example of Catastrophising"))
    expect(tool.get_by_text("Something must be badly wrong", exact=False)).to_be_visible()
    for label in ("For the thought", "Against the thought", "A fairer thought"):
        type_in(page, tool.get_by_label(label, exact=True), SCRIPT if "For" in label else IMG)
    rerate = handle(tool, "Feeling 1 now (0–100)")
    press_on(page, rerate, "ArrowLeft")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    press_on(page, tool.get_by_role("button", name="Show my record"))
    summary = tool.locator(".btc-record-summary")
    expect(summary).to_contain_text("60 before, 40 after: down by 20", timeout=WAIT)
    text = summary.inner_text()
    assert text.count(SCRIPT) == 2 and text.count(IMG) == 4  # every box, as literal text
    assert "Catastrophising" in text
    assert tool.locator("img").count() == 0

    saved = download_text(page, tool.get_by_role("link", name="Download my thought record (.txt)"))
    assert f"What happened\n  {SCRIPT}\n" in saved
    assert f"- {IMG}: 60 before, 40 after" in saved and "- Catastrophising" in saved

    # A box that is too long: a message in a live region, and nothing else is lost.
    type_in(page, tool.get_by_label("A fairer thought", exact=True), "x" * 1001, replace=True)
    error = tool.locator(".btc-live .btc-error")
    expect(error).to_contain_text("In “A fairer thought”", timeout=WAIT)
    assert error.locator("xpath=ancestor::*[@aria-live='polite']").count() >= 1
    assert situation.input_value() == SCRIPT
    assert tool.get_by_label("A fairer thought", exact=True).input_value() == "x" * 1001
    assert f"- {IMG}: 60" in download_text(
        page, tool.get_by_role("link", name="Download my thought record (.txt)")
    )

    # A worked example by keyboard, then Undo brings the learner's words back.
    example = tool.get_by_label("Worked example", exact=True)
    press_on(page, example, "ArrowDown")
    page.keyboard.press("Tab")
    assert active(page, "el.textContent.trim()") == "Load this example"
    page.keyboard.press("Enter")
    expect(situation).not_to_have_value(SCRIPT, timeout=WAIT)
    assert "weeding" in situation.input_value()
    press_on(page, tool.get_by_role("button", name="Undo"))
    expect(situation).to_have_value(SCRIPT, timeout=WAIT)
    assert serious_axe(page) == []


def test_pacing_planner_by_keyboard(tools_page):
    page = tools_page
    tool = page.locator(".btc-pacing-planner")
    narration = tool.locator(".btc-narration")
    expect(narration).to_contain_text("baseline for Walking is 20 minutes")
    type_in(page, tool.get_by_label("Activity", exact=True), IMG, replace=True)
    expect(narration).to_contain_text(f"baseline for {IMG} is 20 minutes", timeout=WAIT)

    plan_alt = tool.locator(".btc-alt").first
    before = plan_alt.inner_text()
    days = tool.get_by_label("Minutes you managed on each day", exact=True)
    type_in(page, days, "20, lots, 15", replace=True)
    error = tool.locator(".btc-live .btc-error")
    expect(error).to_contain_text("Day 2 (“lots”) is not a number of minutes", timeout=WAIT)
    assert days.input_value() == "20, lots, 15" and plan_alt.inner_text() == before
    type_in(page, days, SCRIPT, replace=True)
    expect(error).to_contain_text("“<script>alert(1)</sc…”", timeout=WAIT)
    type_in(page, days, "30, 30, 30", replace=True)
    expect(error).to_have_count(0, timeout=WAIT)
    expect(narration).to_contain_text("is 30 minutes: the average of your 3 days")

    weeks = handle(tool, "Weeks to plan")
    press_on(page, weeks, "ArrowLeft")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    expect(plan_alt).to_contain_text("by week 4", timeout=WAIT)
    assert f"The plan for {IMG} starts at 24 minutes" in plan_alt.inner_text()

    goal = tool.get_by_label("Goal in minutes a day (optional)", exact=True)
    type_in(page, goal, SCRIPT)
    expect(error).to_contain_text("The goal (“<script>alert(1)</sc…”)", timeout=WAIT)
    type_in(page, goal, "30", replace=True)
    expect(plan_alt).to_contain_text("reaches your goal of 30 minutes", timeout=WAIT)
    compare = tool.locator(".btc-chart").nth(1)
    assert "not real data" in compare.locator(".btc-alt").inner_text()
    assert "Illustrative" in compare.locator(".btc-alt-title").inner_text()
    # One picture, drawn wide and narrow (widgets/ui/svg.py): the page shows exactly one of them.
    assert compare.locator(".btc-plot svg.btc-svg-wide").count() == 1
    assert compare.locator(".btc-plot svg:visible").count() == 1

    saved = download_text(page, tool.get_by_role("link", name="Download my pacing plan (.txt)"))
    assert saved.startswith(f"My pacing plan: {IMG}\n")
    assert "  Week 4: 30 minutes a day" in saved and "My goal: 30 minutes a day" in saved
    assert serious_axe(page) == []


def test_support_map_by_keyboard(tools_page):
    page = tools_page
    tool = page.locator(".btc-support-map")
    assert "Names stay on this device" in tool.inner_text()
    name = tool.get_by_label("Name", exact=True)
    type_in(page, name, SCRIPT)
    assert active(page, "el.tagName") == "SELECT"  # "Who they are"
    page.keyboard.press("ArrowDown")  # A group
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past "Practical help" to "Emotional help"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert active(page, "el.textContent.trim()") == "Add to my map"
    page.keyboard.press("Enter")
    table = tool.locator("table")
    expect(table).to_contain_text(SCRIPT, timeout=WAIT)
    assert "A group" in table.inner_text()

    type_in(page, name, IMG)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # A professional
    for _ in range(3):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Information
    press_on(page, tool.get_by_role("button", name="Add to my map"))
    expect(table).to_contain_text(IMG, timeout=WAIT)
    alt = tool.locator(".btc-alt")
    expect(alt).to_contain_text(f"Groups around you: {SCRIPT} (emotional help).", timeout=WAIT)
    assert f"Professionals around you: {IMG} (information)." in alt.inner_text()
    labels = tool.locator(".btc-plot svg text").all_text_contents()
    assert "<script>alert(1)<…" in labels and "<img src=x onerro…" in labels
    options = tool.get_by_label("Remove someone", exact=True).locator("option")
    expect(options).to_have_count(2, timeout=WAIT)
    # ipywidgets shows spaces in options as no-break spaces; the text is otherwise as typed
    assert [t.replace("\xa0", " ") for t in options.all_inner_texts()] == [SCRIPT, IMG]

    # Adding with no name: a message, and the ticks stay as they were.
    press_on(page, tool.get_by_label("Practical help", exact=True), "Space")
    press_on(page, tool.get_by_role("button", name="Add to my map"))
    error = tool.locator(".btc-live .btc-error")
    expect(error).to_contain_text("Please write a name", timeout=WAIT)
    assert tool.get_by_label("Practical help", exact=True).is_checked()

    # Remove the first supporter by keyboard.
    press_on(page, tool.get_by_label("Remove someone", exact=True), "Tab")
    assert active(page, "el.textContent.trim()") == "Remove from my map"
    page.keyboard.press("Enter")
    expect(tool.get_by_text(f"Took {SCRIPT} off your map")).to_be_visible(timeout=WAIT)
    expect(table).not_to_contain_text(SCRIPT, timeout=WAIT)  # a separate widget: may come later
    expect(tool.locator(".btc-live").filter(has_text="Gaps to think about")).to_contain_text(
        "practical help yet"
    )

    saved = download_text(page, tool.get_by_role("link", name="Download my support map (.txt)"))
    assert f"Professionals\n- {IMG}: information\n" in saved and SCRIPT not in saved
    assert serious_axe(page) == []


def test_the_page_with_all_three_tools_passes_axe_before_any_input(tools_page):
    assert serious_axe(tools_page) == []
