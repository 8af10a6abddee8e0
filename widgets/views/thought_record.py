"""The thought record (lesson 05): notice a thought, spot the trap, weigh it up, find a fairer one.

Seven short steps on one page, a worked example to start from, a plain summary with the change in
feelings, and a .txt download made in the browser. Every value from the browser goes through the
model (widgets/models/thought_record.py); if one is refused, a message says why, nothing typed is
lost, and the download keeps the last record that passed. Learner text is always escaped.
"Keep this record" adds it, dated, to the learner's list of thought records (their record on this
device, widgets/views/my_record.py), from which a kept one can be opened again or removed.
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import TextStyle

from widgets.models.diary import clean_text
from widgets.models.learner_record import SavedThoughtRecord
from widgets.models.thought_record import (
    FEELING_IDEAS,
    PROMPTS,
    RATING_RANGE,
    THINKING_TRAPS,
    WORKED_EXAMPLES,
    ThoughtRecord,
    change_in_feelings,
    to_text,
)
from widgets.ui.controls import labelled_slider
from widgets.ui.download import download_link
from widgets.ui.kept_list import KeptList, kept_lists
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, HTMLStyle, SharedStyles
from widgets.views.my_record import MyRecord, my_record

ROWS = 3  # feeling rows on screen (the model allows up to 6)
FILE_NAME = "my-thought-record.txt"
START_RATING = 50
UNDO_STEPS = 10  # how many Clear / worked-example steps Undo can go back

#: The written steps: field -> the box's visible label (its accessible name).
TEXT_STEPS = {
    "situation": "What happened",
    "automatic_thought": "The thought",
    "evidence_for": "For the thought",
    "evidence_against": "Against the thought",
    "balanced_thought": "A fairer thought",
}
PLACEHOLDERS = {
    "situation": "For example: I was getting up and my back felt very stiff.",
    "automatic_thought": "For example: Today is going to be awful.",
    "evidence_for": "What makes the thought seem true?",
    "evidence_against": "What does not fit? What would you tell a friend?",
    "balanced_thought": "A kinder, fairer way to see it.",
}

INTRO = (
    '<div class="btc-model-note">'
    "<p><strong>A thought record helps you slow down a painful thought and look at it "
    "again.</strong> You write what happened, the thought, and how strong your feelings were. "
    "Then you look for thinking traps, weigh the thought up, and write a fairer one.</p>"
    "<p>This is a core skill of CBT, a talking therapy. In studies, CBT for long-lasting pain "
    "helps mood and daily life a little, and pain itself a little less. It is a skill that grows "
    "with practice, not a quick fix. You can skip any step.</p>"
    "<p><strong>Your words stay on this device.</strong> Nothing is sent to the server. Press "
    "<em>Keep this record</em> to add it to your list: it is kept in this browser if you chose "
    "that at the top of the page. You can also download it.</p>"
    "<p>If you have thoughts of harming yourself, please stop here and reach out now. The "
    "<strong>Get help now</strong> button at the top of the page lists people you can call.</p>"
    "</div>"
)

EMPTY_STATE = {
    "texts": {field: "" for field in TEXT_STEPS},
    "names": [""] * ROWS,
    "before": [START_RATING] * ROWS,
    "after": [START_RATING] * ROWS,
    "traps": {key: False for key in THINKING_TRAPS},
    "rerated": set(),
}


def _paragraphs(text: str) -> str:
    """Learner text as escaped HTML, keeping its line breaks."""
    if not text:
        return '<p class="btc-blank">(left blank)</p>'
    return (
        "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n") if part.strip())
        or '<p class="btc-blank">(left blank)</p>'
    )


def _change_words(before: int, after: int | None) -> str:
    if after is None:
        return f"{before} before. Not re-rated yet: move its slider in step 7."
    if after < before:
        return f"{before} before, {after} after: down by {before - after}."
    if after > before:
        return f"{before} before, {after} after: up by {after - before}."
    return f"{before} before, {after} after: no change."


def closing_words(record: ThoughtRecord) -> str:
    """A short, honest sentence about how the feelings changed."""
    pairs = [(b, a) for _name, b, a in change_in_feelings(record) if a is not None]
    if not pairs:
        return (
            "When you have written a fairer thought, re-rate your feelings in step 7 to see if "
            "anything shifted."
        )
    if any(a < b for b, a in pairs) and not any(a > b for b, a in pairs):
        return (
            "Some of the weight came off. That is what a thought record can do: it will not take "
            "the pain away, but it can ease how heavy a moment feels."
        )
    if any(a > b for b, a in pairs):
        return (
            "Some feelings went up. That happens, and it is OK. It can help to talk the thought "
            "over with someone you trust, or to come back to it another day."
        )
    return (
        "The numbers did not change this time. That is OK. Some thoughts are stubborn, and this "
        "skill gets easier with practice."
    )


def summary_html(record: ThoughtRecord) -> str:
    """The learner's record as plain, escaped HTML with the change in feelings."""
    parts = ['<div class="btc-record-summary"><h3 class="btc-sim-heading">My thought record</h3>']
    sections = [
        ("What happened", record.situation),
        ("The thought that came to mind", record.automatic_thought),
    ]
    for heading, body in sections:
        parts.append(f"<p><strong>{heading}</strong></p>{_paragraphs(body)}")
    changes = change_in_feelings(record)
    if changes:
        items = "".join(
            f"<li><strong>{html.escape(name)}</strong>: {html.escape(_change_words(b, a))}</li>"
            for name, b, a in changes
        )
        parts.append(f"<p><strong>Feelings (0 to 100)</strong></p><ul>{items}</ul>")
    else:
        parts.append(
            "<p><strong>Feelings (0 to 100)</strong></p>"
            '<p class="btc-blank">(none named yet: give a feeling a name in step 3)</p>'
        )
    traps = "".join(f"<li>{html.escape(THINKING_TRAPS[key].name)}</li>" for key in record.traps)
    parts.append(
        "<p><strong>Thinking traps I noticed</strong></p>"
        + (f"<ul>{traps}</ul>" if traps else '<p class="btc-blank">(none ticked)</p>')
    )
    for heading, body in (
        ("What makes the thought seem true", record.evidence_for),
        ("What does not fit the thought", record.evidence_against),
        ("A more balanced thought", record.balanced_thought),
    ):
        parts.append(f"<p><strong>{heading}</strong></p>{_paragraphs(body)}")
    parts.append(f"<p>{html.escape(closing_words(record))}</p></div>")
    return "".join(parts)


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

        self.example = ipw.Dropdown(
            options=list(WORKED_EXAMPLES),
            description="Worked example",
            style=label,
            layout=shared.layout,
        )
        self.load_button = ipw.Button(
            description="Load this example",
            tooltip="Fill the steps with the worked example (you can undo this)",
            **button,
        )
        self.texts: dict[str, ipw.Textarea] = {
            field: ipw.Textarea(description=box_label, placeholder=PLACEHOLDERS[field], **area)
            for field, box_label in TEXT_STEPS.items()
        }
        self.feeling_names = [
            ipw.Text(
                description=f"Feeling {i + 1}",
                placeholder="for example: " + FEELING_IDEAS[i],
                **line,
            )
            for i in range(ROWS)
        ]
        self.before = [
            labelled_slider(
                f"Feeling {i + 1}: how strong (0–100)",
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
                f"Feeling {i + 1} now (0–100)",
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
        self.traps: dict[str, ipw.Checkbox] = {
            key: ipw.Checkbox(value=False, description=trap.name, **checkbox)
            for key, trap in THINKING_TRAPS.items()
        }
        trap_cells = [  # each trap's box, then its meaning and example beside it
            cell
            for key in THINKING_TRAPS
            for cell in (self.traps[key], shared.html(self._trap_help(key)))
        ]
        self.show_button = ipw.Button(
            description="Show my record", tooltip="Show a summary of your record", **button
        )
        self.clear_button = ipw.Button(
            description="Clear", tooltip="Empty every step (you can undo this)", **button
        )
        self.undo_button = ipw.Button(
            description="Undo",
            tooltip="Bring back what was here before",
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
        ideas = ", ".join(FEELING_IDEAS)
        super().__init__(
            [
                shared.html(INTRO),
                shared.html(
                    "<p>Not sure how it works? Load a worked example, read it through, then press "
                    "<strong>Clear</strong> to write your own.</p>"
                ),
                ipw.HBox([self.example, self.load_button], layout=row),
                shared.html(self._heading("Step 1. The situation") + self._prompt("situation")),
                self.texts["situation"],
                shared.html(
                    self._heading("Step 2. The thought") + self._prompt("automatic_thought")
                ),
                self.texts["automatic_thought"],
                shared.html(
                    self._heading("Step 3. Feelings")
                    + self._prompt("feelings")
                    + f"<p>Some words people use: {html.escape(ideas)}. "
                    "Name up to three feelings.</p>"
                ),
                *feeling_rows,
                shared.html(
                    self._heading("Step 4. Thinking traps")
                    + self._prompt("traps")
                    + "<p>Tick any that fit. Open an example to see what a trap can sound like.</p>"
                ),
                ipw.GridBox(
                    trap_cells,
                    layout=ipw.Layout(
                        grid_template_columns="minmax(9rem, 15rem) minmax(0, 1fr)",
                        align_items="center",
                    ),
                ),
                shared.html(self._heading("Step 5. Weigh it up") + self._prompt("evidence_for")),
                self.texts["evidence_for"],
                shared.html(self._prompt("evidence_against")),
                self.texts["evidence_against"],
                shared.html(
                    self._heading("Step 6. A fairer thought")
                    + self._prompt("balanced_thought")
                    + "<p>It does not need to be positive. It needs to be fair and true.</p>"
                ),
                self.texts["balanced_thought"],
                shared.html(
                    self._heading("Step 7. Re-rate your feelings")
                    + self._prompt("rerated")
                    + "<p>Each slider starts where the feeling was. Move it to where it is now, "
                    "even if that is the same place.</p>"
                ),
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
    def _prompt(step: str) -> str:
        return f"<p>{html.escape(PROMPTS[step])}</p>"

    @staticmethod
    def _trap_help(key: str) -> str:
        trap = THINKING_TRAPS[key]
        return (
            f'<span class="btc-trap-description">{html.escape(trap.description)}</span>'
            '<details class="btc-model-details"><summary>Example<span class="btc-visually-hidden">'
            f" of {html.escape(trap.name)}</span></summary>"
            f"<p>&ldquo;{html.escape(trap.example)}&rdquo;</p></details>"
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
                    label = TEXT_STEPS[field]
                    raise ValueError(f"In “{label}”: {field_error}") from None
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
            self.after_names[i].value = (
                f"<p><strong>{html.escape(name)}</strong> (was {int(self.before[i].value)})</p>"
                if name
                else f"<p>Feeling {i + 1} (no name yet)</p>"
            )
        try:
            record = self.record()
        except ValueError as error:
            self.message.value = (
                f'<p class="btc-error">{html.escape(str(error))} Everything you typed is still '
                "here. Until this is fixed, the download keeps your record as it was before.</p>"
            )
            return
        self.record_now = record
        if "btc-error" in self.message.value:
            self.message.value = ""
        self.download.value = download_link(
            FILE_NAME, to_text(record), "Download my thought record (.txt)"
        )
        if self._showing:
            self.summary.value = summary_html(record)

    def show_record(self) -> None:
        """Show the summary of the last record that passed the checks."""
        self.update()
        self._showing = True
        self.summary.value = summary_html(self.record_now)
        if "btc-error" not in self.message.value:
            self.message.value = (
                "<p>Your record is shown below. It changes as you change your answers.</p>"
            )

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
        if name not in WORKED_EXAMPLES:
            self.message.value = '<p class="btc-error">Please choose one of the examples.</p>'
            return
        example = WORKED_EXAMPLES[name]
        self._keep_for_undo()
        self._restore(self._state_of(example))
        self.message.value = (
            f"<p>Loaded the worked example “{html.escape(name)}”. Read it through, then press "
            "<strong>Clear</strong> to write your own."
            + (
                " Press <strong>Undo</strong> to bring back what was here before."
                if self._undo
                else ""
            )
            + "</p>"
        )

    def clear(self) -> None:
        """Empty every step; Undo brings it all back."""
        self._keep_for_undo()
        self._restore(EMPTY_STATE)
        self._showing = False
        self.summary.value = ""
        self.message.value = (
            "<p>Cleared. Press <strong>Undo</strong> if you want it back.</p>"
            if self._undo
            else "<p>Cleared.</p>"
        )

    def undo(self) -> None:
        """Bring back what was there before the last Clear or worked example."""
        if not self._undo:
            self.message.value = "<p>There is nothing to undo.</p>"
            return
        self._restore(self._undo.pop())
        if not self._undo:
            self.undo_button.layout.display = "none"
        self.message.value = "<p>Brought back what was here before.</p>"


def thought_record() -> ThoughtRecordTool:
    """The lesson 05 thought record."""
    return ThoughtRecordTool()
