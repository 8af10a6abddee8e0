"""The device store: syncs the learner's record between the browser's storage and the kernel.

Why: the record must outlive the tab (issue 13) but never reach the server's disk. So it lives in
the learner's browser, and this small anywidget carries it to and from the kernel. The browser
half is device_store.js (with device_store.css), read here and sent inside the widget's state:
anywidget 0.9 imports an `_esm` string from a same-page blob: URL (checked in 0.9.21's front end),
so nothing extra is served, on Voila or on the static site. Both homes must load anywidget's
front-end extension, and the static site's kernel needs the anywidget and psygnal wheels.

Who writes what (docs/models/learner_record.md):
- the kernel sets `course_id` and `legacy_keys`, and sends commands through `request`
  ({"id": n, "command": ..., ...}): "keep" or "save" with the document text, "none", "forget",
  "reload", "download-raw" with a file name. It sends none before the learner answers the
  consent question (widgets/views/my_record.py);
- the browser sets `storage_key`, `page` (the lesson file), `consent` and `document` (what it
  holds, on load and reload), and after each action `status`, `answered` (the request's id)
  and `event` (a counter, so that the same status twice is still a change). The kernel treats
  all of them as untrusted: values outside the lists below are read as "unknown" / "", and the
  document goes through widgets/models/learner_record.parse_text.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from widgets.models.learner_record import LEGACY_KEYS, LESSON_FILE, MAX_BYTES

HERE = Path(__file__).resolve().parent
CONSENTS = ("unknown", "keep", "none")
#: What the browser reports it last did.
STATUSES = (
    "loaded",  # read on start or on "reload": `document` is what is stored ("" if nothing)
    "saved",
    "forgotten",  # removed, but reading back found some of the namespace still there
    "empty-verified",  # removed, and reading back found nothing of the namespace
    "storage-unavailable",  # blocked: private mode, storage turned off, a sandboxed page
    "quota-exceeded",  # full: the old copy is kept
    "refused",  # a command the browser would not carry out (no consent on the device, too big)
    "raw-downloaded",
    "nothing-stored",
)
COMMANDS = ("keep", "save", "none", "forget", "reload", "download-raw")
STORAGE_KEY_LIMIT = 400


class DeviceStore(anywidget.AnyWidget):
    """The browser's copy of the record, and commands to keep, save, forget or reload it."""

    _esm = (HERE / "device_store.js").read_text(encoding="utf-8")
    _css = (HERE / "device_store.css").read_text(encoding="utf-8")

    course_id = traitlets.Unicode("course").tag(sync=True)
    legacy_keys = traitlets.List(traitlets.Unicode(), default_value=list(LEGACY_KEYS)).tag(
        sync=True
    )
    storage_key = traitlets.Unicode("").tag(sync=True)
    #: The page's lesson file (the page's data-lesson), so the record can note the lesson opened.
    page = traitlets.Unicode("").tag(sync=True)
    consent = traitlets.Unicode("unknown").tag(sync=True)
    document = traitlets.Unicode("").tag(sync=True)
    request = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    answered = traitlets.Int(0).tag(sync=True)
    event = traitlets.Int(0).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._last_id = 0
        self._notes: dict[int, str] = {}

    @traitlets.validate("consent")
    def _valid_consent(self, proposal: dict) -> str:
        return proposal["value"] if proposal["value"] in CONSENTS else "unknown"

    @traitlets.validate("status")
    def _valid_status(self, proposal: dict) -> str:
        return proposal["value"] if proposal["value"] in STATUSES else ""

    @traitlets.validate("page")
    def _valid_page(self, proposal: dict) -> str:
        value = proposal["value"]
        return value if LESSON_FILE.fullmatch(value) else ""

    @traitlets.validate("storage_key")
    def _valid_key(self, proposal: dict) -> str:
        value = proposal["value"]
        return value if len(value) <= STORAGE_KEY_LIMIT and value.isprintable() else ""

    @traitlets.validate("document")
    def _valid_document(self, proposal: dict) -> str:
        # The browser sends at most 1 MB + 1 character; anything longer is cut to that, which is
        # still enough for the model to say "too big" without reading it all.
        return proposal["value"][: MAX_BYTES + 1]

    def send(self, command: str, note: str = "", **fields: object) -> int:
        """Ask the browser to carry out `command`; returns the request's id.

        `note` (default: the command) is what `answer_to` returns when the browser reports back;
        it is kept before the request goes out, so even an answer that arrives at once is known.
        """
        if command not in COMMANDS:
            raise ValueError(f"unknown device-store command {command!r}")
        self._last_id += 1
        self._notes[self._last_id] = note or command
        self.request = {"id": self._last_id, "command": command, **fields}
        return self._last_id

    def answer_to(self, request_id: int) -> str | None:
        """The note of the request the browser's last report answers (once), or None."""
        return self._notes.pop(request_id, None)
