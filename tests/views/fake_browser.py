"""A stand-in for the record's browser half (widgets/ui/device_store.js) over two dicts, for view
tests without a browser. tests/browser/test_device_store.py runs the real one."""

from __future__ import annotations

from datetime import date

from widgets.models.diary import Diary, Entry
from widgets.models.learner_record import (
    LearnerRecord,
    LessonProgress,
    PainCheckEntry,
    storage_key,
)
from widgets.ui.device_store import DeviceStore
from widgets.views.my_record import MyRecord

COURSE = "breaking-the-cycle"
KEY = storage_key(COURSE, "/")
CONSENT = KEY + ":consent"
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'
DAY = date(2024, 3, 7)
RECORD = LearnerRecord(
    lessons=(LessonProgress("00_welcome.ipynb"),),
    diary=Diary((Entry(DAY, 4, 7.5, 6, 5, 30, PAYLOAD),)),
    pain_checks=(PainCheckEntry(DAY, (3, 4, 5)),),
)


class FakeBrowser:
    """device_store.js over two dicts: it writes only when asked, and reports as the JS does."""

    def __init__(
        self, local: dict | None = None, session: dict | None = None, page: str = ""
    ) -> None:
        self.page = page  # the page's data-lesson, as the JS reports it
        self.local = {} if local is None else local
        self.session = {} if session is None else session
        self.available = True
        self.full = False
        self.stubborn = False  # a key that comes back after removal (another tab)
        self.downloads: list[tuple[str, str]] = []
        self.event = 0
        self.store: DeviceStore | None = None

    def open(self) -> MyRecord:
        """A new page: a new panel whose browser half loads at once."""
        panel = MyRecord(COURSE)
        self.store = panel.store
        self.event = 0
        panel.store.observe(self._request, "request")
        self._load(0)
        return panel

    def report(self, status: str, answered: int, **extra: object) -> None:
        self.event += 1
        self.store.set_state({"status": status, "answered": answered, "event": self.event, **extra})

    def _ours(self, key: str) -> bool:
        return key == KEY or key.startswith(KEY + ":") or key == "btc-visited-v1"

    def _load(self, answered: int) -> None:
        if not self.available:
            self.report("storage-unavailable", answered, storage_key=KEY, consent="unknown")
            return
        consent = "keep" if self.local.get(CONSENT) == "keep" else "unknown"
        if consent == "unknown" and self.session.get(CONSENT) == "none":
            consent = "none"
        text = ""
        if consent == "keep":
            text = self.local.get(KEY, self.local.get("btc-visited-v1", ""))
        self.report(
            "loaded", answered, storage_key=KEY, page=self.page, consent=consent, document=text
        )

    def _request(self, change: dict) -> None:
        request = change["new"]
        command, rid = request["command"], request["id"]
        if command == "reload":
            self._load(rid)
        elif command in ("keep", "save"):
            if not self.available:
                self.report("storage-unavailable", rid)
                return
            text = request.get("document")
            if command == "keep":
                self.local[CONSENT] = "keep"
                self.session.pop(CONSENT, None)
                existing = self.local.get(KEY, self.local.get("btc-visited-v1"))
                if existing is not None and existing != text:
                    self.report("loaded", rid, consent="keep", document=existing)
                    return
            elif self.local.get(CONSENT) != "keep":
                self.report("refused", rid)
                return
            if self.full:
                self.report("quota-exceeded", rid)
                return
            if text is not None:
                self.local[KEY] = text
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
                del self.local[key]
            if self.stubborn:
                self.local[KEY] = "{}"
            left = [k for k in self.local if self._ours(k)]
            self.report("forgotten" if left else "empty-verified", rid)
        elif command == "download-raw":
            if KEY not in self.local:
                self.report("nothing-stored", rid)
                return
            self.downloads.append((request["filename"], self.local[KEY]))
            self.report("raw-downloaded", rid)
