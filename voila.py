"""Voila configuration for the course (Voila reads `voila.py` from the folder it starts in).

Kept in the repository, not on a command line, so that `python3 run.py serve`, the browser tests
and the benchmark all serve the course the same way. It:
- checks course.toml first and stops with a message naming the bad key;
- serves only notebooks/ (and the images inside it) with the course template from assets/;
- keeps one preheated kernel per lesson, so the first learner on a lesson does not wait for a
  kernel start plus a notebook run;
- culls idle kernels, because Voila does not shut a kernel down when its tab closes;
- hides tracebacks from learners (Voila logs them on the server instead).
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from widgets.course_config import CourseConfigError, load_config  # noqa: E402
from widgets.page_setup import trim_page_config  # noqa: E402

c = get_config()  # noqa: F821  (provided by traitlets when it runs this file)

try:
    COURSE = load_config(HERE / "course.toml", HERE / "notebooks")
except CourseConfigError as error:
    sys.stderr.write(f"\nConfiguration error: {error}\nThe course was not started.\n\n")
    raise SystemExit(2) from None

# The course template lives in assets/voila/templates/course; Voila finds templates on JUPYTER_PATH,
# which it reads after this file has run.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(HERE / "assets"), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
)

c.Voila.root_dir = str(HERE / "notebooks")
c.Voila.ip = "127.0.0.1"
c.Voila.open_browser = False

c.VoilaConfiguration.template = "course"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.resources = {"course": COURSE.as_template_data(), "language_code": "en"}
# Front-end extensions the lessons never use: fewer scripts for every learner's browser to load.
c.VoilaConfiguration.extension_denylist = ["anywidget", "jupyterlab_pygments"]
# Only the lessons' own images; Voila inlines markdown images, this covers anything else.
c.VoilaConfiguration.file_allowlist = [r".*\.(svg|png|jpg|jpeg|gif|webp)"]

# One preheated kernel per lesson (set BTC_POOL_SIZE=0 to turn preheating off, e.g. to measure).
pool_size = int(os.environ.get("BTC_POOL_SIZE", "1"))
c.VoilaConfiguration.preheat_kernel = pool_size > 0
c.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": max(pool_size, 0)}}
c.VoilaKernelManager.fill_delay = 0

# Free the kernels of closed tabs: a kernel with no browser attached and idle for 5 minutes is shut
# down (checked every minute). Voila never culls the kernels waiting in the preheated pool.
c.MappingKernelManager.cull_idle_timeout = int(os.environ.get("BTC_CULL_IDLE_SECONDS", "300"))
c.MappingKernelManager.cull_interval = int(os.environ.get("BTC_CULL_INTERVAL_SECONDS", "60"))
c.MappingKernelManager.cull_connected = False


def _page_config(page_config, notebook_path=None, **_kwargs):
    """Tell the home page which lesson to open; spare chart-free lessons plotly's script."""
    page_config["courseStart"] = COURSE.lessons[0].file
    notebook = HERE / "notebooks" / notebook_path if notebook_path else None
    if notebook is not None and notebook.suffix == ".ipynb":
        trim_page_config(page_config, notebook)
    return page_config


c.VoilaConfiguration.page_config_hook = _page_config
