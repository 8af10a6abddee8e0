"""The one renderer of crisis lines: every number one tap to call (or text), web lines as links,
everything escaped, and the same list wherever crisis help is shown."""

from __future__ import annotations

import re

import pytest

from course_server import pages
from widgets.course_config import load_config
from widgets.crisis_help import crisis_help_html
from widgets.crisis_html import contact_html, lines_html, note_html, tel_href, worldwide_html
from widgets.crisis_lines import regions, worldwide

ALL_LINES = [line for _name, lines in regions("en").values() for line in lines]
WORLDWIDE = worldwide("en")


@pytest.mark.parametrize("line", ALL_LINES, ids=lambda line: line.name)
def test_every_number_of_every_default_line_is_a_link(line):
    html = contact_html(line.contact)
    for number in re.findall(r"\d[\d -]*\d", line.contact):
        digits = re.sub(r"\D", "", number)
        assert f'href="tel:{digits}"' in html or f'href="sms:{digits}"' in html, number


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("Call or text 988", ['href="tel:988"', 'href="sms:988"', ">988</a>"]),
        ("Call 116 123", ['href="tel:116123"', ">116 123</a>"]),
        ("Call 999 or 112", ['href="tel:999"', 'href="tel:112"']),
        ("Text HOME to 741741", ['href="sms:741741"']),
        ("Call +61 13 11 14", ['href="tel:+61131114"']),
        ("findahelpline.com", ['<a href="https://findahelpline.com">findahelpline.com</a>']),
        ("See https://example.org/help.", ['<a href="https://example.org/help">']),
    ],
)
def test_contacts_become_links(contact, expected):
    html = contact_html(contact)
    for part in expected:
        assert part in html


def test_a_text_line_is_not_offered_as_a_call():
    assert "tel:" not in contact_html("Text HOME to 741741")


def test_numbers_in_notes_stay_text_but_web_addresses_become_links():
    html = note_html("Free, 24/7. Chat at 988lifeline.org. Veterans: press 1 after dialling.")
    assert "tel:" not in html and "24/7" in html
    assert '<a href="https://988lifeline.org">988lifeline.org</a>' in html


def test_learner_or_instructor_text_is_escaped_never_markup():
    html = lines_html(
        [{"name": "<b>x</b>", "contact": "<script>alert(1)</script> 123", "note": '"><img>'}]
    )
    assert "<script>" not in html and "<img>" not in html and "<b>x" not in html
    assert "&lt;script&gt;" in html and 'href="tel:123"' in html


def test_tel_href_keeps_only_digits_and_a_leading_plus():
    assert tel_href("0808 808 8000") == "tel:08088088000"
    assert tel_href("9-8-8") == "tel:988"
    assert tel_href("+44 116 123") == "tel:+44116123"


def test_the_same_list_is_shown_everywhere_crisis_help_appears():
    """One renderer: the help panel (template data), help in a lesson and the self-check, and
    the server's pages all carry the same list for the configured course."""
    config = load_config()
    data = config.as_template_data()
    expected = lines_html(config.crisis_lines, config.language)
    assert data["crisis_lines_html"] == expected
    assert expected in crisis_help_html(config)
    assert expected in pages.full_page(data)
    assert expected in pages.code_page(data, action="/", next_url="/", xsrf_html="", wrong=False)
    other = worldwide(config.language)
    assert data["worldwide_html"] == worldwide_html(other.name, other.contact, config.language)
    assert 'href="tel:' in expected or 'href="https://' in expected
