"""The record panel without a browser: the front end is simulated by setting the store's traits.

`FakeBrowser` (tests/views/fake_browser.py) answers the panel's requests the way
widgets/ui/device_store.js does, over two dicts standing in for localStorage and sessionStorage
(tests/browser/test_device_store.py runs the real one). Every test checks what is stored, and
that nothing is stored before the learner chose.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
from collections import Counter
from datetime import date

import pytest

from tests.views.fake_browser import (
    CONSENT,
    COURSE,
    DAY,
    KEY,
    PAYLOAD,
    RECORD,
    FakeBrowser,
    part_key,
    part_keys,
    stored_record,
)
from widgets.course_config import load_config
from widgets.models.diary import Diary, Entry
from widgets.models.learner_record import (
    MAX_BYTES,
    LearnerRecord,
    LessonProgress,
    Resume,
    parse_text,
    to_text,
)
from widgets.views.diary import DiaryTool
from widgets.views.my_record import MyRecord, continue_link, my_record, say, words


@pytest.fixture
def browser() -> FakeBrowser:
    return FakeBrowser()


def text_of(panel: MyRecord) -> str:
    return panel.message.value


def backup_of(panel: MyRecord) -> bytes:
    link = panel.backup_link.value
    return base64.b64decode(link.split("base64,", 1)[1].split('"', 1)[0])


def upload(panel: MyRecord, data: bytes, name: str = "backup.json", size: object = None) -> None:
    """Deliver a file as the browser does (through the widget's deserializer)."""
    entry = {"name": name, "type": "application/json", "size": len(data) if size is None else size}
    panel.upload.set_state({"value": [{**entry, "content": memoryview(data), "last_modified": 0}]})


# ---- consent -----------------------------------------------------------------------------------


def test_the_first_visit_asks_and_stores_nothing_before_the_answer(browser):
    panel = browser.open()
    assert panel.consent == "unknown"
    assert panel.choice_box.layout.display == "flex" and panel.chosen_box.layout.display == "none"
    assert panel.keep_button.description == "Keep my answers on this device"
    assert panel.none_button.description == "Don't keep anything (shared or public computer)"
    panel.replace(RECORD)
    panel.make_backup()  # a download is the learner's own act, not storage
    assert panel.store.request == {}  # not one command sent to the browser
    assert browser.local == {} and browser.session == {}
    assert panel.record == RECORD


def test_keep_stores_the_choice_and_the_answers_so_far_then_every_change(browser):
    panel = browser.open()
    panel.replace(RECORD)
    panel.keep_button.click()
    assert browser.local[CONSENT] == "keep" and stored_record(browser.local) == RECORD
    assert KEY not in browser.local  # one key per part, not the older single copy
    assert text_of(panel) == f"<p>{html.escape(say('status', 'kept'))}</p>"
    assert panel.chosen_box.layout.display == "flex" and panel.choice_box.layout.display == "none"
    assert say("consent", "chosen_keep") in panel.chosen_text.value
    more = LearnerRecord(lessons=RECORD.lessons + (LessonProgress("01_x.ipynb", done=True),))
    panel.replace(more)
    assert stored_record(browser.local) == more


def test_a_new_page_gets_the_record_back_and_says_welcome(browser):
    first = browser.open()
    first.keep_button.click()
    first.replace(RECORD)
    again = browser.open()
    assert again.consent == "keep" and again.record == RECORD
    assert html.escape(say("status", "welcome_back")) in text_of(again)
    # what the record holds is said once: in the welcome, not again in the line under it
    assert "1 lesson opened, 1 diary day and 1 pain check" in text_of(again)
    assert again.contents.value == ""
    assert "<script>" not in again.contents.value + text_of(again)
    again.make_backup()  # another message: the line comes back
    assert "1 lesson opened, 1 diary day and 1 pain check" in again.contents.value


def test_answers_typed_before_the_stored_copy_arrives_are_merged_not_lost():
    browser = FakeBrowser(local={CONSENT: "keep", KEY: to_text(RECORD)})
    panel = MyRecord(COURSE)
    browser.store = panel.store
    panel.store.observe(browser._request, "request")
    typed = LearnerRecord(lessons=(LessonProgress("05_x.ipynb"),))
    panel.replace(typed)  # consent is still unknown on the kernel's side: nothing sent
    assert panel.store.request == {}
    browser._load(0)
    assert {x.file for x in panel.record.lessons} == {"00_welcome.ipynb", "05_x.ipynb"}
    assert stored_record(browser.local) == panel.record  # saved merged, one key per part
    assert KEY not in browser.local  # the older single copy is retired once its parts are in


def test_dont_keep_removes_what_was_stored_and_keeps_the_choice_for_the_tab_only(browser):
    panel = browser.open()
    panel.keep_button.click()
    panel.replace(RECORD)
    browser.local["btc-visited-v1"] = '["00_welcome.ipynb"]'
    browser.local["another-site-key"] = "theirs"
    panel.change_button.click()
    assert panel.choice_box.layout.display == "flex"
    panel.none_button.click()
    assert browser.local == {"another-site-key": "theirs"}
    assert browser.session == {CONSENT: "none"}
    assert "Nothing from this course is stored on this device now." in text_of(panel)
    assert say("consent", "chosen_none") in panel.chosen_text.value
    panel.replace(LearnerRecord())
    assert browser.local == {"another-site-key": "theirs"}  # no save after "none"
    assert panel.record == LearnerRecord()
    again = browser.open()  # the next lesson in the same tab remembers "none"
    assert again.consent == "none" and again.choice_box.layout.display == "none"
    closed = FakeBrowser(local=browser.local)  # the tab closed: its sessionStorage is gone
    assert closed.open().consent == "unknown"


def test_a_stored_list_of_lessons_opened_is_migrated_into_the_record():
    browser = FakeBrowser(local={CONSENT: "keep", "btc-visited-v1": '["02_depression.ipynb"]'})
    panel = browser.open()
    assert [x.file for x in panel.record.lessons] == ["02_depression.ipynb"]
    assert json.loads(browser.local[part_key("lessons")])["version"] == 1


def test_keep_takes_in_the_lessons_opened_before_the_record_existed():
    browser = FakeBrowser(local={"btc-visited-v1": '["00_welcome.ipynb", "01_x.ipynb"]'})
    panel = browser.open()
    assert panel.record.is_empty  # not read before the choice
    panel.keep_button.click()
    kept = stored_record(browser.local)
    assert [x.file for x in kept.lessons] == ["00_welcome.ipynb", "01_x.ipynb"]
    assert html.escape(say("status", "kept")) in text_of(panel)


def test_keep_never_overwrites_a_copy_already_on_the_device():
    browser = FakeBrowser(local={KEY: to_text(RECORD)})  # its consent key was lost
    panel = browser.open()
    assert panel.consent == "unknown" and panel.record.is_empty  # not read before consent
    typed = LearnerRecord(lessons=(LessonProgress("05_x.ipynb"),))
    panel.replace(typed)
    panel.keep_button.click()
    kept = stored_record(browser.local)
    assert {x.file for x in kept.lessons} == {"00_welcome.ipynb", "05_x.ipynb"}
    assert len(kept.diary) == 1 and panel.record == kept


# ---- backup and restore ------------------------------------------------------------------------


def test_backup_then_restore_on_another_device_gives_the_same_record(browser):
    panel = browser.open()
    panel.replace(RECORD)
    panel.backup_button.click()
    assert f'download="{COURSE}-backup-{date.today().isoformat()}.json"' in panel.backup_link.value
    assert html.escape(say("backup", "ready")) in text_of(panel)
    data = backup_of(panel)
    assert parse_text(data).record == RECORD
    other = FakeBrowser()
    fresh = other.open()
    fresh.keep_button.click()
    upload(fresh, data, name=f"<b>{COURSE}-backup.json</b>")
    assert fresh.record == RECORD
    message = text_of(fresh)
    assert "We restored &lt;b&gt;" in message and "<b>" not in message
    assert "1 lesson opened, 1 diary day and 1 pain check" in message
    assert say("restore", "kept") in message
    assert stored_record(other.local) == RECORD
    assert fresh.upload.value == ()  # ready for another file


def test_restoring_keeps_what_is_on_the_page(browser):
    panel = browser.open()
    mine = LearnerRecord(diary=Diary((Entry(DAY, 9, 7.5, 6, 5, 30, "mine"),)))
    panel.replace(mine)
    upload(panel, to_text(RECORD).encode())
    assert panel.record.diary.entries[0].note == "mine"
    assert "kept yours" in text_of(panel)
    assert panel.store.request == {}  # restored, but not stored: no consent yet


def test_a_newer_backup_is_refused_and_nothing_changes(browser):
    panel = browser.open()
    panel.keep_button.click()
    panel.replace(RECORD)
    stored = part_keys(browser.local)
    upload(panel, json.dumps({"version": 5, "diary": []}).encode(), name="new.json")
    assert panel.record == RECORD and part_keys(browser.local) == stored
    assert "Nothing was restored from new.json." in text_of(panel)
    assert "newer version of the course" in text_of(panel) and "btc-error" in text_of(panel)


def test_a_file_over_1_mb_is_refused_before_it_is_read(browser):
    panel = browser.open()
    upload(panel, b"{}", name="big.json", size=MAX_BYTES + 1)
    assert "big.json is too big" in text_of(panel)
    upload(panel, b" " * (MAX_BYTES + 1), name="big2.json")
    assert "big2.json is too big" in text_of(panel)
    upload(panel, b"\xff\xfe not utf-8", name="odd.json")
    assert "Nothing was restored from odd.json" in text_of(panel)
    assert panel.record.is_empty


def test_a_tampered_backup_is_cleaned_and_each_problem_shown_as_text(browser):
    panel = browser.open()
    tampered = {
        "version": 1,
        "diary": [
            {"date": "2024-03-01", "pain": 4, "sleep_hours": 7, "sleep_quality": 5, "mood": 5,
             "active_minutes": 10, "note": PAYLOAD},
            {"date": "2024-03-02", "pain": "<img src=x onerror=alert(1)>"},
        ],
        PAYLOAD: 1,
    }  # fmt: skip
    upload(panel, json.dumps(tampered).encode())
    message = text_of(panel)
    assert len(panel.record.diary) == 1 and panel.record.diary.entries[0].note == PAYLOAD
    assert say("restore", "left_out") in message and message.count("<li>") == 2
    assert "<script>" not in message and "<img" not in message and "&lt;img" in message


# ---- forget ------------------------------------------------------------------------------------


def test_forget_asks_first_and_reports_empty_only_when_the_browser_verified(browser):
    panel = browser.open()
    panel.keep_button.click()
    panel.replace(RECORD)
    panel.forget_button.click()
    assert panel.confirm_box.layout.display == "flex"
    assert part_keys(browser.local)  # nothing removed before the confirmation
    panel.cancel_button.click()
    assert panel.confirm_box.layout.display == "none" and part_keys(browser.local)
    assert html.escape(say("forget", "cancelled")) in text_of(panel)
    panel.forget_button.click()
    panel.yes_button.click()
    assert browser.local == {} and panel.record.is_empty and panel.consent == "unknown"
    assert "Nothing from this course is stored on this device now." in text_of(panel)
    assert panel.choice_box.layout.display == "flex"  # asked again


def test_forget_never_claims_empty_when_something_is_left_or_cannot_be_checked(browser):
    panel = browser.open()
    panel.keep_button.click()
    browser.stubborn = True
    panel.forget_button.click()
    panel.yes_button.click()
    assert "Nothing from this course is stored" not in text_of(panel)
    assert html.escape(say("forget", "not_verified")) in text_of(panel)
    browser.available = False
    panel.forget_button.click()
    panel.yes_button.click()
    assert "Nothing from this course is stored" not in text_of(panel)
    assert html.escape(say("forget", "unavailable")) in text_of(panel)


def test_the_confirmation_is_only_status_when_the_browser_reports_it(browser):
    panel = browser.open()
    panel.keep_button.click()
    browser.store.unobserve(browser._request, "request")  # the browser has not answered yet
    panel.forget_button.click()
    panel.yes_button.click()
    assert "Nothing from this course is stored" not in text_of(panel)
    browser.report("empty-verified", panel.store.request["id"])
    assert "Nothing from this course is stored on this device now." in text_of(panel)


# ---- storage that cannot be read or written -----------------------------------------------------


@pytest.mark.parametrize(
    "stored, words",
    [
        ("{corrupt", "could not be read"),
        (json.dumps({"version": 9, "diary": []}), "newer version of the course"),
        ("x" * (MAX_BYTES + 1), "too big"),
        (json.dumps({"version": 1, "marketing": 1}), "not a record from this course"),
    ],
)
def test_a_stored_copy_that_cannot_be_read_is_never_overwritten(stored, words):
    browser = FakeBrowser(local={CONSENT: "keep", KEY: stored})
    panel = browser.open()
    message = text_of(panel)
    assert words in message and say("stored", "untouched") in message
    assert panel.held_box.layout.display == "flex"
    assert panel.carry_on_button.description == say("stored", "replace")
    panel.replace(RECORD)
    upload(panel, to_text(RECORD).encode())
    panel.keep_button.click()  # choosing "keep" again does not overwrite it either
    assert browser.local[KEY] == stored
    panel.raw_button.click()
    assert browser.downloads == [(f"{COURSE}-stored-copy-{date.today().isoformat()}.json", stored)]
    assert html.escape(say("stored", "raw_done")) in text_of(panel)
    panel.carry_on_button.click()  # the learner's own choice: replace it
    assert stored_record(browser.local) == RECORD and KEY not in browser.local
    assert html.escape(say("stored", "carried_on")) in text_of(panel)


def test_a_stored_copy_with_bad_parts_is_held_until_the_learner_carries_on():
    document = json.loads(to_text(RECORD))
    document["diary"].append({"date": "2024-13-01"})
    stored = json.dumps(document)
    browser = FakeBrowser(local={CONSENT: "keep", KEY: stored})
    panel = browser.open()
    assert panel.record == RECORD  # what could be read is on the page
    assert html.escape(say("stored", "left_out")) in text_of(panel) and "Diary day 2" in text_of(
        panel
    )
    assert panel.carry_on_button.description == say("stored", "carry_on")
    panel.replace(LearnerRecord(lessons=(LessonProgress("09_x.ipynb"),)))
    assert browser.local[KEY] == stored and part_keys(browser.local) == {}
    panel.carry_on_button.click()
    assert stored_record(browser.local).lessons == (LessonProgress("09_x.ipynb"),)
    assert KEY not in browser.local and panel.held_box.layout.display == "none"


def test_a_full_device_says_so_and_keeps_the_old_copy(browser):
    panel = browser.open()
    panel.keep_button.click()
    panel.replace(RECORD)
    old = part_keys(browser.local)
    browser.full = True
    # one part removed (that fits), one written (that does not): all or nothing, so both are
    # as they were
    panel.replace(LearnerRecord(lessons=(LessonProgress("05_x.ipynb"),), diary=RECORD.diary))
    assert part_keys(browser.local) == old
    assert html.escape(say("status", "quota")) in text_of(panel) and "btc-error" in text_of(panel)


def test_blocked_storage_is_quiet_until_the_learner_asks_to_keep(browser):
    browser.available = False
    panel = browser.open()
    assert text_of(panel) == "" and panel.consent == "unknown"
    panel.keep_button.click()
    assert html.escape(say("status", "unavailable")) in text_of(panel)
    panel.replace(RECORD)  # no save attempts pile up; the page keeps working
    assert panel.record == RECORD and browser.local == {}
    panel.backup_button.click()
    assert parse_text(backup_of(panel)).record == RECORD


def test_a_record_too_big_for_the_device_is_not_sent(browser, monkeypatch):
    panel = browser.open()
    panel.keep_button.click()
    monkeypatch.setattr("widgets.views.my_record.MAX_BYTES", 100)
    panel.replace(RECORD)
    assert html.escape(say("status", "too_big")) in text_of(panel)
    assert stored_record(browser.local).is_empty  # the earlier, smaller copy


def test_junk_from_the_browser_is_coerced_or_ignored(browser):
    panel = browser.open()
    panel.store.set_state({"consent": "<script>", "status": "owned", "storage_key": "a\x00b"})
    assert (panel.consent, panel.store.status, panel.store.storage_key) == ("unknown", "", "")
    panel.store.set_state({"document": "x" * (2 * MAX_BYTES)})
    assert len(panel.store.document) == MAX_BYTES + 1
    before = text_of(panel)
    browser.report("empty-verified", 999)  # answers nothing this panel asked
    assert text_of(panel) == before


# ---- the words and the page's one panel ---------------------------------------------------------


def test_every_word_comes_from_the_words_file_and_the_file_is_plain():
    for section in words().values():
        for value in section.values():
            for text in value if isinstance(value, list) else [value]:
                assert "<" not in text and ">" not in text  # text, not HTML
    panel = MyRecord(COURSE)
    labels = [w.description for w in (panel.keep_button, panel.none_button, panel.forget_button)]
    assert labels == [say("consent", "keep"), say("consent", "none"), say("forget", "button")]


def test_one_page_has_one_panel():
    assert my_record() is my_record()
    assert my_record().course_id == COURSE


def test_the_page_is_noted_as_a_lesson_opened_only_once_the_learner_keeps():
    browser = FakeBrowser(page="03_the_vicious_cycle.ipynb")
    panel = browser.open()
    assert panel.record.lessons == () and browser.local == {}
    panel.choose_keep()
    assert [x.file for x in panel.record.lessons] == ["03_the_vicious_cycle.ipynb"]
    assert [x.file for x in stored_record(browser.local).lessons] == ["03_the_vicious_cycle.ipynb"]
    # the next page of the same course adds its own lesson to what was stored
    browser.page = "04_inside_the_body.ipynb"
    later = browser.open()
    assert [x.file for x in later.record.lessons] == [
        "03_the_vicious_cycle.ipynb",
        "04_inside_the_body.ipynb",
    ]


@pytest.mark.parametrize("page", ["../../etc/passwd", PAYLOAD, "x" * 500 + ".ipynb", "notes.txt"])
def test_a_page_name_that_is_not_a_lesson_file_is_ignored(page):
    browser = FakeBrowser(page=page)
    panel = browser.open()
    panel.choose_keep()
    assert panel.store.page == "" and panel.record.lessons == ()


# ---- one key per part, and two tabs ----------------------------------------------------------

DAY_A, DAY_B = date(2024, 3, 8), date(2024, 3, 9)


def with_day(record: LearnerRecord, day: date, note: str = "") -> LearnerRecord:
    entries = (*record.diary.entries, Entry(day, 3, 7.0, 5, 6, 20, note))
    return dataclasses.replace(record, diary=Diary(entries))


def two_tabs(record: LearnerRecord = RECORD) -> tuple[FakeBrowser, MyRecord, FakeBrowser, MyRecord]:
    """Tab A chooses "keep" with `record`; tab B opens afterwards and loads it."""
    a = FakeBrowser(page="03_the_vicious_cycle.ipynb")
    first = a.open()
    first.replace(record)
    first.keep_button.click()
    b = a.tab(page="04_inside_the_body.ipynb")
    second = b.open()
    a.hear()  # B noted its lesson opened; A hears it
    assert first.record == second.record
    return a, first, b, second


def test_a_change_writes_only_the_part_it_changed(browser):
    panel = browser.open()
    panel.replace(RECORD)
    panel.keep_button.click()
    assert set(part_keys(browser.local)) == {
        part_key(n) for n in ("lessons", "diary", "pain_checks")
    }
    lessons, pains = browser.local[part_key("lessons")], browser.local[part_key("pain_checks")]
    writes = browser.writes.copy()
    panel.replace(with_day(RECORD, DAY_A))
    assert browser.writes - writes == Counter({part_key("diary"): 1})
    assert browser.local[part_key("lessons")] is lessons  # untouched, not rewritten
    assert browser.local[part_key("pain_checks")] is pains
    assert panel.store.request["command"] == "save-parts"
    assert set(panel.store.request["parts"]) == {"diary"}
    assert stored_record(browser.local) == with_day(RECORD, DAY_A)
    panel.replace(dataclasses.replace(with_day(RECORD, DAY_A), pain_checks=()))
    assert part_key("pain_checks") not in browser.local  # an empty part is removed
    assert browser.local[part_key("lessons")] is lessons


def test_two_tabs_each_add_a_diary_day_and_both_days_survive():
    a, first, b, second = two_tabs()
    tool = DiaryTool(record=second)  # a tool in tab B, as a lesson has
    first.replace(with_day(first.record, DAY_A, "from A"))
    # B has not heard yet: it adds its day to what it had, and its save meets A's day stored
    second.replace(with_day(second.record, DAY_B, "from B"))
    days = {e.date for e in stored_record(a.local).diary}
    assert days == {DAY, DAY_A, DAY_B}  # A's day was merged in, not overwritten
    assert {e.date for e in second.record.diary} == {DAY, DAY_A, DAY_B}
    assert {e.date for e in tool.diary} == {DAY, DAY_A, DAY_B}  # the tool heard (on_change)
    a.hear()
    b.hear()
    assert first.record == second.record == stored_record(a.local)
    assert {e.date for e in first.record.diary} == {DAY, DAY_A, DAY_B}


def test_a_change_in_another_tab_is_picked_up_and_only_that_part_changes():
    a, first, b, second = two_tabs()
    tool = DiaryTool(record=second)
    writes = a.writes.copy()
    first.replace(with_day(first.record, DAY_A))
    assert a.writes - writes == Counter({part_key("diary"): 1})
    assert b.heard == [part_key("diary")]  # the storage event, in the other tab only
    assert a.heard == []
    b.hear()
    assert second.record == first.record and {e.date for e in tool.diary} == {DAY, DAY_A}
    assert a.writes - writes == Counter({part_key("diary"): 1})  # B wrote nothing back
    # B adds one in turn; A picks it up
    second.replace(with_day(second.record, DAY_B))
    a.hear()
    assert first.record == second.record
    assert {e.date for e in stored_record(a.local).diary} == {DAY, DAY_A, DAY_B}


def test_a_day_removed_in_another_tab_is_removed_here_too():
    a, first, b, second = two_tabs()
    first.replace(dataclasses.replace(first.record, diary=Diary()))
    b.hear()
    assert len(second.record.diary) == 0 and part_key("diary") not in a.local  # not brought back


def test_both_tabs_changing_one_answer_keep_both_sides_with_a_message():
    a, first, b, second = two_tabs(LearnerRecord())
    first.replace(with_day(first.record, DAY_A, "A's note"))
    second.replace(with_day(second.record, DAY_A, "B's note"))  # the same day, not yet heard
    assert [e.note for e in second.record.diary] == ["B's note"]  # this tab's kept, and said
    assert html.escape(say("sync", "merged")) in text_of(second)
    assert "2024-03-08" in text_of(second)
    a.hear()
    assert first.record == second.record == stored_record(a.local)  # no back and forth


def test_forget_in_another_tab_stops_saving_here_and_asks_again():
    a, first, b, second = two_tabs()
    first.forget()
    assert a.local == {}
    b.hear()
    assert second.consent == "unknown" and second.choice_box.layout.display == "flex"
    assert html.escape(say("sync", "stopped")) in text_of(second)
    second.replace(with_day(second.record, DAY_B))
    assert a.local == {}  # nothing written from B


def test_forget_removes_every_part():
    browser = FakeBrowser()
    panel = browser.open()
    panel.replace(RECORD)
    panel.keep_button.click()
    browser.local[KEY] = to_text(RECORD)  # an older single copy too
    assert len(part_keys(browser.local)) == 3
    panel.forget()
    assert browser.local == {} and "Nothing from this course is stored" in text_of(panel)


def test_the_older_single_copy_is_moved_into_parts_then_removed():
    older = to_text(RECORD)
    browser = FakeBrowser(local={CONSENT: "keep", KEY: older})
    panel = browser.open()
    assert panel.record == RECORD and KEY not in browser.local
    assert stored_record(browser.local) == RECORD
    assert html.escape(say("status", "welcome_back")) in text_of(panel)
    again = browser.open()
    assert again.record == RECORD


def test_a_newer_stored_part_holds_everything():
    browser = FakeBrowser(local={CONSENT: "keep"})
    browser.local[part_key("diary")] = json.dumps({"version": 2, "diary": []})
    browser.local[part_key("lessons")] = '{"version":1,"lessons":{}}'
    panel = browser.open()
    assert "newer version of the course" in text_of(panel)
    before = dict(browser.local)
    panel.replace(RECORD)
    assert browser.local == before
    panel.raw_button.click()
    name, raw = browser.downloads[0]
    assert json.loads(raw) == {k: v for k, v in before.items() if k != CONSENT}


@pytest.mark.parametrize(
    "key, text",
    [
        ("diary", '{"version":1,"lessons":{"00_welcome.ipynb":{}}}'),  # another part inside
        ("diary", "[1, 2"),
        ("diary", json.dumps({"version": 1, "diary": "x" * (MAX_BYTES + 10)})),
    ],
)
def test_a_stored_part_that_cannot_be_read_is_held(key, text):
    browser = FakeBrowser(local={CONSENT: "keep", part_key(key): text})
    panel = browser.open()
    assert say("stored", "untouched") in text_of(panel)
    panel.replace(RECORD)
    assert browser.local[part_key(key)] == text and len(part_keys(browser.local)) == 1


# ---- where to continue -------------------------------------------------------------------------

LESSON = "03_the_vicious_cycle.ipynb"


def test_the_section_reached_is_kept_only_after_keep_as_a_small_update():
    browser = FakeBrowser(page=LESSON)
    panel = browser.open()
    browser.scroll_to("How-pain-can-pull-your-mood-down")
    assert panel.record.resume is None and browser.local == {}
    panel.keep_button.click()
    writes = browser.writes.copy()
    browser.scroll_to("How-low-mood-can-make-pain-worse")
    assert panel.record.resume == Resume(LESSON, "How-low-mood-can-make-pain-worse")
    assert browser.writes - writes == Counter({part_key("resume"): 1})
    assert stored_record(browser.local).resume == panel.record.resume


@pytest.mark.parametrize(
    "junk", ["<script>alert(1)</script>", "a b", "x" * 201, "a\x00b", 'a"b', "\u202eabc"]
)
def test_junk_section_ids_are_ignored(junk):
    browser = FakeBrowser(local={CONSENT: "keep"}, page=LESSON)
    panel = browser.open()
    browser.scroll_to("The-vicious-cycle")
    browser.scroll_to(junk)
    assert panel.store.section == "The-vicious-cycle"
    assert panel.record.resume == Resume(LESSON, "The-vicious-cycle")


def test_a_page_that_is_not_a_lesson_keeps_no_section():
    browser = FakeBrowser(local={CONSENT: "keep"}, page="")
    panel = browser.open()
    browser.scroll_to("Top")
    assert panel.record.resume is None


def test_the_panel_links_back_to_where_the_learner_left_off_on_another_lesson():
    browser = FakeBrowser(page=LESSON)
    panel = browser.open()
    panel.keep_button.click()
    browser.scroll_to("How-pain-can-pull-your-mood-down")
    assert panel.continue_line.value == ""  # this page: no link
    browser.page = "00_welcome.ipynb"
    later = browser.open()
    title = load_config().lesson(LESSON).title
    assert later.continue_line.value == (
        "<p class='btc-record-continue'><a href=\"03_the_vicious_cycle.ipynb"
        f'#How-pain-can-pull-your-mood-down">{html.escape(say("resume", "continue", lesson=title))}'
        "</a></p>"
    )
    assert "target" not in later.continue_line.value  # the same tab
    browser.scroll_to("Welcome")  # reading on here keeps the link to where they were
    assert "03_the_vicious_cycle.ipynb#" in later.continue_line.value


def test_the_continue_link_is_escaped_and_only_for_course_lessons():
    assert continue_link(Resume(LESSON, "a&b=%3C")).count("a&amp;b=%3C") == 1
    assert "&lt;" not in continue_link(Resume(LESSON, ""))
    assert continue_link(Resume(LESSON, ""), page=LESSON) == ""
    assert continue_link(Resume("zz_not_a_lesson.ipynb", "Top")) == ""
    assert continue_link(None) == ""
    browser = FakeBrowser(local={CONSENT: "keep"}, page="00_welcome.ipynb")
    browser.local[part_key("resume")] = json.dumps(
        {"version": 1, "resume": {"lesson": "zz_x.ipynb", "section": "Top"}}
    )
    assert browser.open().continue_line.value == ""


def test_the_question_waits_for_the_browser_so_it_never_flashes_up_for_a_learner_who_chose():
    from widgets.views.my_record import MyRecord

    panel = MyRecord(COURSE)  # no browser has reported yet
    assert panel.checking.layout.display == "flex"
    assert panel.choice_box.layout.display == "none" and panel.chosen_box.layout.display == "none"
    assert panel.checking.layout is not panel.children[0].layout  # not the shared Layout
    browser = FakeBrowser(local={CONSENT: "keep"})
    kept = browser.open()
    assert kept.checking.layout.display == "none" and kept.choice_box.layout.display == "none"
    fresh = FakeBrowser().open()
    assert fresh.choice_box.layout.display == "flex" and fresh.checking.layout.display == "none"
