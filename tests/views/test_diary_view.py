"""The diary view: saving, removing, loading files and downloading, with bad input kept harmless."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from widgets.models.diary import MAX_BYTES, from_csv
from widgets.views.diary import DiaryTool, diary

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def tool():
    return diary()


def upload(tool, data: bytes, name: str = "d.csv", size: object = None) -> None:
    """Deliver a file as the browser does (through the widget's deserializer)."""
    entry = {"name": name, "type": "text/csv", "size": len(data) if size is None else size}
    tool.upload.set_state({"value": [{**entry, "content": memoryview(data), "last_modified": 0}]})


def saved_csv(tool) -> bytes:
    link = tool.download.value
    return base64.b64decode(link.split("base64,", 1)[1].split('"', 1)[0])


def test_saving_a_day_shows_it_escaped_and_offers_a_download(tool):
    tool.day.value = YESTERDAY
    tool.pain.value = 7
    tool.note.value = PAYLOAD
    tool.save_button.click()
    assert f"Saved {YESTERDAY.isoformat()}" in tool.message.value
    assert "<script>" not in tool.table.value and "<img" not in tool.table.value
    assert "&lt;script&gt;" in tool.table.value
    assert tool.note.value == ""  # ready for the next day
    (entry,) = from_csv(saved_csv(tool)).entries
    assert entry.note == PAYLOAD and entry.pain == 7
    assert "1 day recorded" in tool.chart.text


def test_a_bad_day_is_refused_and_nothing_is_lost(tool):
    tool.day.value = YESTERDAY
    tool.save_button.click()
    tool.day.value = dt.date.today() + dt.timedelta(days=30)
    tool.note.value = "keep me"
    tool.save_button.click()
    assert "btc-error" in tool.message.value and "future" in tool.message.value
    assert len(tool.diary) == 1 and tool.note.value == "keep me"
    tool.day.value = None  # a learner cleared the date box
    tool.save_button.click()
    assert "btc-error" in tool.message.value and len(tool.diary) == 1


def test_loading_a_file_keeps_good_rows_reports_bad_ones_and_keeps_typed_days(tool):
    tool.day.value = dt.date(2026, 1, 2)
    tool.pain.value = 2
    tool.save_button.click()
    data = (
        "date,pain,sleep_hours,sleep_quality,mood,active_minutes,note\n"
        "2026-01-01,5,7,5,5,10,first\n"
        "2026-01-02,9,7,5,5,10,clash\n"
        "2026-02-30,5,7,5,5,10,bad date\n"
        f'2026-01-03,4,6.5,4,6,20,"{PAYLOAD.replace(chr(34), chr(34) * 2)}"\n'
    ).encode()
    upload(tool, data)
    assert tool.upload.value == ()
    assert len(tool.diary) == 3 and tool.diary.get(dt.date(2026, 1, 2)).pain == 2
    # Said beside the Load button, not by the Save button far above it.
    assert "Line 4" in tool.file_message.value and "not a real day" in tool.file_message.value
    assert "kept yours" in tool.file_message.value
    assert tool.message.value == "" or "Line 4" not in tool.message.value
    children = list(tool.children)
    holder = next(i for i, c in enumerate(children) if tool.upload in getattr(c, "children", ()))
    assert children.index(tool.file_message) == holder + 1
    assert "<script>" not in tool.table.value


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"date,pain\n2026-01-01,5\n", "column"),
        ("a,b\n".encode("utf-16"), "UTF-8"),
        (b"x" * (MAX_BYTES + 1), "too big"),
    ],
)
def test_a_bad_file_loads_nothing_and_says_why(tool, data, expected):
    tool.day.value = YESTERDAY
    tool.save_button.click()
    upload(tool, data)
    assert "btc-error" in tool.file_message.value and expected in tool.file_message.value
    assert len(tool.diary) == 1


def test_a_malformed_upload_message_from_the_browser_is_handled(tool):
    upload(tool, b"date\n", size="lots")
    assert "could not be read" in tool.file_message.value


def test_removing_a_day(tool):
    tool.day.value = YESTERDAY
    tool.save_button.click()
    tool.remove_choice.value = YESTERDAY
    tool.remove_button.click()
    assert len(tool.diary) == 0 and "Removed" in tool.message.value
    assert "No days recorded yet" in tool.chart.text


# ---- the learner's record (widgets/views/my_record.py) ------------------------------------------


def day_form(tool, day, pain=6, note="walked to the shop") -> None:
    tool.day.value, tool.pain.value, tool.note.value = day, pain, note


def test_a_saved_day_is_kept_on_the_device_and_comes_back_on_the_next_page():
    from tests.views.fake_browser import KEY, FakeBrowser
    from widgets.models.learner_record import parse_text

    browser = FakeBrowser(page="06_your_plan.ipynb")
    panel = browser.open()
    panel.choose_keep()
    tool = DiaryTool(panel)
    day_form(tool, YESTERDAY)
    tool.save_button.click()
    assert parse_text(browser.local[KEY]).record.diary.get(YESTERDAY).note == "walked to the shop"
    # a reload: a new page, a new kernel, the same browser storage
    again = DiaryTool(browser.open())
    assert again.diary.get(YESTERDAY).pain == 6
    assert YESTERDAY.isoformat() in again.table.value and "walked to the shop" in again.table.value


def test_without_keep_nothing_is_stored_and_the_day_stays_on_the_page():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    tool = DiaryTool(browser.open())
    day_form(tool, YESTERDAY)
    tool.save_button.click()
    assert browser.local == {} and tool.diary.get(YESTERDAY) is not None
    assert tool.record.record.diary.get(YESTERDAY) is not None  # choosing "keep" now saves it


def test_days_on_the_page_and_days_on_the_device_are_merged_and_forget_clears_them():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    first = DiaryTool(browser.open())
    first.record.choose_keep()
    day_form(first, YESTERDAY - dt.timedelta(days=1), pain=3)
    first.save_button.click()
    # the next page, over the same storage
    later_panel = browser.open()
    later = DiaryTool(later_panel)
    assert len(later.diary) == 1
    day_form(later, YESTERDAY, pain=8)
    later.save_button.click()
    assert [e.pain for e in later.diary] == [3, 8]
    later_panel.forget()
    assert len(later.diary) == 0 and "No days yet" in later.table.value


def test_a_diary_the_record_cannot_hold_is_refused_with_a_message(monkeypatch):
    from tests.views.fake_browser import FakeBrowser

    tool = DiaryTool(FakeBrowser().open())

    def refuse(_record):
        raise ValueError("diary must be a Diary of up to 3,660 days.")

    monkeypatch.setattr(tool.record, "replace", refuse)
    day_form(tool, YESTERDAY)
    tool.save_button.click()
    assert "not saved" in tool.message.value and "3,660" in tool.message.value
    assert tool.diary.get(YESTERDAY) is None and tool.note.value == "walked to the shop"


def test_the_chart_draws_sleep_with_its_own_shape_and_raises_the_axis_for_a_long_night():
    from widgets.models.diary import Diary, Entry
    from widgets.ui.svg import wide_part
    from widgets.views.diary import diary_svg

    days = Diary(
        (
            Entry(YESTERDAY - dt.timedelta(days=1), 4, 7.0, 5, 6, 30),
            Entry(YESTERDAY, 5, 11.5, 5, 6, 0),
        )
    )
    svg = wide_part(diary_svg(days))
    assert ">Hours of sleep<" in svg and ">Hours of sleep, 7-day average<" in svg
    assert 'fill="#009E73" stroke="#ffffff"' in svg  # the triangles, in the legend too
    assert ">12<" in svg  # the axis reaches past the 11.5-hour night
    assert ">12<" not in wide_part(diary_svg(Diary(days.entries[:1])))


def test_every_word_the_view_looks_up_is_in_diary_toml_with_its_fields():
    from tests.content_calls import problems

    assert problems("diary", "widgets/views/diary.py", {"say": (), "word": None}) == []


def test_the_note_wraps_the_content_files_sentences_in_the_course_markup(tool):
    from widgets.views.diary import note
    from widgets.words import word

    html = note()
    assert html.startswith('<div class="btc-model-note"><p><strong>')
    assert f"<strong>{word('diary', 'note', 'heading')}</strong>" in html
    assert f"<em>{word('diary', 'note', 'download')}</em> and keep the file" in html
    assert "{download}" not in html and tool.children[0].value == html
    assert tool.save_button.description == word("diary", "form", "save")
    assert tool.note.description == "Note (optional, up to 500 characters)"
