#!/usr/bin/env python3
"""Build the course as a static site: Voici pages and a Pyodide kernel that run in the browser.

    python static_site/build.py --out build/static

The output folder can be served by any static web server (`python -m http.server -d build/static`)
and loads nothing from any other host: Pyodide, every Python package the browser kernel needs and
the course's own `widgets` package are inside it. See docs/static-site.md.

What it does:
1. sets up its own virtual environment, .venv-static, from static_site/requirements.txt (the
   course's .venv and requirements/constraints.txt are left alone) and re-runs itself there;
2. takes Pyodide 0.29.0 from the npm registry (`npm pack`), keeping only the core the kernel loads
   (the npm package has no Python packages: those come from PyPI, step 3);
3. downloads the kernel's pure-Python wheels from PyPI (static_site/kernel-requirements.txt, with
   hashes; anywidget's is repacked without the copies of its front end, SLIM_WHEELS), builds a
   wheel of the course (`widgets/` plus course.toml and the notebooks with their knowledge checks,
   which `widgets` reads beside itself) and writes a Pyodide lock file that lists only these, so
   the kernel loads them all at start-up in one go;
4. runs that Pyodide under Node to add bytecode for every module a page imports
   (static_site/precompile.mjs): pages become interactive 2 to 3 times sooner;
5. runs `voici build` on notebooks/ with the course template (static_site/voici_build.py gives it
   the course data), then drops what no page loads, serves shared stylesheets once, points lesson
   links at the built pages, adds static_site/static/static-site.js to every page and checks that
   no page loads anything from another host.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import venv
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = Path(os.environ.get("BTC_STATIC_VENV", ROOT / ".venv-static"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
VENV_PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
REQUIREMENTS = HERE / "requirements.txt"
KERNEL_REQUIREMENTS = HERE / "kernel-requirements.txt"
CACHE = Path(os.environ.get("BTC_STATIC_CACHE", ROOT / "build" / ".static-cache"))

PYODIDE_VERSION = "0.29.0"  # what jupyterlite-pyodide-kernel 0.7.0 is built for
PYODIDE_NPM_INTEGRITY = (  # `npm view pyodide@0.29.0 dist.integrity`
    "sha512-ObIvsTmcrxAWKg+FT1GjfSdDmQc5CabnYe/nn5BCuhr9BVVITeQ24DBdZuG5B2tIiAZ9YonBpnDB7cmHZyd2Rw=="
)
#: The files of the npm package the kernel's worker loads (pyodide.js by importScripts, then the
#: rest by pyodide.js). The lock file is ours, written in step 3.
PYODIDE_CORE = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
#: Wheels that jupyterlite-pyodide-kernel ships in its labextension (the kernel itself and shims).
KERNEL_OWN_WHEELS = ("piplite", "pyodide_kernel", "ipykernel", "widgetsnbextension")
#: Lock entries that ship an empty wheel: the kernel asks for them by name at start-up, but Voici
#: never asks for completions (jedi) and the kernel keeps no history (sqlite3, which IPython
#: handles being absent). The npm package has no sqlite3 for Pyodide, and jedi is 1.7 MB.
STUBS = {"sqlite3": "btc_no_sqlite3", "jedi": "btc_no_jedi"}
#: What each package needs, for Pyodide's resolver (only what runs in the kernel: ipywidgets'
#: front end, jupyterlab_widgets, is already in the page).
DEPENDS = {
    "ipython": [
        "asttokens",
        "decorator",
        "executing",
        "ipython-pygments-lexers",
        "jedi",
        "matplotlib-inline",
        "prompt-toolkit",
        "pure-eval",
        "pygments",
        "sqlite3",
        "stack-data",
        "traitlets",
        "wcwidth",
    ],
    "ipython-pygments-lexers": ["pygments"],
    "matplotlib-inline": ["traitlets"],
    "prompt-toolkit": ["wcwidth"],
    "stack-data": ["asttokens", "executing", "pure-eval"],
    "micropip": ["packaging"],
    "piplite": ["micropip"],
    "comm": ["traitlets"],
    "ipykernel": ["comm"],
    "pyodide-kernel": ["ipython", "comm", "ipykernel"],
    "widgetsnbextension": [],
    "ipywidgets": ["comm", "ipython", "traitlets", "widgetsnbextension"],
    "typing-extensions": [],
    "psygnal": [],
    "anywidget": ["ipywidgets", "psygnal", "typing-extensions"],
    "breaking-the-cycle": ["ipywidgets", "anywidget"],
}
#: Everything the kernel loads before it runs a notebook, in one parallel batch (the names the
#: kernel checks for, so that it skips installing them one by one through piplite).
PRELOAD = [
    "micropip",
    "piplite",
    "sqlite3",
    "ipykernel",
    "comm",
    "pyodide-kernel",
    "jedi",
    "ipython",
    "ipywidgets",
    "typing-extensions",
    "psygnal",
    "anywidget",
    "breaking-the-cycle",
]
#: Files of downloaded wheels that the kernel never reads, left out when the build repacks them:
#: anywidget's wheel carries its front end twice (the package's labextension/ and nbextension/
#: folders, and the .data/ folder pip installs into share/jupyter). The page already has that
#: front end, from .venv-static's labextension (step 5).
SLIM_WHEELS = {
    "anywidget": re.compile(r"^anywidget/(?:labextension|nbextension)/|^anywidget-[^/]+\.data/"),
}


def say(message: str) -> None:
    print(f"[static_site] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# 1. The build's own environment
# ---------------------------------------------------------------------------------------------


def ensure_venv() -> None:
    """Re-run this script inside .venv-static, creating or updating it when the pins changed."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    stamp = VENV / ".btc-static-installed"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest() + sys.version
    if not (VENV_PYTHON.exists() and stamp.exists() and stamp.read_text() == wanted):
        if not VENV_PYTHON.exists():
            say(f"creating {VENV}")
            venv.EnvBuilder(with_pip=True).create(VENV)
        say("installing static_site/requirements.txt into it")
        pip = [str(VENV_PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
        stamp.write_text(wanted)
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])


# ---------------------------------------------------------------------------------------------
# 2. Pyodide from npm
# ---------------------------------------------------------------------------------------------


def pyodide_tarball() -> Path:
    """pyodide-<version>.tgz from the npm registry (npm checks its integrity; we check again)."""
    folder = CACHE / "npm"
    tgz = folder / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.exists():
        if shutil.which("npm") is None:
            sys.exit("npm is needed to fetch Pyodide from the npm registry (apt-get install npm).")
        folder.mkdir(parents=True, exist_ok=True)
        say(f"npm pack pyodide@{PYODIDE_VERSION}")
        subprocess.run(
            ["npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--silent"], cwd=folder, check=True
        )
    digest = base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != PYODIDE_NPM_INTEGRITY:
        tgz.unlink()
        sys.exit(f"{tgz.name} does not match the integrity pinned in build.py; removed, run again.")
    return tgz


def unpack_pyodide_core(tgz: Path, dest: Path) -> dict:
    """Copy the core files into dest and return the npm package's lock (for its 'info')."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as tar:
        for name in PYODIDE_CORE:
            member = tar.extractfile(f"package/{name}")
            (dest / name).write_bytes(member.read())
        return json.load(tar.extractfile("package/pyodide-lock.json"))


# ---------------------------------------------------------------------------------------------
# 3. Wheels and the lock file
# ---------------------------------------------------------------------------------------------


def download_kernel_wheels(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    say("downloading the kernel's wheels from PyPI (kernel-requirements.txt)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--disable-pip-version-check",
            "--no-deps",
            "--require-hashes",
            "--only-binary=:all:",
            "--implementation=py",
            "--python-version=3.13",
            "--abi=none",
            "--platform=any",
            "-d",
            str(dest),
            "-r",
            str(KERNEL_REQUIREMENTS),
        ],
        check=True,
    )


def kernel_own_wheels(dest: Path) -> None:
    """The kernel's own wheels (pyodide_kernel, piplite and the ipykernel/widgetsnbextension
    shims) as jupyterlite-pyodide-kernel ships them in its labextension."""
    pypi = Path(sys.prefix) / "share/jupyter/labextensions" / KERNEL_EXTENSION / "static/pypi"
    index = json.loads((pypi / "all.json").read_text())
    for name in KERNEL_OWN_WHEELS:
        releases = index[name.replace("_", "-")]["releases"]
        # widgetsnbextension has a 3.x and a 4.x shim: ipywidgets 8 wants 4.x, the newest
        version = max(releases, key=lambda v: tuple(int(p) for p in v.split(".")))
        shutil.copy(pypi / releases[version][0]["filename"], dest)


def _record_line(name: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [name, f"sha256={digest}", str(len(data))]


def _zip_wheel(path: Path, dist_info: str, files: dict[str, bytes]) -> Path:
    """Write `files` (name -> bytes, without a RECORD) as a reproducible wheel at `path`, with a
    fresh RECORD: sorted names, one fixed date, the same permissions."""
    files = {name: data for name, data in files.items() if name != f"{dist_info}/RECORD"}
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name in sorted(files):
        writer.writerow(_record_line(name, files[name]))
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    files[f"{dist_info}/RECORD"] = record.getvalue().encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as whl:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2020, 2, 2, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            whl.writestr(info, files[name])
    return path


def write_wheel(dest: Path, dist: str, version: str, files: dict[str, bytes]) -> Path:
    """A minimal, reproducible py3-none-any wheel holding `files` (name -> bytes)."""
    dist_info = f"{dist}-{version}.dist-info"
    files = dict(files)
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n".encode()
    )
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: static_site/build.py\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    return _zip_wheel(dest / f"{dist}-{version}-py3-none-any.whl", dist_info, files)


def slim_wheel(path: Path, drop: re.Pattern) -> int:
    """Repack a downloaded wheel in place without the files `drop` matches (reproducibly, with a
    RECORD of what is left); returns the bytes saved."""
    before = path.stat().st_size
    with zipfile.ZipFile(path) as whl:
        files = {
            info.filename: whl.read(info)
            for info in whl.infolist()
            if not info.is_dir() and not drop.search(info.filename)
        }
    dist_info = next(n.split("/")[0] for n in files if n.endswith(".dist-info/METADATA"))
    _zip_wheel(path, dist_info, files)
    return before - path.stat().st_size


def slim_wheels(folder: Path) -> dict[str, int]:
    """Repack the wheels named in SLIM_WHEELS; returns the bytes saved per wheel."""
    saved = {}
    for dist, drop in SLIM_WHEELS.items():
        for path in folder.glob(f"{dist}-*.whl"):
            saved[path.name] = slim_wheel(path, drop)
    return saved


#: What the course wheel carries from widgets/ besides its Python.
PACKAGE_SUFFIXES = {".py", ".toml", ".js", ".css"}


def course_wheel(dest: Path) -> Path:
    """The course's `widgets` package, with course.toml and the notebooks (lesson titles and
    summaries for the course map) and notebooks/checks/ (knowledge checks) laid out as in the
    repository: `widgets` finds them one folder above itself, which in the kernel is site-packages.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    files: dict[str, bytes] = {}
    # The package's own files: its Python, and the content files and front-end scripts it reads
    # at run time (widgets/content/*.toml, an anywidget's .js and .css).
    for path in sorted((ROOT / "widgets").rglob("*")):
        if path.suffix in PACKAGE_SUFFIXES and "__pycache__" not in path.parts:
            files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
    files["course.toml"] = course_toml().read_bytes()
    # The lessons of the course's language (notebooks/, or notebooks/<language>/) and their checks.
    lessons = lesson_folder()
    for path in [*sorted(lessons.glob("*.ipynb")), *sorted((lessons / "checks").glob("*.toml"))]:
        files[f"notebooks/{path.relative_to(ROOT / 'notebooks').as_posix()}"] = path.read_bytes()
    return write_wheel(dest, "breaking_the_cycle", project["version"], files)


def wheel_meta(path: Path) -> tuple[str, str, list[str]]:
    """(normalised name, version, top-level import names) of a wheel."""
    with zipfile.ZipFile(path) as whl:
        names = whl.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        meta = whl.read(f"{dist_info}/METADATA").decode()
    name = re.search(r"^Name: (.+)$", meta, re.M).group(1).strip()
    version = re.search(r"^Version: (.+)$", meta, re.M).group(1).strip()
    tops = set()
    for n in names:
        first = n.split("/")[0]
        if first.endswith((".dist-info", ".data")):
            continue
        if "/" in n and n.split("/")[1] and (n.endswith(".py") or n.endswith(".so")):
            tops.add(first)
        elif n.endswith(".py") and "/" not in n:
            tops.add(n[:-3])
    return re.sub(r"[-_.]+", "-", name).lower(), version, sorted(tops)


def write_lock(pyodide_dir: Path, wheels: list[Path], info: dict) -> dict:
    packages = {}
    for path in wheels:
        name, version, imports = wheel_meta(path)
        if name == "breaking-the-cycle":
            imports = ["widgets"]
        packages[name] = {
            "name": name,
            "version": version,
            "file_name": path.name,
            "install_dir": "site",
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "package_type": "package",
            "imports": imports,
            "depends": DEPENDS.get(name, []),
            "unvendored_tests": False,
            "shared_library": False,
        }
    for lock_name, dist in STUBS.items():
        stub = next(p for p in wheels if p.name.startswith(f"{dist}-"))
        entry = packages.pop(dist.replace("_", "-"))
        packages[lock_name] = {**entry, "name": lock_name, "imports": []}
        packages[lock_name]["file_name"] = stub.name
    missing = sorted({d for p in packages.values() for d in p["depends"]} - set(packages))
    missing += [p for p in PRELOAD if p not in packages]
    if missing:
        sys.exit(f"the kernel's lock file lacks {missing}: add them to kernel-requirements.txt")
    lock = {"info": info, "packages": dict(sorted(packages.items()))}
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return lock


def precompile(tgz: Path, npm_dir: Path, pyodide_dir: Path) -> None:
    """Add bytecode for what a page imports (see precompile.mjs), compiled by Pyodide in Node."""
    if shutil.which("node") is None:
        sys.exit("node is needed to precompile the kernel's Python (apt-get install nodejs).")
    npm_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as tar:
        # the "data" filter (Python 3.11.4+) refuses links and absolute paths in the archive
        extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(npm_dir, **extra)  # noqa: S202  (from the npm registry, integrity checked)
    say("precompiling the modules a page imports (Pyodide under Node)")
    result = subprocess.run(
        [
            "node",
            str(HERE / "precompile.mjs"),
            str(npm_dir / "package"),
            str(pyodide_dir),
            json.dumps(PRELOAD),
            os.environ.get("BTC_STDLIB_OPTIMIZE", "0"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    added = sum(report["pyc"].values())
    say(f"  {added} modules precompiled of {report['modules']} imported")
    say(f"  {report['dropped']} files left out (tests, socket modules, other languages' lexers)")
    for failure in report["not_imported"]:
        say(f"  not importable in the browser (left as source): {failure}")


# ---------------------------------------------------------------------------------------------
# 4. Voici
# ---------------------------------------------------------------------------------------------


def lite_config(lite_dir: Path, out: Path) -> None:
    """jupyter_lite_config.json (the build) and jupyter-lite.json (the pages' settings)."""
    build = {
        "LiteBuildConfig": {
            "apps": ["voici"],
            "contents": [str(lesson_folder())],
            "output_dir": str(out),
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            # Only the course's language: the English folder holds the other languages' folders.
            "extra_ignore_contents": [r"/\.ipynb_checkpoints/", r"__pycache__", *other_languages()],
        }
    }
    (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(build, indent=2))
    settings = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "pyodideUrl": "./static/pyodide/pyodide.js",
                    "disablePyPIFallback": True,
                    "pipliteUrls": [],
                    "loadPyodideOptions": {"packages": PRELOAD},
                }
            }
        },
    }
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(settings, indent=2))


def run_voici(lite_dir: Path, out: Path, template: str) -> None:
    """`voici build` through voici_build.py, which gives the course template its data. The
    template is found on JUPYTER_PATH (assets/ holds voila/templates/course)."""
    args = [sys.executable, str(HERE / "voici_build.py"), str(ROOT), "build"]
    args += ["--lite-dir", str(lite_dir), "--output-dir", str(out), f"--template={template}"]
    say(f"voici build (template {template})")
    paths = [str(ROOT / "assets"), os.environ.get("JUPYTER_PATH", "")]
    env = dict(os.environ, JUPYTER_PATH=os.pathsep.join(p for p in paths if p))
    subprocess.run(args, cwd=lite_dir, check=True, env=env, stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------------------------------------
# 5. Trim and fix up the output
# ---------------------------------------------------------------------------------------------

#: What `voici build` writes that no page of this site loads: JupyterLite's own application and
#: its icon fonts (Voici brings its own in voici/), the JupyterLite landing page and its files,
#: the generated file-browser pages (the course has its own lesson list), and front-end extensions
#: Voici leaves out of its pages or that only colour code cells (the pages show no code).
UNUSED = (
    "build",
    "doc",
    "bootstrap.js",
    "config-utils.js",
    "icon-120x120.png",
    "icon-512x512.png",
    "manifest.webmanifest",
    "jupyter-lite.ipynb",
    "package.json",
    "jupyterlite.schema.v0.json",
    "service-worker.js",  # static-site.js keeps pages from registering it
    "voici/tree",
    "extensions/@jupyter-widgets",
    "extensions/@voila-dashboards",
    "extensions/jupyterlab_pygments",
    # the notebooks' raw files: pages have their text built in and `widgets` reads its copies
    # from the course wheel
    "files",
)
#: Voici's lazily loaded chunk with the Vega-Lite renderer (0.8 MB): it draws only
#: application/vnd.vegalite outputs, which need altair or vega in the kernel, and the kernel
#: ships neither. Found by the package name inside it; left alone if it holds anything else.
VEGA_CHUNK = re.compile(rb'name:"vega-lite"')
UNUSED_EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager",
    "@voila-dashboards/jupyterlab-preview",
    "jupyterlab_pygments",
}
#: anywidget's front end (widgets/page_setup.RECORD_EXTENSION): every page with code needs it.
RECORD_EXTENSION = "anywidget"
#: plotly's renderer for its MIME type: the page's Python sends plain figure JSON (no plotly
#: package in the browser kernel), the extension draws it.
PLOTLY_EXTENSION = "jupyterlab-plotly"
#: anywidget's labextension also ships its stand-alone bundle, static/main.<hash>.js (56 kB),
#: which JupyterLab's module federation never loads (the page loads remoteEntry and its chunks).
#: Left out when nothing else in the extension names its hash.
UNLOADED_EXTENSION_FILE = re.compile(r"^main\.([0-9a-f]{8,})\.js$")
CONFIG_RE = re.compile(
    r'(<script id="jupyter-config-data" type="application/json">)(.*?)(</script>)', re.S
)
STYLE_RE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
LESSON_HREF_RE = re.compile(r'href="([^"/:?#]+)\.ipynb(#[^"]*)?"')
#: Voila's stock lab template links an icon font from a CDN (the course template does not).
CDN_STYLESHEET_RE = re.compile(r'<link rel="stylesheet" href="https?://[^"]*"[^>]*>\n?')
EXTERNAL_RE = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)=["']?(?:https?:)?//"""
)


def redirect_page(target: str, title: str, language: str = "en") -> str:
    target, title, language = (html.escape(v) for v in (target, title, language))
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'</head><body><p><a href="{target}">{title}</a></p></body></html>\n'
    )


def course_settings():
    """The course's settings, checked as the served course checks them (widgets/course_config)."""
    _page_setup()  # puts the repository on sys.path
    from widgets.course_config import load_config

    return load_config(course_toml(), ROOT / "notebooks")


def lesson_folder() -> Path:
    """The folder of the lessons in the course's language (notebooks/ or notebooks/<language>/)."""
    language = course_settings().language  # first: it puts the repository on sys.path
    from widgets.course_config import lesson_dir

    return lesson_dir(language, ROOT / "notebooks")


def other_languages() -> list[str]:
    """Ignore patterns for the lesson folders of the languages the site is not built in."""
    language = course_settings().language  # first: it puts the repository on sys.path
    from widgets.course_config import languages

    # JupyterLite matches each pattern against the path under the contents folder: "/es/x.ipynb".
    return [rf"^/{code}/" for code in languages(ROOT / "notebooks") if code not in {"en", language}]


def course_toml() -> Path:
    """The course.toml the site is built from: the repository's, or BTC_COURSE_TOML's (a
    relative name from this folder or the repository's), as a whole path for the steps that run
    in other folders."""
    named = os.environ.get("BTC_COURSE_TOML")
    if not named:
        return ROOT / "course.toml"
    path = Path(named)
    if not path.is_absolute() and not path.exists():
        path = ROOT / path
    os.environ["BTC_COURSE_TOML"] = str(path.resolve())
    return path.resolve()


def trim_config(config: dict, runs_code: bool = True, draws_charts: bool = False) -> dict:
    """Drop the front-end extensions no page uses, anywidget's (the learner's record) from a
    page with no code, and plotly's (4.7 MB) from a page that draws no plotly chart (only My
    progress does), as the served course does (widgets/page_setup.py)."""
    unused = UNUSED_EXTENSIONS if runs_code else UNUSED_EXTENSIONS | {RECORD_EXTENSION}
    if not draws_charts:
        unused = unused | {PLOTLY_EXTENSION}
    config["federated_extensions"] = [
        ext for ext in config.get("federated_extensions", []) if ext["name"] not in unused
    ]
    # Everything the kernel needs is preloaded from the lock file: no piplite index to fetch.
    config.get("litePluginSettings", {}).get(KERNEL_PLUGIN, {})["pipliteUrls"] = []
    return config


def _page_setup():
    """widgets/page_setup, the served course's per-page tests (the module needs only the
    standard library, so it is read from the repository whichever environment runs this)."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))  # after site-packages: ROOT has a voila.py of its own
    from widgets import page_setup

    for ours, served in (
        (RECORD_EXTENSION, page_setup.RECORD_EXTENSION),
        (PLOTLY_EXTENSION, page_setup.PLOTLY_EXTENSION),
    ):
        if ours != served:
            sys.exit(f"widgets/page_setup.py names an extension {served!r}: update build.py")
    return page_setup


def page_runs_code(notebook: Path) -> bool:
    return _page_setup().runs_code(notebook)


def page_draws_charts(notebook: Path) -> bool:
    return _page_setup().draws_charts(notebook)


def postprocess(
    out: Path, first_lesson: str, title: str = "Breaking the Cycle", language: str = "en"
) -> dict:
    for rel in UNUSED:
        path = out / rel
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    record_static = out / "extensions" / RECORD_EXTENSION / "static"
    for path in sorted(record_static.glob("main.*.js")):
        if match := UNLOADED_EXTENSION_FILE.match(path.name):
            others = [p for p in record_static.parent.rglob("*") if p.is_file() and p != path]
            if not any(match.group(1).encode() in p.read_bytes() for p in others):
                path.unlink()
    for chunk in (out / "voici" / "build").glob("*.js"):
        data = chunk.read_bytes()
        if VEGA_CHUNK.search(data) and b"@jupyterlab/" not in data:
            chunk.unlink()
            chunk.with_name(chunk.name + ".LICENSE.txt").unlink(missing_ok=True)
    lite_json = out / "jupyter-lite.json"
    lite = json.loads(lite_json.read_text())
    trim_config(lite["jupyter-config-data"])
    lite_json.write_text(json.dumps(lite, indent=2))

    # The course template's page script, where the pages look for it (relative to the site root),
    # and the static site's own link fixer beside it.
    static = out / "voila" / "templates" / "course" / "static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "assets" / "voila" / "templates" / "course" / "static" / "course.js", static)
    shared = out / "static" / "btc"
    shared.mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "static" / "static-site.js", shared)

    pages = sorted((out / "voici" / "render").glob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    # The same stylesheets (JupyterLab's, the course's) are inlined in every page: serve them once.
    counts: dict[str, int] = {}
    for text in texts.values():
        for css in set(STYLE_RE.findall(text)):
            counts[css] = counts.get(css, 0) + 1
    names = {}
    for css, count in counts.items():
        if count > 1 and len(css) > 2000:
            name = f"page-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
            (shared / name).write_text(css, encoding="utf-8")
            names[css] = name
    for page, text in texts.items():
        notebook = lesson_folder() / f"{page.stem}.ipynb"
        code, charts = page_runs_code(notebook), page_draws_charts(notebook)
        text = STYLE_RE.sub(
            lambda m: (
                f'<link rel="stylesheet" href="../../static/btc/{names[m.group(1)]}">'
                if m.group(1) in names
                else m.group(0)
            ),
            text,
        )
        text = CDN_STYLESHEET_RE.sub("", text)
        text = LESSON_HREF_RE.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', text)
        text = CONFIG_RE.sub(
            lambda m, code=code, charts=charts: (
                m.group(1)
                + json.dumps(trim_config(json.loads(m.group(2)), code, charts))
                + m.group(3)
            ),
            text,
        )
        text = text.replace(
            "<head>", '<head>\n<script src="../../static/btc/static-site.js"></script>', 1
        )
        if EXTERNAL_RE.search(text):
            sys.exit(f"{page.name} loads something from another host: {EXTERNAL_RE.search(text)}")
        page.write_text(text, encoding="utf-8")

    start = f"voici/render/{Path(first_lesson).stem}.html"
    (out / "index.html").write_text(redirect_page(start, title, language))
    (out / "voici" / "index.html").write_text(redirect_page(f"../{start}", title, language))
    return {"pages": len(pages), "shared_css": len(names)}


def size_report(out: Path) -> list[tuple[str, int]]:
    groups: dict[str, int] = {}
    for path in out.rglob("*"):
        if path.is_file():
            rel = path.relative_to(out).parts
            key = "/".join(rel[:2]) if len(rel) > 1 else rel[0]
            if rel[:2] == ("static", "pyodide"):
                key = "static/pyodide/" + ("*.whl" if path.suffix == ".whl" else path.name)
            groups[key] = groups.get(key, 0) + path.stat().st_size
    return sorted(groups.items(), key=lambda kv: -kv[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="build/static", help="output folder (replaced)")
    parser.add_argument(
        "--template", default="course", help="Voila template for the pages (course, or lab)"
    )
    parser.add_argument(
        "--no-precompile", action="store_true", help="ship sources only (slower pages)"
    )
    args = parser.parse_args(argv)
    ensure_venv()
    started = time.monotonic()
    out = Path(args.out) if Path(args.out).is_absolute() else (Path.cwd() / args.out)
    out = out.resolve()
    work = CACHE / "work"
    shutil.rmtree(work, ignore_errors=True)
    lite_dir = work / "lite"
    pyodide_dir = lite_dir / "static" / "pyodide"
    wheels_dir = work / "wheels"
    wheels_dir.mkdir(parents=True)

    tgz = pyodide_tarball()
    info = unpack_pyodide_core(tgz, pyodide_dir)["info"]
    download_kernel_wheels(wheels_dir)
    for name, saved in slim_wheels(wheels_dir).items():
        say(f"  {name}: repacked without its front-end copies, {saved} bytes smaller")
    kernel_own_wheels(wheels_dir)
    for dist in STUBS.values():
        write_wheel(wheels_dir, dist, "0", {})
    course_wheel(wheels_dir)
    wheels = sorted(wheels_dir.glob("*.whl"))
    for wheel in wheels:
        shutil.copy(wheel, pyodide_dir)
    write_lock(pyodide_dir, wheels, info)
    if not args.no_precompile:
        precompile(tgz, work / "pyodide-npm", pyodide_dir)
        write_lock(pyodide_dir, sorted(pyodide_dir.glob("*.whl")), info)

    lite_config(lite_dir, out)
    if out.exists():
        shutil.rmtree(out)
    run_voici(lite_dir, out, args.template)
    course = course_settings()
    done = postprocess(out, course.lessons[0].file, course.title, course.language)

    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    say(f"built {out} in {time.monotonic() - started:.0f} s: {total / 1e6:.1f} MB, {done}")
    for key, size in size_report(out)[:14]:
        say(f"  {size / 1e6:6.2f} MB  {key}")
    say(f"serve it with: python -m http.server -d {out}  (then open /index.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
