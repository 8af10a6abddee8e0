"""A learner's list of kept things (thought records, pacing plans): keep, open again, remove.

The list itself lives in the learner's record (widgets/views/my_record.py); this is only its
controls: a "Keep" button, a menu of what is kept (date and a few words, plain text), Open and
Remove, and a polite message. The tool says how to read and write its part of the record and
how to open an item; every choice from the browser is checked before use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from widgets.ui.shared import DescriptionStyle, SharedStyles
from widgets.views.my_record import MyRecord
from widgets.words import words as content_words

#: How many characters of an item's words its menu entry shows.
LABEL_WORDS = 40


def kept_lists() -> dict:
    """The lists' words from widgets/content/kept_lists.toml, in the course language, by part."""
    return content_words("kept_lists")


class KeptList:
    """Keep / Open / Remove over one list-valued part of the learner's record."""

    def __init__(
        self,
        shared: SharedStyles,
        learner: MyRecord,
        words: dict[str, str],
        *,
        part: str,
        make: Callable[[], Any | None],
        words_of: Callable[[Any], str],
        same: Callable[[Any, Any], bool],
        on_open: Callable[[Any], None],
    ) -> None:
        """`part` names the record's list; `make()` gives a new item to keep (None: nothing to
        keep yet); `words_of(item)` a few words for the menu; `same(a, b)` whether two items
        hold the same thing; `on_open(item)` puts an item back in the tool."""
        self.learner, self.part, self._words = learner, part, words
        self._make, self._words_of, self._same, self._on_open = make, words_of, same, on_open
        button = shared.button()
        row = shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")
        self.keep_button = ipw.Button(
            description=words["keep"], tooltip=words["keep_tooltip"], **button
        )
        self.choice = ipw.Dropdown(
            options=[],
            description=words["menu"],
            style=shared.style(DescriptionStyle, description_width="initial"),
            layout=shared.layout,
        )
        self.open_button = ipw.Button(
            description=words["open"], tooltip=words["open_tooltip"], **button
        )
        self.remove_button = ipw.Button(
            description=words["remove"], tooltip=words["remove_tooltip"], **button
        )
        self.message = shared.html("", "btc-live")
        self.keep_button.on_click(lambda _b: self.keep())
        self.open_button.on_click(lambda _b: self.open(self.choice.value))
        self.remove_button.on_click(lambda _b: self.remove(self.choice.value))
        self.controls = ipw.HBox([self.choice, self.open_button, self.remove_button], layout=row)
        self.show(learner.record)
        learner.on_change(self.show)

    @property
    def items(self) -> tuple:
        return getattr(self.learner.record, self.part)

    def _say(self, key: str, error: bool = False, **values: object) -> None:
        css = ' class="btc-error"' if error else ""
        text = self._words[key].format(**values)
        self.message.value = f"<p{css}>{html.escape(text)}</p>"

    def keep(self) -> None:
        """Add the tool's current item to the list, dated today."""
        item = self._make()
        if item is None:
            self._say("nothing")
            return
        if any(self._same(kept, item) for kept in self.items):
            self._say("already")
            return
        try:
            self._write((*self.items, item))
        except ValueError as error:
            self._say("not_kept", error=True, error_text=str(error))
            return
        self.choice.value = len(self.items) - 1
        self._say("kept", date=dt.date.today().isoformat())

    def _chosen(self, index: object) -> Any | None:
        items = self.items
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
            self._say("choose", error=True)
            return None
        return items[index]

    def open(self, index: object) -> None:
        item = self._chosen(index)
        if item is not None:
            self._on_open(item)
            self._say("opened", date=item.date.isoformat())

    def remove(self, index: object) -> None:
        item = self._chosen(index)
        if item is not None:
            self._write(tuple(x for x in self.items if x is not item))
            self._say("removed", date=item.date.isoformat())

    def _write(self, items: tuple) -> None:
        self.learner.replace(dataclasses.replace(self.learner.record, **{self.part: items}))
        self.show(self.learner.record)

    def show(self, record) -> None:
        """The menu: each item's date and its first words (plain text, never HTML)."""
        options = []
        for i, item in enumerate(getattr(record, self.part)):
            words = " ".join(self._words_of(item).split())
            if len(words) > LABEL_WORDS:
                words = words[: LABEL_WORDS - 1] + "…"
            options.append((f"{item.date.isoformat()}: {words or self._words['untitled']}", i))
        self.choice.options = options
        self.choice.value = options[-1][1] if options else None
        self.open_button.disabled = self.remove_button.disabled = not options
