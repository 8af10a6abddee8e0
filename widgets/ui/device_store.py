"""The device store: syncs the learner's record between the browser's storage and the kernel.

Why: the record must outlive the tab (issue 13) but never reach the server's disk. So it lives in
the learner's browser, and this small anywidget carries it to and from the kernel. The browser
half is device_store.js (with device_store.css), read here and sent inside the widget's state:
anywidget 0.9 imports an `_esm` string from a same-page blob: URL (checked in 0.9.21's front end),
so nothing extra is served, on Voila or on the static site. Both homes must load anywidget's
front-end extension, and the static site's kernel needs the anywidget and psygnal wheels.

Who writes what (docs/models/learner_record.md):
- the kernel sets `course_id` and `legacy_keys`, and sends commands through `request`
  ({"id": n, "command": ..., ...}): "keep" with `parts` (every part's text, or null for the
  choice alone), "save-parts" with `parts` (only the parts that changed: text, or null to remove
  the part), `base` (each of those parts' text as the kernel last saw it stored) and `retire`
  (true: remove the older single-key copy once the parts are written), "none", "forget",
  "reload", "download-raw" with a file name. It sends none before the learner answers the
  consent question (widgets/views/my_record.py);
- the browser sets `storage_key`, `page` (the lesson file), `consent`, `parts` (each stored
  part's text) and `document` (the older single-key copy, or course.js's list of lessons opened
  when no part is stored) on load, reload and when another tab changed them ("changed"), and
  after each action `status`, `answered` (the request's id) and `event` (a counter, so that the
  same status twice is still a change). It also sets `section`, the id of the lesson heading the
  learner has scrolled to. The kernel treats all of them as untrusted: values outside the lists
  below are read as "unknown" / "", and what is stored goes through
  widgets/models/learner_record.parse_parts and parse_text.
"""

from __future__ import annotations

import re
from pathlib import Path

import anywidget
import traitlets

from widgets.models.learner_record import (
    LEGACY_KEYS,
    LESSON_FILE,
    MAX_BYTES,
    PARTS,
    SECTION_LIMIT,
)

HERE = Path(__file__).resolve().parent
CONSENTS = ("unknown", "keep", "none")
#: What the browser reports it last did.
STATUSES = (
    "loaded",  # read on start, "reload" or "keep": `parts` and `document` are what is stored
    "changed",  # another tab changed what is stored (or changed a part a save was to write,
    # which then wrote nothing): `consent`, `parts` and `document` are what is stored now
    "saved",
    "forgotten",  # removed, but reading back found some of the namespace still there
    "empty-verified",  # removed, and reading back found nothing of the namespace
    "storage-unavailable",  # blocked: private mode, storage turned off, a sandboxed page
    "quota-exceeded",  # full: the old copy is kept
    "refused",  # a command the browser would not carry out (no consent on the device, too big)
    "raw-downloaded",
    "nothing-stored",
)
COMMANDS = ("keep", "save-parts", "none", "forget", "reload", "download-raw")
STORAGE_KEY_LIMIT = 400
#: A section id as Voila writes a heading's id (its words, dashes for spaces, percent-encoded).
SECTION_ID = re.compile(rf"[A-Za-z0-9._~%:!?*(),;@$&+=-]{{1,{SECTION_LIMIT}}}")


class DeviceStore(anywidget.AnyWidget):
    """The browser's copy of the record, and commands to keep, save, forget or reload it."""

    _esm = (HERE / "device_store.js").read_text(encoding="utf-8")
    _css = (HERE / "device_store.css").read_text(encoding="utf-8")
    _good_section = ""  # the last valid section id the browser sent

    course_id = traitlets.Unicode("course").tag(sync=True)
    legacy_keys = traitlets.List(traitlets.Unicode(), default_value=list(LEGACY_KEYS)).tag(
        sync=True
    )
    storage_key = traitlets.Unicode("").tag(sync=True)
    #: The page's lesson file (the page's data-lesson), so the record can note the lesson opened.
    page = traitlets.Unicode("").tag(sync=True)
    consent = traitlets.Unicode("unknown").tag(sync=True)
    document = traitlets.Unicode("").tag(sync=True)
    #: Each stored part's text, by part name (widgets/models/learner_record.PARTS).
    parts = traitlets.Dict().tag(sync=True)
    #: The id of the lesson heading the learner has scrolled to ("" for none; a bad id is
    #: ignored).
    section = traitlets.Unicode("").tag(sync=True)
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

    @traitlets.validate("parts")
    def _valid_parts(self, proposal: dict) -> dict:
        # Known parts with text only, and at most 1 MB + 1 character in all (as the browser
        # sends): enough for the model to say "too big" without reading more.
        valid, budget = {}, MAX_BYTES + 1
        for name in PARTS:
            text = proposal["value"].get(name)
            if isinstance(text, str) and budget > 0:
                valid[name] = text[:budget]
                budget -= len(valid[name])
        return valid

    @traitlets.validate("section")
    def _valid_section(self, proposal: dict) -> str:
        # A bad id (too long, odd characters) is ignored: the section stays as it was.
        # (Not `self.section`: while the browser's state is being set it already holds the new
        # value.)
        value = proposal["value"]
        if value == "" or SECTION_ID.fullmatch(value):
            self._good_section = value
        return self._good_section

    def next_id(self) -> int:
        """The id the next `send` will use: to note what a request writes before it goes out
        (an answer may arrive at once)."""
        return self._last_id + 1

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
