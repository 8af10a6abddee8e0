"""Serve only the pages course.toml lists.

Voila serves every notebook under its folder (for English, notebooks/, which also holds the other
languages' folders). An instructor who drops a lesson from course.toml expects it gone, not still
reachable by its address and still preheated. So:

- the preheated pools skip every notebook that is not listed (`preheat_denylist`);
- a request for any other notebook gets "not found" (404) before a kernel starts. Voila refuses a
  pre-launch hook when kernels are preheated, so the check sits in its page-config hook, which
  Voila calls for every page it renders without a preheated kernel, before the kernel starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from tornado import web


def listed_paths(pages: Iterable[str], language: str) -> frozenset[str]:
    """The paths a listed page may be asked by: as standalone Voila names it (under the lessons'
    folder) and as Voila's server extension (Binder) names it (under the repository)."""
    folder = "notebooks" if language == "en" else f"notebooks/{language}"
    return frozenset(name for page in pages for name in (page, f"{folder}/{page}"))


def is_listed(notebook_path: str, allowed: frozenset[str]) -> bool:
    return Path(notebook_path).as_posix().lstrip("/") in allowed


def refuse_unlisted(allowed: frozenset[str], hook: Callable) -> Callable:
    """A Voila page_config_hook: 404 for a notebook that is not listed, else `hook`'s config."""

    def page_config_hook(page_config, notebook_path=None, **kwargs):
        if notebook_path and not is_listed(notebook_path, allowed):
            raise web.HTTPError(404, "This page is not part of the course.")
        return hook(page_config, notebook_path=notebook_path, **kwargs)

    return page_config_hook


def preheat_denylist(root: Path, pages: Iterable[str]) -> list[str]:
    """Voila's preheat_denylist: every notebook under `root` that is not a listed page (dropped
    lessons, drafts, and for English the other languages' folders), as anchored patterns of the
    whole path (Voila filters the paths it finds under its root_dir, `root`, before it shortens
    them)."""
    listed = set(pages)
    return [
        f"^{re.escape(str(path))}$"
        for path in sorted(root.rglob("*.ipynb"))
        if path.relative_to(root).as_posix() not in listed
        and ".ipynb_checkpoints" not in path.parts
    ]
