"""Serve only the pages course.toml lists.

Voila serves every notebook in its folder. An instructor who drops a lesson from course.toml
expects it gone, not still reachable by its address (and still preheated), so Voila's pre-launch
hook answers "not found" for any other notebook before a kernel starts. The listed pages are
preheated (course_server/settings.py), and a preheated page never reaches this hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import unquote

from tornado import web


def page_name(request_path: str) -> str:
    """The notebook a Voila page address asks for: /base/voila/render/01_x.ipynb -> 01_x.ipynb."""
    return unquote(request_path.split("?", 1)[0]).rstrip("/").rsplit("/", 1)[-1]


def only_listed(pages: Iterable[str]) -> Callable:
    """A Voila prelaunch_hook that refuses (404) any notebook not among `pages`."""
    listed = frozenset(pages)

    def hook(handler: web.RequestHandler, notebook=None, cwd: str | None = None):
        if page_name(handler.request.path) not in listed:
            raise web.HTTPError(404, "This page is not part of the course.")
        return None

    return hook
