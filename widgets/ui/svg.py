"""Charts and diagrams drawn as SVG text in Python: line charts, the loop diagram, bars.

Why not plotly for these: each plotly chart is re-created on every change (`newPlot`), so three
plotly charts per simulator change cost about 300 ms at p95 here (docs/performance.md). An SVG
string swapped into the page costs a few milliseconds, needs no script, and carries its own title.
All text is escaped; numbers are formatted by us.

Every chart is drawn twice: a wide version (640 units across) and a narrow one (about 300) laid out
for a phone, with larger text, a one-column legend, fewer ticks and wrapped titles. The page shows
one of them by the width the chart really gets (a container query in course.css), so text stays
at least 12 px on screen from a 320 px phone up. Drawing both costs well under a millisecond more
and doubles the bytes per redraw (docs/performance.md); a kernel that knew the width would need a
round trip, and the static page could not be drawn before the kernel starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from widgets.ui.theme import GRID, INK, OKABE_ITO, font
from widgets.words import word as content_word


@dataclass(frozen=True)
class Frame:
    """The size and type of one version of a chart (units of the SVG's viewBox)."""

    width: int
    narrow: bool
    tick: int  # tick labels, band and marker labels
    label: int  # axis titles, legend
    title: int
    #: The widest the picture is shown (CSS px): the narrow one never grows past 1.3 times.
    max_px: int


WIDE = Frame(640, False, 13, 14, 16, 640)
NARROW = Frame(300, True, 14, 15, 16, 400)
FRAMES = (WIDE, NARROW)


def _svg(width: int, height: int, title: str, body: str, frame: Frame = WIDE) -> str:
    variant = "btc-svg-narrow" if frame.narrow else "btc-svg-wide"
    return (
        f'<svg class="btc-svg {variant}" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{frame.max_px}px" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="{escape(font())}">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _id_suffix(frame: Frame) -> str:
    """Ids inside a picture differ between its two versions: a marker or pattern is looked up by
    id in the whole page, and one inside the hidden version would not be drawn."""
    return "-narrow" if frame.narrow else "-wide"


def wide_part(drawing: str) -> str:
    """The wide version of a chart drawn by this module (what prints, and what tests count)."""
    end = drawing.find("</svg>")
    return drawing[: end + len("</svg>")] if end >= 0 else drawing


def wrap(text: str, units: float, size: float, bold: bool = False) -> list[str]:
    """Break `text` into lines that fit `units` across at font `size` (a rough average glyph
    width: 0.56 em, 0.6 em bold). Never breaks inside a word."""
    per_line = max(1, int(units / (size * (0.6 if bold else 0.56))))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


#: A rough average glyph width (em) for estimating how far a label runs: on the wide side, so a
#: label estimated to fit does fit.
GLYPH = 0.6
#: How close (units) a label may come to the edge of its picture.
EDGE = 2
#: A white halo under a label, so the lines it sits on do not cross out its letters.
HALO = ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
#: Where the rotated y-axis title's baseline sits, from the left edge.
Y_TITLE_X = 16


def text_width(text: str, size: float) -> float:
    """An estimate of how far `text` runs at font `size` (`GLYPH` em a character)."""
    return len(text) * size * GLYPH


def _inside(x: float, w: float, anchor: str, low: float, high: float) -> tuple[float, str]:
    """Move a label `w` wide, anchored at `x`, so that it stays within `low`–`high`: a label
    that would run past an edge is anchored at that edge instead (its far side, or its
    near side, stays where it was when it already fits)."""
    start = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    if start + w > high:
        return high, "end"
    if start < low:
        return low, "start"
    return x, anchor


def _lines_text(
    lines: list[str], x: float, y: float, size: int, step: float, extra: str = ""
) -> str:
    """Several lines of text, one `<text>` each, from baseline `y` down by `step`."""
    return "".join(
        f'<text x="{x:.1f}" y="{y + i * step:.1f}" font-size="{size}"{extra} fill="{INK}">'
        f"{escape(line)}</text>"
        for i, line in enumerate(lines)
    )


def loop_diagram(
    positions: dict[str, tuple[float, float]],
    levels: dict[str, float],
    pushes: dict[tuple[str, str], float],
    names: dict[str, str],
    colours: dict[str, str],
    strongest: float,
    title: str,
    strong_at: float | None = None,
    key: str | None = None,
) -> str:
    """Nodes sized and shaded by level (0–10); arrows as thick as their push, source → target.

    `pushes` may be any non-negative size per link (the cycle simulator passes the points each
    link adds to its target); an arrow is solid from `strong_at` (default: 30% of `strongest`).
    `key`, the line under the diagram, is by default widgets/content/ui.toml's [loop] key.
    """
    key = content_word("ui", "loop", "key") if key is None else key
    args = (positions, levels, pushes, names, colours, strongest, title, strong_at, key)
    return "".join(_loop_diagram(frame, *args) for frame in FRAMES)


def _loop_diagram(
    frame: Frame,
    positions: dict[str, tuple[float, float]],
    levels: dict[str, float],
    pushes: dict[tuple[str, str], float],
    names: dict[str, str],
    colours: dict[str, str],
    strongest: float,
    title: str,
    strong_at: float | None,
    key: str,
) -> str:
    strong_at = 0.3 * strongest if strong_at is None else strong_at
    width = frame.width
    key_lines = wrap(key, width - 16, frame.tick)
    if frame.narrow:
        x_scale, y_scale, base, per_level, name_size, level_size = 104, 132, 22, 1.8, 14, 14
        height = 360 + 18 * len(key_lines)
    else:
        x_scale, y_scale, base, per_level, name_size, level_size = 246, 170, 30, 2.2, 15, 14
        height = 420

    def at(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return width / 2 + x * x_scale, (height - 18 * len(key_lines)) / 2 - y * y_scale + 18

    heads = {"strong": OKABE_ITO["vermillion"], "weak": "#8a8a8a"}
    suffix = _id_suffix(frame)
    parts = [
        "<defs>"
        + "".join(
            f'<marker id="btc-head-{kind}{suffix}" viewBox="0 0 10 10" refX="8" refY="5" '
            f'markerWidth="4" markerHeight="4" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{colour}"/></marker>'
            for kind, colour in heads.items()
        )
        + "</defs>"
    ]
    radius = {node: base + per_level * levels[node] for node in levels}
    for (target, source), push in sorted(pushes.items(), key=lambda item: item[1]):
        (x0, y0), (x1, y1) = at(source), at(target)
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        ox, oy = -uy * 7, ux * 7  # two-way links run side by side
        start = (x0 + ux * (radius[source] + 4) + ox, y0 + uy * (radius[source] + 4) + oy)
        end = (x1 - ux * (radius[target] + 8) + ox, y1 - uy * (radius[target] + 8) + oy)
        kind = "strong" if push >= strong_at else "weak"
        thickness = 1 + 7 * min(push, strongest) / strongest
        dash = "" if kind == "strong" else ' stroke-dasharray="6 4"'
        parts.append(
            f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" '
            f'stroke="{heads[kind]}" stroke-width="{thickness:.1f}"{dash} '
            f'marker-end="url(#btc-head-{kind}{suffix})" stroke-linecap="round"/>'
        )
    for node, level in levels.items():
        x, y = at(node)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[node]:.1f}" fill="{colours[node]}" '
            f'fill-opacity="{0.25 + 0.06 * level:.2f}" stroke="{INK}" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y - 2:.1f}" text-anchor="middle" font-size="{name_size}" '
            f'font-weight="700" fill="{INK}" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">{escape(names[node].capitalize())}</text>'
            f'<text x="{x:.1f}" y="{y + 16:.1f}" text-anchor="middle" font-size="{level_size}" '
            f'fill="{INK}">{level:.0f}/10</text>'
        )
    parts.append(_lines_text(key_lines, 8, height - 8 - 18 * (len(key_lines) - 1), frame.tick, 18))
    return _svg(width, height, title, "".join(parts), frame)


def grouped_bars(
    labels: list[str],
    series: list[tuple[str, list[float], str, bool]],
    title: str,
    top: float = 10.0,
) -> str:
    """Bars per label for each (name, values, colour, hatched) series, on a 0–`top` axis.
    Wide, the bars stand side by side; on a phone they lie down, with their labels on the left,
    so no label is squeezed."""
    return _grouped_bars(WIDE, labels, series, title, top) + _lying_bars(
        NARROW, labels, series, title, top
    )


def _lying_bars(
    frame: Frame,
    labels: list[str],
    series: list[tuple[str, list[float], str, bool]],
    title: str,
    top: float,
) -> str:
    width, size = frame.width, frame.tick
    left = 8 + max(len(line) for label in labels for line in wrap(label, 96, size)) * size * 0.56
    left, right = min(left + 8, 112), 14
    bar = 18
    group = bar * len(series) + 14
    upper = 12 + 24 * len(series)
    plot_h = group * len(labels)
    height = upper + plot_h + 30
    plot_w = width - left - right
    suffix = _id_suffix(frame)
    parts = [
        f'<defs><pattern id="btc-hatch{suffix}" width="8" height="8" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#d9d9d9"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#6b6b6b" stroke-width="3"/></pattern></defs>'
    ]
    for tick in range(0, int(top) + 1, 2):
        x = left + plot_w * tick / top
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{upper}" y2="{upper + plot_h}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{upper + plot_h + 20}" text-anchor="middle" '
            f'font-size="{size}" fill="{INK}">{tick}</text>'
        )
    for i, label in enumerate(labels):
        y0 = upper + group * i + 7
        lines = wrap(label, left - 12, size)
        middle = y0 + bar * len(series) / 2 + 5 - 8 * (len(lines) - 1)
        parts.append(
            "".join(
                f'<text x="{left - 8:.1f}" y="{middle + 16 * k:.1f}" text-anchor="end" '
                f'font-size="{size}" fill="{INK}">{escape(line)}</text>'
                for k, line in enumerate(lines)
            )
        )
        for j, (_name, values, colour, hatched) in enumerate(series):
            value = max(0.0, min(top, values[i]))
            fill = f"url(#btc-hatch{suffix})" if hatched else colour
            parts.append(
                f'<rect x="{left}" y="{y0 + j * bar:.1f}" width="{plot_w * value / top:.1f}" '
                f'height="{bar - 2}" fill="{fill}" stroke="{INK}"/>'
            )
    y = 8
    for name, _values, colour, hatched in series:
        fill = f"url(#btc-hatch{suffix})" if hatched else colour
        parts.append(
            f'<rect x="8" y="{y}" width="16" height="16" fill="{fill}" stroke="{INK}"/>'
            f'<text x="30" y="{y + 13}" font-size="{frame.label}" fill="{INK}">'
            f"{escape(name)}</text>"
        )
        y += 24
    return _svg(width, height, title, "".join(parts), frame)


def _grouped_bars(
    frame: Frame,
    labels: list[str],
    series: list[tuple[str, list[float], str, bool]],
    title: str,
    top: float,
) -> str:
    width = frame.width
    left, right = 48, 12
    group = (width - left - right) / len(labels)
    label_lines = [wrap(label, group - 4, frame.label) for label in labels]
    rows = max(len(lines) for lines in label_lines)
    upper = 38  # the legend, side by side
    lower = 26 + 18 * rows
    height = 214 + upper + lower
    plot_h = height - upper - lower
    bar = group * 0.7 / max(1, len(series))
    parts = [
        f'<defs><pattern id="btc-hatch{_id_suffix(frame)}" width="8" height="8" '
        'patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#d9d9d9"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#6b6b6b" stroke-width="3"/></pattern></defs>'
    ]
    for tick in range(0, int(top) + 1, 2):
        y = upper + plot_h * (1 - tick / top)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end" font-size="{frame.tick}" '
            f'fill="{INK}">{tick}</text>'
        )
    for i, lines in enumerate(label_lines):
        x0 = left + group * i + group * 0.15
        for j, (_name, values, colour, hatched) in enumerate(series):
            value = max(0.0, min(top, values[i]))
            h = plot_h * value / top
            fill = f"url(#btc-hatch{_id_suffix(frame)})" if hatched else colour
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{upper + plot_h - h:.1f}" width="{bar - 2:.1f}" '
                f'height="{h:.1f}" fill="{fill}" stroke="{INK}"/>'
            )
        centre = left + group * (i + 0.5)
        parts.append(
            "".join(
                f'<text x="{centre:.1f}" y="{upper + plot_h + 20 + 18 * k}" text-anchor="middle" '
                f'font-size="{frame.label}" fill="{INK}">'
                f"{escape(line)}</text>"
                for k, line in enumerate(lines)
            )
        )
    x, y = left, 10
    for name, _values, colour, hatched in series:
        fill = f"url(#btc-hatch{_id_suffix(frame)})" if hatched else colour
        parts.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="{fill}" stroke="{INK}"/>'
            f'<text x="{x + 22}" y="{y + 13}" font-size="{frame.label}" fill="{INK}">'
            f"{escape(name)}</text>"
        )
        x += 30 + 8 * len(name)
    return _svg(width, height, title, "".join(parts), frame)


@dataclass(frozen=True)
class Line:
    """One series of a line chart: a colour and a dash pattern, so lines differ in more than hue."""

    name: str
    xs: list[float]
    ys: list[float]
    colour: str
    dash: str = ""  # an SVG stroke-dasharray, "" for solid
    #: A marker shape drawn every `marker_every` points, from point `marker_offset` on, and in
    #: the legend: lines that run on top of each other still show both shapes. "" for none.
    marker: str = ""
    marker_every: int = 7
    marker_offset: int = 0
    #: Stroke width in chart units; a thinner line reads as a background (a pinned run).
    width: float = 3.0


@dataclass(frozen=True)
class Band:
    """A shaded stretch of the x axis with a label (a flare, a week of short nights)."""

    start: float
    end: float
    colour: str
    label: str


#: Dash patterns that go with the series colours (SVG stroke-dasharray values).
DASHES = ("", "9 5", "2 5", "10 4 2 4", "16 5")
#: Marker shapes that go with them.
MARKERS = ("circle", "square", "triangle", "diamond", "cross")


@dataclass(frozen=True)
class Point:
    """A labelled point on a line chart (a half-way mark, a peak): a ring and a short label."""

    x: float
    y: float
    colour: str
    label: str


def _marker(shape: str, x: float, y: float, colour: str, size: float = 5.5) -> str:
    """An SVG marker centred on (x, y), white-edged so it shows on top of other lines."""
    edge = 'stroke="#ffffff" stroke-width="1.5"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}" {edge}/>'
    if shape == "square":
        side = size * 1.7
        return (
            f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" fill="{colour}" {edge}/>'
        )
    if shape == "triangle":
        r = size * 1.25
        return (
            f'<path d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y + r * 0.8:.1f} '
            f'L{x - r:.1f},{y + r * 0.8:.1f} Z" fill="{colour}" {edge}/>'
        )
    if shape == "diamond":
        r = size * 1.3
        return (
            f'<path d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y:.1f} L{x:.1f},{y + r:.1f} '
            f'L{x - r:.1f},{y:.1f} Z" fill="{colour}" {edge}/>'
        )
    if shape == "cross":
        r = size
        return (
            f'<path d="M{x - r:.1f},{y - r:.1f} L{x + r:.1f},{y + r:.1f} M{x - r:.1f},'
            f'{y + r:.1f} L{x + r:.1f},{y - r:.1f}" stroke="{colour}" stroke-width="3.5"/>'
        )
    raise ValueError(f"unknown marker {shape!r}; choose from {', '.join(MARKERS)}")


def line_chart(
    lines: list[Line],
    title: str,
    x_title: str,
    y_title: str,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    x_ticks: list[tuple[float, str]],
    y_ticks: list[float],
    bands: tuple[Band, ...] = (),
    markers: tuple[tuple[float, str], ...] = (),
    points: tuple[Point, ...] = (),
    h_lines: tuple[tuple[float, str], ...] = (),
) -> str:
    """A line chart as SVG: legend on top, shaded bands, dotted vertical markers with labels,
    dotted horizontal reference lines (`h_lines`, e.g. zero) and labelled points.

    Replaces plotly in the simulators: plotly's front-end script alone made lesson 03 take about
    1.2 s longer to become usable (docs/performance.md), and each redraw re-creates the chart.
    """
    args = (lines, title, x_title, y_title, x_range, y_range, x_ticks, y_ticks)
    more = (bands, markers, points, h_lines)
    return "".join(_line_chart(frame, *args, *more) for frame in FRAMES)


def _line_chart(
    frame: Frame,
    lines: list[Line],
    title: str,
    x_title: str,
    y_title: str,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    x_ticks: list[tuple[float, str]],
    y_ticks: list[float],
    bands: tuple[Band, ...],
    markers: tuple[tuple[float, str], ...],
    points: tuple[Point, ...],
    h_lines: tuple[tuple[float, str], ...],
) -> str:
    width = frame.width
    tick_size, label_size = frame.tick, frame.label
    title_x = 8 if frame.narrow else 56
    title_lines = wrap(title, width - title_x - 8, frame.title, bold=True)
    columns = 1 if frame.narrow else 2
    legend_top = 14 + 20 * len(title_lines)
    # The legend keeps its place (under the title); the plot's left edge follows the y axis.
    legend_x = 44 if frame.narrow else 56
    y_labels = [f"{tick:g}" for tick in y_ticks]
    # The left margin fits the widest tick label and, left of it, the rotated y title (which
    # reaches about half its font size right of its baseline): as narrow as that allows.
    label_gap = 6 if frame.narrow else 8
    widest = max((text_width(label, tick_size) for label in y_labels), default=0.0)
    beside = Y_TITLE_X + label_size / 2 + 2 if y_title else 2 * EDGE
    left = math.ceil(beside + widest + label_gap)
    if not frame.narrow:
        left = max(left, 56)
    right = 12 if frame.narrow else 26
    upper = legend_top + 22 * ((len(lines) + columns - 1) // columns)
    lower = 50
    height = upper + lower + 200 if frame.narrow else 340 + 20 * (len(title_lines) - 1)
    plot_w, plot_h = width - left - right, height - upper - lower
    if frame.narrow:
        # Keep tick labels apart: at most one label per 44 units (more for wide labels).
        spacing = max([44.0] + [text_width(label, tick_size) + 8 for _value, label in x_ticks])
        keep = max(1, math.ceil(len(x_ticks) * spacing / plot_w))
        x_ticks = x_ticks[::keep]
    (x0, x1), (y0, y1) = x_range, y_range
    if x1 <= x0 or y1 <= y0:
        raise ValueError("a chart's axis range must run from low to high")

    def sx(x: float) -> float:
        return left + plot_w * (min(max(x, x0), x1) - x0) / (x1 - x0)

    def sy(y: float) -> float:
        return upper + plot_h * (1 - (min(max(y, y0), y1) - y0) / (y1 - y0))

    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for band in bands:
        a, b = sx(band.start), sx(band.end)
        at = min(a + 3, width - EDGE - text_width(band.label, tick_size))
        parts.append(
            f'<rect x="{a:.1f}" y="{upper}" width="{max(b - a, 1):.1f}" height="{plot_h}" '
            f'fill="{band.colour}" fill-opacity="0.22"/>'
            f'<text x="{max(at, EDGE):.1f}" y="{upper + 15}" font-size="{tick_size}" '
            f'fill="{INK}">{escape(band.label)}</text>'
        )
    for tick, label in zip(y_ticks, y_labels, strict=True):
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - label_gap}" y="{y + 5:.1f}" text-anchor="end" '
            f'font-size="{tick_size}" fill="{INK}">{label}</text>'
        )
    # x tick labels stay inside the picture: one that would run past an edge is anchored at
    # it, and an inner label it would then overlap gives way (the end one says more).
    placed: list[tuple[float, str, float, float, str]] = []
    for k, (value, label) in enumerate(x_ticks):
        x = sx(value)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{upper + plot_h}" y2="{upper + plot_h + 5}" '
            f'stroke="{INK}"/>'
        )
        w = text_width(label, tick_size)
        at, anchor = _inside(x, w, "middle", EDGE, width - EDGE)
        low = {"start": at, "middle": at - w / 2, "end": at - w}[anchor]
        if placed and low < placed[-1][3] + 4:
            if k == len(x_ticks) - 1 and len(placed) > 1:
                placed.pop()
            else:
                continue
        placed.append((at, anchor, low, low + w, label))
    for at, anchor, _low, _high, label in placed:
        parts.append(
            f'<text x="{at:.1f}" y="{upper + plot_h + 20}" text-anchor="{anchor}" '
            f'font-size="{tick_size}" fill="{INK}">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{upper + plot_h}" y2="{upper + plot_h}" '
        f'stroke="{INK}"/>'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" '
        f'font-size="{label_size}" fill="{INK}">{escape(x_title)}</text>'
        f'<text transform="translate({Y_TITLE_X} {upper + plot_h / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle" font-size="{label_size}" fill="{INK}">{escape(y_title)}</text>'
    )
    # Reference lines and markers run under the curves; their labels go on top of them (drawn
    # after the curves, below), white-haloed so that a curve crossing one cannot cross it out.
    labels: list[str] = []
    for value, label in h_lines:
        y = sy(value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{INK}" '
            f'stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
        if label:
            labels.append(
                f'<text x="{width - right - 4}" y="{y - 6:.1f}" text-anchor="end" '
                f'font-size="{tick_size}" fill="{INK}"{HALO}>{escape(label)}</text>'
            )
    for i, (value, label) in enumerate(markers):
        x = sx(value)
        # Right of the line, or left of it where the label would run past the plot.
        w = text_width(label, tick_size)
        at, anchor = (x + 4, "start") if x + 4 + w <= left + plot_w else (x - 4, "end")
        at, anchor = _inside(at, w, anchor, EDGE, width - EDGE)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{upper}" y2="{upper + plot_h}" stroke="{INK}" '
            f'stroke-width="1.5" stroke-dasharray="2 4"/>'
        )
        labels.append(
            f'<text x="{at:.1f}" y="{upper + plot_h - 8 - 16 * i}" text-anchor="{anchor}" '
            f'font-size="{tick_size}" fill="{INK}"{HALO}>{escape(label)}</text>'
        )
    for line in lines:
        if len(line.xs) != len(line.ys):
            raise ValueError(f"series {line.name!r} has {len(line.xs)} x and {len(line.ys)} y")
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in zip(line.xs, line.ys, strict=True))
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{line.colour}" '
            f'stroke-width="{line.width:g}" stroke-linejoin="round"{dash}/>'
        )
    for line in lines:
        if line.marker:
            for x, y in list(zip(line.xs, line.ys, strict=True))[
                line.marker_offset :: max(1, line.marker_every)
            ]:
                parts.append(_marker(line.marker, sx(x), sy(y), line.colour))
    parts.extend(labels)
    for point in points:
        x, y = sx(point.x), sy(point.y)
        w = text_width(point.label, tick_size)
        # Left of the ring from 70% across, or sooner where the label would run off.
        right_side = x <= left + plot_w * 0.7 and x + 9 + w <= width - EDGE
        at, anchor = (x + 9, "start") if right_side else (x - 9, "end")
        at, anchor = _inside(at, w, anchor, EDGE, width - EDGE)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#ffffff" stroke="{point.colour}" '
            f'stroke-width="3"/><text x="{at:.1f}" y="{y - 10:.1f}" text-anchor="{anchor}" '
            f'font-size="{tick_size}" font-weight="700" fill="{INK}"{HALO}>'
            f"{escape(point.label)}</text>"
        )
    parts.append(_lines_text(title_lines, title_x, 20, frame.title, 20, ' font-weight="700"'))
    for i, line in enumerate(lines):
        x, y = legend_x + (i % columns) * 300, legend_top + 8 + 22 * (i // columns)
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 34}" y1="{y - 5}" y2="{y - 5}" stroke="{line.colour}" '
            f'stroke-width="{line.width:g}"{dash}/><text x="{x + 42}" y="{y}" '
            f'font-size="{label_size}" fill="{INK}">{escape(line.name)}</text>'
            + (_marker(line.marker, x + 17, y - 5, line.colour) if line.marker else "")
        )
    return _svg(width, height, title, "".join(parts), frame)


def nice_ticks(low: float, high: float, most: int = 7) -> tuple[float, float, list[float]]:
    """A rounded axis range that covers low–high, and at most `most` evenly spaced round ticks."""
    span = max(high - low, 1e-9)
    step = 10 ** math.floor(math.log10(span / most))
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= most - 1:
            step *= factor
            break
    start, stop = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((stop - start) / step)
    return start, stop, [round(start + i * step, 10) for i in range(count + 1)]
