"""The two pages a learner may see before a lesson: "enter the code" and "the server is full".

Plain, self-contained HTML (styles inline, nothing from another host), in the course's voice, with
the course's crisis lines on both: someone in distress may land here instead of on a lesson.
"""

from __future__ import annotations

from html import escape

from widgets.crisis_html import lines_html, worldwide_html
from widgets.words import words

STYLE = """
body { font: 18px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fafafa; margin: 0; }
main { max-width: 36rem; margin: 3rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
label { display: block; font-weight: 600; margin: 1.5rem 0 .4rem; }
input[type=text] { font: inherit; padding: .5rem .6rem; width: 100%; box-sizing: border-box;
  border: 2px solid #555; border-radius: 6px; }
input[type=text]:focus, button:focus, a:focus { outline: 3px solid #0072B2; outline-offset: 2px; }
button { font: inherit; margin-top: 1rem; padding: .5rem 1.2rem; border: 0; border-radius: 6px;
  background: #0072B2; color: #fff; cursor: pointer; }
.btc-wrong { border-left: 6px solid #D55E00; background: #fff3eb; padding: .6rem .9rem; }
.btc-help { margin-top: 2.5rem; border-top: 1px solid #ccc; padding-top: 1rem; font-size: .95rem; }
.btc-help li { margin-bottom: .3rem; }
a { color: #0060a0; }
"""


def _said(course: dict) -> dict:
    """The server pages' words (widgets/content/chrome.toml [server]) in the course's language."""
    return (
        course.get("words", {}).get("server") or words("chrome", course.get("language"))["server"]
    )


def _page(course: dict, heading: str, body: str) -> str:
    title = escape(course.get("title") or "Breaking the Cycle")
    language = escape(course.get("language") or "en")
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)} - {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<main>\n<p>{title}</p>\n<h1>{escape(heading)}</h1>\n{body}\n{_help(course)}\n</main>\n"
        "</body>\n</html>\n"
    )


def _help(course: dict) -> str:
    """The course's crisis lines, from the one renderer (widgets/crisis_html.py)."""
    said, language = _said(course), course.get("language")
    worldwide = course.get("worldwide") or {}
    other = (
        worldwide_html(worldwide["name"], worldwide["contact"], language)
        if worldwide.get("name")
        else ""
    )
    return (
        '<section class="btc-help" aria-labelledby="btc-help-heading">\n'
        f'<h2 id="btc-help-heading">{escape(said["help_heading"])}</h2>\n'
        f"{lines_html(course.get('crisis_lines') or [], language)}\n{other}\n"
        f"<p>{escape(said['not_a_service'])}</p>\n</section>"
    )


def code_page(course: dict, *, action: str, next_url: str, xsrf_html: str, wrong: bool) -> str:
    """Ask for the group's access code. `xsrf_html` is the handler's hidden XSRF field."""
    said = _said(course)
    message = (
        f'<p class="btc-wrong" role="alert">{escape(said["code_wrong"])}</p>\n' if wrong else ""
    )
    body = (
        f"{message}<p>{escape(said['code_intro'])}</p>\n"
        f'<form method="post" action="{escape(action)}">\n{xsrf_html}\n'
        f'<input type="hidden" name="next" value="{escape(next_url)}">\n'
        f'<label for="btc-code">{escape(said["code_label"])}</label>\n'
        '<input type="text" id="btc-code" name="code" required autofocus autocomplete="off" '
        'autocapitalize="none" spellcheck="false">\n'
        f'<button type="submit">{escape(said["code_button"])}</button>\n</form>\n'
        f"<p>{escape(said['code_none'])}</p>"
    )
    return _page(course, said["code_again_heading" if wrong else "code_heading"], body)


def full_page(course: dict, *, static_url: str = "") -> str:
    """The group server has no room for another learner right now."""
    said = _said(course)
    elsewhere = (
        f"<p>{escape(said['full_elsewhere'])} "
        f'<a href="{escape(static_url)}">{escape(said["full_elsewhere_link"])}</a>. '
        f"{escape(said['full_elsewhere_after'])}</p>"
        if static_url
        else ""
    )
    body = f"<p>{escape(said['full_why'])}</p>\n<p>{escape(said['full_later'])}</p>\n{elsewhere}"
    return _page(course, said["full_heading"], body)
