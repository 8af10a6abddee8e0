"""This week's box: ticks kept in the learner's record, next week's lesson, the reminder file."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from tests.views.fake_browser import KEY, FakeBrowser
from widgets.course_config import load_config
from widgets.models.learner_record import parse_text
from widgets.views.practice import ThisWeek, this_week, words

CONFIG = load_config()
FILES = [lesson.file for lesson in CONFIG.lessons]


def stored(browser):
    return parse_text(browser.local[KEY]).record


def test_ticks_are_kept_on_the_device_and_come_back_on_the_next_page():
    browser = FakeBrowser(page=FILES[1])
    panel = browser.open()
    panel.choose_keep()
    box = ThisWeek(FILES[1], record=panel)
    box.practice.value = True
    box.finished.value = True
    record = stored(browser)
    assert [(x.lesson, x.done) for x in record.practice] == [(FILES[1], True)]
    assert record.lesson(FILES[1]).done is True
    again = ThisWeek(FILES[1], record=browser.open())
    assert again.practice.value and again.finished.value
    again.finished.value = False  # unticking is kept too, and the lesson stays "opened"
    assert stored(browser).lesson(FILES[1]).done is False
    assert stored(browser).lesson(FILES[1]).opened is True


def test_without_keep_nothing_is_stored_and_forget_unticks():
    browser = FakeBrowser()
    panel = browser.open()
    box = ThisWeek(FILES[2], record=panel)
    box.practice.value = True
    assert browser.local == {} and panel.record.practice[0].lesson == FILES[2]
    panel.forget()
    assert box.practice.value is False and box.finished.value is False


def test_the_next_weeks_lesson_follows_course_toml_and_the_last_lesson_says_so():
    text = ThisWeek(FILES[0], record=FakeBrowser().open()).children[1].value
    assert words()["next"].format(title=CONFIG.lessons[1].title).replace("'", "&#x27;") in text
    last = ThisWeek(FILES[-1], record=FakeBrowser().open()).children[1].value
    assert "This is the last lesson." in last


def test_the_reminder_is_a_calendar_file_starting_a_week_from_today():
    box = ThisWeek(FILES[0], record=FakeBrowser().open())
    box.make_reminder(today=dt.date(2026, 12, 2))
    link = box.reminder.value
    assert 'download="weekly-reminder.ics"' in link and "data:text/calendar" in link
    text = base64.b64decode(link.split("base64,", 1)[1].split('"', 1)[0]).decode("utf-8")
    assert "DTSTART:20261209T180000" in text and "RRULE:FREQ=WEEKLY;COUNT=8" in text
    assert f"SUMMARY:{CONFIG.title}" in text.replace("\r\n ", "")


def test_a_refused_tick_says_so(monkeypatch):
    box = ThisWeek(FILES[0], record=FakeBrowser().open())

    def refuse(_record):
        raise ValueError("The practice list is full.")

    monkeypatch.setattr(box.record, "replace", refuse)
    box.practice.value = True
    assert "not saved" in box.message.value and "full" in box.message.value


@pytest.mark.parametrize("bad", ["../x", "<b>", ""])
def test_a_lesson_name_that_is_not_a_file_is_an_authors_error(bad):
    with pytest.raises(ValueError):
        this_week(bad)
