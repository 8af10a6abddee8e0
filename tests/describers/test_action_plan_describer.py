"""The action plan's exports: the printable page and the Markdown file have every part in the
lesson's order and the crisis lines, and keep the learner's text inert; tips follow the model's
check of each goal."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from widgets.describers.action_plan import (
    escape_markdown,
    made_on_text,
    smart_tips,
    to_html,
    to_markdown,
)
from widgets.models.action_plan import STRATEGY_KEYS, ActionPlan, goal_misses, strategies
from widgets.words import word

STRATEGIES = strategies()

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[click me](javascript:alert(1))",
    "![pic](x)",
    "`code` *bold* _em_ # heading",
    "&lt;already escaped&gt;",
    "</style><style>body{display:none}",
]

CRISIS = [("Samaritans", "Call 116 123, free, day or night")]


def full_plan(text: str = "Walk for 10 minutes after lunch") -> ActionPlan:
    return ActionPlan(
        strategies=["pacing", "sleep_routine"],
        goals=[text, "Phone Jo on Sunday evening for 20 minutes"],
        warning_signs=[text, "Staying in bed after 10am"],
        people_to_call=[("Jo", "07700 900123"), (text[:60], text[:100])],
        crisis_lines=CRISIS + [(text, text[:100])],
        reasons=["Walk with my dog again"],
        helps=["Call my sister", text],
    )


def test_markdown_has_every_section_and_the_crisis_lines():
    text = to_markdown(full_plan(), "My plan", made_on=date(2024, 3, 7))
    assert text.startswith("# My plan\n\nMade on 7 March 2024\n")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    # issue 12: the five parts lesson 06 lists, in its order, then the safety box
    assert headings == [
        "1. My reasons",
        "2. My steps: ways I will step in",
        "2. My steps: my goals",
        "3. My warning signs",
        "4. What helps then",
        "5. Who I can call",
        "If things get very hard",
    ]
    assert "- Walk with my dog again" in text and "- Call my sister" in text
    assert "- " + STRATEGIES["pacing"] in text
    assert "- **Jo:** 07700 900123" in text
    assert "- **Samaritans:** Call 116 123, free, day or night" in text
    assert "local emergency number" in text
    empty = to_markdown(ActionPlan())
    assert empty.startswith("# My action plan") and empty.count("Nothing added yet.") == 6


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
        ("[x](http://e.example)", r"\[x\]\(http://e.example\)"),
        ("`a` *b* _c_ # d", r"\`a\` \*b\* \_c\_ \# d"),
        ("back\\slash", r"back\\slash"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("1. not a list", r"1\. not a list"),
        ("a & b", r"a \& b"),
        ("pain-free 2.5 hours", "pain-free 2.5 hours"),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_leaves_no_active_markup_from_learner_text(payload):
    text = to_markdown(full_plan(payload), payload[:100])
    without_escapes = re.sub(r"\\.", "", text)
    assert "<" not in without_escapes and "[" not in without_escapes
    assert "`" not in without_escapes and "_" not in without_escapes


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_a_complete_printable_page_with_every_part():
    page = to_html(full_plan(), "My plan", made_on=date(2024, 3, 7))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in page and "<title>My plan</title>" in page
    assert "@media print" in page and page.rstrip().endswith("</html>")
    parser = _Collector()
    parser.feed(page)
    text = " ".join(parser.text)
    for part in (
        "Walk for 10 minutes after lunch",
        "Jo",
        "07700 900123",
        "Samaritans",
        STRATEGIES["sleep_routine"],
        "Made on 7 March 2024",
        "local emergency number",
    ):
        assert part in text
    assert set(parser.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "p",
        "section",
        "ul",
        "li",
        "strong",
        "div",
    }
    assert {name for name, _ in parser.attrs} <= {"lang", "charset", "name", "content", "class"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_escapes_every_learner_string(payload):
    page = to_html(full_plan(payload), payload[:100])
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<svg" not in lowered
    assert "http" not in lowered
    assert lowered.count("<style>") == 1 and lowered.count("</style>") == 1
    parser = _Collector()
    parser.feed(page)
    assert payload in " ".join(parser.text)  # shown to the reader exactly as typed
    assert "script" not in parser.tags and "img" not in parser.tags and "svg" not in parser.tags
    assert {name for name, _ in parser.attrs} <= {"lang", "charset", "name", "content", "class"}


def test_html_escapes_the_script_and_img_payloads_exactly():
    page = to_html(full_plan("<script>alert(1)</script> <img src=x onerror=alert(1)>"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;" in page


def test_an_empty_plan_prints_lines_to_write_on_and_still_shows_crisis_help():
    page = to_html(ActionPlan())
    assert page.count('class="write-in"') == 18  # three lines to write on for each part
    assert "local emergency number" in page and "http" not in page


def test_bad_titles_and_dates_are_refused():
    with pytest.raises(ValueError, match="title can have up to 100"):
        to_html(ActionPlan(), "t" * 101)
    with pytest.raises(ValueError, match="made_on must be a date"):
        to_markdown(ActionPlan(), made_on="2024-03-07")
    assert "<title>My action plan</title>" in to_html(ActionPlan(), "   ")


def test_the_html_escapes_reasons_too():
    page = to_html(ActionPlan(reasons=["<b>me</b>"]))
    assert "&lt;b&gt;me&lt;/b&gt;" in page and "<b>me" not in page


def test_every_strategy_ticked_is_listed_in_the_pages_order():
    text = to_markdown(ActionPlan(strategies=list(reversed(STRATEGY_KEYS))))
    listed = [line[2:] for line in text.splitlines() if line[2:] in STRATEGIES.values()]
    assert listed == [STRATEGIES[key] for key in reversed(STRATEGY_KEYS)]  # as the learner chose


@pytest.mark.parametrize(
    ("day", "said"),
    [(date(2024, 3, 7), "Made on 7 March 2024"), (date(2025, 12, 31), "Made on 31 December 2025")],
)
def test_made_on_names_the_month_from_the_content_file(day, said):
    assert made_on_text(day) == said


@pytest.mark.parametrize(
    "goal",
    ["Walk for 10 minutes after lunch", "Walk more", "Walk twice", "Walk on Monday", ""],
)
def test_smart_tips_are_the_models_gaps_in_words(goal):
    assert smart_tips(goal) == [word("action_plan", "tips", key) for key in goal_misses(goal)]
    if "how_much" in goal_misses(goal):
        assert 'Add how much or how often, like "for 10 minutes" or "3 times".' in smart_tips(goal)
