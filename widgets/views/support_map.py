"""The support map (lesson 05): who helps you, with what, and where the gaps are.

The learner adds people, groups and professionals with the kinds of help each gives; the map shows
them as a list and as a simple picture (you in the middle, supporters around you by kind) with a
text alternative, then names the gaps and offers ideas. Every entry goes through
widgets/models/support_map.py; a refused one shows a message and keeps what was typed. Names are
learner text: escaped in HTML and in the SVG, downloaded as .txt on request. The map is part of
the learner's record (widgets/views/my_record.py): kept in this browser when the learner chose
that, and only in this page's kernel otherwise; never on the server. A change the record refuses
shows a message and keeps what was typed.
"""

from __future__ import annotations

import dataclasses
import html
import math

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import TextStyle

from widgets.models.support_map import (
    HELP_TYPES,
    IDEAS,
    KINDS,
    Supporter,
    SupportMap,
    gaps,
)
from widgets.ui.download import download_link
from widgets.ui.plots import AccessibleDiagram
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, SharedStyles
from widgets.ui.svg import FRAMES, Frame, _svg
from widgets.ui.theme import INK, OKABE_ITO
from widgets.views.my_record import MyRecord, my_record

FILE_NAME = "my-support-map.txt"
#: Short names for the dropdown and the lists; the model's KINDS give the longer explanation.
KIND_NAMES = {"person": "A person", "group": "A group", "professional": "A professional"}
KIND_PLURALS = {"person": "People", "group": "Groups", "professional": "Professionals"}
HELP_NAMES = {
    "practical": "Practical help",
    "emotional": "Emotional help",
    "information": "Information",
}
HELP_WORDS = {
    "practical": "practical help",
    "emotional": "emotional help",
    "information": "information",
}
KIND_COLOURS = {
    "person": OKABE_ITO["blue"],
    "group": OKABE_ITO["bluish_green"],
    "professional": OKABE_ITO["vermillion"],
}
#: Where each kind sits around "you": the middle of its sector, in degrees (0 = right, clockwise).
KIND_ANGLES = {"person": -90.0, "group": 30.0, "professional": 150.0}
SECTOR = 110.0  # degrees each kind may spread over
CELL = "padding:0.2rem 0.6rem"
YES, NO = "Yes", '<span class="btc-visually-hidden">No</span>'
LABEL_LIMIT = 18  # characters of a name drawn in the picture (the list shows it in full)

NOTE = (
    '<div class="btc-model-note">'
    "<p><strong>Names stay on this device.</strong> Nothing is saved on the server. If you chose "
    "to keep your answers on this device (at the top of the page), your map is kept in this "
    "browser; otherwise it starts again when you reload the page, so download it if you want to "
    "keep it. You can use first names, initials or nicknames.</p>"
    "<p>Feeling supported goes with better mood and quality of life for people with long-lasting "
    "pain. The <em>kind</em> of help matters too: help that keeps you doing things tends to work "
    "better than someone doing everything for you.</p></div>"
)


def _kinds_help() -> str:
    kinds = "".join(f"<li>{html.escape(text)}</li>" for text in KINDS.values())
    helps = "".join(f"<li>{html.escape(text)}</li>" for text in HELP_TYPES.values())
    return (
        "<p>Add the people, groups and professionals who help you, even a little, or who could. "
        "Who they are:</p>"
        f"<ul>{kinds}</ul><p>Kinds of help:</p><ul>{helps}</ul>"
    )


def _helps_words(supporter: Supporter) -> str:
    return ", ".join(HELP_WORDS[h] for h in HELP_TYPES if h in supporter.helps_with)


def _short(name: str, limit: int = LABEL_LIMIT) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def list_html(support_map: SupportMap) -> str:
    """The map as an escaped HTML table, grouped by kind."""
    if not support_map.supporters:
        return "<p>Nobody is on your map yet. Add someone above.</p>"
    rows = []
    for kind in KINDS:
        for s in (s for s in support_map.supporters if s.kind == kind):
            cells = "".join(
                f'<td style="{CELL};text-align:center">{YES if h in s.helps_with else NO}</td>'
                for h in HELP_TYPES
            )
            rows.append(
                f'<tr><th scope="row" style="{CELL};text-align:left">'
                f"{html.escape(s.name)}</th>"
                f'<td style="{CELL}">{KIND_NAMES[kind]}</td>{cells}</tr>'
            )
    head = "".join(f'<th scope="col" style="{CELL}">{HELP_NAMES[h]}</th>' for h in HELP_TYPES)
    return (
        '<table class="btc-support-table" style="border-collapse:collapse">'
        "<caption style='text-align:left;font-weight:700'>Who is on your map</caption>"
        f'<thead><tr><th scope="col" style="{CELL};text-align:left">Name</th>'
        f'<th scope="col" style="{CELL}">Who they are</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def describe_map(support_map: SupportMap) -> str:
    """The picture in words (plain text: the figure escapes it)."""
    if not support_map.supporters:
        return "Only you are on the map so far, in the middle. Add someone to see them here."
    parts = ["You are in the middle."]
    for kind in KINDS:
        group = [s for s in support_map.supporters if s.kind == kind]
        if group:
            names = "; ".join(f"{s.name} ({_helps_words(s)})" for s in group)
            parts.append(f"{KIND_PLURALS[kind]} around you: {names}.")
        else:
            parts.append(f"{KIND_PLURALS[kind]}: none yet.")
    return "\n".join(parts)


def _shape(kind: str, x: float, y: float) -> str:
    """The kind's shape on a white backing, so lines behind it do not show through."""

    def drawn(fill: str) -> str:
        paint = f'fill="{fill}" stroke="{INK}" stroke-width="2"'
        if kind == "person":
            return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="13" {paint}/>'
        if kind == "group":
            return (
                f'<rect x="{x - 13:.1f}" y="{y - 13:.1f}" width="26" height="26" rx="4" {paint}/>'
            )
        return (
            f'<path d="M{x:.1f},{y - 16:.1f} L{x + 16:.1f},{y:.1f} L{x:.1f},{y + 16:.1f} '
            f'L{x - 16:.1f},{y:.1f} z" {paint}/>'
        )

    return drawn("#ffffff") + drawn(KIND_COLOURS[kind]).replace(
        " stroke=", ' fill-opacity="0.35" stroke=', 1
    )


def map_svg(support_map: SupportMap) -> str:
    """You in the middle; supporters around you, grouped by kind (shape and colour both differ).
    Drawn wide and narrow, like every chart (widgets/ui/svg.py)."""
    return "".join(_map_svg(support_map, frame) for frame in FRAMES)


def _map_svg(support_map: SupportMap, frame: Frame) -> str:
    width = frame.width
    legend_rows = len(KINDS) if frame.narrow else 1
    height = (380 if frame.narrow else 426) + 34 * legend_rows
    rx, ry = (100, 150) if frame.narrow else (235, 150)
    label_size, limit = (14, 11) if frame.narrow else (13, LABEL_LIMIT)
    cx, cy = width / 2, 34 * legend_rows + (height - 34 * legend_rows) / 2
    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    x, y = 16.0, 22.0
    for kind in KINDS:  # a legend: shape and colour for each kind
        parts.append(
            _shape(kind, x + 13, y)
            + f'<text x="{x + 34:.1f}" y="{y + 5:.0f}" font-size="{frame.label}" fill="{INK}">'
            f"{KIND_PLURALS[kind]}</text>"
        )
        if frame.narrow:
            y += 34
        else:
            x += 60 + 8.5 * len(KIND_PLURALS[kind])
    nodes = []
    for kind, middle in KIND_ANGLES.items():
        group = [s for s in support_map.supporters if s.kind == kind]
        for i, supporter in enumerate(group):
            share = (i + 0.5) / len(group) - 0.5
            angle = math.radians(middle + SECTOR * share)
            ring = 1.0 if i % 2 == 0 or len(group) < 4 else 0.68
            x, y = cx + rx * ring * math.cos(angle), cy + ry * ring * math.sin(angle)
            nodes.append((kind, supporter, x, y))
    for _kind, _supporter, x, y in nodes:
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#8a8a8a" '
            'stroke-width="1.5"/>'
        )
    parts.append(
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="30" fill="#ffffff"/>'
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="30" fill="{OKABE_ITO["orange"]}" '
        f'fill-opacity="0.45" stroke="{INK}" stroke-width="2"/>'
        f'<text x="{cx:.1f}" y="{cy + 6:.1f}" text-anchor="middle" font-size="17" '
        f'font-weight="700" fill="{INK}">You</text>'
    )
    for kind, supporter, x, y in nodes:
        parts.append(
            _shape(kind, x, y) + f'<text x="{x:.1f}" y="{y + 31:.1f}" text-anchor="middle" '
            f'font-size="{label_size}" fill="{INK}" stroke="#ffffff" stroke-width="4" '
            f'paint-order="stroke">{html.escape(_short(supporter.name, limit))}</text>'
        )
    return _svg(width, height, "Your support map", "".join(parts), frame)


def map_text(support_map: SupportMap) -> str:
    """The map, its gaps and the ideas as plain text for the learner to download."""
    title = "My support map"
    lines = [title, "=" * len(title), ""]
    for kind in KINDS:
        lines.append(KIND_PLURALS[kind])
        group = [s for s in support_map.supporters if s.kind == kind]
        lines += [f"- {s.name}: {_helps_words(s)}" for s in group] or ["- (nobody yet)"]
        lines.append("")
    found = gaps(support_map)
    lines.append("Gaps to think about")
    lines += [f"- {gap}" for gap in found] or ["- Every kind of help has someone on your map."]
    lines += ["", "Ideas for widening your support"]
    for idea in IDEAS:
        lines.append(f"- {idea.title}: {idea.text}")
        if idea.caution:
            lines.append(f"  A gentle caution: {idea.caution}")
    return "\n".join(lines) + "\n"


def ideas_html() -> str:
    items = "".join(
        f"<li><strong>{html.escape(idea.title)}.</strong> {html.escape(idea.text)}"
        + (f" <em>A gentle caution:</em> {html.escape(idea.caution)}" if idea.caution else "")
        + "</li>"
        for idea in IDEAS
    )
    return f"<h3 class='btc-sim-heading'>Ideas for widening your support</h3><ul>{items}</ul>"


class SupportMapTool(ipw.VBox):
    """Add and remove supporters; see a list, a picture, the gaps and ideas; download as .txt."""

    def __init__(self, record: MyRecord | None = None) -> None:
        self.record = record if record is not None else my_record()
        self.support_map = self.record.record.support_map
        self.record.on_change(self._from_record)
        shared = SharedStyles()
        label = shared.style(DescriptionStyle, description_width="initial")
        button = shared.button()
        checkbox = {
            "indent": False,
            "layout": shared.style(ipw.Layout, width="auto", margin="0 1.5rem 0 0"),
            "style": shared.style(CheckboxStyle),
        }
        row = shared.style(ipw.Layout, flex_flow="row wrap", align_items="center")
        self.name = ipw.Text(
            description="Name",
            placeholder="e.g. my sister Jo, the pain clinic",
            continuous_update=False,
            layout=shared.style(ipw.Layout, width="min(100%, 26rem)"),
            style=shared.style(TextStyle, description_width="initial"),
        )
        self.kind = ipw.Dropdown(
            options=[(KIND_NAMES[k], k) for k in KINDS],
            value="person",
            description="Who they are",
            style=label,
            layout=shared.layout,
        )
        self.helps = {
            key: ipw.Checkbox(value=False, description=HELP_NAMES[key], **checkbox)
            for key in HELP_TYPES
        }
        self.add_button = ipw.Button(
            description="Add to my map", tooltip="Add this supporter to your map", **button
        )
        self.remove_choice = ipw.Dropdown(
            options=[], description="Remove someone", style=label, layout=shared.layout
        )
        self.remove_button = ipw.Button(
            description="Remove from my map",
            tooltip="Take the chosen supporter off your map",
            **button,
        )
        self.message = shared.html("", "btc-live")
        self.table = shared.html("")
        self.picture = AccessibleDiagram("Your support map", shared)
        self.gaps = shared.html("", "btc-live")
        self.download = shared.html("")
        self.add_button.on_click(lambda _b: self.add())
        self.remove_button.on_click(lambda _b: self.remove())
        super().__init__(
            [
                shared.html(NOTE),
                shared.html(_kinds_help()),
                self.name,
                self.kind,
                shared.html("<p>How do they help? Tick all that fit.</p>"),
                ipw.HBox(list(self.helps.values()), layout=row),
                ipw.HBox([self.add_button], layout=row),
                self.message,
                self.table,
                self.picture,
                ipw.HBox([self.remove_choice, self.remove_button], layout=row),
                self.gaps,
                shared.html(ideas_html()),
                self.download,
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-support-map")
        self.refresh()

    def _error(self, text: str) -> None:
        self.message.value = f'<p class="btc-error">{html.escape(text)}</p>'

    def add(self) -> None:
        """Add the typed supporter; a refused one keeps every field as it was."""
        helps = [key for key, box in self.helps.items() if box.value is True]
        try:
            supporter = Supporter(self.name.value, self.kind.value, frozenset(helps))
            new_map = self.support_map.add(supporter)
        except ValueError as error:
            self._error(f"{error} What you typed is still here.")
            return
        if not self._keep(new_map, "What you typed is still here."):
            return
        self.name.value = ""
        for box in self.helps.values():
            box.value = False
        self.message.value = (
            f"<p>Added {html.escape(supporter.name)} to your map ({len(new_map)} so far).</p>"
        )
        self.refresh()

    def remove(self) -> None:
        """Take the chosen supporter off the map."""
        choice = self.remove_choice.value
        if not self.support_map.supporters:
            self._error("There is nobody on your map to remove yet.")
            return
        if not isinstance(choice, str) or not choice:
            self._error("Please choose who to remove first.")
            return
        try:
            new_map = self.support_map.remove(choice)
        except ValueError as error:
            self._error(str(error))
            return
        if not self._keep(new_map, "Your map is unchanged."):
            return
        self.message.value = f"<p>Took {html.escape(choice)} off your map.</p>"
        self.refresh()

    # --- the learner's record -----------------------------------------------------------------

    def _keep(self, new_map: SupportMap, after: str) -> bool:
        """Make `new_map` the page's map and put it in the record (saved on the device if the
        learner chose that). False, with a message and nothing changed, if the record refuses."""
        try:
            self.record.replace(dataclasses.replace(self.record.record, support_map=new_map))
        except ValueError as error:
            self._error(f"That was not saved: {error} {after}")
            return False
        self.support_map = new_map
        return True

    def _from_record(self, record) -> None:
        """The record arrived from the device, was restored or forgotten: show its map."""
        if record.support_map != self.support_map:
            self.support_map = record.support_map
            self.refresh()

    def refresh(self) -> None:
        """Redraw the list, the picture, the remove choices, the gaps and the download."""
        names = [s.name for s in self.support_map.supporters]
        self.remove_choice.options = names
        self.remove_choice.value = names[0] if names else None
        self.table.value = list_html(self.support_map)
        self.picture.show(map_svg(self.support_map), describe_map(self.support_map))
        found = gaps(self.support_map)
        items = "".join(f"<li>{html.escape(gap)}</li>" for gap in found)
        self.gaps.value = "<h3 class='btc-sim-heading'>Gaps to think about</h3>" + (
            f"<ul>{items}</ul>"
            if items
            else "<p>Every kind of help has someone on your map, and there is a professional "
            "too. Keep these links going: a short message now and then helps.</p>"
        )
        self.download.value = download_link(
            FILE_NAME, map_text(self.support_map), "Download my support map (.txt)"
        )


def support_map() -> SupportMapTool:
    """The lesson 05 support map."""
    return SupportMapTool()
