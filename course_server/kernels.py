"""The kernel manager behind the course: a ceiling on live kernels, and "ready for learners".

Voila builds its kernel manager by subclassing `VoilaConfiguration.multi_kernel_manager_class`
(with preheating: `VoilaKernelManager(CourseKernelManager)`), so every kernel start passes through
`CourseKernelManager.start_kernel`: the learner's own start (the render handler, when no preheated
kernel is waiting) and every pool refill (`VoilaKernelManager._initialize`). That one method is
where the ceiling is kept:

- a learner's kernel may start while fewer than `max_kernels` kernels are live or starting;
  at the ceiling, one kernel waiting in a preheated pool (the fullest pool's) is shut down to
  make room, because a learner in front of a page comes before a kernel nobody uses yet;
- if there is no such kernel, `ServerFull` (HTTP 503) goes up to Voila's render handler, whose
  error page is the `503.html` template next to this file: the friendly "the server is full" page;
- a pool refill at the ceiling is dropped quietly (the pool stays short); pools are topped up
  again whenever a kernel shuts down, e.g. when idle culling frees a closed tab's kernel.

It also logs "ready for learners" once every preheated kernel has run its notebook.
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import socket

import zmq.asyncio
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Dict, Int, Unicode, default

from course_server import pages


class ServerFull(web.HTTPError):
    """No room for another learner's kernel. `page` is what the learner sees."""

    def __init__(self, live: int, page: str):
        super().__init__(503, "group server full: %d live kernels", live)
        self.page = page


#: Sockets the kernels' shared zmq context may open. zmq's own default is 1,023, across every
#: kernel the server runs: about 5 per kernel plus each tab's streams, so a busy server (or the
#: browser test suite, seen in CI) ran out with "Too many open files" and pages never loaded.
MAX_ZMQ_SOCKETS = 16_384


def zmq_socket_limit() -> int:
    """As many sockets as the process may open files, less a margin, up to MAX_ZMQ_SOCKETS."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MAX_ZMQ_SOCKETS
    return max(1_023, min(MAX_ZMQ_SOCKETS, soft - 256))


class CourseKernelManager(AsyncMappingKernelManager):
    max_kernels = Int(
        0, config=True, help="Most kernels live at once, pools included; 0: no limit."
    )
    static_url = Unicode("", config=True, help="Where the full page sends learners instead.")
    course = Dict(config=True, help="The course's template data (title, crisis lines).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0
        self._stopping = False
        # Voila's pool subclass defines fill_if_needed below this class, so wrap it here: a refill
        # with no room under the ceiling would only be cancelled in start_kernel, after ~7 ms of
        # Voila's set-up each; 40 learners arriving over 20 s made ~800 of them and stalled the
        # server (slider p95 761 ms; with this check 15-22 ms: benchmarks/load.py).
        fill = getattr(self, "fill_if_needed", None)
        if fill is not None:

            def fill_if_room(*args, **kwargs):
                if self._stopping or not self._has_room():
                    return None
                return fill(*args, **kwargs)

            self.fill_if_needed = fill_if_room
        # A preheated kernel has sat idle since it ran its notebook, often longer than the idle
        # timeout. Handed to a learner, it has no browser attached until the page connects, and a
        # cull check in that gap shut it down: the page showed "the model for kernel id ... does
        # not exist" (seen in CI). Claiming a kernel counts as activity.
        claim = getattr(self, "get_rendered_notebook", None)
        if claim is not None:

            async def claim_as_active(*args, **kwargs):
                result = await claim(*args, **kwargs)
                self.mark_active(result[2])
                return result

            self.get_rendered_notebook = claim_as_active
        with contextlib.suppress(RuntimeError):
            asyncio.get_event_loop().create_task(self._announce_when_ready())

    def mark_active(self, kernel_id: str) -> None:
        """Restart a kernel's idle clock, so the culler counts from now."""
        kernel = self._kernels.get(kernel_id)
        if kernel is not None:
            kernel.last_activity = utcnow()

    # -- the ceiling ---------------------------------------------------------------------------

    @default("context")
    def _context_default(self) -> zmq.asyncio.Context:
        self._created_context = True
        context = zmq.asyncio.Context()
        context.set(zmq.MAX_SOCKETS, zmq_socket_limit())
        return context

    def live_kernels(self) -> int:
        """Kernels running or starting, preheated ones included."""
        return len(self._kernels) + self._starting

    def _has_room(self) -> bool:
        return not self.max_kernels or self.live_kernels() < self.max_kernels

    def _pools_of(self) -> dict:
        return getattr(self, "_pools", {})  # set by Voila's VoilaKernelManager (preheating)

    async def start_kernel(self, **kwargs):
        env = kwargs.get("env") or {}
        for_pool = env.get("VOILA_PREHEAT") == "True"
        if not self._has_room():
            task = asyncio.current_task()
            waiting = [pool for pool in self._pools_of().values() if task in pool]
            if for_pool and waiting:
                # A refill at the ceiling: take this start out of its pool and drop it quietly
                # (a cancelled task, so asyncio reports no unretrieved exception).
                for pool in waiting:
                    pool.remove(task)
                self.log.info("Not refilling a kernel pool: %d kernels live", self.live_kernels())
                raise asyncio.CancelledError
            # A learner's start (or a pooled start a learner already claimed).
            self._starting += 1
            try:
                if not await self._evict_a_pooled_kernel():
                    raise ServerFull(self.live_kernels() - 1, self.full_page())
            finally:
                self._starting -= 1
        self._starting += 1
        try:
            return await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1

    async def _evict_a_pooled_kernel(self) -> bool:
        """Shut down one preheated kernel (from the fullest pool). False if there is none."""
        ready = {
            name: [task for task in pool if _ready(task)] for name, pool in self._pools_of().items()
        }
        name = max(ready, key=lambda n: len(ready[n]), default=None)
        if name is None or not ready[name]:
            return False
        task = ready[name][-1]
        self._pools_of()[name].remove(task)
        item = task.result()
        kernel_id = item["kernel_id"]
        if not item["task"].done():
            item["task"].cancel()  # the notebook run that was preheating it
        for data in getattr(self, "notebook_data", {}).values():
            data["kernel_ids"].discard(kernel_id)
        self.log.info(
            "At %d live kernels: freeing a preheated kernel of %s", self.max_kernels, name
        )
        await self.shutdown_kernel(kernel_id, now=True)
        return True

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        result = await super().shutdown_kernel(kernel_id, *args, **kwargs)
        self._top_up_pools()
        return result

    async def shutdown_all(self, *args, **kwargs):
        self._stopping = True  # no refills while the server stops
        return await super().shutdown_all(*args, **kwargs)

    def _top_up_pools(self) -> None:
        """Refill pools left short by the ceiling, as far as there is room."""
        fill = getattr(self, "fill_if_needed", None)
        if fill is None or self._stopping:
            return
        for name, pool in list(self._pools_of().items()):
            if not self._has_room():
                return
            config = self.kernel_pools_config
            wanted = config.get(name, config.get("default", {})).get("pool_size", 0)
            if len(pool) < wanted:
                fill(notebook_name=name)

    def full_page(self) -> str:
        return pages.full_page(self.course, static_url=self.static_url)

    # -- ready for learners --------------------------------------------------------------------

    async def _announce_when_ready(self) -> None:
        """Log "ready for learners" once every preheated kernel has run its notebook."""
        await asyncio.sleep(0)  # Voila creates the pools after this manager's __init__
        starts = [task for pool in self._pools_of().values() for task in pool]
        if starts:
            await asyncio.wait(starts)
            runs = [task.result()["task"] for task in starts if _ready(task)]
            if runs:
                await asyncio.wait(runs)
        preheated = sum(1 for pool in self._pools_of().values() for task in pool if _ready(task))
        ceiling = f", at most {self.max_kernels} live" if self.max_kernels else ""
        self.log.info(
            "%s is ready for learners at %s (%d preheated kernels%s)",
            self.course.get("title") or "The course",
            self._address(),
            preheated,
            ceiling,
        )

    def _address(self) -> str:
        app = self.parent
        try:
            ip = app.ip if app.ip not in {"", "0.0.0.0", "::"} else socket.gethostname()
            return f"http://{ip}:{app.port}{app.base_url}"
        except AttributeError:  # not started by Voila (tests)
            return "this server"


def _ready(task: asyncio.Future) -> bool:
    return task.done() and not task.cancelled() and task.exception() is None
