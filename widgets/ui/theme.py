"""The course palette: Okabe & Ito's colour-blind-safe colours, and a readable-text check.

Okabe M, Ito K (2008) "Color Universal Design": eight colours distinguishable with the common
forms of colour blindness. Charts use them in this order; text colours are darkened versions
(see assets/voila/templates/course/static/course.css) so that they pass WCAG AA contrast.
The font list is in widgets/content/ui.toml: a language in another script may need other fonts.
"""

from __future__ import annotations

from widgets.words import word

OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish_green": "#009E73",
    "orange": "#E69F00",
    "reddish_purple": "#CC79A7",
    "sky_blue": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: Order in which chart series take colours (strongest contrast on white first).
SERIES_COLOURS = tuple(
    OKABE_ITO[name]
    for name in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue")
)
#: Line styles that go with the colours, so series differ in more than colour.
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")

INK = "#1b1b1b"
PAPER = "#ffffff"
GRID = "#d9d9d9"


def font() -> str:
    """The charts' CSS font list, for the course's language (widgets/content/ui.toml [font])."""
    return word("ui", "font", "family")


def __getattr__(name: str) -> str:
    """`FONT`, as code written before `font()` imports it: the font list, read when asked for."""
    if name == "FONT":
        return font()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected a #rrggbb colour, got {hex_colour!r}")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21; body text needs at least 4.5)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def chart_layout(title: str, x_title: str, y_title: str, **extra: object) -> dict:
    """A small plotly layout in the course look.

    Uses the tiny "none" template instead of plotly's default, which alone adds ~8 KB to every
    chart sent over the websocket.
    """
    layout: dict = {
        "template": "none",
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17, "color": INK}},
        "font": {"family": font(), "size": 14, "color": INK},
        "paper_bgcolor": PAPER,
        "plot_bgcolor": PAPER,
        "colorway": list(SERIES_COLOURS),
        "margin": {"l": 60, "r": 20, "t": 80, "b": 55},
        "height": 340,
        "xaxis": {"title": {"text": x_title}, "gridcolor": GRID, "zeroline": False},
        "yaxis": {"title": {"text": y_title}, "gridcolor": GRID, "zeroline": False},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    }
    layout.update(extra)
    return layout
