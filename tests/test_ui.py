"""Shared UI pieces: labelled controls and charts that carry a text alternative."""

from __future__ import annotations

import json

import ipywidgets as ipw
import plotly.graph_objects as go
import pytest

from widgets.ui.controls import labelled_slider
from widgets.ui.plots import MIME, AccessibleChart, figure_bundle
from widgets.ui.svg import wide_part
from widgets.ui.theme import chart_layout


def test_labelled_slider_picks_int_or_float_and_keeps_the_label():
    whole = labelled_slider("Hours of sleep", min=0, max=12, step=1, value=7)
    assert isinstance(whole, ipw.IntSlider)
    assert whole.description == "Hours of sleep"
    assert not whole.continuous_update
    half = labelled_slider("Hours", min=0, max=12, step=0.5, value=7.5)
    assert isinstance(half, ipw.FloatSlider)
    assert half.step == 0.5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"description": " "}, "accessible name"),
        ({"min": 5, "max": 5}, "must be below"),
        ({"value": 20}, "outside"),
        ({"step": 0}, "positive"),
    ],
)
def test_labelled_slider_rejects_bad_settings(kwargs, message):
    settings = {"description": "Pain", "min": 0, "max": 10, "step": 1, "value": 5, **kwargs}
    description = settings.pop("description")
    with pytest.raises(ValueError, match=message):
        labelled_slider(description, **settings)


def small_figure(y):
    return go.Figure(go.Scatter(x=[1, 2, 3], y=y), layout=chart_layout("T", "day", "pain"))


def test_chart_needs_a_title_and_a_description():
    with pytest.raises(ValueError):
        AccessibleChart(" ")
    chart = AccessibleChart("Pain over a week")
    with pytest.raises(ValueError, match="text description"):
        chart.show(small_figure([1, 2, 3]), "  ")


def test_chart_text_alternative_updates_with_the_figure_and_is_escaped():
    chart = AccessibleChart("Pain over a week")
    chart.show(small_figure([1, 2, 3]), "Pain rises from 1 to 3.")
    assert "Pain rises from 1 to 3." in chart._text.value
    assert "Chart: Pain over a week" in chart._text.value
    chart.show(small_figure([3, 2, 1]), "Pain falls <script>alert(1)</script>")
    assert "<script>" not in chart._text.value
    assert "&lt;script&gt;" in chart._text.value
    assert chart.text == "Pain falls <script>alert(1)</script>"
    assert {"btc-alt", "btc-live"} <= set(chart._text._dom_classes)
    assert "btc-plot" in chart._plot._dom_classes
    outputs = chart._plot.outputs
    assert len(outputs) == 1 and MIME in outputs[0]["data"]


def test_figure_bundle_is_small_and_has_no_javascript():
    bundle = figure_bundle(small_figure([1, 2, 3]))
    text = json.dumps(bundle)
    assert set(bundle) == {MIME}
    assert len(text) < 3000, "a tiny chart should cost well under 3 KB on the websocket"
    assert bundle[MIME]["config"]["displayModeBar"] is False


def test_diagram_carries_escaped_svg_and_text():
    from widgets.ui.plots import AccessibleDiagram
    from widgets.ui.svg import grouped_bars

    diagram = AccessibleDiagram("Bars")
    svg = grouped_bars(["<a>", "b"], [("Now & then", [3, 12], "#0072B2", False)], "T<itle>")
    diagram.show(svg, "Two bars.")
    assert diagram._plot.value.startswith("<svg") and "&lt;a&gt;" in svg and "<a>" not in svg
    assert "Now &amp; then" in svg and "T&lt;itle&gt;" in svg
    assert "Diagram: Bars" in diagram._text.value and diagram.text == "Two bars."
    with pytest.raises(ValueError):
        diagram.show(svg, " ")


def test_line_chart_draws_every_series_with_escaped_labels():
    from widgets.ui.svg import Band, Line, line_chart

    svg = line_chart(
        [
            Line("Pain <b>", [1, 2, 3], [1, 5, 9], "#0072B2"),
            Line("Mood", [1, 2], [2, 2], "#D55E00", "9 5"),
        ],
        "Title & more",
        "Day",
        "Level",
        (1, 3),
        (0, 10),
        [(1, "1"), (3, "3")],
        [0, 5, 10],
        (Band(1, 2, "#E69F00", "flare"),),
        ((2, "stepping in"),),
    )
    assert svg.startswith("<svg") and wide_part(svg).count("<polyline") == 2
    assert "Pain &lt;b&gt;" in svg and "<b>" not in svg and "Title &amp; more" in svg
    assert 'stroke-dasharray="9 5"' in svg and "flare" in svg and "stepping in" in svg


def test_line_chart_rejects_mismatched_series_and_empty_ranges():
    from widgets.ui.svg import Line, line_chart

    with pytest.raises(ValueError, match="2 x and 3 y"):
        line_chart([Line("a", [1, 2], [1, 2, 3], "#000000")], "t", "x", "y", (0, 3), (0, 3), [], [])
    with pytest.raises(ValueError, match="low to high"):
        line_chart([], "t", "x", "y", (3, 3), (0, 1), [], [])


def test_download_link_carries_the_text_and_refuses_odd_names():
    import base64

    from widgets.ui.download import download_link

    link = download_link("my-plan.md", "Walk <b>10</b> min ✓", "Download <plan>")
    assert 'download="my-plan.md"' in link and "Download &lt;plan&gt;" in link
    payload = link.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(payload).decode("utf-8") == "Walk <b>10</b> min ✓"
    for bad in ("../x.md", 'a".md', "x.exe", "plan", "a b.md"):
        with pytest.raises(ValueError):
            download_link(bad, "x", "y")


def test_every_chart_comes_wide_and_narrow_with_readable_narrow_text():
    """Issue 12: the narrow version is laid out for a phone (one-column legend, fewer ticks),
    and its smallest text is 14 units across 300, so at least 12 px from a 260 px box up."""
    import re

    from widgets.ui.svg import NARROW, WIDE, Line, grouped_bars, line_chart, loop_diagram

    chart = line_chart(
        [Line("a", [0, 1], [0, 1], "#000000"), Line("b", [0, 1], [1, 0], "#000000", width=2)],
        "A title long enough that a phone has to wrap it onto a second line",
        "x",
        "y",
        (0, 84),
        (0, 1),
        [(d, str(d)) for d in range(0, 85, 7)],
        [0, 1],
    )
    bars = grouped_bars(["Pain", "Poor sleep"], [("now", [3, 4], "#000000", False)], "Bars")
    loop = loop_diagram(
        {"a": (0, 1), "b": (0, -1)},
        {"a": 5, "b": 5},
        {("a", "b"): 1},
        {"a": "A", "b": "B"},
        {"a": "#000000", "b": "#000000"},
        2.0,
        "Loop",
    )
    for drawing in (chart, bars, loop):
        wide, narrow = wide_part(drawing), drawing[len(wide_part(drawing)) :]
        assert 'class="btc-svg btc-svg-wide"' in wide and 'class="btc-svg btc-svg-narrow"' in narrow
        assert f'viewBox="0 0 {WIDE.width} ' in wide and f'viewBox="0 0 {NARROW.width} ' in narrow
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', narrow)]
        assert min(sizes) >= 14 and 260 / NARROW.width * min(sizes) >= 12
        assert "-narrow" not in wide and "-wide)" not in narrow  # ids never cross versions
    narrow_chart = chart[len(wide_part(chart)) :]
    assert narrow_chart.count("<polyline") == 2 and 'stroke-width="2"' in narrow_chart
    assert (
        len(re.findall(r'text-anchor="middle" font-size="14" fill="#1b1b1b">\d+<', narrow_chart))
        < 13
    )


def test_a_refused_setting_says_why_escaped_and_what_was_kept():
    from widgets.ui.controls import refused_setting
    from widgets.words import word

    kept = word("ui", "refused", "kept")
    assert refused_setting(ValueError("<b>too high</b>")) == (
        '<p class="btc-error">That setting could not be used: &lt;b&gt;too high&lt;/b&gt;. '
        f"{kept}</p>"
    )
    assert refused_setting(ValueError("no"), "The day is kept.").endswith(
        "no. The day is kept.</p>"
    )


def test_the_charts_font_and_the_loop_key_come_from_the_ui_content_file():
    from widgets.ui import theme
    from widgets.ui.svg import loop_diagram
    from widgets.words import word

    family = word("ui", "font", "family")
    assert theme.font() == family == theme.FONT  # FONT still works for code that imports it
    assert chart_layout("T", "x", "y")["font"]["family"] == family
    loop = loop_diagram({"a": (0, 1)}, {"a": 5}, {}, {"a": "A"}, {"a": "#000000"}, 1.0, "Loop")
    assert "Thicker arrow = harder push." in loop and "harder push" in word("ui", "loop", "key")
    assert "Own key" in loop_diagram(
        {"a": (0, 1)}, {"a": 5}, {}, {"a": "A"}, {"a": "#000000"}, 1.0, "Loop", key="Own key"
    )
    with pytest.raises(AttributeError):
        theme.NO_SUCH_NAME  # noqa: B018


def test_every_word_the_ui_helpers_look_up_is_in_ui_toml():
    from tests.content_calls import problems

    assert problems("ui", "widgets/ui/controls.py", {"word": None}) == []
    assert problems("ui", "widgets/ui/theme.py", {"word": None}) == []
    assert problems("ui", "widgets/ui/svg.py", {"content_word": None}) == []
