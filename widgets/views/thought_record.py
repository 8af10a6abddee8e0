"""The thought record (lesson 05): notice a thought, spot the trap, weigh it up, find a fairer one.

Seven short steps on one page, a worked example to start from, a plain summary with the change in
feelings, and a .txt download made in the browser. Every value from the browser goes through the
model (widgets/models/thought_record.py); if one is refused, a message says why, nothing typed is
lost, and the download keeps the last record that passed. Learner text is always escaped.
"Keep this record" adds it, dated, to the learner's list of thought records (their record on this
device, widgets/views/my_record.py), from which a kept one can be opened again or removed.
The page's words are in widgets/content/thought_record.toml; the summary's sentences and the .txt
file come from widgets/describers/thought_record.py. This module only lays out and wires.
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import TextStyle

from widgets.describers.thought_record import (
    AFTER_TRAPS,
    BEFORE_FEELINGS,
    change_words,
    closing_words,
    heading,
    to_text,
)
from widgets.models.diary import clean_text
from widgets.models.learner_record import SavedThoughtRecord
from widgets.models.thought_record import (
    RATING_RANGE,
    TRAP_KEYS,
    ThoughtRecord,
    Trap,
    change_in_feelings,
    feeling_ideas,
    prompts,
    thinking_traps,
    worked_examples,
)
from widgets.ui.controls import labelled_slider
from widgets.ui.download import download_link
from widgets.ui.kept_list import KeptList, kept_lists
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, HTMLStyle, SharedStyles
from widgets.views.my_record import MyRecord, my_record
from widgets.words import word

ROWS = 3  # feeling rows on screen (the model allows up to 6)
FILE_NAME = "my-thought-record.txt"
START_RATING = 50
UNDO_STEPS = 10  # how many Clear / worked-example steps Undo can go back
CONTENT = "thought_record"

#: The written steps, in the page's order; each box's label is in the content file's [boxes].
TEXT_FIELDS = (
    "situation",
    "automatic_thought",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
)

EMPTY_STATE = {
    "texts": {field: "" for field in TEXT_FIELDS},
    "names": [""] * ROWS,
    "before": [START_RATING] * ROWS,
    "after": [START_RATING] * ROWS,
    "traps": {key: False for key in TRAP_KEYS},
    "rerated": set(),
}


def _say(section: str, key: str, **values: object) -> str:
    """One text from widgets/content/thought_record.toml, filled in (plain text, not HTML)."""
    return word(CONTENT, section, key).format(**values)


def _fill(section: str, key: str, **markup: str) -> str:
    """A sentence as HTML: its words escaped, then `markup` (safe HTML) put in its {names}."""
    return html.escape(word(CONTENT, section, key)).format(**markup)


def _bold(text: str) -> str:
    return f"<strong>{html.escape(text)}</strong>"


def intro_html() -> str:
    """The note at the top of the tool: what a thought record is, privacy, and where help is."""
    keep = f"<em>{html.escape(kept_lists()['thought_records']['keep'])}</em>"
    get_help = _bold(word("chrome", "help", "button"))
    return (
        '<div class="btc-model-note">'
        f"<p>{_bold(_say('intro', 'lead'))} {html.escape(_say('intro', 'what'))}</p>"
        f"<p>{html.escape(_say('intro', 'evidence'))}</p>"
        f"<p>{_bold(_say('intro', 'privacy_lead'))} {_fill('intro', 'privacy', keep=keep)}</p>"
        f"<p>{_fill('intro', 'help', help=get_help)}</p>"
        "</div>"
    )


def _blank() -> str:
    return f'<p class="btc-blank">{html.escape(_say("record", "left_blank"))}</p>'


def _paragraphs(text: str) -> str:
    """Learner text as escaped HTML, keeping its line breaks."""
    if not text:
        return _blank()
    return (
        "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n") if part.strip())
        or _blank()
    )


def summary_html(record: ThoughtRecord) -> str:
    """The learner's record as plain, escaped HTML with the change in feelings."""
    title = html.escape(_say("record", "title"))
    parts = [f'<div class="btc-record-summary"><h3 class="btc-sim-heading">{title}</h3>']
    for part in BEFORE_FEELINGS:
        parts.append(f"{_subheading(part)}{_paragraphs(getattr(record, part))}")
    changes = change_in_feelings(record)
    if changes:
        items = "".join(
            f"<li><strong>{html.escape(name)}</strong>: {html.escape(change_words(b, a))}</li>"
            for name, b, a in changes
        )
        parts.append(f"{_subheading('feelings')}<ul>{items}</ul>")
    else:
        none = html.escape(_say("record", "no_feelings"))
        parts.append(f'{_subheading("feelings")}<p class="btc-blank">{none}</p>')
    names = thinking_traps()
    traps = "".join(f"<li>{html.escape(names[key].name)}</li>" for key in record.traps)
    none = html.escape(_say("record", "no_traps"))
    parts.append(
        _subheading("traps")
        + (f"<ul>{traps}</ul>" if traps else f'<p class="btc-blank">{none}</p>')
    )
    for part in AFTER_TRAPS:
        parts.append(f"{_subheading(part)}{_paragraphs(getattr(record, part))}")
    parts.append(f"<p>{html.escape(closing_words(record))}</p></div>")
    return "".join(parts)


def _subheading(part: str) -> str:
    return f"<p><strong>{html.escape(heading(part))}</strong></p>"


class ThoughtRecordTool(ipw.VBox):
    """A thought record in seven steps, a worked example, a summary, a download and Clear/Undo."""

    def __init__(self, learner: MyRecord | None = None) -> None:
        shared = SharedStyles()
        #: The learner's record (widgets/views/my_record.py): kept records go in its list.
        self.learner = learner if learner is not None else my_record()
        self._filling = False  # True while the tool sets its own controls
        self._rerated_rows: set[int] = set()  # re-rate sliders the learner has moved
        self._showing = False  # True once "Show my record" was pressed
        self._undo: list[dict] = []  # what Clear or a worked example replaced, newest last
        self.record_now = ThoughtRecord()  # the last record the model accepted
        label = shared.style(DescriptionStyle, description_width="initial")
        text_style = shared.style(TextStyle, description_width="initial")
        area = {
            "layout": shared.style(ipw.Layout, width="min(100%, 44rem)", height="5.5rem"),
            "style": shared.style(TextStyle, description_width="9.5rem"),
            "continuous_update": False,
        }
        line = {
            "layout": shared.style(ipw.Layout, width="min(100%, 20rem)"),
            "style": text_style,
            "continuous_update": False,
        }
        slider = shared.slider("min(100%, 26rem)")
        button = shared.button()
        row = shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")

        ideas = feeling_ideas()
        self.example = ipw.Dropdown(
            options=list(worked_examples()),
            description=_say("page", "example_menu"),
            style=label,
            layout=shared.layout,
        )
        self.load_button = ipw.Button(
            description=_say("page", "load"),
            tooltip=_say("page", "load_tooltip"),
            **button,
        )
        self.texts: dict[str, ipw.Textarea] = {
            field: ipw.Textarea(
                description=_say("boxes", field), placeholder=_say("placeholders", field), **area
            )
            for field in TEXT_FIELDS
        }
        self.feeling_names = [
            ipw.Text(
                description=_say("feelings", "name", number=i + 1),
                placeholder=_say("feelings", "placeholder", idea=ideas[i]),
                **line,
            )
            for i in range(ROWS)
        ]
        self.before = [
            labelled_slider(
                _say("feelings", "strength", number=i + 1),
                min=RATING_RANGE[0],
                max=RATING_RANGE[1],
                step=5,
                value=START_RATING,
                **slider,
            )
            for i in range(ROWS)
        ]
        self.after = [
            labelled_slider(
                _say("feelings", "now", number=i + 1),
                min=RATING_RANGE[0],
                max=RATING_RANGE[1],
                step=5,
                value=START_RATING,
                **slider,
            )
            for i in range(ROWS)
        ]
        name_layout = shared.style(ipw.Layout, width="min(100%, 14rem)")
        self.after_names = [
            ipw.HTML("", layout=name_layout, style=shared.style(HTMLStyle)) for _ in range(ROWS)
        ]
        checkbox = {
            "indent": False,
            "layout": shared.style(ipw.Layout, width="auto"),
            "style": shared.style(CheckboxStyle),
        }
        traps = thinking_traps()
        self.traps: dict[str, ipw.Checkbox] = {
            key: ipw.Checkbox(value=False, description=trap.name, **checkbox)
            for key, trap in traps.items()
        }
        trap_cells = [  # each trap's box, then its meaning and example beside it
            cell
            for key, trap in traps.items()
            for cell in (self.traps[key], shared.html(self._trap_help(trap)))
        ]
        self.show_button = ipw.Button(
            description=_say("page", "show"), tooltip=_say("page", "show_tooltip"), **button
        )
        self.clear_button = ipw.Button(
            description=_say("page", "clear"), tooltip=_say("page", "clear_tooltip"), **button
        )
        self.undo_button = ipw.Button(
            description=_say("page", "undo"),
            tooltip=_say("page", "undo_tooltip"),
            layout=ipw.Layout(width="auto", display="none"),
            style=button["style"],
        )
        self.message = shared.html("", "btc-live")
        self.summary = shared.html("")  # not live: it can be long, and follows every change
        self.download = shared.html("")
        # Kept records: a dated list in the learner's record, opened again from a menu.
        kept_words = kept_lists()["thought_records"]
        self.kept = KeptList(
            shared,
            self.learner,
            kept_words,
            part="thought_records",
            make=self._to_keep,
            words_of=lambda saved: saved.record.situation,
            same=lambda a, b: a.record == b.record,
            on_open=self._open_kept,
        )
        self.keep_button, self.saved_choice = self.kept.keep_button, self.kept.choice
        self.open_button, self.remove_button = self.kept.open_button, self.kept.remove_button
        self.saved_message = self.kept.message

        for widget in [
            *self.texts.values(),
            *self.feeling_names,
            *self.before,
            *self.traps.values(),
        ]:
            widget.observe(self._changed, "value")
        for i in range(ROWS):
            self.before[i].observe(lambda change, i=i: self._before_moved(i), "value")
            self.after[i].observe(lambda change, i=i: self._after_moved(i), "value")
        self.load_button.on_click(lambda _b: self.load_example(self.example.value))
        self.show_button.on_click(lambda _b: self.show_record())
        self.clear_button.on_click(lambda _b: self.clear())
        self.undo_button.on_click(lambda _b: self.undo())

        feeling_rows = [
            ipw.HBox([self.feeling_names[i], self.before[i]], layout=row) for i in range(ROWS)
        ]
        after_rows = [
            ipw.HBox([self.after_names[i], self.after[i]], layout=row) for i in range(ROWS)
        ]
        asks = prompts()

        def step(title: str, ask: str, more: str = "") -> ipw.HTML:
            """A step's heading and question (keys of the content file), and `more`: help under
            them, as HTML that is already escaped."""
            text = self._heading(_say("steps", title)) + self._prompt(asks[ask])
            return shared.html(text + (f"<p>{more}</p>" if more else ""))

        clear = _bold(_say("page", "clear"))
        super().__init__(
            [
                shared.html(intro_html()),
                shared.html(f"<p>{_fill('page', 'worked_example', clear=clear)}</p>"),
                ipw.HBox([self.example, self.load_button], layout=row),
                step("situation", "situation"),
                self.texts["situation"],
                step("automatic_thought", "automatic_thought"),
                self.texts["automatic_thought"],
                step(
                    "feelings",
                    "feelings",
                    _fill("steps", "feeling_ideas", ideas=html.escape(", ".join(ideas))),
                ),
                *feeling_rows,
                step("traps", "traps", html.escape(_say("steps", "traps_help"))),
                ipw.GridBox(
                    trap_cells,
                    layout=ipw.Layout(
                        grid_template_columns="minmax(9rem, 15rem) minmax(0, 1fr)",
                        align_items="center",
                    ),
                ),
                step("weigh_up", "evidence_for"),
                self.texts["evidence_for"],
                shared.html(self._prompt(asks["evidence_against"])),
                self.texts["evidence_against"],
                step(
                    "balanced_thought",
                    "balanced_thought",
                    html.escape(_say("steps", "balanced_help")),
                ),
                self.texts["balanced_thought"],
                step("rerate", "rerated", html.escape(_say("steps", "rerate_help"))),
                *after_rows,
                ipw.HBox(
                    [self.show_button, self.keep_button, self.clear_button, self.undo_button],
                    layout=row,
                ),
                self.message,
                self.summary,
                self.download,
                shared.html(
                    self._heading(kept_words["heading"])
                    + f"<p>{html.escape(kept_words['about'])}</p>"
                ),
                self.kept.controls,
                self.saved_message,
            ],
            layout=ipw.Layout(
                max_width="60rem",
                border="1px solid #c9d3dc",
                padding="0.75rem 1rem",
                grid_gap="0.4rem",
            ),
        )
        self.add_class("btc-tool")
        self.add_class("btc-thought-record")
        self.update()

    # --- small pieces of page text ------------------------------------------------------------

    @staticmethod
    def _heading(text: str) -> str:
        return f'<h3 class="btc-sim-heading">{html.escape(text)}</h3>'

    @staticmethod
    def _prompt(question: str) -> str:
        return f"<p>{html.escape(question)}</p>"

    @staticmethod
    def _trap_help(trap: Trap) -> str:
        """A trap's meaning, and its example behind a small "Example" (named for screen readers)."""
        example = html.escape(_say("traps_help", "example"))
        of_name = html.escape(_say("traps_help", "example_of", name=trap.name))
        quoted = html.escape(_say("traps_help", "quoted", example=trap.example))
        return (
            f'<span class="btc-trap-description">{html.escape(trap.description)}</span>'
            f'<details class="btc-model-details"><summary>{example}'
            f'<span class="btc-visually-hidden"> {of_name}</span></summary>'
            f"<p>{quoted}</p></details>"
        )

    # --- reading the controls -----------------------------------------------------------------

    def _rows(self) -> list[tuple[int, str]]:
        """(row, name) for each feeling row that has a name."""
        named = []
        for i, box in enumerate(self.feeling_names):
            name = box.value if isinstance(box.value, str) else ""
            if name.strip():
                named.append((i, name))
        return named

    def record(self) -> ThoughtRecord:
        """The record the controls describe (raises ValueError with a plain message)."""
        texts = {field: box.value for field, box in self.texts.items()}
        named = self._rows()
        fields = {
            **texts,
            "feelings": [(name, self.before[i].value) for i, name in named],
            "traps": [key for key, box in self.traps.items() if box.value is True],
            "rerated": [
                (name, self.after[i].value) for i, name in named if i in self._rerated_rows
            ],
        }
        try:
            return ThoughtRecord(**fields)
        except ValueError as error:
            for field, value in texts.items():  # say which box is too long
                try:
                    ThoughtRecord(**{field: value})
                except ValueError as field_error:
                    label = _say("boxes", field)
                    raise ValueError(
                        _say("messages", "in_box", box=label, error=field_error)
                    ) from None
            raise ValueError(str(error)) from None

    # --- reacting -----------------------------------------------------------------------------

    def _before_moved(self, i: int) -> None:
        """A re-rate slider follows its first rating until the learner moves it."""
        if i not in self._rerated_rows:
            self._set(self.after[i], self.before[i].value)

    def _after_moved(self, i: int) -> None:
        if not self._filling:
            self._rerated_rows.add(i)
            self.update()

    def _set(self, widget: ipw.Widget, value: object) -> None:
        filling, self._filling = self._filling, True
        try:
            widget.value = value
        finally:
            self._filling = filling

    def _changed(self, _change) -> None:
        if not self._filling:
            self.update()

    def update(self) -> None:
        """Check the record; refresh the re-rate labels, the download and an open summary."""
        for i, box in enumerate(self.feeling_names):
            name = clean_text(box.value, multiline=False) if isinstance(box.value, str) else ""
            before = int(self.before[i].value)
            self.after_names[i].value = (
                f"<p>{_fill('feelings', 'was', name=_bold(name), before=str(before))}</p>"
                if name
                else f"<p>{html.escape(_say('feelings', 'unnamed', number=i + 1))}</p>"
            )
        try:
            record = self.record()
        except ValueError as error:
            text = _say("messages", "not_valid", error=error)
            self.message.value = f'<p class="btc-error">{html.escape(text)}</p>'
            return
        self.record_now = record
        if "btc-error" in self.message.value:
            self.message.value = ""
        self.download.value = download_link(FILE_NAME, to_text(record), _say("page", "download"))
        if self._showing:
            self.summary.value = summary_html(record)

    def show_record(self) -> None:
        """Show the summary of the last record that passed the checks."""
        self.update()
        self._showing = True
        self.summary.value = summary_html(self.record_now)
        if "btc-error" not in self.message.value:
            self.message.value = f"<p>{html.escape(_say('messages', 'shown'))}</p>"

    # --- filling, clearing, undoing -----------------------------------------------------------

    def _snapshot(self) -> dict:
        return {
            "texts": {field: box.value for field, box in self.texts.items()},
            "names": [box.value for box in self.feeling_names],
            "before": [s.value for s in self.before],
            "after": [s.value for s in self.after],
            "traps": {key: box.value for key, box in self.traps.items()},
            "rerated": set(self._rerated_rows),
        }

    def _restore(self, state: dict) -> None:
        self._filling = True
        try:
            for field, box in self.texts.items():
                box.value = state["texts"][field]
            for i in range(ROWS):
                self.feeling_names[i].value = state["names"][i]
                self.before[i].value = state["before"][i]
                self.after[i].value = state["after"][i]
            for key, box in self.traps.items():
                box.value = state["traps"][key]
            self._rerated_rows = set(state["rerated"])
        finally:
            self._filling = False
        self.update()

    def _keep_for_undo(self) -> None:
        state = self._snapshot()
        if state != EMPTY_STATE and (not self._undo or self._undo[-1] != state):
            self._undo = [*self._undo[-(UNDO_STEPS - 1) :], state]
        self.undo_button.layout.display = None if self._undo else "none"

    # --- the learner's list of kept records -------------------------------------------------

    def _to_keep(self) -> SavedThoughtRecord | None:
        """The record to keep: the last one the checks passed, dated today (None if empty)."""
        if self.record_now == ThoughtRecord():
            return None
        return SavedThoughtRecord(dt.date.today(), self.record_now)

    def _open_kept(self, saved: SavedThoughtRecord) -> None:
        """Put a kept record back in the steps (what was there can be brought back with Undo)."""
        self._keep_for_undo()
        self._restore(self._state_of(saved.record))

    def keep(self) -> None:
        self.kept.keep()

    def open_saved(self, index: object) -> None:
        self.kept.open(index)

    def remove_saved(self, index: object) -> None:
        self.kept.remove(index)

    def _state_of(self, record: ThoughtRecord) -> dict:
        """The controls' values for a record (up to ROWS feelings)."""
        after = dict(record.rerated)
        feelings = list(record.feelings)[:ROWS]
        return {
            "texts": {field: getattr(record, field) for field in self.texts},
            "names": [n for n, _ in feelings] + [""] * (ROWS - len(feelings)),
            "before": [r for _, r in feelings] + [START_RATING] * (ROWS - len(feelings)),
            "after": [after.get(n, r) for n, r in feelings]
            + [START_RATING] * (ROWS - len(feelings)),
            "traps": {key: key in record.traps for key in self.traps},
            "rerated": {i for i, (n, _) in enumerate(feelings) if n in after},
        }

    def load_example(self, name: str) -> None:
        """Fill every step from a worked example; the learner's own words can be brought back."""
        examples = worked_examples()
        if name not in examples:
            text = html.escape(_say("messages", "choose_example"))
            self.message.value = f'<p class="btc-error">{text}</p>'
            return
        self._keep_for_undo()
        self._restore(self._state_of(examples[name]))
        clear, undo = _bold(_say("page", "clear")), _bold(_say("page", "undo"))
        loaded = _fill("messages", "loaded", name=html.escape(name), clear=clear)
        if self._undo:
            loaded += " " + _fill("messages", "loaded_undo", undo=undo)
        self.message.value = f"<p>{loaded}</p>"

    def clear(self) -> None:
        """Empty every step; Undo brings it all back."""
        self._keep_for_undo()
        self._restore(EMPTY_STATE)
        self._showing = False
        self.summary.value = ""
        undo = _bold(_say("page", "undo"))
        cleared = (
            _fill("messages", "cleared_undo", undo=undo)
            if self._undo
            else html.escape(_say("messages", "cleared"))
        )
        self.message.value = f"<p>{cleared}</p>"

    def undo(self) -> None:
        """Bring back what was there before the last Clear or worked example."""
        if not self._undo:
            self.message.value = f"<p>{html.escape(_say('messages', 'nothing_to_undo'))}</p>"
            return
        self._restore(self._undo.pop())
        if not self._undo:
            self.undo_button.layout.display = "none"
        self.message.value = f"<p>{html.escape(_say('messages', 'undone'))}</p>"


def thought_record() -> ThoughtRecordTool:
    """The lesson 05 thought record."""
    return ThoughtRecordTool()
