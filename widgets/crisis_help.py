"""Crisis help inside a lesson: the same lines as the "Get help now" panel, from course.toml.

Wording follows safe-messaging guidance (WHO & IASP 2023; the Framework for Successful Messaging:
docs/sources.md): calm, hopeful, about reaching out; no details of methods, and never a suggestion
that the pain-mood loop leads to suicide.
"""

from __future__ import annotations

import html

from IPython.display import HTML, display

from widgets.course_config import CourseConfig, course_settings
from widgets.crisis_html import lines_html
from widgets.words import words


def crisis_help_html(config: CourseConfig) -> str:
    """A short, calm block listing the configured crisis lines (one tap to call or text)."""
    said = words("chrome", config.language)["help"]
    label = html.escape(said["lines_label"])
    return (
        f'<section class="btc-help-body btc-crisis" aria-label="{label}">'
        f"<p><strong>{html.escape(said['free_help'].format(region=config.region_name))}</strong></p>"
        f"{lines_html(config.crisis_lines, config.language)}</section>"
    )


def show_crisis_help(config: CourseConfig | None = None) -> None:
    """Show the configured crisis lines in a lesson."""
    display(HTML(crisis_help_html(config or course_settings())))
