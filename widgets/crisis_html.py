"""The one renderer of crisis lines: every place that shows them (the "Get help now" panel, the
self-check's crisis box, help inside a lesson, the server's "enter the code" and "full" pages)
builds its list here, so the words, the punctuation and the links are the same everywhere.

Each phone number becomes a `tel:` link (one tap to call on a phone), a line you can text also
gets an `sms:` link, and a web address becomes a link. A link is not a request: nothing is loaded
from another host until the learner taps it. All text is escaped; only these links are added.
Standard library only (the server pages and the static site use it too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from widgets.words import words

#: A phone number as written in a contact: 3 or more digits, with spaces or hyphens between
#: groups ("988", "116 123", "0808 808 8000", "9-8-8", "+61 13 11 14"); not part of a longer word,
#: a fraction like 24/7, or a web address.
PHONE = re.compile(r"(?<![\w./-])\+?\d(?:[ -]?\d){2,14}(?![\w/.]|-\d)")
#: A web address: https://... or a bare domain such as findahelpline.com or 988lifeline.org.
WEB = re.compile(
    r"\bhttps?://[^\s<>\"')]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|info|gov|ca|uk|ie|au|nz|eu|es|mx)(?:/[^\s<>\"')]*)?",
    re.IGNORECASE,
)


def _words_rule(words_list: list[str]) -> re.Pattern:
    """A pattern that finds any of these whole words (the content file's text or call words)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words_list) + r")\b", re.I)


def _crisis_words(language: str | None) -> dict:
    return words("chrome", language)["crisis"]


def tel_href(number: str) -> str:
    """The tel: address of a number as written: digits only, keeping a leading +."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}"


def _web_href(address: str) -> str:
    address = address.rstrip(".,;:")
    return address if re.match(r"https?://", address, re.IGNORECASE) else f"https://{address}"


def _link_web(text: str) -> str:
    """Escape `text` and turn each web address in it into a link."""
    parts, last = [], 0
    for match in WEB.finditer(text):
        address = match.group(0).rstrip(".,;:")
        end = match.start() + len(address)
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<a href="{escape(_web_href(address))}">{escape(address)}</a>')
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts)


def contact_html(contact: str, language: str | None = None) -> str:
    """A contact with its numbers as tel: links (and sms: links if it can be texted) and its web
    addresses as links; everything else escaped. Whether a line takes texts or calls is read from
    its words ("Call or text 988"), in the course's language (chrome.toml [crisis])."""
    if WEB.search(contact) and not PHONE.search(contact):
        return _link_web(contact)
    said = _crisis_words(language)
    textable = bool(_words_rule(said["text_words"]).search(contact))
    callable_ = not textable or _words_rule(said["call_words"]).search(contact)
    parts, last = [], 0
    for match in PHONE.finditer(contact):
        number = match.group(0)
        parts.append(_link_web(contact[last : match.start()]))
        if not callable_:  # a text line: the number opens a new message
            sms = escape("sms:" + tel_href(number)[4:])
            parts.append(f'<a class="btc-sms" href="{sms}">{escape(number)}</a>')
            last = match.end()
            continue
        parts.append(f'<a class="btc-tel" href="{escape(tel_href(number))}">{escape(number)}</a>')
        if textable:
            parts.append(
                f' (<a class="btc-sms" href="{escape("sms:" + tel_href(number)[4:])}">'
                f"{escape(said['send_a_text'])}</a>)"
            )
        last = match.end()
    parts.append(_link_web(contact[last:]))
    return "".join(parts)


def note_html(note: str) -> str:
    """A line's note: web addresses become links; numbers in notes (24/7, "press 1") stay text."""
    return _link_web(note)


def line_html(name: str, contact: str, note: str = "", language: str | None = None) -> str:
    """One crisis line as a list item: name, contact (with links), then its note."""
    text = f"<li><strong>{escape(name)}</strong>: {contact_html(contact, language)}"
    if note:
        text += f". {note_html(note.rstrip('.'))}."
    return text + "</li>"


def lines_html(lines: Iterable, language: str | None = None) -> str:
    """The list of crisis lines. `lines` holds CrisisLine objects or dicts with the same keys."""
    items = []
    for line in lines:
        get = line.get if isinstance(line, dict) else lambda key, line=line: getattr(line, key)
        items.append(line_html(get("name"), get("contact"), get("note") or "", language))
    return f'<ul class="btc-crisis-lines">{"".join(items)}</ul>'


def worldwide_html(name: str, contact: str, language: str | None = None) -> str:
    """The pointer to help in other countries, with its directory as a link."""
    sentence = _crisis_words(language)["other_countries"]
    before, _, after = sentence.partition("{contact}")
    return (
        f"<p>{escape(before.format(name=name))}{contact_html(contact, language)}"
        f"{escape(after.format(name=name))}</p>"
    )
