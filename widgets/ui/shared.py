"""One Layout and one style object per kind, shared by the widgets of a view.

ipywidgets gives every widget its own Layout and style model by default. Each is a separate model
the browser must fetch and build when a page opens (a simulator and a quiz made ~200 of them), so
views share one of each kind where widgets need nothing special. See docs/performance.md.
"""

from __future__ import annotations

import ipywidgets as ipw
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

__all__ = ["CheckboxStyle", "DescriptionStyle", "HTMLStyle", "SharedStyles", "TextStyle"]


class SharedStyles:
    """Hands out a shared Layout and shared style objects for one view."""

    def __init__(self) -> None:
        self.layout = ipw.Layout()
        self._styles: dict[type, ipw.Widget] = {}

    def style(self, kind: type, **settings) -> ipw.Widget:
        """The shared style of `kind` (e.g. ipw.HTMLStyle), created on first use."""
        key = (kind, tuple(sorted(settings.items())))
        if key not in self._styles:
            self._styles[key] = kind(**settings)
        return self._styles[key]

    def slider(self, width: str = "min(100%, 32rem)") -> dict:
        """Layout and style for `labelled_slider`: a wide label, shared by a view's sliders."""
        return {
            "layout": self.style(ipw.Layout, width=width),
            "style": self.style(ipw.SliderStyle, description_width="initial"),
        }

    def button(self) -> dict:
        """Layout and style for a view's buttons (as wide as their words)."""
        return {
            "layout": self.style(ipw.Layout, width="auto"),
            "style": self.style(ipw.ButtonStyle),
        }

    def html(self, value: str = "", *classes: str) -> ipw.HTML:
        widget = ipw.HTML(value, layout=self.layout, style=self.style(HTMLStyle))
        for name in classes:
            widget.add_class(name)
        return widget
