"""The learner record's device store in a real browser (issue 13): the consent, the namespaced keys
(one per part of the record), a reload and a browser restart, stored copies that cannot be read,
blocked and full storage, "forget", "don't keep anything", two tabs at once, and where to
continue. Every page must ask nothing of another host and log no console error.

Voila serves only notebooks in notebooks/, so the panel is shown by a one-cell notebook in a copy
of the course (tests/harness.py `start_course_copy`). voila.py still denies anywidget's front-end
extension (it was unused until now), so this copy turns it back on from the command line; the lead
removes "anywidget" from `extension_denylist` when the record is wired into the lessons.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import harness
from tests.harness import wait_interactive
from widgets.models.diary import Diary, Entry
from widgets.models.learner_record import (
    LearnerRecord,
    LessonProgress,
    PainCheckEntry,
    default_course_id,
    parse_parts,
    storage_key,
    to_text,
)

NOTEBOOK = "zz_record_test.ipynb"
SOURCE = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": "from widgets.views.my_record import MyRecord\n\nMyRecord()",
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}
READING = "zz_record_reading.ipynb"


def markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


LONG = "\n\n".join(["Some words to read, and more words to scroll past."] * 40)
READING_SOURCE = {
    **SOURCE,
    "cells": [
        markdown("# Reading test"),
        SOURCE["cells"][0],
        markdown(f"## First part\n\n{LONG}"),
        markdown(f"## Second part\n\n{LONG}"),
    ],
}
ANYWIDGET_ON = "--VoilaConfiguration.extension_denylist=['jupyterlab_pygments']"
KEY = storage_key(default_course_id(), "/")  # the copy is served at the root
PREFIX = "btc-record-v1:"
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
RECORD = LearnerRecord(
    lessons=(LessonProgress("00_welcome.ipynb"),),
    diary=Diary((Entry(date(2024, 3, 7), 4, 7.5, 6, 5, 30, PAYLOAD),)),
    pain_checks=(PainCheckEntry(date(2024, 3, 7), (3, 4, 5)),),
)
SHUTDOWN = "(a refused kernel shutdown on leaving the page)"
REFUSED = "Failed to load resource: the server responded with a status of 403 (Forbidden)"

#: The record's keys in this origin's storage (the course's namespace, any course).
KEYS_JS = """kind => {
  const keys = [];
  for (let i = 0; i < window[kind].length; i += 1) keys.push(window[kind].key(i));
  return keys.sort();
}"""
SAID_JS = """words => {
  const live = document.querySelector('.btc-my-record .btc-live');
  return !!live && live.innerText.includes(words);
}"""


@pytest.fixture(scope="module")
def record_course(tmp_path_factory):
    real = harness.start_voila

    def start(log_path, **options):
        return real(log_path, args=(ANYWIDGET_ON,), **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(harness, "start_voila", start)
        server = harness.start_course_copy(
            tmp_path_factory.mktemp("record-course"),
            {NOTEBOOK: json.dumps(SOURCE), READING: json.dumps(READING_SOURCE)},
        )
    yield server
    server.stop()


class Watch:
    """Every request, console error and page error of a page, checked when the test ends."""

    def __init__(self, page, server) -> None:
        self.page, self.server = page, server
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda socket: self.requests.append(socket.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "response",
            lambda r: (
                r.status == 403 and "/api/shutdown/" in r.url and self.errors.append(SHUTDOWN)
            ),
        )

    def open(self, notebook: str = NOTEBOOK) -> None:
        self.page.goto(self.server.lesson_url(notebook))
        self.loaded()

    def reload(self) -> None:
        self.page.reload()
        self.loaded()

    def loaded(self) -> None:
        """The lesson is interactive and the store has reported what it holds."""
        wait_interactive(self.page)
        self.page.wait_for_selector(".btc-device-store[data-status]", state="attached")
        self.page.wait_for_function(
            "document.querySelector('.btc-device-store').dataset.event !== '0'"
        )

    def check(self) -> None:
        left = [e for e in self.errors if e != SHUTDOWN]
        for _ in range(self.errors.count(SHUTDOWN)):  # Voila's, on leaving a page (see presenting)
            if REFUSED in left:
                left.remove(REFUSED)
        assert left == [], left
        host = f"127.0.0.1:{self.server.port}"
        foreign = [
            url
            for url in self.requests
            if urlparse(url).scheme in {"http", "https", "ws", "wss"}
            and urlparse(url).netloc != host
        ]
        assert foreign == [], f"requests to other hosts: {foreign}"
        assert self.page.evaluate("window.__pwned") is None
        assert self.page.locator("img[src='x']").count() == 0


def watch(page, server) -> Watch:
    return Watch(page, server)


@pytest.fixture
def watched(page, record_course):
    seen = Watch(page, record_course)
    yield seen
    seen.check()


def said(page, words: str, timeout: float = 20_000) -> None:
    page.wait_for_function(SAID_JS, arg=words, timeout=timeout)


def message(page) -> str:
    return page.locator(".btc-my-record .btc-live").inner_text()


def record_keys(page, kind: str = "localStorage") -> list[str]:
    return [k for k in page.evaluate(KEYS_JS, kind) if k.startswith(PREFIX)]


def stored(page) -> str | None:
    """The older single-key copy (the record is now kept one key per part)."""
    return page.evaluate("key => localStorage.getItem(key)", KEY)


PARTS_JS = """ns => {
  const parts = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key.startsWith(ns + ':') && key !== ns + ':consent') {
      parts[key.slice(ns.length + 1)] = localStorage.getItem(key);
    }
  }
  return parts;
}"""


def stored_parts(page) -> dict[str, str]:
    """The record's part keys (without the namespace) and their texts."""
    return page.evaluate(PARTS_JS, KEY)


def stored_record(page) -> LearnerRecord:
    result = parse_parts(stored_parts(page))
    assert result.ok and result.problems == (), (result.error, result.problems)
    return result.record


def old_layout(page, value: str) -> None:
    """Put a single-key copy in place of the parts, as the course stored it before."""
    page.evaluate(
        """([ns, value]) => {
          for (const key of Object.keys(localStorage)) {
            if (key.startsWith(ns + ':') && key !== ns + ':consent') localStorage.removeItem(key);
          }
          localStorage.setItem(ns, value);
        }""",
        [KEY, value],
    )


def open_settings(page) -> None:
    """Unfold backup, restore and forget (folded away once the learner has chosen)."""
    toggle = page.locator(".btc-my-record .btc-record-settings-button")
    if toggle.inner_text().strip() == "Backup, restore or forget":
        toggle.click()
    page.locator(".btc-my-record .btc-record-settings").wait_for()


def press(page, name: str) -> None:
    button = page.locator(".btc-my-record").get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        open_settings(page)
    button.click()


def keep(page) -> None:
    """Choose "keep", and wait until the page's answers so far are stored (a save may follow the
    first answer: course.js's older list of lessons is merged in first)."""
    press(page, "Keep my answers on this device")
    said(page, "Done. Your answers will be kept on this device.")
    page.wait_for_function(
        """key => localStorage.getItem(key + ':lessons') !== null
          && document.querySelector('.btc-device-store').dataset.status === 'saved'""",
        arg=KEY,
    )


def restore(page, path) -> None:
    open_settings(page)
    with page.expect_file_chooser() as chooser:
        page.locator(".btc-my-record .widget-upload").click()
    chooser.value.set_files(str(path))


@pytest.fixture
def backup(tmp_path):
    path = tmp_path / "breaking-the-cycle-backup-2024-03-07.json"
    path.write_text(to_text(RECORD), encoding="utf-8")
    return path


# ---- consent and the key -----------------------------------------------------------------------


def test_nothing_of_the_record_is_stored_before_the_choice_then_keep_uses_the_course_key(watched):
    page = watched.page
    watched.open()
    page.wait_for_timeout(500)  # let a late write show up, if there were one
    assert record_keys(page) == [] and record_keys(page, "sessionStorage") == []
    assert page.locator(".btc-device-store").get_attribute("data-status") == "loaded"
    page.locator(".btc-my-record").get_by_role("button", name="Keep my answers").wait_for(
        timeout=20_000
    )
    keep(page)
    assert record_keys(page) == sorted([KEY + ":consent", KEY + ":lessons"])  # one per part
    assert KEY.split(":") == ["btc-record-v1", default_course_id(), "%2F"]
    assert [x.file for x in stored_record(page).lessons] == [NOTEBOOK]
    assert page.evaluate("key => localStorage.getItem(key)", KEY + ":consent") == "keep"


def test_nothing_at_all_is_stored_before_the_choice(watched):
    watched.open()
    watched.page.wait_for_timeout(500)
    assert watched.page.evaluate(KEYS_JS, "localStorage") == []


def test_the_record_comes_back_after_a_reload_and_a_browser_restart(
    watched, browser, record_course, backup
):
    page = watched.page
    watched.open()
    keep(page)
    restore(page, backup)
    said(page, "We restored breaking-the-cycle-backup-2024-03-07.json.")
    assert "Your record is kept on this device." in message(page)
    page.wait_for_function(
        "key => (localStorage.getItem(key + ':diary') || '').includes('2024-03-07')", arg=KEY
    )
    kept = stored_record(page)
    assert kept.diary == RECORD.diary and kept.pain_checks == RECORD.pain_checks
    # course.js's list of lessons opened (version 0) came into the record when "keep" was chosen
    assert [x.file for x in kept.lessons] == ["00_welcome.ipynb", NOTEBOOK]
    watched.reload()
    said(page, "Welcome back.")
    assert "2 lessons opened, 1 diary day and 1 pain check" in message(page)
    # A browser restart: a new browser context with this one's saved storage.
    state = page.context.storage_state()
    context = browser.new_context(storage_state=state)
    try:
        restarted = context.new_page()
        again = watch(restarted, record_course)
        again.open()
        said(restarted, "Welcome back.")
        assert stored_record(restarted) == kept
        again.check()
    finally:
        context.close()
    # A fresh profile sees nothing.
    context = browser.new_context()
    try:
        fresh = context.new_page()
        watch(fresh, record_course).open()
        assert record_keys(fresh) == []
        assert "Your record is empty so far." in fresh.locator(".btc-my-record").inner_text()
    finally:
        context.close()


# ---- stored copies that cannot be read -----------------------------------------------------------


@pytest.mark.parametrize(
    "case, value, words",
    [
        ("corrupt", '{"version": 1, "diary": [', "could not be read"),
        ("oversized", "x" * 2_000_000, "too big to read"),
        ("newer", json.dumps({"version": 7, "diary": []}), "newer version of the course"),
        ("not ours", json.dumps({"version": 1, "tracker": "abc"}), "not a record from"),
    ],
)
def test_a_stored_copy_that_cannot_be_read_gets_a_message_and_is_never_overwritten(
    watched, backup, tmp_path, case, value, words
):
    page = watched.page
    watched.open()
    keep(page)
    old_layout(page, value)
    watched.reload()
    said(page, words)
    assert "The stored copy has not been changed." in message(page)
    restore(page, backup)  # the page still works: a backup is restored into it...
    said(page, "We restored")
    press(page, "Make a backup file")  # ...and can be downloaded
    page.locator(".btc-my-record a.btc-download").wait_for()
    assert stored(page) == value  # ...but the stored copy is not touched
    with page.expect_download() as download:
        press(page, "Download the stored copy as it is")
    assert download.value.suggested_filename.startswith(f"{default_course_id()}-stored-copy-")
    with open(download.value.path(), encoding="utf-8") as raw:
        assert raw.read() == value
    press(page, "Replace the stored copy with this page's answers")
    said(page, "Saving is on again.")
    page.wait_for_function("k => localStorage.getItem(k) === null", arg=KEY)  # moved to parts
    assert stored_record(page) == RECORD


def test_a_stored_copy_with_wrong_types_and_html_is_cleaned_with_a_message(watched):
    page = watched.page
    watched.open()
    keep(page)
    tampered = {
        "version": 1,
        "diary": [
            {"date": "2024-03-01", "pain": 4, "sleep_hours": 7, "sleep_quality": 5, "mood": 5,
             "active_minutes": 10, "note": PAYLOAD},
            {"date": "2024-03-02", "pain": PAYLOAD},
        ],
        "self_checks": "lots",
        PAYLOAD: True,
    }  # fmt: skip
    old_layout(page, json.dumps(tampered))
    watched.reload()
    said(page, "some parts were left out")
    text = message(page)
    assert (
        "Diary day 2 was left out" in text and "The list of mood self-checks was left out" in text
    )
    assert PAYLOAD[:20] in text  # shown as text
    assert page.locator(".btc-my-record .btc-problems li").count() == 3
    press(page, "Keep what could be read and carry on")
    said(page, "Saving is on again.")
    page.wait_for_function("k => localStorage.getItem(k) === null", arg=KEY)
    assert stored_record(page).diary.entries[0].note == PAYLOAD


# ---- blocked and full storage --------------------------------------------------------------------

BLOCKED_JS = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});"""
FULL_JS = """(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === window.localStorage && key.startsWith('btc-record-v1:')
        && !key.endsWith(':consent')) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return setItem.call(this, key, value);
  };
})();"""


def test_blocked_storage_gets_a_message_and_the_page_keeps_working(watched, backup):
    page = watched.page
    page.context.add_init_script(BLOCKED_JS)
    watched.open()
    assert page.locator(".btc-device-store").get_attribute("data-status") == "storage-unavailable"
    press(page, "Keep my answers on this device")
    said(page, "This browser does not let the course keep anything.")
    restore(page, backup)
    said(page, "We restored")
    press(page, "Make a backup file")
    page.locator(".btc-my-record a.btc-download").wait_for()


def test_a_full_storage_gets_a_message_and_the_old_copy_is_kept(watched, backup):
    page = watched.page
    watched.open()
    keep(page)
    old = stored_parts(page)
    page.evaluate(FULL_JS)
    restore(page, backup)
    said(page, "This device's storage is full")
    assert stored_parts(page) == old
    assert page.locator(".btc-device-store").get_attribute("data-status") == "quota-exceeded"


# ---- forget, and keep nothing ------------------------------------------------------------------


def test_forget_leaves_nothing_of_the_course_on_the_device(watched, backup):
    page = watched.page
    other = "btc-record-v1:another-course:%2F"
    watched.open()
    page.evaluate("k => localStorage.setItem(k, '{}')", other)  # another course on this host
    keep(page)
    restore(page, backup)
    said(page, "We restored")
    press(page, "Forget everything on this device")
    assert stored_parts(page)  # nothing removed before the confirmation
    press(page, "Yes, forget everything")
    said(page, "Nothing from this course is stored on this device now.")
    assert record_keys(page) == [other]  # another course's record is not this course's to forget
    assert record_keys(page, "sessionStorage") == []
    assert page.evaluate("localStorage.getItem('btc-visited-v1')") is None
    assert "Your record is empty so far." in page.locator(".btc-my-record").inner_text()
    page.locator(".btc-my-record").get_by_role("button", name="Keep my answers").wait_for(
        timeout=20_000
    )


def test_dont_keep_anything_leaves_nothing_after_the_tab_closes(watched, browser, record_course):
    page = watched.page
    watched.open()
    press(page, "Don't keep anything (shared or public computer)")
    said(page, "Nothing from this course is stored on this device now.")
    assert record_keys(page) == []
    assert record_keys(page, "sessionStorage") == [KEY + ":consent"]
    watched.reload()  # the next page in this tab remembers the choice
    page.locator(".btc-my-record").get_by_text("Nothing is kept.").wait_for(timeout=20_000)
    keep_button = page.locator(".btc-my-record").get_by_role("button", name="Keep my answers")
    assert not keep_button.is_visible()
    state = page.context.storage_state()  # what outlives the tab: cookies and localStorage
    assert not [
        item["name"]
        for origin in state["origins"]
        for item in origin["localStorage"]
        if item["name"].startswith(PREFIX)
    ]
    context = browser.new_context(storage_state=state)
    try:
        later = context.new_page()
        watch(later, record_course).open()
        assert record_keys(later) == [] and record_keys(later, "sessionStorage") == []
        # The panel says "Checking what this device keeps…" until the kernel hears the store.
        later.locator(".btc-my-record").get_by_role("button", name="Keep my answers").wait_for(
            timeout=20_000
        )
    finally:
        context.close()


def test_the_panel_passes_axe_before_and_after_the_choice(watched):
    def serious() -> list[str]:
        return [
            f"{v['id']}: {v['help']}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    page = watched.page
    watched.open()
    assert serious() == []
    keep(page)  # the choice made, a message in the live region
    assert serious() == []


# ---- two tabs ------------------------------------------------------------------------------------

OTHER_DAY = LearnerRecord(diary=Diary((Entry(date(2024, 3, 8), 2, 8, 7, 7, 45, "tab two"),)))


def contents_say(page, words: str) -> None:
    page.wait_for_function(
        "words => document.querySelector('.btc-my-record').innerText.includes(words)",
        arg=words,
        timeout=40_000,
    )


@pytest.fixture
def other_backup(tmp_path):
    path = tmp_path / "breaking-the-cycle-backup-2024-03-08.json"
    path.write_text(to_text(OTHER_DAY), encoding="utf-8")
    return path


@pytest.fixture
def second_tab(watched, record_course):
    """A second tab (page) in the same browser context: the same localStorage."""
    page = watched.page.context.new_page()
    seen = Watch(page, record_course)
    yield seen
    seen.check()
    page.close()


def test_a_change_in_one_tab_is_picked_up_in_another_without_a_reload(watched, second_tab, backup):
    first, second = watched.page, second_tab.page
    watched.open()
    keep(first)
    second_tab.open()
    # The panel says "Checking what this device keeps…" until the kernel hears the store.
    second.locator(".btc-my-record").get_by_text(
        "Your answers are kept in this browser"
    ).first.wait_for(timeout=20_000)
    diary_writes = "() => window.__diaryWrites || 0"
    second.evaluate(
        """key => window.addEventListener('storage', e => {
          if (e.key === key + ':diary') window.__diaryWrites = (window.__diaryWrites || 0) + 1;
        })""",
        KEY,
    )
    restore(first, backup)  # tab 1 adds a diary day and a pain check
    said(first, "We restored")
    contents_say(second, "1 diary day and 1 pain check")  # tab 2 shows it, no reload
    assert second.evaluate(diary_writes) == 1  # one small write of the diary part
    assert stored_record(second).diary == RECORD.diary


def test_both_tabs_changes_survive_a_reload(watched, second_tab, backup, other_backup):
    first, second = watched.page, second_tab.page
    watched.open()
    keep(first)
    second_tab.open()
    # both tabs add a diary day at about the same time, neither waiting for the other
    restore(first, backup)
    restore(second, other_backup)
    said(first, "We restored")
    said(second, "We restored")
    for page in (first, second):
        contents_say(page, "2 diary days")
    watched.reload()
    said(first, "Welcome back.")
    assert "2 diary days and 1 pain check" in message(first)
    days = [e.date for e in stored_record(first).diary]
    assert days == [date(2024, 3, 7), date(2024, 3, 8)]
    second_tab.reload()
    said(second, "Welcome back.")
    assert "2 diary days and 1 pain check" in message(second)


def test_forget_in_one_tab_stops_the_other_from_saving(watched, second_tab, backup):
    first, second = watched.page, second_tab.page
    watched.open()
    keep(first)
    second_tab.open()
    press(first, "Forget everything on this device")
    press(first, "Yes, forget everything")
    said(first, "Nothing from this course is stored on this device now.")
    said(second, "In another tab, you chose not to keep your answers")
    restore(second, backup)
    said(second, "We restored")
    second.wait_for_timeout(500)
    assert record_keys(second) == []


# ---- where to continue ---------------------------------------------------------------------------


def test_the_section_reached_is_kept_and_another_lesson_links_back_to_it(watched):
    page = watched.page
    watched.open(READING)
    ids = page.evaluate(
        "() => [...document.querySelectorAll('.jp-MarkdownCell h1[id], .jp-MarkdownCell h2[id]')]"
        ".map(h => h.id)"
    )
    assert ids == ["Reading-test", "First-part", "Second-part"]  # what Voila renders
    keep(page)
    page.evaluate("document.getElementById('Second-part').scrollIntoView()")
    page.wait_for_function(
        "key => (localStorage.getItem(key + ':resume') || '').includes('Second-part')", arg=KEY
    )
    resume = stored_record(page).resume
    assert (resume.lesson, resume.section) == (READING, "Second-part")
    # a resume point on a lesson of the course: another page links back to it, in the same tab
    lesson = "03_the_vicious_cycle.ipynb"
    point = {"version": 1, "resume": {"lesson": lesson, "section": "How-pain-can-pull-your-mood"}}
    page.evaluate("([k, v]) => localStorage.setItem(k + ':resume', v)", [KEY, json.dumps(point)])
    watched.open()
    link = page.locator(".btc-my-record .btc-record-continue a")
    link.wait_for()
    assert link.inner_text() == "Continue where you left off: The vicious cycle"
    assert link.get_attribute("href") == f"{lesson}#How-pain-can-pull-your-mood"
    assert link.get_attribute("target") is None
