"""Load test: N simulated learners on the group server, at the widget-protocol level.

    python benchmarks/load.py --learners 10 20 40 --window 20 --lesson 03_the_vicious_cycle.ipynb
    python benchmarks/load.py --learners 40 --window 0            # everyone at the same moment
    python benchmarks/load.py --learners 10 20 40 --write-docs    # also docs/group-server.md

No browser per learner. For each N the course server is started afresh in group mode (BTC_GROUP=1)
on a free port, with the lesson's preheated pool sized for N (BTC_POOL_LESSONS=<lesson>,
BTC_POOL_SIZE=N, BTC_MAX_KERNELS=N + one per other page; `--pool-size`/`--max-kernels` change
that), and learners arrive only after it has printed "ready for learners". Each learner, at a
random moment within `--window` seconds:

1. GETs the lesson (page time: request to last byte; a 503 "server is full" page is an error,
   counted apart), and finds the kernel id in it;
2. opens the kernel websocket with the v1 subprotocol and sends kernel_info_request, as
   JupyterLab's kernel connection does;
3. gets the widget states as ipywidgets 8's manager does (`_loadFromKernel`): a comm_open to
   target "jupyter.widget.control" (metadata version 1.0.0), a comm_msg
   {"method": "request_states"}, the {"method": "update_states"} reply on iopub, a comm_close;
4. picks a slider from those states (IntSlider/FloatSlider; `--slider` matches its description)
   and moves it `--moves` times, one step up and back, with `--think` seconds (0.5x-1.5x) between
   moves. Each move is a comm_msg {"method": "update", "state": {"value": v}, "buffer_paths": []};
   its latency runs from sending it until both the kernel's "idle" status for it and an update
   to another widget (the chart, its text, the narration: the slider's callback ran) have arrived
   on iopub. An update whose idle comes without such an effect, or that times out, is an error.

Learners keep their websocket open until the last learner is done. A separate sampler process
reads the server's process tree (Voila plus every kernel) every 0.5 s: peak memory (sum of RSS),
and CPU (user + system) over the run divided by wall time, i.e. cores busy. The client and the
sampler run on the same machine and are reported too, as is the machine's load average.

The raw client sets BTC_TCP_NODELAY=1 on the server (docs/group-server.md: a raw websocket client
waits out a delayed ACK on every reply, ~40 ms, which browsers do not); `--nagle` keeps the
default.

Results go to benchmarks/out/load.json and a markdown table on stdout; `load_report_lines()`
turns the JSON's runs into a report section, `--write-docs` puts the sizing section into
docs/group-server.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "out"
JSON_OUT = OUT / "load.json"
DOC = ROOT / "docs" / "group-server.md"
DOC_HEADING = "## Sizing (measured)"
NOTES_HEADING = "### Why the gaps (notes by hand, kept by --write-docs)"
V1 = "v1.kernel.websocket.jupyter.org"
SLIDER_MODELS = {"IntSliderModel", "FloatSliderModel"}


def default_slider(lesson: str) -> str:
    """The slider a lesson's learners move by default (the start of its description, in the
    course's language). Lesson 03's "How tightly your loop is wound" changes every chart of the
    simulator; any other lesson: its first slider."""
    if lesson != "03_the_vicious_cycle.ipynb":
        return ""
    from widgets.course_config import course_settings
    from widgets.words import word

    label = word("cycle_scene", "controls", "connectivity", language=course_settings().language)
    return label.split(" (")[0]


TARGETS = {"page_s": 10.0, "latency_p95_ms": 100.0, "errors": 0, "memory_gib": 8.0}
#: The sizing table's assumptions.
BUSY_MOVES_PER_S = 1.0  # every learner moving a slider once a second (a busy moment)
MACHINE_BUSY = ("user", "nice", "system", "irq", "softirq", "steal")
HEADROOM = 0.5
READY_TIMEOUT = 600.0  # keep cores at most half busy, so that moves do not queue
RESERVED_MIB = 1024  # the server's own share, as course_server/settings.py reserves


# --- results ------------------------------------------------------------------------------------


@dataclass
class Learner:
    index: int
    arrival_s: float  # planned, from the start of the run
    status: int | None = None
    page_s: float | None = None
    connect_s: float | None = None  # websocket open + kernel_info reply
    states_s: float | None = None  # request_states -> update_states
    ready_s: float | None = None  # arrival -> widget states in hand
    kernel_id: str | None = None
    slider: str | None = None
    widgets: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: (loop time sent, loop time done) of each move, for CPU per move
    moves: list[tuple[float, float]] = field(default_factory=list)
    done_at: float | None = None


def percentile(values: list[float], q: float) -> float | None:
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    index = (len(ordered) - 1) * q
    low, high = int(index), min(int(index) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (index - low)


# --- the kernel websocket, v1 protocol ----------------------------------------------------------


@dataclass
class Pending:
    """One request we sent, and what has come back for it (loop times)."""

    sent_at: float
    comm_id: str | None = None
    reply_at: float | None = None
    idle_at: float | None = None
    effect_at: float | None = None
    states: dict | None = None
    errors: list[str] = field(default_factory=list)
    event: asyncio.Event = field(default_factory=asyncio.Event)


class KernelSocket:
    """A v1 kernel websocket with a reader task that timestamps and routes every message."""

    def __init__(self, socket, session: str):
        self.socket = socket
        self.session = session
        self.pending: dict[str, Pending] = {}
        self.closed = False
        self.reader = asyncio.create_task(self._read())

    def send(
        self,
        msg_type: str,
        content: dict,
        *,
        metadata: dict | None = None,
        channel: str = "shell",
        comm_id: str | None = None,
    ) -> Pending:
        from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "username": "load-test",
            "session": self.session,
            "date": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z"),
            "version": "5.3",
        }
        # A request from the front end has an empty parent header (JupyterLab sends {}).
        parts = [json.dumps(p).encode() for p in (header, {}, metadata or {}, content)]
        pending = Pending(sent_at=asyncio.get_running_loop().time(), comm_id=comm_id)
        self.pending[msg_id] = pending
        self.socket.write_message(serialize_msg_to_ws_v1(parts, channel), binary=True)
        return pending

    async def wait(self, pending: Pending, done, timeout: float) -> bool:
        """Wait until done(pending) (re-checked on each message for it); False on timeout."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not done(pending):
            if self.closed:
                pending.errors.append("websocket closed")
                return False
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return False
            pending.event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(pending.event.wait(), remaining)
        return True

    async def _read(self) -> None:
        from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

        loop = asyncio.get_running_loop()
        while True:
            frame = await self.socket.read_message()
            now = loop.time()
            if frame is None:
                self.closed = True
                for pending in self.pending.values():
                    pending.event.set()
                return
            if isinstance(frame, str):
                continue
            _channel, parts = deserialize_msg_from_ws_v1(frame)
            parent = json.loads(parts[1]) if len(parts) > 1 else {}
            pending = self.pending.get(parent.get("msg_id", ""))
            if pending is None:
                continue
            header, content = json.loads(parts[0]), json.loads(parts[3])
            kind = header.get("msg_type") or ""
            if kind == "status":
                if content.get("execution_state") == "idle" and pending.idle_at is None:
                    pending.idle_at = now
            elif kind == "comm_msg":
                data = content.get("data") or {}
                if data.get("method") == "update_states":
                    pending.states = data
                    pending.effect_at = pending.effect_at or now
                elif data.get("method") == "update" and content.get("comm_id") != pending.comm_id:
                    pending.effect_at = pending.effect_at or now
            elif kind.endswith("_reply"):
                pending.reply_at = now
                if content.get("status") == "error":
                    pending.errors.append(f"{kind}: {content.get('ename')}")
            elif kind == "error":
                pending.errors.append(f"kernel error: {content.get('ename')}")
            pending.event.set()

    async def close(self) -> None:
        self.socket.close()
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self.reader


def pick_slider(states: dict, wanted: str) -> tuple[str, dict] | None:
    """The first slider whose description contains `wanted` (any slider if it is empty)."""
    for model_id, model in states.items():
        state = model.get("state", {})
        if (
            model.get("model_name") in SLIDER_MODELS
            and wanted.lower() in str(state.get("description", "")).lower()
        ):
            return model_id, state
    return None


def slider_values(state: dict, moves: int) -> list[float]:
    """One step away from the current value and back, `moves` times (always a change)."""
    value, step = state["value"], state.get("step") or 1
    low, high = state.get("min", value), state.get("max", value)
    other = value + step if value + step <= high else value - step
    if not low <= other <= high:
        raise ValueError(f"slider {state.get('description')!r} cannot move")
    if isinstance(value, float) or isinstance(step, float):
        other = round(other, 10)
    return [other if i % 2 == 0 else value for i in range(moves)]


# --- one learner --------------------------------------------------------------------------------


@dataclass
class Plan:
    port: int
    lesson: str
    slider: str
    moves: int
    think: float
    timeout: float
    seed: int
    tag: str = "load"


async def learner(plan: Plan, me: Learner, start: float, finished: asyncio.Event) -> Learner:
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    loop = asyncio.get_running_loop()
    rng = random.Random(plan.seed * 1000 + me.index)
    await asyncio.sleep(max(0.0, start + me.arrival_s - loop.time()))
    arrived = loop.time()
    base = f"127.0.0.1:{plan.port}"
    response = await AsyncHTTPClient().fetch(
        f"http://{base}/voila/render/{plan.lesson}",
        raise_error=False,
        connect_timeout=plan.timeout,
        request_timeout=4 * plan.timeout,
    )
    me.page_s = loop.time() - arrived
    me.status = response.code
    if response.code == 503:
        me.errors.append("page: 503 server full")
        return me
    if response.code != 200:
        me.errors.append(f"page: HTTP {response.code} {response.reason or response.error}")
        return me
    page = response.body.decode(errors="replace")
    match = re.search(r'"kernelId": "([0-9a-f-]{36})"', page)
    if not match:
        saved = OUT / f"{plan.tag}-learner{me.index}.html"
        saved.write_text(page, encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", page, flags=re.S)
        me.errors.append(
            f"page: no kernel id (title {title.group(1).strip()[:80] if title else None!r}, "
            f"{len(page)} bytes, saved as {saved.name})"
        )
        return me
    me.kernel_id = match.group(1)
    session = uuid.uuid4().hex
    opened = loop.time()
    try:
        socket = await websocket_connect(
            HTTPRequest(
                f"ws://{base}/api/kernels/{me.kernel_id}/channels?session_id={session}",
                connect_timeout=plan.timeout,
                request_timeout=plan.timeout,
            ),
            subprotocols=[V1],
        )
    except Exception as error:  # noqa: BLE001  (any failure to connect is this learner's error)
        me.errors.append(f"websocket: {type(error).__name__}: {error}")
        return me
    kernel = KernelSocket(socket, session)
    try:
        info = kernel.send("kernel_info_request", {})
        if not await kernel.wait(info, lambda p: p.reply_at, plan.timeout):
            me.errors.append("kernel_info: no reply")
            return me
        me.connect_s = loop.time() - opened
        # ipywidgets 8's manager: a control comm, request_states, update_states, close.
        control = uuid.uuid4().hex
        kernel.send(
            "comm_open",
            {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": "1.0.0"},
        )
        asked = kernel.send(
            "comm_msg", {"comm_id": control, "data": {"method": "request_states"}}, comm_id=control
        )
        if not await kernel.wait(asked, lambda p: p.states is not None, plan.timeout):
            me.errors.append("request_states: no update_states")
            return me
        kernel.send("comm_close", {"comm_id": control, "data": {}})
        me.states_s = asked.effect_at - asked.sent_at
        me.ready_s = asked.effect_at - arrived
        states = asked.states.get("states", {})
        me.widgets = len(states)
        chosen = pick_slider(states, plan.slider)
        if chosen is None:
            me.errors.append(f"no slider matching {plan.slider!r}")
            return me
        slider_id, state = chosen
        me.slider = state.get("description")
        for value in slider_values(state, plan.moves):
            await asyncio.sleep(plan.think * rng.uniform(0.5, 1.5))
            move = kernel.send(
                "comm_msg",
                {
                    "comm_id": slider_id,
                    "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
                },
                comm_id=slider_id,
            )
            ok = await kernel.wait(move, lambda p: p.idle_at is not None, plan.timeout)
            if not ok or move.errors:
                me.errors.append(f"update: {'; '.join(move.errors) or 'no idle (timeout)'}")
            elif move.effect_at is None:
                me.errors.append("update: the callback's effect never arrived")
            else:
                done = max(move.idle_at, move.effect_at)
                me.latencies_ms.append((done - move.sent_at) * 1000)
                me.moves.append((move.sent_at, done))
        me.done_at = loop.time()
        await finished.wait()  # stay connected, as a group in a session does
    finally:
        await kernel.close()
    return me


# --- the server and its resources ---------------------------------------------------------------


def sample_forever(pid: int, out: Path, interval: float) -> None:
    """(sampler process) Every `interval`: each process of the tree: kind, kernel id, CPU, RSS."""
    import psutil

    root = psutil.Process(pid)
    names: dict[int, tuple[str, str]] = {}
    with out.open("w") as sink:
        while True:
            started = time.monotonic()
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            rows = []
            for proc in tree:
                try:
                    with proc.oneshot():
                        if proc.pid not in names:
                            cmd = " ".join(proc.cmdline())
                            kid = re.search(r"kernel-([0-9a-f-]{36})\.json", cmd)
                            kind = "voila" if proc.pid == pid else "kernel" if kid else "other"
                            names[proc.pid] = (kind, kid.group(1) if kid else "")
                        cpu = proc.cpu_times()
                        rss = proc.memory_info().rss
                    rows.append([proc.pid, *names[proc.pid], cpu.user + cpu.system, rss])
                except psutil.Error:
                    continue
            machine = psutil.cpu_times()
            busy = sum(getattr(machine, f, 0.0) for f in MACHINE_BUSY)
            sink.write(json.dumps({"t": started, "m": busy, "p": rows}) + "\n")
            sink.flush()
            time.sleep(max(0.0, interval - (time.monotonic() - started)))


@dataclass
class Samples:
    rows: list[dict]

    @classmethod
    def read(cls, path: Path) -> Samples:
        rows = []
        for line in path.read_text().splitlines():
            with contextlib.suppress(json.JSONDecodeError):
                rows.append(json.loads(line))
        return cls(rows)

    def cpu_at(self, t: float) -> dict[int, tuple[str, float]]:
        """Each process's CPU seconds at its last sample at or before t."""
        seen: dict[int, tuple[str, float]] = {}
        for row in self.rows:
            if row["t"] > t:
                break
            for pid, kind, _kid, cpu, _rss in row["p"]:
                seen[pid] = (kind, cpu)
        return seen

    def cpu_between(self, a: float, b: float) -> dict[str, float]:
        """CPU seconds used between a and b, by kind (processes born after a start from 0)."""
        before, after = self.cpu_at(a), self.cpu_at(b)
        used: dict[str, float] = {"voila": 0.0, "kernel": 0.0, "other": 0.0}
        for pid, (kind, cpu) in after.items():
            used[kind] += cpu - before.get(pid, (kind, 0.0))[1]
        return used

    def peak_rss(self, a: float, b: float) -> float:
        sums = [sum(r[4] for r in row["p"]) for row in self.rows if a <= row["t"] <= b]
        return max(sums, default=0)

    def last(self, t: float) -> dict | None:
        candidates = [row for row in self.rows if row["t"] <= t]
        return candidates[-1] if candidates else None

    def first_kernel_time(self) -> float | None:
        for row in self.rows:
            if any(r[1] == "kernel" for r in row["p"]):
                return row["t"]
        return None


def served_page_count(course: Path = ROOT) -> int:
    from course_server.settings import served_pages
    from widgets.course_config import load_config

    return len(served_pages(load_config(course / "course.toml", course / "notebooks")))


def start_server(env: dict[str, str], log_path: Path, ready_timeout: float, course: Path = ROOT):
    """Start the course's Voila in its own process group; wait for "ready for learners"."""
    from tests.harness import launch_voila

    server = launch_voila(log_path, cwd=course, env=env)
    return server, time.monotonic() + ready_timeout


class NotReady(RuntimeError):
    """The server never printed "ready for learners"."""


def wait_ready(server, deadline: float) -> None:
    while "ready for learners" not in server.log():
        if server.process.poll() is not None or time.monotonic() > deadline:
            log = server.log()
            restarts = log.count("restarting kernel")
            raise NotReady(
                ("exited" if server.process.poll() is not None else 'no "ready for learners"')
                + (f"; {restarts} kernel restart(s) while preheating" if restarts else "")
                + ("; 'Address already in use'" if "Address already in use" in log else "")
            )
        time.sleep(0.3)


def memory_detail(pid: int) -> dict:
    """PSS and RSS (MiB) of Voila and of each kernel, once (reading smaps is slow)."""
    import psutil

    voila = psutil.Process(pid)
    out = {"voila_rss": voila.memory_info().rss / 2**20, "kernels": {}}
    with contextlib.suppress(psutil.Error):
        out["voila_pss"] = voila.memory_full_info().pss / 2**20
    for proc in voila.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            kid = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(proc.cmdline()))
            if kid:
                full = proc.memory_full_info()
                out["kernels"][kid.group(1)] = {"rss": full.rss / 2**20, "pss": full.pss / 2**20}
    return out


# --- one run ------------------------------------------------------------------------------------


async def simulate(plan: Plan, n: int, window: float) -> tuple[list[Learner], float, float]:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=max(10, 2 * n))
    rng = random.Random(plan.seed)
    arrivals = sorted(rng.uniform(0, window) for _ in range(n)) if window > 0 else [0.0] * n
    loop = asyncio.get_running_loop()
    finished = asyncio.Event()
    start = loop.time() + 0.2
    people = [Learner(index=i, arrival_s=a) for i, a in enumerate(arrivals)]
    tasks = [asyncio.create_task(learner(plan, p, start, finished)) for p in people]
    # Everyone is done (or failed) when their moves are over; then all disconnect together.
    while not all(t.done() or p.done_at is not None for t, p in zip(tasks, people, strict=True)):
        await asyncio.sleep(0.1)
    end = loop.time()
    finished.set()
    for task, person in zip(tasks, people, strict=True):
        try:
            await task
        except Exception as error:  # noqa: BLE001  (a crash is this learner's error, not the run's)
            person.errors.append(f"client: {type(error).__name__}: {error}")
    return people, start, end


def run_one(
    n: int,
    *,
    window: float,
    lesson: str,
    slider: str | None = None,
    moves: int = 10,
    think: float = 1.0,
    pool_size: int | None = None,
    max_kernels: int | None = None,
    nagle: bool = False,
    group_defaults: bool = False,
    course: Path = ROOT,
    timeout: float = 30.0,
    seed: int = 1,
    ready_timeout: float = READY_TIMEOUT,
) -> dict:
    """Start a server for N learners, run them, stop it; the run's results as a plain dict."""
    import psutil

    OUT.mkdir(parents=True, exist_ok=True)
    others = served_page_count(course) - 1
    pool = n if pool_size is None else pool_size
    ceiling = max(pool, n) + others if max_kernels is None else max_kernels
    env = {
        "BTC_GROUP": "1",
        "BTC_POOL_LESSONS": lesson,
        "BTC_POOL_SIZE": str(pool),
        "BTC_MAX_KERNELS": str(ceiling),
        "BTC_TCP_NODELAY": "0" if nagle else "1",
        "BTC_CULL_IDLE_SECONDS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if group_defaults:  # what `run.py serve --group` does with no other setting
        for name in ("BTC_POOL_LESSONS", "BTC_POOL_SIZE", "BTC_MAX_KERNELS"):
            del env[name]
    slider = default_slider(lesson) if slider is None else slider
    tag = (
        f"load-n{n}-w{window:g}"
        + ("-defaults" if group_defaults else "")
        + ("" if course == ROOT else f"-{course.name}")
        + time.strftime("-%H%M%S")
    )
    load_before = os.getloadavg()
    launched = time.monotonic()
    server, deadline = start_server(env, OUT / f"{tag}.log", ready_timeout, course)
    sample_file = OUT / f"{tag}.samples"
    sampler = subprocess.Popen(
        [sys.executable, __file__, "--sample", str(server.process.pid), str(sample_file)],
        cwd=ROOT,
    )
    try:
        wait_ready(server, deadline)
        ready_wall = time.monotonic()
        announced = re.search(r"\((\d+) preheated kernels(?:, at most (\d+) live)?\)", server.log())
        time.sleep(2)  # the last pool fill's messages settle
        me = psutil.Process()
        client_before = me.cpu_times()
        sampler_before = psutil.Process(sampler.pid).cpu_times()
        machine_before = psutil.cpu_times()
        load_ready = os.getloadavg()
        plan = Plan(server.port, lesson, slider, moves, think, timeout, seed, tag)
        loop_offset: list[float] = []

        async def main():
            loop_offset.append(time.monotonic() - asyncio.get_running_loop().time())
            return await simulate(plan, n, window)

        people, start, end = asyncio.run(main())
        shift = loop_offset[0]  # loop time -> time.monotonic (the sampler's clock)
        client_after, machine_after = me.cpu_times(), psutil.cpu_times()
        sampler_after = psutil.Process(sampler.pid).cpu_times()
        load_after = os.getloadavg()
        detail = memory_detail(server.process.pid)
        time.sleep(0.6)  # one more sample after the end
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(sampler.pid, signal.SIGTERM)
        sampler.wait(timeout=10)
        server.stop()
    samples = Samples.read(sample_file)
    t0, t1 = start + shift, end + shift
    wall = t1 - t0
    used = samples.cpu_between(t0, t1)
    # Start cost per preheated kernel: the kernels' CPU when the server was ready, plus what
    # Voila spent preheating (running each notebook) after the first kernel appeared.
    ready_t = ready_wall
    first_kernel = samples.first_kernel_time() or ready_t
    at_ready = samples.cpu_at(ready_t)
    kernels_ready = [cpu for kind, cpu in at_ready.values() if kind == "kernel"]
    voila_preheat = samples.cpu_between(first_kernel, ready_t)["voila"]
    start_cpu = (sum(kernels_ready) + voila_preheat) / len(kernels_ready) if kernels_ready else None
    # CPU per move: Voila + kernels between the last learner having its widgets and the last
    # move, per move completed in that span (page renders are over by then).
    readies = [p.ready_s + start + p.arrival_s for p in people if p.ready_s is not None]
    per_move_ms = None
    if readies:
        a = max(readies)
        span_moves = sum(1 for p in people for sent, _done in p.moves if sent >= a)
        if span_moves >= 10:
            span = samples.cpu_between(a + shift, t1)
            per_move_ms = (span["voila"] + span["kernel"]) / span_moves * 1000
    mine = {p.kernel_id for p in people if p.kernel_id}
    learner_kernels = [v for k, v in detail["kernels"].items() if k in mine]
    client_cpu = (client_after.user + client_after.system) - (
        client_before.user + client_before.system
    )
    sampler_cpu = (sampler_after.user + sampler_after.system) - (
        sampler_before.user + sampler_before.system
    )
    machine_busy = (
        sum(getattr(machine_after, f, 0) - getattr(machine_before, f, 0) for f in MACHINE_BUSY)
        / wall
    )
    errors = [e for p in people for e in p.errors]
    latencies = [x for p in people for x in p.latencies_ms]
    pages = [p.page_s for p in people if p.page_s is not None]
    result = {
        "learners": n,
        "window_s": window,
        "lesson": lesson,
        "slider": slider,
        "moves": moves,
        "think_s": think,
        "server_env": {k: v for k, v in env.items() if k.startswith("BTC_")},
        "config": "group defaults" if group_defaults else "pool sized for the learners",
        "others": others,
        "course": "" if course == ROOT else str(course),
        "log": str((OUT / f"{tag}.log").relative_to(ROOT)),
        "preheated_at_ready": int(announced.group(1)) if announced else None,
        "ceiling": int(announced.group(2)) if announced and announced.group(2) else None,
        "preheat_s": round(ready_wall - launched, 1),
        "wall_s": round(wall, 1),
        "page_s": summary(pages, (0.5, 0.95, 1.0)),
        "ready_s": summary([p.ready_s for p in people if p.ready_s is not None], (0.5, 0.95, 1.0)),
        "latency_ms": summary(latencies, (0.5, 0.95, 0.99, 1.0)),
        "updates_ok": len(latencies),
        "updates_planned": n * moves,
        "errors": len(errors),
        "server_full": sum(1 for p in people if p.status == 503),
        "error_kinds": count(errors),
        "learners_with_errors": sum(1 for p in people if p.errors),
        "peak_rss_mib": round(samples.peak_rss(t0, t1 + 1) / 2**20),
        "peak_rss_whole_run_mib": round(samples.peak_rss(0, math.inf) / 2**20),
        "pss_end_mib": round(
            detail.get("voila_pss", detail["voila_rss"])
            + sum(k["pss"] for k in detail["kernels"].values())
        ),
        "kernels_end": len(detail["kernels"]),
        "voila_rss_end_mib": round(detail["voila_rss"]),
        "kernel_rss_mib": summary([k["rss"] for k in learner_kernels], (0.5, 1.0)),
        "kernel_pss_mib": summary([k["pss"] for k in learner_kernels], (0.5, 1.0)),
        "cpu_s": {k: round(v, 1) for k, v in used.items()},
        "cores_busy_server": round((used["voila"] + used["kernel"] + used["other"]) / wall, 2),
        "cores_busy_voila": round(used["voila"] / wall, 2),
        "cores_busy_kernels": round(used["kernel"] / wall, 2),
        "cores_busy_client": round((client_cpu + sampler_cpu) / wall, 2),
        "cores_busy_machine": round(machine_busy, 2),
        "start_cpu_per_kernel_s": None if start_cpu is None else round(start_cpu, 2),
        "preheated_kernels": len(kernels_ready),
        "session_cpu_per_learner_s": round((used["voila"] + used["kernel"]) / n, 2),
        "cpu_per_move_ms": None if per_move_ms is None else round(per_move_ms, 1),
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "ready": [round(x, 2) for x in load_ready],
            "after": [round(x, 2) for x in load_after],
        },
        "per_learner": [
            {
                **{k: v for k, v in asdict(p).items() if k != "moves"},
                "moves_sent_s": [round(sent - start, 3) for sent, _done in p.moves],
            }
            for p in people
        ],
    }
    result["targets"] = targets_met(result)
    return result


def summary(values: list[float], qs: tuple[float, ...]) -> dict:
    names = {0.5: "p50", 0.95: "p95", 0.99: "p99", 1.0: "max"}
    out = {names[q]: _round(percentile(values, q)) for q in qs}
    out["n"] = len(values)
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def count(errors: list[str]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for error in errors:
        kinds[error] = kinds.get(error, 0) + 1
    return kinds


def targets_met(r: dict) -> dict:
    return {
        "page_within_10_s": r["page_s"]["max"] is not None
        and r["page_s"]["max"] <= TARGETS["page_s"]
        and r["page_s"]["n"] == r["learners"],
        "latency_p95_within_100_ms": r["latency_ms"]["p95"] is not None
        and r["latency_ms"]["p95"] <= TARGETS["latency_p95_ms"],
        "no_errors": r["errors"] == 0,
        "memory_within_8_gb": r["peak_rss_whole_run_mib"] <= TARGETS["memory_gib"] * 1024,
    }


# --- reports --------------------------------------------------------------------------------------


def fmt(value, unit: str = "", digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.{digits}f}{unit}"


def results_table(runs: list[dict]) -> list[str]:
    lines = [
        "| learners | arrival | preheated / ceiling | page p50 / p95 / max | ready p95 "
        "| latency p50 / p95 / p99 (moves) | errors (503) | peak memory (RSS sum) "
        "| cores busy: server / load client / rest of the machine | load avg before |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        if "failed" in r:
            lines.append(f"| {r['learners']} | | the server did not get ready: {r['failed']} |")
            continue
        page, lat = r["page_s"], r["latency_ms"]
        arrival = f"within {r['window_s']:g} s" if r["window_s"] else "together"
        server = f"{r.get('preheated_at_ready')} / {r.get('ceiling')}"
        if r.get("config") == "group defaults":
            server += " (group defaults)"
        lines.append(
            f"| {r['learners']} | {arrival} | {server} "
            f"| {fmt(page['p50'], ' s')} / {fmt(page['p95'], ' s')} / {fmt(page['max'], ' s')} "
            f"| {fmt(r['ready_s']['p95'], ' s')} "
            f"| {fmt(lat['p50'], ' ms', 0)} / {fmt(lat['p95'], ' ms', 0)} / "
            f"{fmt(lat['p99'], ' ms', 0)} ({r['updates_ok']}/{r['updates_planned']}) "
            f"| {r['errors']} ({r['server_full']}) "
            f"| {r['peak_rss_whole_run_mib'] / 1024:.2f} GiB "
            f"| {r['cores_busy_server']:.2f} / {r['cores_busy_client']:.2f} / "
            f"{rest_of_machine(r):.2f} "
            f"| {r['load_average']['before'][0]:.2f} |"
        )
    return lines


def rest_of_machine(r: dict) -> float:
    """Cores busy with everything but the server and the load client (the machine is shared)."""
    return max(0.0, r["cores_busy_machine"] - r["cores_busy_server"] - r["cores_busy_client"])


def per_learner_costs(runs: list[dict]) -> dict:
    """Medians over the runs of what one learner costs."""
    runs = [r for r in runs if "failed" not in r]
    sized = [r for r in runs if r.get("config") != "group defaults"]
    runs = sized or runs  # cold starts (group defaults) would blur the per-move figures

    def med(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    return {
        "kernel_rss_mib": med([r["kernel_rss_mib"]["p50"] for r in runs]),
        "kernel_pss_mib": med([r["kernel_pss_mib"]["p50"] for r in runs]),
        "voila_rss_mib": med([r["voila_rss_end_mib"] for r in runs]),
        "start_cpu_s": med([r["start_cpu_per_kernel_s"] for r in runs]),
        "cpu_per_move_ms": med([r["cpu_per_move_ms"] for r in runs]),
        "session_cpu_s": med([r["session_cpu_per_learner_s"] for r in runs]),
        "others": max((r.get("others", 7) for r in runs), default=7),
    }


def sizing_rows(costs: dict, sizes=(10, 20, 40, 80, 120)) -> list[str]:
    rss, start = costs["kernel_rss_mib"], costs["start_cpu_s"]
    move, voila = costs["cpu_per_move_ms"], costs["voila_rss_mib"] or 0
    if rss is None or start is None or move is None:
        return ["(not enough measurements for a sizing table)"]
    lines = [
        "| learners | memory (kernels + Voila + 1 GiB) | preheating (start CPU ÷ cores): "
        "2 / 4 / 8 cores | cores busy, everyone moving a slider every second | cores to keep "
        "that under half busy |",
        "|---|---|---|---|---|",
    ]
    for n in sizes:
        kernels = n + costs["others"]
        memory = (kernels * rss + voila + RESERVED_MIB) / 1024
        busy = n * BUSY_MOVES_PER_S * move / 1000
        preheat = " / ".join(f"{kernels * start / c:.0f} s" for c in (2, 4, 8))
        lines.append(
            f"| {n} | {memory:.1f} GiB | {preheat} | {busy:.2f} | "
            f"{max(1, math.ceil(busy / HEADROOM))} |"
        )
    return lines


def verdict_lines(runs: list[dict]) -> list[str]:
    out = []
    for r in runs:
        if "failed" in r:
            out.append(f"- {r['learners']} learners: the server did not get ready ({r['failed']}).")
            continue
        t = r["targets"]
        missed = [name for name, ok in t.items() if not ok]
        arrival = f"within {r['window_s']:g} s" if r["window_s"] else "together"
        if r.get("config") == "group defaults":
            arrival += " (group defaults)"
        if not missed:
            out.append(f"- {r['learners']} learners arriving {arrival}: every target met.")
            continue
        why = []
        if not t["page_within_10_s"]:
            why.append(f"slowest page {fmt(r['page_s']['max'], ' s', 1)} (target 10 s)")
        if not t["latency_p95_within_100_ms"]:
            why.append(
                f"latency p95 {fmt(r['latency_ms']['p95'], ' ms', 0)} (target 100 ms) with the "
                f"server using {r['cores_busy_server']:.2f} cores and other programs "
                f"{rest_of_machine(r):.2f} of the 2"
            )
        if not t["no_errors"]:
            why.append(f"{r['errors']} errors: {r['error_kinds']}")
        if not t["memory_within_8_gb"]:
            why.append(f"peak {r['peak_rss_whole_run_mib'] / 1024:.1f} GiB (target 8 GB)")
        out.append(
            f"- {r['learners']} learners arriving {arrival}: missed: " + "; ".join(why) + "."
        )
    return out


def load_report_lines(results) -> list[str]:
    """A markdown section (for docs/performance.md) from run_load()'s runs or load.json."""
    meta = results if isinstance(results, dict) else {}
    runs = results.get("runs", []) if isinstance(results, dict) else list(results)
    done = [r for r in runs if "failed" not in r]
    if not done:
        return []
    r0 = done[0]
    costs = per_learner_costs(runs)
    lines = [
        "",
        "## Load test: simulated learners (widget protocol, no browsers)",
        "",
        (f"Written by {commands(meta)} on {meta['date']}. " if meta.get("commands") else "")
        + f"Each learner opens `{r0['lesson']}` (a fresh group server per row: "
        f"`BTC_POOL_LESSONS={r0['lesson']}`, `BTC_POOL_SIZE` = learners, `BTC_MAX_KERNELS` = "
        "learners + one per other page, `BTC_TCP_NODELAY=1`), gets the widget states as "
        "ipywidgets 8 does, then moves the slider "
        f'"{r0["slider"]}" {r0["moves"]} times, about {r0["think_s"]:g} s apart. *Page*: GET '
        "of the lesson to its last byte. *Ready*: arrival to widget states in hand. *Latency*: "
        "a move sent to the kernel idle **and** the chart's update received. Memory: the sum "
        "of the RSS of Voila and every kernel (shared pages counted twice), peak of samples "
        "every 0.5 s. Cores busy: CPU seconds / wall time over the learners' run; the client "
        "and the rest of the machine (shared) are on the same 2 cores.",
        "",
        *results_table(runs),
        "",
        "Per learner (median over the rows): kernel "
        f"{fmt(costs['kernel_rss_mib'], ' MiB', 0)} RSS ({fmt(costs['kernel_pss_mib'], ' MiB', 0)}"
        f" PSS); start {fmt(costs['start_cpu_s'], ' CPU-s', 2)} (kernel start + notebook run, "
        f"Voila's share included); {fmt(costs['cpu_per_move_ms'], ' CPU-ms', 0)} per slider move "
        f"(Voila + kernel); {fmt(costs['session_cpu_s'], ' CPU-s', 2)} for the whole visit "
        "(page, states, moves).",
        "",
        *verdict_lines(runs),
    ]
    return lines


def commands(data: dict) -> str:
    return " then ".join(f"`{c}`" for c in data.get("commands", []))


def doc_section(data: dict) -> list[str]:
    runs = data["runs"]
    costs = per_learner_costs(runs)
    r0 = next(r for r in runs if "failed" not in r)
    loads = ", ".join(
        f"{r['learners']}: {r['load_average']['before'][0]:.1f}"
        + ("" if r["window_s"] else " (together)")
        for r in runs
        if "failed" not in r
    )
    return [
        DOC_HEADING,
        "",
        f"Measured with {commands(data)} on {data['date']} ({data['machine']}). The machine "
        f"is shared: its 1-minute load average before each row was {loads} (another engineer's "
        "tests, and this benchmark's own kernel starts just before), and the load client runs on "
        "the same cores; the table shows how many cores everything else kept busy.",
        "",
        "Each simulated learner is a websocket client, not a browser: it GETs the lesson "
        f"(`{r0['lesson']}`, the cycle simulator), opens the kernel websocket (v1 protocol), "
        "asks for the widget states as ipywidgets 8 does, and moves one slider "
        f"{r0['moves']} times about {r0['think_s']:g} s apart; a move counts when the kernel is "
        "idle again and the chart's update has arrived. The server is started afresh for each "
        f"row, with `BTC_POOL_LESSONS={r0['lesson']}`, `BTC_POOL_SIZE` = learners and "
        "`BTC_MAX_KERNELS` = learners + one per other page (everyone gets a preheated kernel); "
        "the row marked *group defaults* is plain `--group` (4 preheated per lesson, at most 40 "
        "live). All rows use `BTC_TCP_NODELAY=1`: a raw client otherwise waits out a delayed "
        "ACK per reply ([above](#tcp_nodelay-measured-not-adopted)). Browsers also fetch a few "
        "MB of scripts per first visit, which this test does not.",
        "",
        *results_table(runs),
        "",
        "What one learner costs, measured (median over the rows with a sized pool):",
        "",
        f"- memory: {fmt(costs['kernel_rss_mib'], ' MiB', 0)} RSS per kernel "
        f"({fmt(costs['kernel_pss_mib'], ' MiB', 0)} not shared with other kernels, PSS), "
        f"Voila itself {fmt(costs['voila_rss_mib'], ' MiB', 0)};",
        f"- CPU to start: {fmt(costs['start_cpu_s'], ' s', 2)} per kernel (start plus running "
        "the lesson, Voila's part included), paid while the server preheats, before "
        '"ready for learners", or while a learner waits if no preheated kernel is left;',
        f"- CPU per slider move: {fmt(costs['cpu_per_move_ms'], ' ms', 0)} (Voila plus the "
        f"kernel); a whole visit (page, widget states, {r0['moves']} moves): "
        f"{fmt(costs['session_cpu_s'], ' s', 2)}.",
        "",
        "From these, what a server needs (kernels = learners + one per other page; memory uses "
        "RSS, so it errs high):",
        "",
        *sizing_rows(costs),
        "",
        "Per GiB of memory: about "
        + (f"{1024 / costs['kernel_rss_mib']:.0f} learners" if costs["kernel_rss_mib"] else "n/a")
        + ". Per core, everyone moving a slider every second and the core at most half busy: "
        + (
            f"about {HEADROOM * 1000 / costs['cpu_per_move_ms']:.0f} learners"
            if costs["cpu_per_move_ms"]
            else "n/a"
        )
        + ". Preheat before the session: the learners' kernels are started while nobody "
        "waits; without preheating each late learner waits for a start on shared cores.",
        "",
        "Against the targets (40 learners arriving within 20 s get their page within 10 s, "
        "latency p95 ≤ 100 ms once connected, no errors, ≤ 8 GB):",
        "",
        *verdict_lines(runs),
        "",
        "Rerun: `python benchmarks/load.py --learners 10 20 40 --window 20 --write-docs` "
        "(writes benchmarks/out/load.json; add rows with `--append`, e.g. `--learners 40 "
        "--window 0` for everyone at once or `--group-defaults`; `--from-json --write-docs` "
        "rewrites this section from the saved runs).",
        "",
    ]


def write_doc(data: dict, doc: Path = DOC) -> None:
    """Put (or replace) the "Sizing (measured)" section in docs/group-server.md."""
    text = doc.read_text(encoding="utf-8")
    section = "\n".join(doc_section(data))
    start = text.find(DOC_HEADING)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        following = re.search(r"^## ", text[start + len(DOC_HEADING) :], flags=re.M)
        end = start + len(DOC_HEADING) + following.start() if following else len(text)
        old = text[start:end]
        if NOTES_HEADING in old:  # written by hand: kept across reruns
            section = section.rstrip("\n") + "\n\n" + old[old.index(NOTES_HEADING) :].strip()
        text = text[:start] + section + ("\n\n" + text[end:] if following else "")
    doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def run_load(learners: list[int], save: Path | None = None, **options) -> dict:
    """Run each N in turn; the results as load.json holds them (saved after each run)."""
    runs = []
    data = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.platform()}, {os.cpu_count()} cores, "
        f"{_total_gib():.0f} GiB, Python {platform.python_version()}",
        "runs": runs,
    }
    for n in learners:
        print(f"[load] {n} learners: starting the server (preheating)", flush=True)
        try:
            result = run_one(n, **options)
        except NotReady as error:
            print(f"[load] {n} learners: the server did not get ready: {error}", flush=True)
            runs.append({"learners": n, "window_s": options.get("window"), "failed": str(error)})
            continue
        runs.append(result)
        page, lat = result["page_s"], result["latency_ms"]
        print(
            f"[load] {n} learners: ready after {result['preheat_s']} s; page p95 "
            f"{fmt(page['p95'], ' s')}, latency p95 {fmt(lat['p95'], ' ms', 0)}, "
            f"errors {result['errors']}, peak {result['peak_rss_whole_run_mib']} MiB",
            flush=True,
        )
        if save is not None:
            save.parent.mkdir(parents=True, exist_ok=True)
            save.write_text(json.dumps(data, indent=1), encoding="utf-8")
        time.sleep(3)
    return data


def _total_gib() -> float:
    import psutil

    return psutil.virtual_memory().total / 2**30


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--sample"]:
        sample_forever(int(argv[1]), Path(argv[2]), 0.5)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--window", type=float, default=20.0, help="arrivals within (s); 0: all")
    parser.add_argument("--lesson", default="03_the_vicious_cycle.ipynb")
    parser.add_argument("--slider", help="part of the slider's description (default per lesson)")
    parser.add_argument("--moves", type=int, default=10, help="slider moves per learner")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between moves (mean)")
    parser.add_argument("--pool-size", type=int, help="BTC_POOL_SIZE (default: learners)")
    parser.add_argument("--max-kernels", type=int, help="BTC_MAX_KERNELS (default: fits)")
    parser.add_argument("--nagle", action="store_true", help="keep BTC_TCP_NODELAY=0")
    parser.add_argument(
        "--group-defaults",
        action="store_true",
        help="serve with the plain group defaults (4 preheated per lesson, ceiling from memory)",
    )
    parser.add_argument(
        "--course",
        type=Path,
        default=ROOT,
        help="serve this folder (voila.py, notebooks/; e.g. a copy with a candidate change)",
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="per step (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-docs", action="store_true", help="update docs/group-server.md")
    parser.add_argument("--json", type=Path, default=JSON_OUT)
    parser.add_argument("--append", action="store_true", help="add these runs to --json's")
    parser.add_argument("--from-json", action="store_true", help="only report --json's runs")
    args = parser.parse_args(argv)
    if args.from_json:
        data = json.loads(args.json.read_text(encoding="utf-8"))
        print("\n".join(load_report_lines(data)))
        if args.write_docs:
            write_doc(data)
            print(f"wrote {DOC}")
        return 0
    command = "python benchmarks/load.py " + " ".join(argv)
    previous = (
        json.loads(args.json.read_text(encoding="utf-8"))
        if args.append and args.json.exists()
        else None
    )
    data = run_load(
        args.learners,
        window=args.window,
        lesson=args.lesson,
        slider=args.slider,
        moves=args.moves,
        think=args.think,
        pool_size=args.pool_size,
        max_kernels=args.max_kernels,
        nagle=args.nagle,
        group_defaults=args.group_defaults,
        course=args.course.resolve(),
        timeout=args.timeout,
        seed=args.seed,
        save=None if args.append else args.json,
    )
    data["commands"] = [command]
    if previous:
        previous["runs"] += data["runs"]
        previous["commands"] = [*previous.get("commands", []), command]
        data = previous
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print("\n".join(load_report_lines(data)))
    print(f"\nwrote {args.json}")
    if args.write_docs:
        write_doc(data)
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
