"""A stand-in for the record's browser half (widgets/ui/device_store.js) over dicts, for view tests
without a browser. tests/browser/test_device_store.py runs the real one.

It mirrors the JS step by step: the record one key per part (KEY + ":diary", ...), "keep" that
never overwrites a copy already there, "save-parts" that writes only if each part still holds
the text the kernel expects (else it reports "changed" with what is stored), the older single
key read and retired, and the `storage` event: `tab()` opens another tab over the same
localStorage (its own sessionStorage), and a write in one tab queues an event in the others,
delivered by `hear()` (the JS waits a moment, then reads once and reports "changed").
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from widgets.models.diary import Diary, Entry
from widgets.models.learner_record import (
    PARTS,
    LearnerRecord,
    LessonProgress,
    PainCheckEntry,
    default_course_id,
    parse_parts,
    storage_key,
    to_text,
)
from widgets.ui.device_store import DeviceStore
from widgets.views.my_record import MyRecord

COURSE = default_course_id()  # from course.toml's title, as the page does
KEY = storage_key(COURSE, "/")
CONSENT = KEY + ":consent"
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'
DAY = date(2024, 3, 7)
RECORD = LearnerRecord(
    lessons=(LessonProgress("00_welcome.ipynb"),),
    diary=Diary((Entry(DAY, 4, 7.5, 6, 5, 30, PAYLOAD),)),
    pain_checks=(PainCheckEntry(DAY, (3, 4, 5)),),
)
MAX_CHARS = 1_000_000


def part_key(name: str) -> str:
    return f"{KEY}:{name}"


def part_keys(local: dict) -> dict[str, str]:
    """The record's part keys in `local` and their texts."""
    return {key: text for key, text in local.items() if key in {part_key(n) for n in PARTS}}


def stored_record(local: dict) -> LearnerRecord:
    """The record as stored one key per part (asserting it reads without a problem)."""
    result = parse_parts({name: local.get(part_key(name)) for name in PARTS})
    assert result.ok and not result.problems, (result.error, result.problems)
    return result.record


class Storage(dict):
    """localStorage as a dict. For the tools' tests written before the parts layout, reading the
    record's key (`local[KEY]`) when only parts are stored gives the whole record as one text
    (`to_text`); `in`, `get`, `==` and copies see only what is really stored."""

    def __missing__(self, key: str) -> str:
        if key == KEY and part_keys(self):
            return to_text(stored_record(self))
        raise KeyError(key)


class FakeBrowser:
    """device_store.js over dicts: it writes only when asked, and reports as the JS does."""

    def __init__(
        self, local: dict | None = None, session: dict | None = None, page: str = ""
    ) -> None:
        self.page = page  # the page's data-lesson, as the JS reports it
        self.local = local if isinstance(local, Storage) else Storage(local or {})
        self.session = {} if session is None else session
        self.available = True
        self.full = False
        self.stubborn = False  # a key that comes back after removal (another tab)
        self.downloads: list[tuple[str, str]] = []
        self.event = 0
        self.store: DeviceStore | None = None
        self.writes: Counter = Counter()  # setItem calls by key (shared by the tabs)
        self.tabs: list[FakeBrowser] = [self]  # every tab over this localStorage
        self.heard: list[str | None] = []  # storage events waiting (keys another tab changed)

    def tab(self, page: str = "") -> FakeBrowser:
        """Another tab of the same browser: the same localStorage, its own sessionStorage."""
        other = FakeBrowser(local=self.local, page=page)
        other.writes, other.tabs = self.writes, self.tabs
        self.tabs.append(other)
        return other

    def open(self) -> MyRecord:
        """A new page: a new panel whose browser half loads at once."""
        panel = MyRecord(COURSE)
        self.store = panel.store
        self.event = 0
        self.heard.clear()
        panel.store.observe(self._request, "request")
        self._load(0)
        return panel

    def hear(self) -> None:
        """The storage events other tabs caused arrive: read once, report "changed"."""
        if self.heard and self.store is not None:
            self.heard.clear()
            self._load(0, "changed")

    def scroll_to(self, section: str) -> None:
        """The learner scrolled: the JS reports the heading reached."""
        self.store.set_state({"section": section})

    def report(self, status: str, answered: int, **extra: object) -> None:
        self.event += 1
        self.store.set_state({"status": status, "answered": answered, "event": self.event, **extra})

    # --- localStorage, with the storage event in the other tabs ---------------------------------

    def _changed(self, key: str) -> None:
        for other in self.tabs:
            if other is not self and self._ours(key):
                other.heard.append(key)

    def _set(self, key: str, value: str) -> None:
        if self.full and key != CONSENT:
            raise MemoryError("quota")  # QuotaExceededError
        self.writes[key] += 1
        if self.local.get(key) != value:
            self.local[key] = value
            self._changed(key)

    def _remove(self, key: str) -> None:
        if key in self.local:
            del self.local[key]
            self._changed(key)

    def _ours(self, key: str) -> bool:
        return key == KEY or key.startswith(KEY + ":") or key == "btc-visited-v1"

    def _read(self) -> dict:
        parts, budget = {}, MAX_CHARS + 1
        for name in PARTS:
            text = self.local.get(part_key(name))
            if text is None or budget <= 0:
                continue
            parts[name] = text[:budget]
            budget -= len(parts[name])
        text = self.local.get(KEY)
        if not parts and text is None:
            text = self.local.get("btc-visited-v1")
        return {"parts": parts, "document": "" if text is None else text[: MAX_CHARS + 1]}

    def _load(self, answered: int, status: str = "loaded") -> None:
        if not self.available:
            self.report("storage-unavailable", answered, storage_key=KEY, consent="unknown")
            return
        consent = "keep" if self.local.get(CONSENT) == "keep" else "unknown"
        if consent == "unknown" and self.session.get(CONSENT) == "none":
            consent = "none"
        stored = self._read() if consent == "keep" else {"parts": {}, "document": ""}
        self.report(status, answered, storage_key=KEY, page=self.page, consent=consent, **stored)

    def _write_parts(self, parts: dict) -> None:
        before = [(part_key(n), self.local.get(part_key(n))) for n in parts]
        try:
            for name, text in parts.items():
                if text is None:
                    self._remove(part_key(name))
                else:
                    self._set(part_key(name), text)
        except MemoryError:
            for key, text in reversed(before):
                if text is None:
                    self.local.pop(key, None)
                else:
                    self.local[key] = text
            raise

    @staticmethod
    def _checked(parts: object) -> dict | None:
        if not isinstance(parts, dict):
            return None
        if any(n not in PARTS or not (t is None or isinstance(t, str)) for n, t in parts.items()):
            return None
        return None if sum(len(t or "") for t in parts.values()) > MAX_CHARS else parts

    def _request(self, change: dict) -> None:
        request = change["new"]
        command, rid = request["command"], request["id"]
        if command == "reload":
            self._load(rid)
        elif command == "keep":
            parts = {} if request.get("parts") is None else self._checked(request["parts"])
            if parts is None:
                self.report("refused", rid)
                return
            if not self.available:
                self.report("storage-unavailable", rid)
                return
            self._set(CONSENT, "keep")
            self.session.pop(CONSENT, None)
            stored = self._read()
            if stored["document"] or stored["parts"]:
                self.report("loaded", rid, consent="keep", **stored)
                return
            try:
                self._write_parts(parts)
            except MemoryError:
                self.report("quota-exceeded", rid)
                return
            self.report("saved", rid)
        elif command == "save-parts":
            parts, base = self._checked(request.get("parts")), request.get("base") or {}
            if parts is None:
                self.report("refused", rid)
                return
            if not self.available:
                self.report("storage-unavailable", rid)
                return
            if self.local.get(CONSENT) != "keep":
                self.report("refused", rid)
                return
            for name, text in parts.items():
                now = self.local.get(part_key(name))
                if now != base.get(name) and now != text:
                    self._load(rid, "changed")
                    return
            try:
                self._write_parts(parts)
            except MemoryError:
                self.report("quota-exceeded", rid)
                return
            if request.get("retire") is True:
                self._remove(KEY)
            self.report("saved", rid)
        elif command in ("none", "forget"):
            for key in [k for k in self.session if self._ours(k)]:
                del self.session[key]
            if command == "none":
                self.session[CONSENT] = "none"
            if not self.available:
                self.report("storage-unavailable", rid)
                return
            for key in [k for k in self.local if self._ours(k)]:
                self._remove(key)
            if self.stubborn:
                self.local[part_key("diary")] = "{}"
            left = [k for k in self.local if self._ours(k)]
            self.report("forgotten" if left else "empty-verified", rid)
        elif command == "download-raw":
            keys = sorted(k for k in self.local if self._ours(k) and k not in (CONSENT,))
            keys = [k for k in keys if k != "btc-visited-v1"]
            if not keys:
                self.report("nothing-stored", rid)
                return
            if keys == [KEY]:
                text = self.local[KEY]
            else:
                text = json.dumps({k: self.local[k] for k in keys}, separators=(",", ":"))
            self.downloads.append((request["filename"], text))
            self.report("raw-downloaded", rid)
        else:
            self.report("refused", rid)
