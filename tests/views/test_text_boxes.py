"""Every text box in every tool sends its whole value when the learner leaves it.

With continuous updates, ipywidgets throttles what a fast typist sends; pressing a button right
after typing could then act on a value that lacks the last few characters (seen in a browser test).
"""

from __future__ import annotations

import ipywidgets as ipw
import pytest

import widgets
from tests.test_page_setup import HELPER_ARGS, widget_tree
from widgets.page_setup import PLOTLY_FREE_HELPERS

TOOLS = sorted(
    name for name in PLOTLY_FREE_HELPERS if name not in {"show_course_map", "show_crisis_help"}
)


@pytest.mark.parametrize("name", TOOLS)
def test_text_boxes_send_their_value_on_leaving(name):
    tool = getattr(widgets, name)(*HELPER_ARGS.get(name, ()))
    boxes = [w for w in widget_tree(tool) if isinstance(w, ipw.Text | ipw.Textarea)]
    assert all(box.continuous_update is False for box in boxes), [b.description for b in boxes]
