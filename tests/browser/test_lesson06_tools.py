"""Lesson 06's tools in a browser: typed payloads stay text; downloads carry what was entered."""

from __future__ import annotations

import csv
import io

import pytest

from tests.harness import wait_interactive

LESSON = "06_your_plan.ipynb"
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture
def lesson(page, voila_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    yield page
    assert dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0


def test_diary_by_keyboard_shows_a_payload_as_text_and_downloads_it(lesson):
    page = lesson
    diary = page.locator(".btc-diary")
    note = diary.locator("textarea")
    note.focus()
    page.keyboard.type(PAYLOAD)
    page.keyboard.press("Tab")  # leaving the box sends its value
    diary.get_by_role("button", name="Save this day").focus()
    page.keyboard.press("Enter")
    diary.locator("a.btc-download").wait_for(timeout=15_000)
    assert PAYLOAD in diary.locator("table.btc-table").inner_text()
    assert "1 day recorded" in diary.locator(".btc-alt").inner_text()
    with page.expect_download() as download:
        diary.locator("a.btc-download").focus()
        page.keyboard.press("Enter")
    with open(download.value.path(), encoding="utf-8") as saved:
        rows = list(csv.DictReader(io.StringIO(saved.read())))
    assert download.value.suggested_filename == "pain-diary.csv"
    assert len(rows) == 1 and rows[0]["note"] == PAYLOAD


def test_diary_reports_bad_lines_of_a_loaded_file(lesson, tmp_path):
    page = lesson
    bad = tmp_path / "old.csv"
    bad.write_text(
        "date,pain,sleep_hours,sleep_quality,mood,active_minutes,note\n"
        "2025-01-01,4,7,5,6,20,fine\n2025-01-02,eleven,7,5,6,20,bad\n",
        encoding="utf-8",
    )
    with page.expect_file_chooser() as chooser:
        page.locator(".btc-diary .widget-upload").focus()
        page.keyboard.press("Enter")
    chooser.value.set_files(str(bad))
    message = page.locator(".btc-diary .btc-file-message")
    page.wait_for_function(
        "document.querySelector('.btc-diary .btc-file-message').innerText.includes('Line 3')"
    )
    assert "We read 1 day" in message.inner_text()
    # Issue 12: the result is said beside the Load button (it used to appear ~1,000 px above),
    # and the button does not count files ("Load a diary file (0)").
    button = page.locator(".btc-diary .widget-upload").bounding_box()
    said = message.bounding_box()
    assert button and said and 0 <= said["y"] - (button["y"] + button["height"]) < 80
    page.wait_for_function(
        "!/\\(\\d+\\)/.test(document.querySelector('.btc-diary .widget-upload').innerText)"
    )


def test_action_plan_by_keyboard_downloads_a_printable_page(lesson):
    page = lesson
    plan = page.locator(".btc-action-plan")
    plan.get_by_label("Keep a steady sleep routine", exact=False).focus()
    page.keyboard.press("Space")
    plan.locator("textarea").first.focus()
    page.keyboard.type("Walk for 10 minutes after lunch\n" + PAYLOAD)
    page.keyboard.press("Tab")
    plan.get_by_role("button", name="Make my plan").focus()
    page.keyboard.press("Enter")
    link = plan.locator("a.btc-download", has_text="page to print")
    link.wait_for(timeout=15_000)
    with page.expect_download() as download:
        link.focus()
        page.keyboard.press("Enter")
    with open(download.value.path(), encoding="utf-8") as saved:
        text = saved.read()
    assert download.value.suggested_filename == "my-action-plan.html"
    assert "Walk for 10 minutes after lunch" in text and "steady sleep routine" in text
    assert "<script" not in text and "&lt;script&gt;" in text


def test_a_diary_day_kept_on_the_device_is_there_after_a_reload_and_forget_removes_it(lesson):
    """Issue 13, as a learner tried it: a diary note saved in lesson 06 must survive a reload."""
    page = lesson
    record = page.locator(".btc-my-record")
    assert page.evaluate("Object.keys(localStorage)") == []  # nothing before the choice
    record.get_by_role("button", name="Keep my answers on this device").click()
    record.get_by_text("Done. Your answers will be kept on this device.").wait_for(timeout=20_000)
    diary = page.locator(".btc-diary")
    diary.locator("textarea").fill("slept badly, walked anyway")
    diary.locator("textarea").blur()
    diary.get_by_role("button", name="Save this day").click()
    diary.locator("table.btc-table").get_by_text("slept badly, walked anyway").wait_for()
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('btc-record-v1:')"
        " && !k.endsWith(':consent') && localStorage.getItem(k).includes('walked anyway'))"
    )
    page.reload()
    wait_interactive(page)
    diary = page.locator(".btc-diary")
    diary.locator("table.btc-table").get_by_text("slept badly, walked anyway").wait_for(
        timeout=20_000
    )
    assert "Welcome back." in page.locator(".btc-my-record .btc-live").inner_text()
    # the lesson list's link reaches the panel and unfolds backup, restore and forget
    page.locator("#btc-record-link").click()
    record = page.locator("#btc-my-record")
    record.get_by_role("button", name="Forget everything on this device").click()
    record.get_by_role("button", name="Yes, forget everything").click()
    record.get_by_text("Nothing from this course is stored on this device now.").wait_for(
        timeout=20_000
    )
    assert diary.locator("table.btc-table").count() == 0
    assert [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("btc-")] == []
