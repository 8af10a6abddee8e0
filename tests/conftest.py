"""Shared fixtures: the course's Voila server and a headless Chromium for the browser tests."""

from __future__ import annotations

import os

import pytest

import widgets.words
from tests.harness import chromium_available, launch_chromium, start_voila


def pytest_configure(config):
    """BTC_COURSE_TOML as a whole path, so every kernel and server the tests start (each in its
    own folder) reads the same course.toml."""
    from widgets.course_config import DEFAULT_CONFIG

    if os.environ.get("BTC_COURSE_TOML"):
        os.environ["BTC_COURSE_TOML"] = str(DEFAULT_CONFIG)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def fresh_record_panel():
    """Each test starts with a new page: no record panel shared with the test before it (the
    panel is one per kernel, widgets/views/my_record.py)."""
    import widgets.views.my_record as panel

    panel._PAGE = None
    yield
    panel._PAGE = None


#: The tools' unit tests check their English words (a test pins one text), so in this process the
#: tools speak English whatever course.toml's language is. The course's own language is checked
#: where it is used: nbval runs every lesson in a kernel of the configured course (Spanish words
#: for a Spanish course), the lesson tests check every language's lessons, tests/test_words.py
#: every translation's keys and placeholders, and a test that wants a language asks for it.
COURSE_LANGUAGE = widgets.words.course_language  # the real one, for the test of it
widgets.words.course_language = lambda: "en"


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    # Closed test tabs leave kernels behind (Voila does not shut them down); free them after a
    # minute rather than the course's five, so ~150 browser tests do not pile up kernels.
    server = start_voila(
        tmp_path_factory.mktemp("voila") / "voila.log",
        env={"BTC_CULL_IDLE_SECONDS": "60", "BTC_CULL_INTERVAL_SECONDS": "15"},
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium package")
        pytest.skip(
            "Browser tests skipped: /usr/bin/chromium not found. Install it "
            "(Debian/Ubuntu: sudo apt-get install chromium) or set BTC_CHROMIUM to its path."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
