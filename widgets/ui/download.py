"""Downloads made in the learner's browser: nothing is written on the server.

The file's text is put into a `data:` link with the `download` attribute, so pressing it saves the
file straight from the page. The same code works on a Voila server and in a browser kernel. Only
text made by the course's own exporters goes in; the file name is checked and the link text is ours.
"""

from __future__ import annotations

import base64
import html
import re

#: File names we write: letters, digits, dash, underscore, one dot and a short extension.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,60}\.[a-z]{2,5}$")
#: Types a learner might download; anything else is refused.
MIME_TYPES = {
    "csv": "text/csv",
    "html": "text/html",
    "ics": "text/calendar",
    "json": "application/json",
    "md": "text/markdown",
    "txt": "text/plain",
}


def download_link(filename: str, text: str, label: str) -> str:
    """An HTML link that saves `text` as `filename` when pressed (UTF-8, with a charset)."""
    if not _SAFE_NAME.match(filename):
        raise ValueError(f"not a safe file name for a download: {filename!r}")
    extension = filename.rsplit(".", 1)[1]
    if extension not in MIME_TYPES:
        raise ValueError(f"downloads of .{extension} files are not offered")
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    href = f"data:{MIME_TYPES[extension]};charset=utf-8;base64,{payload}"
    return f'<a class="btc-download" download="{filename}" href="{href}">{html.escape(label)}</a>'
