"""Charts that always carry a text alternative which changes with them.

plotly charts are not keyboard-navigable and have no text alternative of their own (plotly.js
#562, #4264), so a chart here is never shown without a plain-language description beside it. The
description is a polite live region: a screen reader hears it whenever the chart changes.

Design choice, measured in benchmarks/run.py: a plain `go.Figure` re-drawn in an `Output` sends a
few kilobytes per update, while a plotly `FigureWidget` ships plotly's ~5 MB JavaScript bundle over
the websocket for every chart on every page load (see docs/performance.md).
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.ui.shared import SharedStyles
from widgets.words import word

PLOT_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}
MIME = "application/vnd.plotly.v1+json"


def figure_bundle(figure: object) -> dict:
    """The MIME bundle the JupyterLab plotly renderer draws (no inline JavaScript, no CDN)."""
    data = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else dict(figure)
    return {
        MIME: {
            "data": data.get("data", []),
            "layout": data.get("layout", {}),
            "config": PLOT_CONFIG,
        }
    }


class _Figure(ipw.VBox):
    """A picture (made by a subclass) and its text alternative, always changed together."""

    kind = "figure"  # its label, before the title of its text: widgets/content/ui.toml [kinds]

    def __init__(self, title: str, picture: ipw.DOMWidget, shared: SharedStyles) -> None:
        if not title.strip():
            raise ValueError("a figure needs a title: it names the figure for screen readers")
        self.title = title
        self._plot = picture
        self._plot.add_class("btc-plot")
        self._text = shared.html("", "btc-alt", "btc-live")
        self._plain = ""
        super().__init__([self._plot, self._text], layout=shared.layout)
        self.add_class("btc-chart")

    @property
    def text(self) -> str:
        """The current text alternative, as plain text."""
        return self._plain

    def _describe(self, description: str) -> None:
        if not description or not description.strip():
            raise ValueError(f"a {self.kind} must come with a text description of what it shows")
        self._plain = description.strip()

    def _publish_text(self) -> None:
        paragraphs = "".join(
            f"<p>{html.escape(part)}</p>" for part in self._plain.split("\n") if part.strip()
        )
        self._text.value = (
            f'<p class="btc-alt-title"><strong>{html.escape(word("ui", "kinds", self.kind))}: '
            f"{html.escape(self.title)}</strong></p>"
            f"{paragraphs}"
        )


class AccessibleChart(_Figure):
    """A plotly chart plus a text alternative that is updated together with it."""

    kind = "chart"

    def __init__(self, title: str, shared: SharedStyles | None = None) -> None:
        shared = shared or SharedStyles()
        super().__init__(title, ipw.Output(layout=shared.layout), shared)

    def show(self, figure: object, description: str) -> None:
        """Draw `figure` and replace the text alternative with `description` (plain text)."""
        self._describe(description)
        # Setting `outputs` replaces the chart in one message (no clear-then-draw flicker), and
        # works the same with or without a running kernel.
        self._plot.outputs = (
            {"output_type": "display_data", "data": figure_bundle(figure), "metadata": {}},
        )
        self._publish_text()


class AccessibleDiagram(_Figure):
    """An SVG diagram drawn in Python plus its text alternative, updated together.

    For small diagrams that change with every control: swapping SVG text costs milliseconds,
    where re-creating a plotly chart costs tens (see widgets/ui/svg.py).
    """

    kind = "diagram"

    def __init__(self, title: str, shared: SharedStyles | None = None) -> None:
        shared = shared or SharedStyles()
        super().__init__(title, shared.html("", "btc-diagram"), shared)

    def show(self, svg: str, description: str) -> None:
        """Draw `svg` (made by widgets.ui.svg) and set the text alternative (plain text)."""
        self._describe(description)
        self._plot.value = svg
        self._publish_text()


class SvgChart(AccessibleDiagram):
    """A chart drawn as SVG (widgets.ui.svg.line_chart) plus its text alternative.

    The simulators use this rather than plotly: pages without plotly's front-end script became
    usable about 1.2 s sooner, and an SVG swap redraws in a few milliseconds (docs/performance.md).
    """

    kind = "chart"
