"""My record: the learner decides whether the course keeps their answers on this device.

Why (issue 13): the course should remember a learner's work between visits, under their control.
On a first visit this panel asks one plain question, keep my answers on this device or keep
nothing (a shared or public computer), and stores NOTHING before it is answered. Afterwards it
lets the learner change that choice, download a backup file, restore one, and forget everything
on this device, saying "nothing is stored" only when the browser has checked.

The record itself is widgets/models/learner_record.py: everything from the browser or a file is
parsed there, never trusted. The browser half is widgets/ui/device_store.py. Every learner-facing
word is in widgets/content/my_record.toml; every text shown is escaped. Messages go to a polite
live region. Lessons and tools use one panel per page (`my_record()`): `record` to read,
`replace(record)` to change it (saved at once when the learner chose to keep it), and
`on_change(callback)` to hear when the record arrives from the device, is restored or forgotten,
or is changed in another tab.

Two tabs (docs/models/learner_record.md, "Two tabs"): the browser keeps the record one key per
part. A change saves only the parts it changed ("save-parts"), each with the text this page last
saw stored, and the browser writes them only if that is still what is stored; otherwise it sends
what is stored now, and the panel merges it in and saves again. A change made in another tab
arrives the same way ("changed"): a part only the other tab changed is taken as it is (so a day
removed there is removed here too), a part both changed is merged (nothing is lost), and a part
only this page changed is kept and saved. The panel also keeps where the learner is reading
(`record.resume`) and offers a link back to it from another lesson.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import html
import re
import sys
from collections.abc import Callable, Iterable

import ipywidgets as ipw

from widgets.models.diary import clean_text
from widgets.models.learner_record import (
    MAX_BYTES,
    PARTS,
    LearnerRecord,
    LessonProgress,
    Resume,
    counts,
    default_course_id,
    merge,
    parse_parts,
    parse_text,
    size_in_bytes,
    stored_size,
    to_part_texts,
    to_text,
)
from widgets.ui import download
from widgets.ui.device_store import DeviceStore
from widgets.ui.shared import HTMLStyle, SharedStyles
from widgets.words import words as content_words

SHOWN_PROBLEMS = 20
NAME_LIMIT = 80
_JSON_FILE = re.compile(r"[A-Za-z0-9_-]{1,60}\.json")


def words() -> dict:
    """The panel's words from widgets/content/my_record.toml, in the course language."""
    return content_words("my_record")


def say(section: str, key: str, **values: object) -> str:
    """One sentence from the words file, with its {names} filled in (plain text, not HTML)."""
    return words()[section][key].format(**values)


def parts_text(record: LearnerRecord) -> str:
    """What the record holds, in words: "3 lessons opened, 12 diary days and 1 pain check"."""
    patterns = words()["counts"]
    parts = [
        patterns[name][0 if n == 1 else 1].format(n=n)
        for name, n in counts(record).items()
        if n and name in patterns
    ]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {say('contents', 'and')} {parts[-1]}"


def contents_text(record: LearnerRecord) -> str:
    parts = parts_text(record)
    return say("contents", "holds", parts=parts) if parts else say("contents", "empty")


def backup_link(filename: str, text: str, label: str) -> str:
    """A link that saves `text` as a .json file, made in the browser from a data: link.

    Uses widgets/ui/download.py's helper once it offers .json; until then, the same link is built
    here the same way (checked file name, base64 UTF-8 payload, escaped label).
    """
    if "json" in download.MIME_TYPES:
        return download.download_link(filename, text, label)
    if not _JSON_FILE.fullmatch(filename):
        raise ValueError(f"not a safe file name for a download: {filename!r}")
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    href = f"data:application/json;charset=utf-8;base64,{payload}"
    return f'<a class="btc-download" download="{filename}" href="{href}">{html.escape(label)}</a>'


def continue_link(resume: Resume | None, page: str = "") -> str:
    """One line, "Continue where you left off: <lesson title>", linking in the same tab to the
    lesson and section of `resume`; "" when there is none, it is this page, or its file is not a
    lesson of the course (course.toml). The static site serves each lesson as .html."""
    if resume is None or resume.lesson == page:
        return ""
    from widgets.course_config import course_settings

    lesson = course_settings().lesson(resume.lesson)
    if lesson is None:
        return ""
    file = resume.lesson
    if sys.platform == "emscripten":  # the static site: Pyodide in the tab, pages are .html
        file = file.removesuffix(".ipynb") + ".html"
    href = f"{file}#{resume.section}" if resume.section else file
    text = say("resume", "continue", lesson=lesson.title)
    return (
        f"<p class='btc-record-continue'><a href=\"{html.escape(href)}\">"
        f"{html.escape(text)}</a></p>"
    )


def _paragraph(text: str, error: bool = False) -> str:
    css = ' class="btc-error"' if error else ""
    return f"<p{css}>{html.escape(text)}</p>"


def _items(items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return ""
    shown = "".join(f"<li>{html.escape(item)}</li>" for item in items[:SHOWN_PROBLEMS])
    more = len(items) - SHOWN_PROBLEMS
    if more > 0:
        shown += f"<li>{html.escape(say('contents', 'more', n=more))}</li>"
    return f"<ul class='btc-problems'>{shown}</ul>"


class MyRecord(ipw.VBox):
    """The record's panel: the consent question, backup, restore and forget."""

    def __init__(self, course_id: str | None = None, store: DeviceStore | None = None) -> None:
        self.course_id = course_id or default_course_id()
        self.store = store if store is not None else DeviceStore(course_id=self.course_id)
        self._record = LearnerRecord()
        #: Why saving is paused, if it is: the stored copy could not be read ("unreadable") or
        #: lost parts ("left-out"), so it is never overwritten before the learner chooses.
        self._held: str | None = None
        self._unavailable = False  # the browser reported its storage blocked
        self._changing = False  # the learner pressed "Change my choice"
        #: The browser has reported what this device holds. Until then the question waits: a
        #: learner who already chose must not see it flash up on every page.
        self._heard = False
        self._confirming = False  # "Forget everything" waits for its confirmation
        self._listeners: list[Callable[[LearnerRecord], None]] = []
        #: Each part's text as the browser last reported it stored (None: no key), so a save
        #: sends only the parts that differ, each with the text it expects to replace.
        self._synced: dict[str, str | None] = dict.fromkeys(PARTS)
        #: The parts each unanswered save-parts request writes (applied when it is "saved").
        self._pending: dict[int, tuple[dict[str, str | None], bool]] = {}
        self._legacy = False  # the older single-key copy is stored: retire it on the next save
        self._kept = False  # the browser last said "keep" (to hear another tab stop keeping)
        #: Where the learner left off on another page, as the stored record said.
        self._continue_at: Resume | None = None

        shared = SharedStyles()
        button = shared.button()
        row = shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")

        def make_button(label: str, action: Callable[[], None]) -> ipw.Button:
            widget = ipw.Button(description=label, **button)
            widget.on_click(lambda _b: action())
            return widget

        self.keep_button = make_button(say("consent", "keep"), self.choose_keep)
        self.none_button = make_button(say("consent", "none"), self.choose_none)
        self.choice_box = ipw.VBox(
            [
                shared.html(f"<p><strong>{html.escape(say('consent', 'question'))}</strong></p>"),
                shared.html(_paragraph(say("consent", "meaning"))),
                ipw.HBox([self.keep_button, self.none_button], layout=row),
            ],
            layout=ipw.Layout(),
        )
        self.choice_box.add_class("btc-record-choice")
        # its own Layout: it is shown and hidden (the shared one is every text's)
        self.checking = ipw.HTML(
            _paragraph(say("consent", "checking")),
            layout=ipw.Layout(),
            style=shared.style(HTMLStyle),
        )
        self.chosen_text = shared.html("")
        self.change_button = make_button(say("consent", "change"), self.change_choice)
        self.chosen_box = ipw.VBox([self.chosen_text, self.change_button], layout=ipw.Layout())
        self.contents = shared.html("")
        self.continue_line = shared.html("")

        self.backup_button = make_button(say("backup", "make"), self.make_backup)
        self.backup_link = shared.html("")
        self.upload = ipw.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description=say("backup", "restore"),
            **button,
        )
        self.upload.observe(self._uploaded, "value")

        self.raw_button = make_button(say("stored", "download_raw"), self.download_stored_copy)
        self.carry_on_button = make_button(say("stored", "carry_on"), self.carry_on)
        self.held_box = ipw.HBox([self.raw_button, self.carry_on_button], layout=ipw.Layout())

        self.forget_button = make_button(say("forget", "button"), self.ask_to_forget)
        self.yes_button = make_button(say("forget", "yes"), self.forget)
        self.cancel_button = make_button(say("forget", "cancel"), self.cancel_forget)
        self.confirm_box = ipw.VBox(
            [
                shared.html(_paragraph(say("forget", "confirm"))),
                ipw.HBox([self.yes_button, self.cancel_button], layout=row),
            ],
            layout=ipw.Layout(),
        )
        self.message = shared.html("", "btc-live")

        def heading(key: str) -> ipw.HTML:
            return shared.html(f"<h3 class='btc-sim-heading'>{html.escape(key)}</h3>")

        # Backup, restore and forget fold away behind one button, so the panel is one line at
        # the top of a lesson once the learner has chosen (the course menu's link opens it).
        self.settings_open = False
        self.settings_button = make_button(say("panel", "settings_show"), self.toggle_settings)
        self.settings_button.add_class("btc-record-settings-button")
        self.settings_box = ipw.VBox(
            [
                heading(say("backup", "heading")),
                shared.html(_paragraph(say("backup", "restore_note"))),
                ipw.HBox([self.backup_button, self.upload], layout=row),
                self.backup_link,
                heading(say("forget", "heading")),
                self.forget_button,
                self.confirm_box,
            ],
            layout=ipw.Layout(),
        )
        self.settings_box.add_class("btc-record-settings")
        super().__init__(
            [
                heading(say("panel", "heading")),
                self.checking,
                shared.html(_paragraph(say("panel", "intro"))),
                self.continue_line,
                self.choice_box,
                self.chosen_box,
                self.contents,
                self.held_box,
                self.message,
                self.settings_button,
                self.settings_box,
                self.store,
            ],
            layout=shared.layout,
        )
        self.add_class("btc-my-record")
        self.store.observe(self._reported, "event")
        self.store.observe(self._section_reached, "section")
        self._show()

    # --- what lessons and tools use ---------------------------------------------------------

    @property
    def record(self) -> LearnerRecord:
        return self._record

    @property
    def consent(self) -> str:
        return self.store.consent

    def replace(self, record: LearnerRecord) -> None:
        """Make `record` this page's record; saved on the device if the learner chose that."""
        if not isinstance(record, LearnerRecord):
            raise TypeError(f"a learner record is needed, got {type(record).__name__}")
        if record == self._record:
            return
        self._record = record
        self._autosave()
        self._show()

    def on_change(self, callback: Callable[[LearnerRecord], None]) -> None:
        """Call `callback(record)` when the record arrives from the device, is restored or
        forgotten (not after `replace`: the caller knows then)."""
        self._listeners.append(callback)

    # --- the learner's actions --------------------------------------------------------------

    def choose_keep(self) -> None:
        """Keep the record on this device from now on (and save what the page has so far)."""
        self._changing = False
        self._unavailable = False
        self.store.consent = "keep"
        self._note_visit()
        parts: dict[str, str | None] | None = to_part_texts(self._record)
        if stored_size(parts) > MAX_BYTES:
            self._say(say("status", "too_big"), error=True)
            parts = None  # the browser keeps the choice only
        self._pending[self.store.next_id()] = (parts or {}, False)
        self._ask("keep", "keep", parts=parts)
        self._show()

    def choose_none(self) -> None:
        """Keep nothing on this device: what was stored is removed; the page keeps its answers."""
        self._changing = False
        self._held = None
        self._stop_keeping()
        self.store.consent = "none"
        self._ask("none", "none")
        self._show()

    def toggle_settings(self) -> None:
        """Show or hide backup, restore and forget."""
        self.settings_open = not self.settings_open
        self._show()

    def change_choice(self) -> None:
        self._changing = True
        self._show()

    def make_backup(self) -> None:
        """Put a download link for one JSON backup file under the button."""
        text = to_text(self._record)
        if size_in_bytes(text) > MAX_BYTES:
            self._say(say("backup", "too_big"), error=True)
            return
        name = say("files", "backup", course=self.course_id[:40], date=dt.date.today())
        self.backup_link.value = backup_link(name, text, say("backup", "link"))
        self._say(say("backup", "ready"))

    def restore(self, data: bytes, name: str | None = None) -> None:
        """Add what a backup file holds to the record; nothing already on the page is lost."""
        the_file = words()["restore"]["the_file"]
        name = clean_text(str(name or the_file), multiline=False)[:NAME_LIMIT] or the_file
        if len(data) > MAX_BYTES:
            self._say(say("restore", "too_big", name=name), error=True)
            return
        result = parse_text(bytes(data))
        if not result.ok:
            self._say(say("restore", "refused", name=name, reason=result.error), error=True)
            return
        merged, notes = merge(self._record, result.record)
        left_out = [*result.problems, *notes]
        if merged == self._record:
            self._say(say("restore", "nothing_new", name=name), items=left_out)
            return
        self._record = merged
        saving = self._autosave()
        text = say("restore", "restored", name=name, parts=parts_text(merged))
        if saving:
            text += " " + say("restore", "kept")
        after = say("restore", "left_out") if left_out else ""
        self._say(text, lead=after, items=left_out)
        self._notify()
        self._show()

    def ask_to_forget(self) -> None:
        self._confirming = True
        self._show()

    def cancel_forget(self) -> None:
        self._confirming = False
        self._say(say("forget", "cancelled"))
        self._show()

    def forget(self) -> None:
        """Remove everything of this course from the device, and clear this page's record."""
        self._confirming = False
        self._held = None
        self._record = LearnerRecord()
        self._continue_at = None
        self.backup_link.value = ""
        self._stop_keeping()
        self.store.consent = "unknown"
        self._ask("forget", "forget")
        self._notify()
        self._show()

    def download_stored_copy(self) -> None:
        """Save the stored copy as it is (made in the browser: it may be too big to send)."""
        name = say("files", "stored_copy", course=self.course_id[:40], date=dt.date.today())
        self._ask("download-raw", "raw", filename=name)

    def carry_on(self) -> None:
        """End the pause: the page's record replaces the stored copy from now on."""
        self._held = None
        if not self._save("carry-on"):
            self._held = "too-big"
        self._show()

    # --- talking to the browser -------------------------------------------------------------

    def _ask(self, command: str, purpose: str, **fields: object) -> int:
        return self.store.send(command, purpose, **fields)

    def _save(self, purpose: str = "save") -> bool:
        """Send the parts that differ from what is stored (nothing if none do)."""
        texts = to_part_texts(self._record)
        if stored_size(texts) > MAX_BYTES:
            self._say(say("status", "too_big"), error=True)
            return False
        changed = {name: text for name, text in texts.items() if text != self._synced[name]}
        if not changed and not self._legacy:
            if purpose == "carry-on":
                self._say(say("stored", "carried_on"))
            return True
        base = {name: self._synced[name] for name in changed}
        self._pending[self.store.next_id()] = (changed, self._legacy)
        self._ask("save-parts", purpose, parts=changed, base=base, retire=self._legacy)
        return True

    def _stop_keeping(self) -> None:
        self._kept = False
        self._legacy = False
        self._synced = dict.fromkeys(PARTS)
        self._pending.clear()

    def _autosave(self) -> bool:
        if self.store.consent != "keep" or self._held or self._unavailable:
            return False
        return self._save()

    def _reported(self, _change: object = None) -> None:
        """The browser did something: say so, and read what it holds."""
        self._heard = True
        status, answered = self.store.status, self.store.answered
        if answered:
            purpose = self.store.answer_to(answered)
            written = self._pending.pop(answered, None)
        else:
            purpose = "elsewhere" if status == "changed" else "start"
            written = None
        if purpose is None:
            return  # not an answer to anything this panel asked
        if status in ("loaded", "changed"):
            self._loaded(purpose)
        elif status == "saved":
            if written is not None and self._kept_or_keeping():
                parts, retired = written
                self._synced.update(parts)
                if retired:
                    self._legacy = False
            if purpose == "keep":
                self._say(say("status", "kept"))
            elif purpose == "carry-on":
                self._say(say("stored", "carried_on"))
        elif status == "quota-exceeded":
            self._say(say("status", "quota"), error=True)
        elif status == "storage-unavailable":
            self._unavailable = True
            if purpose == "forget":
                self._say(say("forget", "unavailable"), error=True)
            elif purpose != "start":
                self._say(say("status", "unavailable"), error=True)
        elif status == "empty-verified":
            if purpose == "forget":
                self._say(say("forget", "done"))
            elif purpose == "none":
                self._say(say("status", "none_done"))
        elif status == "forgotten":
            self._say(say("forget", "not_verified"), error=True)
        elif status == "refused" and purpose in ("save", "keep", "carry-on"):
            self._stop_keeping()
            self.store.consent = "unknown"
            self._say(say("status", "refused"), error=True)
        elif status == "raw-downloaded":
            self._say(say("stored", "raw_done"))
        elif status == "nothing-stored":
            self._say(say("stored", "nothing"))
        self._show()

    def _kept_or_keeping(self) -> bool:
        return self.store.consent == "keep"

    def _loaded(self, purpose: str) -> None:
        """What the browser holds arrived (on start, on "keep", or because another tab changed
        it): parse it, merge it in, save what it lacks, and never overwrite it unseen."""
        if self.store.consent != "keep":
            if purpose == "elsewhere" and self._kept:
                # "Forget" or "don't keep" in another tab: stop saving, ask again. This page's
                # answers stay until the tab closes, as after "don't keep".
                self._stop_keeping()
                self._say(say("sync", "stopped"))
            return  # nothing is read before the learner chose to keep
        self._kept = True
        stored_texts = {name: self.store.parts.get(name) for name in PARTS}
        base, self._synced = self._synced, stored_texts
        older = self.store.document
        self._legacy = bool(older)
        result = parse_parts(stored_texts)
        problems = list(result.problems)
        stored = result.record
        if result.ok and older:
            old = parse_text(older)
            if old.ok:
                stored, notes = merge(stored, old.record)  # the parts are newer than the copy
                problems += [*old.problems, *notes]
            else:
                result = old
        if not result.ok:
            self._held = "unreadable"
            self._say(
                say("stored", "unreadable", reason=result.error),
                error=True,
                after=say("stored", "untouched"),
            )
            return
        if stored.resume is not None and stored.resume.lesson != self.store.page:
            self._continue_at = stored.resume
        merged, notes = merge(self._record, stored)
        if purpose in ("elsewhere", "save") and not older:
            merged, both = self._three_way(base, stored_texts, stored, merged)
            notes = notes if both else []
        merged = self._with_visit(merged)
        changed = merged != self._record
        self._record = merged
        if problems:
            self._held = "left-out"
            self._say(
                say("stored", "left_out"),
                error=True,
                items=[*problems, *notes],
                after=say("stored", "untouched"),
            )
        else:
            if self._held in ("unreadable", "left-out"):
                self._held = None  # the stored copy reads well now (replaced in another tab)
            self._save()
            if purpose == "keep":
                self._say(say("status", "kept"))
            elif purpose == "start" and not stored.is_empty:
                self._say(say("status", "welcome_back") + " " + contents_text(merged))
            elif notes:
                self._say(say("sync", "merged"), items=notes)
        if changed:
            self._notify()

    def _three_way(
        self,
        base: dict[str, str | None],
        stored_texts: dict[str, str | None],
        stored: LearnerRecord,
        merged: LearnerRecord,
    ) -> tuple[LearnerRecord, bool]:
        """Part by part: taken from the browser if only another tab changed it since this page
        last saw it, kept if only this page did, merged if both did (then True)."""
        mine = to_part_texts(self._record)
        fields, both = {}, False
        for name in PARTS:
            if stored_texts[name] == base[name]:
                continue  # nobody else changed it: this page's (saved next if it differs)
            both = both or mine[name] != base[name]
            fields[name] = getattr(stored if mine[name] == base[name] else merged, name)
        return dataclasses.replace(self._record, **fields), both

    def _section_reached(self, _change: object = None) -> None:
        """The learner scrolled to a section of this page: keep it as where to continue (only
        when the learner chose to keep answers, and only on a lesson page; a small update)."""
        if self.store.consent != "keep" or self._held or self._unavailable:
            return
        try:
            resume = Resume(self.store.page, self.store.section)
        except ValueError:
            return  # not a lesson page, or not a section
        if resume != self._record.resume:
            self.replace(dataclasses.replace(self._record, resume=resume))

    def _with_visit(self, record: LearnerRecord) -> LearnerRecord:
        """`record` with this page's lesson noted as opened (the page name is the browser's,
        so it is checked; a page that is not a lesson adds nothing)."""
        page = self.store.page
        if not page or record.lesson(page) is not None:
            return record
        try:
            return dataclasses.replace(record, lessons=(*record.lessons, LessonProgress(page)))
        except ValueError:
            return record

    def _note_visit(self) -> None:
        self._record = self._with_visit(self._record)

    # --- drawing ------------------------------------------------------------------------------

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback(self._record)

    def _say(
        self,
        text: str,
        error: bool = False,
        items: Iterable[str] = (),
        lead: str = "",
        after: str = "",
    ) -> None:
        """Put a message in the live region: a sentence, optionally a list, all escaped."""
        items = list(items)
        body = _paragraph(text, error)
        if items:
            body += (_paragraph(lead) if lead else "") + _items(items)
        if after:
            body += _paragraph(after)
        self.message.value = body
        self._show_contents()

    def _show_contents(self) -> None:
        """What the record holds, unless the message just said it ("Welcome back. Your record
        has ..."): a screen reader, and a phone screen, need it once."""
        held = contents_text(self._record)
        said = html.escape(held) in self.message.value
        self.contents.value = "" if said else _paragraph(held)

    def _show(self) -> None:
        consent = self.store.consent
        waiting = not self._heard and not self._changing
        asking = (consent == "unknown" or self._changing) and not waiting
        self.checking.layout.display = "flex" if waiting else "none"
        self.choice_box.layout.display = "flex" if asking else "none"
        self.chosen_box.layout.display = "none" if asking or waiting else "flex"
        if consent in ("keep", "none"):
            self.chosen_text.value = _paragraph(say("consent", f"chosen_{consent}"))
        self._show_contents()
        self.continue_line.value = continue_link(self._continue_at, self.store.page)
        self.held_box.layout.display = "flex" if self._held else "none"
        self.carry_on_button.description = say(
            "stored", "carry_on" if self._held == "left-out" else "replace"
        )
        self.confirm_box.layout.display = "flex" if self._confirming else "none"
        opened = self.settings_open or self._confirming or bool(self._held)
        self.settings_box.layout.display = "flex" if opened else "none"
        self.settings_button.description = say(
            "panel", "settings_hide" if opened else "settings_show"
        )

    def _uploaded(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        try:
            upload = files[0]
            name = str(upload.get("name") or words()["restore"]["the_file"])
            size = int(upload.get("size", 0))
            if size > MAX_BYTES:
                clean = clean_text(name, multiline=False)[:NAME_LIMIT]
                self._say(say("restore", "too_big", name=clean), error=True)
            else:
                self.restore(bytes(upload["content"]), name)
        except (KeyError, TypeError, ValueError, IndexError):
            self._say(say("restore", "unreadable", name=words()["restore"]["the_file"]), error=True)
        finally:
            self.upload.value = ()


_PAGE: MyRecord | None = None


def my_record() -> MyRecord:
    """This page's record panel: one per kernel, so every tool on a page shares one record."""
    global _PAGE
    if _PAGE is None:
        _PAGE = MyRecord()
    return _PAGE
