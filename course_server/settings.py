"""The serve command's settings, read from BTC_* environment variables and checked.

`python3 run.py serve` serves one person (laptop defaults); `python3 run.py serve --group` sets
BTC_GROUP=1, which changes three defaults for a group sharing one server: a bigger preheated pool,
a ceiling on live kernels sized from the machine's memory, and a reminder about the access code.
Every setting works in both modes. A bad value stops the server with a message that names the
variable, says what is allowed and what it got (the access code itself is never repeated).

Standard library only (voila.py reads these before Voila starts).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

#: Kernels kept ready per lesson in group mode (BTC_POOL_SIZE), and per page on a laptop.
GROUP_POOL_SIZE = 4
LAPTOP_POOL_SIZE = 1
#: The group ceiling is never set above this by default (raise it with BTC_MAX_KERNELS): 40
#: learners were measured on a 2-core machine (COURSE.md); beyond that CPU runs out first.
DEFAULT_MAX_KERNELS = 40
#: What one learner's kernel costs (a lesson's kernel measured 120-140 MiB), and what the server,
#: the operating system and a little headroom keep for themselves.
KERNEL_MIB = 150
RESERVED_MIB = 1024
CODE_PATTERN = re.compile(r"[A-Za-z0-9-]{4,64}")
BASE_URL_PATTERN = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*")
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ValueError):
    """A bad BTC_* value, worded for the person starting the server."""


@dataclass(frozen=True)
class ServeSettings:
    group: bool = False
    ip: str = "127.0.0.1"
    base_url: str = "/"
    #: normalised (lower case); None means no code is asked for
    access_code: str | None = field(default=None, repr=False)
    pool_size: int = LAPTOP_POOL_SIZE
    #: the pages that get `pool_size` kernels; every other page keeps at most one
    pool_lessons: tuple[str, ...] = ()
    #: per page: how many preheated kernels wait for it
    pools: Mapping[str, int] = field(default_factory=dict)
    #: None means no ceiling
    max_kernels: int | None = None
    static_url: str | None = None
    cull_idle_seconds: int = 300
    cull_interval_seconds: int = 60
    tcp_nodelay: bool = False
    #: notebooks served though course.toml does not list them (BTC_ALSO_SERVE): a draft lesson to
    #: try out, or a test's page. Never preheated, never in the menu.
    also_served: tuple[str, ...] = ()
    #: things the person starting the server should know (defaults that were adjusted)
    notes: tuple[str, ...] = ()

    @property
    def pooled_kernels(self) -> int:
        return sum(self.pools.values())

    def cookie_secret(self) -> bytes:
        """Login cookies stay valid across restarts, and all of them end when the code changes."""
        return hashlib.sha256(
            b"breaking-the-cycle login cookie\0" + (self.access_code or "").encode()
        ).digest()

    def summary(self) -> list[str]:
        """One line per setting, for the console. Never includes the access code."""
        ceiling = "none" if self.max_kernels is None else str(self.max_kernels)
        return [
            f"mode: {'group' if self.group else 'laptop'}",
            f"listening on {self.ip}, base URL {self.base_url}",
            f"access code: {'required' if self.access_code else 'none'}",
            f"preheated kernels: {self.pooled_kernels} ({self.pool_size} per lesson"
            + (f": {', '.join(self.pool_lessons)})" if self.pool_lessons else ")"),
            f"most live kernels at once: {ceiling}",
            f"static site for when the server is full: {self.static_url or 'none'}",
            f"idle kernels freed after {self.cull_idle_seconds} s",
        ]


def available_memory_mib(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """MemAvailable from Linux's /proc/meminfo, or None where there is no such file."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def default_max_kernels(memory_mib: int | None) -> int:
    """As many kernels as fit in the memory available at start, at most DEFAULT_MAX_KERNELS."""
    if memory_mib is None:
        return DEFAULT_MAX_KERNELS
    return max(1, min(DEFAULT_MAX_KERNELS, (memory_mib - RESERVED_MIB) // KERNEL_MIB))


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    if name not in env:
        return default
    value = env[name].strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingsError(
        f"{name} must be 1 or 0 (also: true/false, yes/no, on/off); got {env[name]!r}."
    )


def _whole(env: Mapping[str, str], name: str, default: int, minimum: int, meaning: str) -> int:
    if name not in env or not env[name].strip():
        return default
    text = env[name].strip()
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise SettingsError(
            f"{name} must be a whole number, {minimum} or more ({meaning}); got {env[name]!r}."
        )
    return value


def _ip(env: Mapping[str, str]) -> str:
    text = env.get("BTC_IP", "").strip() or "127.0.0.1"
    if text == "localhost":
        return text
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise SettingsError(
            "BTC_IP must be an IP address to listen on: 127.0.0.1 (this machine only, the default) "
            f"or 0.0.0.0 (every network interface, e.g. behind a reverse proxy); got {text!r}."
        ) from None


def _base_url(env: Mapping[str, str]) -> str:
    text = env.get("BTC_BASE_URL", "").strip() or "/"
    candidate = "/" + text.strip("/") + "/" if text.strip("/") else "/"
    segments = candidate.strip("/").split("/")
    if (
        "//" in text
        or not BASE_URL_PATTERN.fullmatch(candidate)
        or any(segment in {".", ".."} for segment in segments)
    ):
        raise SettingsError(
            "BTC_BASE_URL must be the path the course is served under, made of "
            "letters, digits, '.', '_', '~' and '-' between slashes, e.g. /course/ "
            f"(the same path your reverse proxy forwards); got {text!r}."
        )
    return candidate


def _access_code(env: Mapping[str, str]) -> str | None:
    text = env.get("BTC_ACCESS_CODE", "").strip()
    if not text:
        return None
    if not CODE_PATTERN.fullmatch(text):
        # The message describes the value but never repeats it: it may be nearly right.
        raise SettingsError(
            "BTC_ACCESS_CODE must be 4 to 64 letters, digits or hyphens (learners type it, "
            f"e.g. 'sunflower-42'); the value given has {len(text)} characters"
            + (" and some that are not allowed." if len(text) >= 4 else ".")
        )
    return normalise_code(text)


def normalise_code(text: str) -> str:
    """Codes are compared without case or surrounding spaces (phones capitalise a first letter)."""
    return text.strip().casefold()


def _static_url(env: Mapping[str, str]) -> str | None:
    text = env.get("BTC_STATIC_URL", "").strip()
    if not text:
        return None
    parsed = urlparse(text)
    if (
        parsed.scheme not in {"http", "https"}
        or not parsed.netloc
        or any(c.isspace() for c in text)
    ):
        raise SettingsError(
            "BTC_STATIC_URL must be the full web address of the course's static site, starting "
            f"with https:// (or http://); got {text!r}."
        )
    return text


def _pool_lessons(env: Mapping[str, str], pages: Sequence[str]) -> tuple[str, ...]:
    text = env.get("BTC_POOL_LESSONS", "").strip()
    if not text:
        return ()
    chosen = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in chosen if name not in pages]
    if unknown:
        raise SettingsError(
            f"BTC_POOL_LESSONS names {', '.join(map(repr, unknown))}, which is not a page of this "
            f"course; use notebook file names separated by commas, from: {', '.join(pages)}."
        )
    return chosen


def _pools(pages: Sequence[str], guides: Sequence[str], size: int, chosen: Sequence[str]) -> dict:
    """Lessons (or only the chosen ones) get `size` kernels; other pages at most one."""
    full = set(chosen) if chosen else {page for page in pages if page not in set(guides)}
    return {page: (size if page in full else min(size, 1)) for page in pages}


def read_settings(
    env: Mapping[str, str],
    pages: Sequence[str] = (),
    guides: Sequence[str] = (),
    memory_mib: int | None = None,
) -> ServeSettings:
    """Check every BTC_* setting in `env` (`pages`: the served notebooks; `guides`: leaders')."""
    pages = list(pages)
    group = _flag(env, "BTC_GROUP", False)
    notes: list[str] = []
    max_kernels: int | None
    if env.get("BTC_MAX_KERNELS", "").strip():
        max_kernels = _whole(env, "BTC_MAX_KERNELS", 0, 0, "0 means no ceiling") or None
    elif group:
        max_kernels = default_max_kernels(memory_mib)
    else:
        max_kernels = None
    pool_given = bool(env.get("BTC_POOL_SIZE", "").strip())
    pool_size = _whole(
        env,
        "BTC_POOL_SIZE",
        GROUP_POOL_SIZE if group else LAPTOP_POOL_SIZE,
        0,
        "kernels kept ready per lesson; 0 turns preheating off",
    )
    chosen = _pool_lessons(env, pages)
    pools = _pools(pages, guides, pool_size, chosen)
    if max_kernels is not None and sum(pools.values()) > max_kernels:
        if pool_given:
            raise SettingsError(
                f"BTC_POOL_SIZE={pool_size} keeps {sum(pools.values())} kernels waiting for "
                f"{len(pages)} pages, more than BTC_MAX_KERNELS={max_kernels} allows in all. Lower "
                "BTC_POOL_SIZE, name only today's lessons in BTC_POOL_LESSONS, or raise "
                "BTC_MAX_KERNELS."
            )
        while (
            pool_size > 0 and sum(_pools(pages, guides, pool_size, chosen).values()) > max_kernels
        ):
            pool_size -= 1
        pools = _pools(pages, guides, pool_size, chosen)
        notes.append(
            f"preheated pool lowered to {pool_size} per lesson to stay within {max_kernels} "
            "live kernels (set BTC_POOL_SIZE and BTC_POOL_LESSONS to choose)"
        )
    access_code = _access_code(env)
    ip = _ip(env)
    if group and access_code is None:
        notes.append(
            "no BTC_ACCESS_CODE: anyone who can reach this server can open lessons "
            "and start kernels"
        )
    return ServeSettings(
        group=group,
        ip=ip,
        base_url=_base_url(env),
        access_code=access_code,
        pool_size=pool_size,
        pool_lessons=chosen,
        pools=pools,
        max_kernels=max_kernels,
        static_url=_static_url(env),
        cull_idle_seconds=_whole(
            env, "BTC_CULL_IDLE_SECONDS", 300, 0, "seconds a kernel may sit idle; 0 never frees"
        ),
        cull_interval_seconds=_whole(
            env, "BTC_CULL_INTERVAL_SECONDS", 60, 1, "seconds between checks for idle kernels"
        ),
        tcp_nodelay=_flag(env, "BTC_TCP_NODELAY", False),
        also_served=_also_served(env),
        notes=tuple(notes),
    )


_NOTEBOOK_NAME = re.compile(r"[A-Za-z0-9_.-]+\.ipynb")


def _also_served(env: Mapping[str, str]) -> tuple[str, ...]:
    """BTC_ALSO_SERVE: notebook file names in the lessons' folder, separated by commas."""
    names = tuple(n.strip() for n in env.get("BTC_ALSO_SERVE", "").split(",") if n.strip())
    for name in names:
        if not _NOTEBOOK_NAME.fullmatch(name) or name.startswith("."):
            raise SettingsError(
                f"BTC_ALSO_SERVE names {name!r}: give notebook file names in the lessons' folder "
                "(like 07_draft.ipynb), separated by commas."
            )
    return names


def served_pages(course) -> list[str]:
    """The notebooks Voila serves and preheats: the lessons, learner's pages and guides that
    course.toml lists (a `CourseConfig`). A notebook left out of course.toml is neither served nor
    preheated, so dropping a lesson there really drops it (course_server/listed.py refuses it)."""
    return sorted(page.file for page in (*course.lessons, *course.pages, *course.guides))
