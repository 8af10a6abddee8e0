#!/usr/bin/env python3
"""The course's commands. Needs nothing but Python 3.11 or newer.

    python3 run.py serve    set up .venv from the pinned versions, check course.toml, and serve
                            the course on http://127.0.0.1:8866 (PORT=... to change the port)
    python3 run.py serve --group
                            the same, set up for a group sharing one server: a bigger preheated
                            pool, a ceiling on live kernels, an optional access code and base URL
                            (BTC_* settings: see docs/group-server.md)
    python3 run.py test     set up .venv with the test tools too, then lint and run every test
                            (extra arguments go to pytest, e.g. `python3 run.py test -k config`;
                            the static site is built only when a static test is selected)
    python3 run.py test --quick
                            lint, lesson structure, citations, content files, models, views and
                            every notebook run: no browsers, no static build (about a minute)
    python3 run.py preview  serve without preheated kernels, so a reload always shows your edit
    python3 run.py new-lesson NN_name
                            write a lesson skeleton (notebooks/NN_name.ipynb) and its knowledge
                            check (notebooks/checks/NN_name.toml) in the shape the tests expect
    python3 run.py lab      open the lessons in JupyterLab, to adapt them (--port=8890 to pick
                            the port; as root, add --allow-root)
    python3 run.py build-static
                            build the course as a static site in build/static (the Python runs in
                            the learner's browser; needs Node.js and npm): docs/static-site.md
    python3 run.py build-workbook
                            print every lesson and blank worksheets to build/workbook.pdf, for
                            paper (needs Chromium; --paper A4|Letter, --out PATH)
    python3 run.py bench    run the benchmark and write docs/performance.md

Every command first makes sure .venv matches requirements/constraints.txt, so the widget front end
(JupyterLab extensions) and back end (kernel packages) always come from the same pinned set.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("BTC_VENV", ROOT / ".venv"))
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def run(*args: str | Path, **kwargs) -> int:
    return subprocess.call([str(a) for a in args], cwd=ROOT, **kwargs)


def ensure_environment(extras: str = "") -> None:
    """Create or update .venv so it holds exactly the pinned packages (skipped when unchanged)."""
    if sys.version_info < (3, 11):  # noqa: UP036  (run.py must run on any Python to say this)
        found = sys.version.split()[0]
        sys.exit(f"Breaking the Cycle needs Python 3.11 or newer (found {found}).")
    stamp_text = "\n".join(
        [
            sys.version,
            extras,
            hashlib.sha256(CONSTRAINTS.read_bytes()).hexdigest(),
            hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest(),
        ]
    )
    stamp = VENV / f".btc-installed{('-' + extras) if extras else ''}"
    if stamp.exists() and stamp.read_text() == stamp_text and PYTHON.exists():
        return
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV}")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as error:  # e.g. Debian without python3-venv
            sys.exit(
                f"Could not create {VENV}: {error}\n"
                "On Debian or Ubuntu, install the venv module first: sudo apt install python3-venv"
            )
    target = f".[{extras}]" if extras else "."
    say(f"installing the pinned packages ({target}); the first time takes a few minutes")
    pip = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    env = dict(os.environ, PIP_CONSTRAINT=str(CONSTRAINTS))
    if run(*pip, "-c", CONSTRAINTS, "-e", target, env=env) != 0:
        sys.exit("Installing the packages failed (see the messages above).")
    stamp.write_text(stamp_text)


def check_configuration() -> None:
    config = os.environ.get("BTC_COURSE_TOML") or ROOT / "course.toml"
    if run(PYTHON, "-m", "widgets.course_config", config) != 0:
        sys.exit(2)


def serve(args: list[str], env: dict | None = None) -> int:
    ensure_environment()
    check_configuration()
    env = dict(os.environ if env is None else env)
    if "--group" in args:
        args = [arg for arg in args if arg != "--group"]
        env["BTC_GROUP"] = "1"
    port = env.get("PORT", "8866")
    if env.get("BTC_GROUP") == "1":
        say("serving the course for a group; preheating kernels before learners arrive")
        say('wait for "ready for learners" below before you share the link (Ctrl+C stops it)')
    else:
        say(f"serving the course: open http://127.0.0.1:{port}/ in your browser (Ctrl+C stops it)")
    # voila.py in this folder holds the rest of the configuration (template, pool, culling, and
    # the BTC_* settings it checks).
    return run(BIN / "voila", f"--port={port}", *args, env=env)


def preview(args: list[str]) -> int:
    """Serve for an instructor editing lessons: no preheated kernel has run the old text."""
    say("preview: no preheated kernels, so each reload runs the lesson as it is saved now")
    return serve(args, dict(os.environ, BTC_POOL_SIZE="0"))


STATIC_OUT = ROOT / "build" / "static"
#: What `test --quick` runs: everything but the browser and static-site tests.
QUICK = ["--ignore=tests/browser", "--ignore=tests/static", "tests", "notebooks"]


def build_static(args: list[str]) -> int:
    """Build the static site (its own .venv-static; Pyodide from npm) into build/static."""
    return run(sys.executable, "static_site/build.py", "--out", STATIC_OUT, *args)


def build_workbook(args: list[str]) -> int:
    """Print the lessons and worksheets to build/workbook.pdf (Playwright is in the test tools)."""
    ensure_environment("test")
    check_configuration()
    return run(PYTHON, "-m", "workbook.build", *args)


def selects_static_tests(args: list[str], env: dict) -> bool:
    """Whether these pytest arguments select any static-site test (collected, not run), so that
    `test -k one_lesson` does not spend minutes building a site it never opens."""
    if not args:
        return True
    listing = subprocess.run(
        [str(PYTHON), "-m", "pytest", "--collect-only", "-q", *args],
        cwd=ROOT,
        env=dict(env, BTC_STATIC_DIR=env.get("BTC_STATIC_DIR", "build/static")),
        capture_output=True,
        text=True,
    )
    return "tests/static/" in listing.stdout


def test(args: list[str]) -> int:
    ensure_environment("test")
    quick = "--quick" in args
    args = [arg for arg in args if arg != "--quick"]
    for step in (
        [BIN / "ruff", "check", "."],
        [BIN / "ruff", "format", "--check", "."],
    ):
        if run(*step) != 0:
            say("lint failed: `ruff check --fix .` and `ruff format .` fix most of it")
            return 1
    env = dict(os.environ)
    if quick:
        return run(PYTHON, "-m", "pytest", "-q", *QUICK, *args, env=env)
    if "BTC_STATIC_DIR" not in env and not selects_static_tests(args, env):
        say("no static-site test selected: the static site is not built")
    elif "BTC_STATIC_DIR" not in env:
        # The static site's tests open every lesson of a fresh build in the browser kernel.
        if shutil.which("npm") and shutil.which("node"):
            say("building the static site for its tests (python3 run.py build-static)")
            if build_static([]) == 0:
                env["BTC_STATIC_DIR"] = str(STATIC_OUT)
            elif env.get("CI"):
                say("the static site did not build")
                return 1
        elif env.get("CI"):
            say("the static site needs Node.js and npm to build")
            return 1
        else:
            say("no Node.js/npm: the static site's tests are skipped")
    return run(PYTHON, "-m", "pytest", *args, env=env)


def new_lesson(args: list[str]) -> int:
    """Write a lesson skeleton and its knowledge check (authoring/new_lesson.py)."""
    ensure_environment()
    return run(PYTHON, "-m", "authoring.new_lesson", *args)


def lab(args: list[str]) -> int:
    ensure_environment()
    return run(
        BIN / "jupyter", "lab", "--ServerApp.ip=127.0.0.1", "--notebook-dir=notebooks", *args
    )


def bench(args: list[str]) -> int:
    ensure_environment("test")
    return run(PYTHON, "benchmarks/run.py", *args)


COMMANDS = {
    "serve": serve,
    "test": test,
    "preview": preview,
    "new-lesson": new_lesson,
    "lab": lab,
    "bench": bench,
    "build-static": build_static,
    "build-workbook": build_workbook,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    if os.environ.get("BTC_COURSE_TOML"):
        # Another course.toml, e.g. to try a region or a language: made absolute here, because
        # the server, the kernels and the tests each start in a folder of their own.
        os.environ["BTC_COURSE_TOML"] = str(Path(os.environ["BTC_COURSE_TOML"]).resolve())
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
