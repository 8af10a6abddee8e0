"""Course map and in-lesson crisis help: right lessons, right lines, nothing unescaped."""

from __future__ import annotations

from widgets.course_config import CourseConfig, Lesson, load_config
from widgets.course_map import course_map_html
from widgets.crisis_help import crisis_help_html
from widgets.crisis_lines import CrisisLine


def test_course_map_lists_every_configured_lesson_in_order():
    config = load_config()
    html = course_map_html(config)
    positions = [html.index(f'href="{lesson.file}"') for lesson in config.lessons]
    assert positions == sorted(positions)
    assert 'class="btc-map-progress" role="status"' in html


def test_course_map_and_help_escape_configured_text():
    config = CourseConfig(
        title="T",
        organisation="O",
        lessons=(Lesson("a.ipynb", "<b>Bold</b>", 0, "x & y"),),
        guides=(),
        region="custom",
        region_name="<here>",
        crisis_lines=(CrisisLine("<i>Line</i>", "Call 1", "24/7"),),
    )
    assert "<b>" not in course_map_html(config)
    assert "x &amp; y" in course_map_html(config)
    help_html = crisis_help_html(config)
    assert "<i>" not in help_html and "&lt;here&gt;" in help_html
    assert "Call 1. 24/7" in help_html


def test_no_uk_only_words_in_the_shared_text():
    """Issue 12: "GP" reads as jargon outside the UK; the tools say "doctor" in every region."""
    import re
    from pathlib import Path

    for path in Path(__file__).resolve().parent.parent.joinpath("widgets").rglob("*.py"):
        assert not re.search(r"\bGPs?\b", path.read_text(encoding="utf-8")), path
