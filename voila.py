"""Voila configuration for the course (Voila reads `voila.py` from the folder it starts in).

Kept in the repository, not on a command line, so that `python3 run.py serve`, the browser tests
and the benchmark all serve the course the same way. It:
- checks course.toml first and stops with a message naming the bad key;
- serves only notebooks/ (and the images inside it) with the course template from assets/;
- keeps preheated kernels (one per lesson; BTC_POOL_SIZE per lesson in group mode), so the first
  learners on a lesson do not wait for a kernel start plus a notebook run;
- culls idle kernels, because Voila does not shut a kernel down when its tab closes;
- hides tracebacks from learners (Voila logs them on the server instead);
- refuses kernel websockets that do not speak the v1 protocol (see course_server/websocket.py);
- reads the serve settings (BTC_*, see docs/group-server.md): listen address, base URL, access
  code, pool size, ceiling on live kernels. `python3 run.py serve --group` sets BTC_GROUP=1.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import widgets  # noqa: E402
from widgets.course_config import CourseConfigError, lesson_dir, load_config  # noqa: E402
from widgets.page_setup import trim_page_config  # noqa: E402

if not (HERE / "course_server").is_dir():
    # A bare copy of voila.py (the tests serve copies of notebooks/): use the repository's server
    # package, found next to the installed `widgets` package.
    sys.path.append(str(Path(widgets.__file__).resolve().parent.parent))

import course_server  # noqa: E402
from course_server.access import CourseIdentityProvider  # noqa: E402
from course_server.kernels import CourseKernelManager  # noqa: E402
from course_server.listed import listed_paths, preheat_denylist, refuse_unlisted  # noqa: E402
from course_server.logs import log_request  # noqa: E402
from course_server.settings import (  # noqa: E402
    SettingsError,
    available_memory_mib,
    read_settings,
    served_pages,
)
from course_server.websocket import CourseWebsocketConnection  # noqa: E402

c = get_config()  # noqa: F821  (provided by traitlets when it runs this file)

try:
    COURSE = load_config(
        Path(os.environ.get("BTC_COURSE_TOML") or HERE / "course.toml"), HERE / "notebooks"
    )
except CourseConfigError as error:
    sys.stderr.write(f"\nConfiguration error: {error}\nThe course was not started.\n\n")
    raise SystemExit(2) from None

try:
    SERVE = read_settings(
        os.environ,
        pages=served_pages(COURSE),
        guides=[guide.file for guide in COURSE.guides],
        memory_mib=available_memory_mib(),
    )
except SettingsError as error:
    sys.stderr.write(f"\nSetting error: {error}\nThe course was not started.\n\n")
    raise SystemExit(2) from None
if SERVE.group:
    sys.stderr.write("".join(f"[course] {line}\n" for line in SERVE.summary()))
for note in SERVE.notes:
    sys.stderr.write(f"[course] note: {note}\n")

# The course template lives in assets/voila/templates/course; Voila finds templates on JUPYTER_PATH,
# which it reads after this file has run.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [
        str(HERE / "assets"),
        # the "server is full" page (a 503.html template beside Voila's error pages)
        str(Path(course_server.__file__).parent / "share" / "jupyter"),
        *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep)),
    ]
)

# The lessons in the course's language: notebooks/ for English, notebooks/<code>/ otherwise.
LESSONS = lesson_dir(COURSE.language, HERE / "notebooks")
c.Voila.root_dir = str(LESSONS)
# Only the pages course.toml lists: no other notebook is preheated, and any other gets "not
# found" (the page-config hook below; Voila allows no pre-launch hook with preheating).
c.VoilaKernelManager.preheat_denylist = preheat_denylist(LESSONS, served_pages(COURSE))
c.Voila.ip = SERVE.ip
# Behind a reverse proxy that forwards /course/... unchanged, links, static files and the kernel
# websocket all live under the base URL (Voila's server_url defaults to it).
c.Voila.base_url = SERVE.base_url
c.Voila.open_browser = False
# Never log a query string: a ?code=... link must not put the access code in the log.
c.Voila.tornado_settings = {"log_function": log_request}

# The shared access code (none: anyone who reaches the server gets in, as with stock Voila).
c.Voila.identity_provider_class = CourseIdentityProvider
if SERVE.access_code:
    c.Voila.token = SERVE.access_code
    c.Voila.cookie_secret = SERVE.cookie_secret()
c.CourseIdentityProvider.course = COURSE.as_template_data()

# Kernel websockets must speak the v1 protocol: one legacy (JSON) client can stall the server.
c.Voila.kernel_websocket_connection_class = CourseWebsocketConnection
c.CourseWebsocketConnection.tcp_nodelay = SERVE.tcp_nodelay

c.VoilaConfiguration.template = "course"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.resources = {"course": COURSE.as_template_data()}
# <html lang="...">: nbconvert's exporter writes its own language_code over the resources'.
c.HTMLExporter.language_code = COURSE.language
# Front-end extensions the lessons never use: fewer scripts for every learner's browser to load.
# (anywidget's is used, by the learner's record: widgets/page_setup.py drops it from a page with
# no code, such as the facilitator guide.)
c.VoilaConfiguration.extension_denylist = ["jupyterlab_pygments"]
# Only the lessons' own images; Voila inlines markdown images, this covers anything else.
c.VoilaConfiguration.file_allowlist = [r".*\.(svg|png|jpg|jpeg|gif|webp)"]

# Preheated kernels: one per page on a laptop, BTC_POOL_SIZE per lesson in group mode (0 turns
# preheating off, e.g. to measure). The course's kernel manager keeps the ceiling on live kernels
# (BTC_MAX_KERNELS; a learner beyond it gets the "server is full" page) and logs "ready for
# learners" once every preheated kernel has run its notebook.
c.VoilaConfiguration.preheat_kernel = SERVE.pooled_kernels > 0
c.VoilaConfiguration.multi_kernel_manager_class = CourseKernelManager
c.VoilaKernelManager.kernel_pools_config = {
    "default": {"pool_size": SERVE.pool_size},
    **{page: {"pool_size": size} for page, size in SERVE.pools.items()},
}
c.VoilaKernelManager.fill_delay = 0
c.CourseKernelManager.max_kernels = SERVE.max_kernels or 0
c.CourseKernelManager.static_url = SERVE.static_url or ""
c.CourseKernelManager.course = COURSE.as_template_data()

# Free the kernels of closed tabs: a kernel with no browser attached and idle for 5 minutes is shut
# down (checked every minute). Voila never culls the kernels waiting in the preheated pool.
c.MappingKernelManager.cull_idle_timeout = SERVE.cull_idle_seconds
c.MappingKernelManager.cull_interval = SERVE.cull_interval_seconds
c.MappingKernelManager.cull_connected = False
# Kernels talk to the server over local (ipc) sockets, not TCP ports: when dozens of kernels start
# at once (a group arriving), two could pick the same free port and one died on start ("Address
# already in use"), leaving a learner an empty page (benchmarks/load.py, 40 learners).
c.KernelManager.transport = "ipc"


def _page_config(page_config, notebook_path=None, **_kwargs):
    """Tell the home page which lesson to open; spare chart-free lessons plotly's script."""
    page_config["courseStart"] = COURSE.lessons[0].file
    # Standalone Voila gives the path under notebooks/; its server extension (Binder, which also
    # reads this file) gives it under the repository.
    notebook = None
    if notebook_path:
        notebook = next(
            (p for p in (LESSONS / notebook_path, HERE / notebook_path) if p.is_file()),
            None,
        )
    if notebook is not None and notebook.suffix == ".ipynb":
        trim_page_config(page_config, notebook)
    return page_config


c.VoilaConfiguration.page_config_hook = refuse_unlisted(
    listed_paths([*served_pages(COURSE), *SERVE.also_served], COURSE.language), _page_config
)
