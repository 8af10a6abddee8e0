"""Start the course's Voila and a headless Chromium: shared by the browser tests and the benchmark.

Voila runs from the repository root so that it reads voila.py (the course configuration), on a
free port, in its own process group; it is stopped by that process id, kernels included.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from widgets.course_config import course_settings, languages, lesson_dir

ROOT = Path(__file__).resolve().parent.parent

#: The language course.toml asks for, and the folder of the lessons the course serves in it
#: (notebooks/, or notebooks/<language>/): what the browser tests open.
LANGUAGE = course_settings().language
NOTEBOOKS = lesson_dir(LANGUAGE)
#: Every language this copy has lessons in; the lesson checks run over each one.
LANGUAGES = languages()
CHROMIUM = os.environ.get("BTC_CHROMIUM", "/usr/bin/chromium")
# Flags from COURSE.md: without the background-networking ones Chromium phones Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lesson_files(language: str = LANGUAGE) -> list[str]:
    """Every notebook in one language's folder, discovered (not a hand-kept list)."""
    return sorted(p.name for p in lesson_dir(language).glob("*.ipynb"))


def every_notebook() -> list[Path]:
    """Every notebook in every language: what the lesson checks run over."""
    return [
        lesson_dir(language) / file for language in LANGUAGES for file in lesson_files(language)
    ]


def notebook_id(notebook: Path) -> str:
    """A test id: the notebook's path under notebooks/ (`01_x.ipynb`, `es/01_x.ipynb`)."""
    return notebook.relative_to(lesson_dir("en")).as_posix()


@dataclass
class VoilaServer:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def lesson_url(self, file: str) -> str:
        return f"{self.url}voila/render/{file}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        """Stop Voila and its kernels by the process group Voila leads."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def launch_voila(
    log_path: Path,
    *,
    cwd: Path = ROOT,
    args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> VoilaServer:
    """Start Voila on a free port in its own process group (stopped by `VoilaServer.stop`)."""
    port = free_port()
    log = open(log_path, "wb")  # noqa: SIM115  (kept open for the server's lifetime)
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "voila"), f"--port={port}", "--no-browser", *args],
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    return VoilaServer(process, port, log_path)


def start_voila(
    log_path: Path,
    *,
    cwd: Path = ROOT,
    args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    timeout: float = 90,
    wait_for_pools: bool = True,
) -> VoilaServer:
    """Start Voila with the repo's configuration and wait until it answers."""
    server = launch_voila(log_path, cwd=cwd, args=args, env=env)
    process = server.process
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voila exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url, timeout=2) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    else:
        server.stop()
        raise RuntimeError(f"Voila did not answer within {timeout} s:\n{server.log()}")
    preheating = {**os.environ, **(env or {})}.get("BTC_POOL_SIZE", "1") != "0"
    if wait_for_pools and preheating:
        wait_for_pool(server, deadline, len(list((cwd / "notebooks").glob("*.ipynb"))))
    return server


def wait_for_pool(server: VoilaServer, deadline: float, wanted: int) -> None:
    """Wait until every lesson's preheated kernel has run its notebook."""
    while time.monotonic() < deadline:
        if server.log().count("is filled with") >= wanted:
            return
        time.sleep(0.3)


def start_course_copy(folder: Path, extra: dict[str, str]) -> VoilaServer:
    """Serve a copy of the course with extra notebooks (file name -> JSON text), no preheating.

    For tests that need a notebook the real course must not contain (one that fails, one that
    exercises a UI piece on its own).
    """
    for name in ("voila.py", "course.toml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "notebooks", folder / "notebooks")
    shutil.copytree(ROOT / "assets", folder / "assets")
    for name, text in extra.items():
        (folder / "notebooks" / name).write_text(text, encoding="utf-8")
    # The server serves only what course.toml lists: these pages are served as drafts are.
    env = {"BTC_POOL_SIZE": "0", "BTC_ALSO_SERVE": ",".join(extra)}
    return start_voila(folder / "voila.log", cwd=folder, env=env)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


#: JavaScript that is true once Voila has shown the lesson and every widget output is drawn.
INTERACTIVE_JS = """() => {
  const cells = document.getElementById('rendered_cells');
  if (!cells || cells.style.display === 'none' || document.getElementById('loading')) return false;
  // Voila's front end moves the page into its application shell once its scripts have loaded;
  // until then focus and clicks can be lost when the page is re-parented.
  if (!cells.closest('.jp-LabShell')) return false;
  const pending = document.querySelectorAll(
    'script[type="application/vnd.voila.cell-output+json"]');
  if (pending.length) return false;
  // Voila first shows "Loading widget..." in each widget output, then swaps in the widget.
  for (const out of document.querySelectorAll('.jp-OutputArea-output')) {
    if (!out.children.length && out.textContent.includes('Loading widget')) return false;
  }
  // A chart drawn into a widget Output is part of the page being ready.
  for (const out of document.querySelectorAll('.widget-output .jp-RenderedPlotly')) {
    if (!out.querySelector('.main-svg')) return false;
  }
  // A simulator or tool is ready once its boxes have filled in (asynchronously) and each of its
  // charts shows its picture and its text.
  for (const sim of document.querySelectorAll('.btc-simulator')) {
    if (!sim.children.length) return false;
  }
  for (const fig of document.querySelectorAll('.btc-chart')) {
    if (!fig.querySelector('.btc-alt p') || !fig.querySelector('.btc-plot svg')) return false;
  }
  return true;
}"""


def wait_interactive(page, timeout_ms: float = 60_000) -> None:
    page.wait_for_function(INTERACTIVE_JS, timeout=timeout_ms)
