"""A model's note and its sources box (widgets/ui/notes.py): markup here, words from content."""

from __future__ import annotations

from widgets.ui.notes import details_html, note_html, paragraph_html
from widgets.words import words


def test_a_note_is_one_bold_lead_and_its_text():
    assert note_html({"lead": "An illustrative model.", "text": "It shows how."}) == (
        '<div class="btc-model-note"><p><strong>An illustrative model.</strong> It shows how.</p>'
        "</div>"
    )


def test_content_text_is_escaped_and_stars_are_italics():
    assert paragraph_html({"text": "Melzack & Wall: <b> *lower* cortisol"}) == (
        "<p>Melzack &amp; Wall: &lt;b&gt; <em>lower</em> cortisol</p>"
    )
    assert paragraph_html({"lead": "A caution:"}) == "<p><strong>A caution:</strong></p>"
    assert "'" in paragraph_html({"text": "anyone's"})  # quotes stay as they are


def test_a_sources_box_has_its_summary_and_every_paragraph():
    sources = words("cycle_scene", "en")["sources"]
    box = details_html(sources)
    assert box.startswith(
        '<details class="btc-model-details"><summary>Where this model comes from, and what it '
        "leaves out</summary><p><strong>Built from:</strong> the links the lesson describes;"
    )
    assert box.count("<p>") == len(sources["paragraphs"]) and box.endswith("</p></details>")
