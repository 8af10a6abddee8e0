"""The Spanish course (notebooks/es/, widgets/content/es/) in a real headless Chromium through
the course's Voila, served as `[course] language = "es"` serves it (tests/configs/es_mx.toml).

Every Spanish page renders with no error and no console error, loads nothing from another host,
says it is Spanish (`<html lang="es">`), passes axe-core with no serious or critical violation,
and shows the Spanish crisis lines as tap-to-call links; its tools speak Spanish.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_lessons import open_lesson
from tests.harness import ROOT, lesson_files, start_voila
from widgets.course_config import load_config
from widgets.crisis_lines import regions

CONFIG = ROOT / "tests" / "configs" / "es_mx.toml"
SPANISH = load_config(CONFIG)
PAGES = [page.file for page in (*SPANISH.lessons, *SPANISH.pages, *SPANISH.guides)]


@pytest.fixture(scope="module")
def spanish_server(tmp_path_factory):
    server = start_voila(
        tmp_path_factory.mktemp("spanish") / "voila.log",
        env={"BTC_COURSE_TOML": str(CONFIG), "BTC_POOL_SIZE": "0"},
    )
    yield server
    server.stop()


def test_every_spanish_page_is_listed():
    assert sorted(PAGES) == lesson_files("es")


@pytest.mark.parametrize("file", PAGES)
def test_a_spanish_page_renders_cleanly_offline_and_accessibly(page, spanish_server, file):
    record = open_lesson(page, spanish_server, file)
    page.wait_for_timeout(500)  # let late requests and console messages arrive
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert record["console_errors"] == [] and record["page_errors"] == []
    host = f"127.0.0.1:{spanish_server.port}"
    foreign = [
        url
        for url in record["requests"] + record["sockets"]
        if urlparse(url).scheme in {"http", "https", "ws", "wss"} and urlparse(url).netloc != host
    ]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.title().endswith(SPANISH.title)
    assert page.locator("#btc-help > summary").inner_text().strip() == "Ayuda ahora"
    # Mexico's lines, from the Spanish list, each number a tap-to-call link.
    name, lines = regions("es")["MX"]
    help_panel = page.locator("#btc-help").text_content()  # closed until tapped
    assert f"Ayuda en {name}" in help_panel and lines[0].name in help_panel
    assert page.locator("#btc-help a[href='tel:8009112000']").count() == 1
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_the_tools_speak_spanish(page, spanish_server):
    open_lesson(page, spanish_server, "03_the_vicious_cycle.ipynb")
    text = page.locator("#rendered_cells").inner_text()
    assert "Reproducir" in text and "Fijar esta simulación" in text
    assert "Pin this run" not in text and "Play" not in text.split()
    open_lesson(page, spanish_server, "02_depression.ipynb")
    notice = page.locator(".btc-self-check-unavailable")
    assert "todavía no está disponible en español" in notice.inner_text()
    # No questionnaire in a wording of our own: neither the English items nor a made-up Spanish.
    assert "Little interest or pleasure" not in page.content()


def test_an_english_lesson_is_not_served_by_the_spanish_course(spanish_server):
    """The Spanish course serves notebooks/es/ only: the English folder is not under it."""
    import urllib.error
    import urllib.request

    assert (Path(ROOT) / "notebooks" / "es" / "00_welcome.ipynb").is_file()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(spanish_server.lesson_url("../00_welcome.ipynb"), timeout=30)
    assert refused.value.code in {403, 404}
