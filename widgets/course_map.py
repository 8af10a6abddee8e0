"""The course map on the welcome page: every lesson, what it covers, and which ones you opened.

Progress is kept only in the learner's browser (localStorage): the page script marks the lessons
already opened. Python renders plain HTML once, so the map costs no widget traffic.
"""

from __future__ import annotations

import html

from IPython.display import HTML, display

from widgets.course_config import CourseConfig, course_settings


def course_map_html(config: CourseConfig) -> str:
    """HTML for the map: a lesson per item, in course order (relative links suit any base URL)."""
    items = []
    for lesson in config.lessons:
        file = html.escape(lesson.file, quote=True)
        summary = (
            f'<span class="btc-map-summary">{html.escape(lesson.summary)}</span>'
            if lesson.summary
            else ""
        )
        items.append(
            f'<li data-lesson="{file}">'
            f'<a class="btc-map-title btc-lesson-link" data-lesson="{file}" href="{file}">'
            f"{html.escape(lesson.title)}</a>{summary}</li>"
        )
    return (
        '<section class="btc-course-map" aria-label="Course map">'
        '<p class="btc-map-progress" role="status"></p>'
        f'<ol class="btc-map">{"".join(items)}</ol></section>'
    )


def show_course_map(config: CourseConfig | None = None) -> None:
    """Show the course map (lessons from course.toml) in a lesson."""
    display(HTML(course_map_html(config or course_settings())))
