"""The support map (lesson 05): who helps you, with what, and where the gaps are.

The learner adds people, groups and professionals with the kinds of help each gives; the map shows
them as a list and as a simple picture (you in the middle, supporters around you by kind) with a
text alternative, then names the gaps and offers ideas. Every entry goes through
widgets/models/support_map.py; a refused one shows a message and keeps what was typed. Names are
learner text: escaped in HTML and in the SVG, downloaded as .txt on request. The map is part of
the learner's record (widgets/views/my_record.py): kept in this browser when the learner chose
that, and only in this page's kernel otherwise; never on the server. A change the record refuses
shows a message and keeps what was typed. The page's words are in
widgets/content/support_map.toml; the picture's text alternative, the gaps and the .txt file come
from widgets/describers/support_map.py (`describe_map` and `map_text` are still importable here).
"""

from __future__ import annotations

import dataclasses
import html
import math

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import TextStyle

from widgets.describers.support_map import (
    describe_map,
    gaps,
    help_name,
    kind_name,
    kind_plural,
    map_text,
)
from widgets.models.support_map import (
    HELP_KEYS,
    KIND_KEYS,
    Supporter,
    SupportMap,
    help_types,
    ideas,
    kinds,
)
from widgets.ui.download import download_link
from widgets.ui.plots import AccessibleDiagram
from widgets.ui.shared import CheckboxStyle, DescriptionStyle, SharedStyles
from widgets.ui.svg import FRAMES, Frame, _svg
from widgets.ui.theme import INK, OKABE_ITO
from widgets.views.my_record import MyRecord, my_record
from widgets.words import word

__all__ = [  # describe_map and map_text live in widgets/describers/support_map.py now
    "SupportMapTool",
    "describe_map",
    "ideas_html",
    "list_html",
    "map_svg",
    "map_text",
    "support_map",
]

FILE_NAME = "my-support-map.txt"
CONTENT = "support_map"
KIND_COLOURS = {
    "person": OKABE_ITO["blue"],
    "group": OKABE_ITO["bluish_green"],
    "professional": OKABE_ITO["vermillion"],
}
#: Where each kind sits around "you": the middle of its sector, in degrees (0 = right, clockwise).
KIND_ANGLES = {"person": -90.0, "group": 30.0, "professional": 150.0}
SECTOR = 110.0  # degrees each kind may spread over
CELL = "padding:0.2rem 0.6rem"
LABEL_LIMIT = 18  # characters of a name drawn in the picture (the list shows it in full)


def _say(section: str, key: str, **values: object) -> str:
    """One text from widgets/content/support_map.toml, filled in (plain text, not HTML)."""
    return word(CONTENT, section, key).format(**values)


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def note_html() -> str:
    """The note at the top: names stay on this device, and why the kind of help matters."""
    kind = f"<em>{html.escape(_say('page', 'kind_word'))}</em>"
    why = html.escape(word(CONTENT, "page", "why")).format(kind=kind)
    return (
        '<div class="btc-model-note">'
        f"<p><strong>{html.escape(_say('page', 'note_lead'))}</strong> "
        f"{html.escape(_say('page', 'note'))}</p>"
        f"<p>{why}</p></div>"
    )


def _kinds_help() -> str:
    kinds_list = "".join(f"<li>{html.escape(text)}</li>" for text in kinds().values())
    helps = "".join(f"<li>{html.escape(text)}</li>" for text in help_types().values())
    return (
        f"{_p(_say('page', 'add_people'))}<ul>{kinds_list}</ul>"
        f"{_p(_say('page', 'kinds_of_help'))}<ul>{helps}</ul>"
    )


def _short(name: str, limit: int = LABEL_LIMIT) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def list_html(support_map: SupportMap) -> str:
    """The map as an escaped HTML table, grouped by kind."""
    if not support_map.supporters:
        return _p(_say("table", "empty"))
    yes = html.escape(_say("table", "yes"))
    no = f'<span class="btc-visually-hidden">{html.escape(_say("table", "no"))}</span>'
    rows = []
    for kind in KIND_KEYS:
        for s in (s for s in support_map.supporters if s.kind == kind):
            cells = "".join(
                f'<td style="{CELL};text-align:center">{yes if h in s.helps_with else no}</td>'
                for h in HELP_KEYS
            )
            rows.append(
                f'<tr><th scope="row" style="{CELL};text-align:left">'
                f"{html.escape(s.name)}</th>"
                f'<td style="{CELL}">{html.escape(kind_name(kind))}</td>{cells}</tr>'
            )
    head = "".join(
        f'<th scope="col" style="{CELL}">{html.escape(help_name(h))}</th>' for h in HELP_KEYS
    )
    return (
        '<table class="btc-support-table" style="border-collapse:collapse">'
        "<caption style='text-align:left;font-weight:700'>"
        f"{html.escape(_say('table', 'caption'))}</caption>"
        f'<thead><tr><th scope="col" style="{CELL};text-align:left">'
        f"{html.escape(_say('table', 'name'))}</th>"
        f'<th scope="col" style="{CELL}">{html.escape(_say("table", "kind"))}</th>'
        f"{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


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
    legend_rows = len(KIND_KEYS) if frame.narrow else 1
    height = (380 if frame.narrow else 426) + 34 * legend_rows
    rx, ry = (100, 150) if frame.narrow else (235, 150)
    label_size, limit = (14, 11) if frame.narrow else (13, LABEL_LIMIT)
    cx, cy = width / 2, 34 * legend_rows + (height - 34 * legend_rows) / 2
    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    x, y = 16.0, 22.0
    for kind in KIND_KEYS:  # a legend: shape and colour for each kind
        plural = kind_plural(kind)
        parts.append(
            _shape(kind, x + 13, y)
            + f'<text x="{x + 34:.1f}" y="{y + 5:.0f}" font-size="{frame.label}" fill="{INK}">'
            f"{html.escape(plural)}</text>"
        )
        if frame.narrow:
            y += 34
        else:
            x += 60 + 8.5 * len(plural)
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
        f'font-weight="700" fill="{INK}">{html.escape(_say("picture", "you"))}</text>'
    )
    for kind, supporter, x, y in nodes:
        parts.append(
            _shape(kind, x, y) + f'<text x="{x:.1f}" y="{y + 31:.1f}" text-anchor="middle" '
            f'font-size="{label_size}" fill="{INK}" stroke="#ffffff" stroke-width="4" '
            f'paint-order="stroke">{html.escape(_short(supporter.name, limit))}</text>'
        )
    return _svg(width, height, _say("picture", "title"), "".join(parts), frame)


def ideas_html() -> str:
    """The ideas for widening support, with a gentle caution where one is needed."""
    caution = html.escape(_say("ideas", "caution_label"))
    items = "".join(
        f"<li><strong>{html.escape(idea.title)}.</strong> {html.escape(idea.text)}"
        + (f" <em>{caution}</em> {html.escape(idea.caution)}" if idea.caution else "")
        + "</li>"
        for idea in ideas()
    )
    heading = html.escape(_say("ideas", "heading"))
    return f"<h3 class='btc-sim-heading'>{heading}</h3><ul>{items}</ul>"


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
            description=_say("page", "name"),
            placeholder=_say("page", "name_placeholder"),
            continuous_update=False,
            layout=shared.style(ipw.Layout, width="min(100%, 26rem)"),
            style=shared.style(TextStyle, description_width="initial"),
        )
        self.kind = ipw.Dropdown(
            options=[(kind_name(k), k) for k in KIND_KEYS],
            value="person",
            description=_say("page", "kind"),
            style=label,
            layout=shared.layout,
        )
        self.helps = {
            key: ipw.Checkbox(value=False, description=help_name(key), **checkbox)
            for key in HELP_KEYS
        }
        self.add_button = ipw.Button(
            description=_say("page", "add"), tooltip=_say("page", "add_tooltip"), **button
        )
        self.remove_choice = ipw.Dropdown(
            options=[], description=_say("page", "remove_menu"), style=label, layout=shared.layout
        )
        self.remove_button = ipw.Button(
            description=_say("page", "remove"),
            tooltip=_say("page", "remove_tooltip"),
            **button,
        )
        self.message = shared.html("", "btc-live")
        self.table = shared.html("")
        self.picture = AccessibleDiagram(_say("picture", "title"), shared)
        self.gaps = shared.html("", "btc-live")
        self.download = shared.html("")
        self.add_button.on_click(lambda _b: self.add())
        self.remove_button.on_click(lambda _b: self.remove())
        super().__init__(
            [
                shared.html(note_html()),
                shared.html(_kinds_help()),
                self.name,
                self.kind,
                shared.html(_p(_say("page", "how_they_help"))),
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
            self._error(f"{error} {_say('messages', 'still_here')}")
            return
        if not self._keep(new_map, _say("messages", "still_here")):
            return
        self.name.value = ""
        for box in self.helps.values():
            box.value = False
        self.message.value = _p(_say("messages", "added", name=supporter.name, count=len(new_map)))
        self.refresh()

    def remove(self) -> None:
        """Take the chosen supporter off the map."""
        choice = self.remove_choice.value
        if not self.support_map.supporters:
            self._error(_say("messages", "nobody_to_remove"))
            return
        if not isinstance(choice, str) or not choice:
            self._error(_say("messages", "choose"))
            return
        try:
            new_map = self.support_map.remove(choice)
        except ValueError as error:
            self._error(str(error))
            return
        if not self._keep(new_map, _say("messages", "unchanged")):
            return
        self.message.value = _p(_say("messages", "removed", name=choice))
        self.refresh()

    # --- the learner's record -----------------------------------------------------------------

    def _keep(self, new_map: SupportMap, after: str) -> bool:
        """Make `new_map` the page's map and put it in the record (saved on the device if the
        learner chose that). False, with a message and nothing changed, if the record refuses."""
        try:
            self.record.replace(dataclasses.replace(self.record.record, support_map=new_map))
        except ValueError as error:
            self._error(_say("messages", "not_saved", error=error, after=after))
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
        heading = html.escape(_say("gaps", "heading"))
        self.gaps.value = f"<h3 class='btc-sim-heading'>{heading}</h3>" + (
            f"<ul>{items}</ul>" if items else _p(_say("gaps", "none"))
        )
        self.download.value = download_link(
            FILE_NAME, map_text(self.support_map), _say("file", "download")
        )


def support_map() -> SupportMapTool:
    """The lesson 05 support map."""
    return SupportMapTool()
