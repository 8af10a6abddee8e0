"""Line-chart geometry on a phone (the narrow frame) and wide: labels clear each other, stay in
the picture, and keep a white halo where lines cross them.

Text widths are estimated as in widgets/ui/svg.py: characters × font size × 0.6.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from widgets.ui.svg import NARROW, WIDE, Band, Line, Point, line_chart, wide_part

SVG = "{http://www.w3.org/2000/svg}"
GLYPH = 0.6


def frames(drawing: str) -> list[tuple[int, ET.Element]]:
    """The wide and the narrow picture, each with its width (its viewBox)."""
    wide = wide_part(drawing)
    found = []
    for part in (wide, drawing[len(wide) :]):
        root = ET.fromstring(part)
        found.append((int(root.get("viewBox").split()[2]), root))
    assert [width for width, _root in found] == [WIDE.width, NARROW.width]
    return found


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def extent(text: ET.Element) -> tuple[float, float]:
    """Where a label runs from and to across its picture (estimated)."""
    x, size = float(text.get("x")), float(text.get("font-size"))
    w = len(text.text or "") * size * GLYPH
    start = {"start": x, "middle": x - w / 2, "end": x - w}[text.get("text-anchor", "start")]
    return start, start + w


def chart(y_ticks: list[float], y_title: str = "% from average", **more) -> str:
    low, high = min(y_ticks), max(y_ticks)
    hours = [4 + h for h in range(25)]
    return line_chart(
        [
            Line("Your night", hours, [low + (high - low) * (h % 7) / 7 for h in hours], "#0072B2"),
            Line(
                "Usual night", hours, [high - (high - low) * (h % 5) / 5 for h in hours], "#D55E00"
            ),
        ],
        "Higher = more sensitive to pain",
        "Time of day",
        y_title,
        (4, 28),
        (low, high),
        [(4 + h, f"{(4 + h) % 24:02d}:00") for h in range(0, 25, 6)],  # 04:00 at both ends
        y_ticks,
        **more,
    )


@pytest.mark.parametrize(
    "y_ticks",
    [[0, 5, 10], [0, 50, 100], [0, 400, 800, 1200], [-15, -10, -5, 0, 5, 10, 15], [0, 0.25, 0.5]],
)
def test_the_y_title_clears_the_widest_tick_label_in_both_frames(y_ticks):
    """The rotated title reaches about half its font size right of its baseline; the widest
    tick label ("100", "1200", "-10") starts right of that, and not much further."""
    labels = {f"{tick:g}" for tick in y_ticks}
    for _width, root in frames(chart(y_ticks)):
        title = next(t for t in texts(root) if "rotate(-90)" in (t.get("transform") or ""))
        title_x = float(re.match(r"translate\(([\d.]+) ", title.get("transform")).group(1))
        reach = title_x + float(title.get("font-size")) / 2
        ticks = [t for t in texts(root) if t.get("text-anchor") == "end" and t.text in labels]
        assert {t.text for t in ticks} == labels
        first = min(extent(t)[0] for t in ticks)
        assert reach < first, (title_x, first)
        axis = next(
            float(line.get("x1"))
            for line in root.iter(f"{SVG}line")
            if line.get("stroke") != "#ffffff" and line.get("y1") == line.get("y2")
        )
        if root.get("class").endswith("narrow"):
            assert first - reach <= 6, "the plot gives no more room than the labels need"
            assert axis - max(extent(t)[1] for t in ticks) <= 8


def test_without_a_y_title_the_tick_labels_still_fit():
    for _width, root in frames(chart([0, 400, 800, 1200], y_title="")):
        ticks = [t for t in texts(root) if t.get("text-anchor") == "end" and t.text == "1200"]
        assert ticks and extent(ticks[0])[0] >= 0


def full_chart() -> str:
    """Every kind of label at the edges: the last tick at x max, a marker on it, a band to the
    right edge, a long point label just short of 70% across and a reference line's label."""
    return chart(
        [-15, -10, -5, 0, 5, 10, 15],
        bands=(Band(23, 28, "#56B4E9", "asleep"), Band(27.5, 28, "#E69F00", "a late flare")),
        markers=((4, "day 1"), (16, "day 12"), (28, "today, day 84")),
        points=(Point(20.5, 5, "#0072B2", "half-way, day 28"),),
        h_lines=((0, "same as a usual night"),),
    )


def test_every_anchored_label_stays_inside_its_frame():
    """Issue: on a phone the last x tick label ("04:00" at x max) was cut in half."""
    for width, root in frames(full_chart()):
        for text in texts(root):
            if text.get("x") is None:
                continue
            low, high = extent(text)
            assert low >= 0 and high <= width, (width, text.text, low, high)


def test_x_tick_labels_at_both_ends_stay_and_never_overlap():
    for width, root in frames(full_chart()):
        bottom = max(float(t.get("y")) for t in texts(root) if t.get("x") and ":" in t.text)
        ticks = sorted(
            (t for t in texts(root) if t.get("x") and float(t.get("y")) == bottom),
            key=lambda t: float(t.get("x")),
        )
        assert ticks[0].text == "04:00" and ticks[-1].text == "04:00"
        assert ticks[-1].get("text-anchor") == "end" or extent(ticks[-1])[1] <= width - 2
        spans = [extent(t) for t in ticks]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), spans


def halo(text: ET.Element) -> bool:
    return (
        text.get("paint-order") == "stroke"
        and text.get("stroke") == "#ffffff"
        and float(text.get("stroke-width", 0)) >= 3
    )


def test_reference_line_and_marker_labels_carry_a_white_halo():
    """Curves crossed "same as a usual night" and "day 12" out; a halo keeps them readable,
    as the labelled points already had."""
    for _width, root in frames(full_chart()):
        named = {t.text: t for t in texts(root)}
        for label in ("same as a usual night", "day 1", "day 12", "today, day 84"):
            assert halo(named[label]), label
        assert halo(named["half-way, day 28"])
        # A halo only helps on top: the labels are painted after (over) every curve.
        order = list(root)
        last_curve = max(i for i, el in enumerate(order) if el.tag == f"{SVG}polyline")
        for label in ("same as a usual night", "day 1", "day 12", "today, day 84"):
            assert order.index(named[label]) > last_curve, label


def test_a_marker_label_at_the_right_edge_turns_to_the_left_of_its_line():
    for _width, root in frames(full_chart()):
        named = {t.text: t for t in texts(root)}
        dotted = sorted(
            float(line.get("x1"))
            for line in root.iter(f"{SVG}line")
            if line.get("stroke-dasharray") == "2 4"
        )
        first, middle, last = dotted
        edge = named["today, day 84"]
        assert edge.get("text-anchor") == "end" and float(edge.get("x")) < last
        for label, x in (("day 1", first), ("day 12", middle)):
            assert named[label].get("text-anchor") == "start" and float(named[label].get("x")) > x


def test_narrow_text_stays_at_least_12_px():
    narrow = frames(full_chart())[1][1]
    sizes = [float(t.get("font-size")) for t in texts(narrow)]
    assert min(sizes) >= 14 and 260 / NARROW.width * min(sizes) >= 12
