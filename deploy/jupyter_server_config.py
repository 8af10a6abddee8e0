"""Jupyter Server configuration for Binder and JupyterHub, where Voila runs as a server extension.

On a laptop or a group server, `voila.py` configures standalone Voila (preferred: it forwards no
code from the browser to the kernel). On Binder and JupyterHub each learner has a server of their
own, started by Jupyter Server, so Voila runs as its extension at /voila/render/<path>; this file
gives it the same course template, course data, crisis lines and limits, from any folder. (Voila's
extension also reads `voila.py` when Jupyter Server starts in the repository, as on Binder.)
Binder's `postBuild` copies a stub that loads this file into ~/.jupyter; on JupyterHub, load it
the same way (see docs/hosting.md).
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # the repository
# Not at the front: the repository's voila.py must never shadow the `voila` package.
sys.path.append(str(HERE))

from widgets.course_config import load_config  # noqa: E402
from widgets.page_setup import trim_page_config  # noqa: E402

c = get_config()  # noqa: F821  (provided by traitlets when it runs this file)
COURSE = load_config()

# The course template; Voila collects template paths from JUPYTER_PATH when its extension loads,
# which is after this file has run.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(HERE / "assets"), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
)
c.ServerApp.root_dir = str(HERE)
# Voila 0.5.13's extension inlines lesson images with a synchronous `file_exists` call; with Jupyter
# Server's default asynchronous contents manager that returns a coroutine and the page stops at the
# first image. The synchronous manager (what standalone Voila uses) works.
c.ServerApp.contents_manager_class = (
    "jupyter_server.services.contents.filemanager.FileContentsManager"
)
# Kernel websockets must speak the v1 protocol, as on the course's own server (course_server/).
c.ServerApp.kernel_websocket_connection_class = "course_server.websocket.CourseWebsocketConnection"
c.VoilaConfiguration.template = "course"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.resources = {"course": COURSE.as_template_data(), "language_code": "en"}
c.VoilaConfiguration.extension_denylist = ["anywidget", "jupyterlab_pygments"]
c.VoilaConfiguration.file_allowlist = [r".*\.(svg|png|jpg|jpeg|gif|webp)"]
# A closed tab's kernel is freed after 5 minutes idle, as on the course's own server.
c.MappingKernelManager.cull_idle_timeout = 300
c.MappingKernelManager.cull_interval = 60


def _page_config(page_config, notebook_path=None, **_kwargs):
    """The same per-page trimming as voila.py (chart-free lessons skip plotly's script)."""
    page_config["courseStart"] = COURSE.lessons[0].file
    if notebook_path and str(notebook_path).endswith(".ipynb"):
        trim_page_config(page_config, HERE / notebook_path)  # an absolute path stays as it is
    return page_config


c.VoilaConfiguration.page_config_hook = _page_config
