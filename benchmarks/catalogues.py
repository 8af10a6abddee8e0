"""Per-language TOML content files or gettext catalogues? Both ways, side by side, in one run.

    .venv/bin/python benchmarks/catalogues.py               # 200 rounds
    .venv/bin/python benchmarks/catalogues.py --rounds 500

(a) **content files** (what the course uses): widgets/content/<name>.toml, read with tomllib
    through widgets/words.py, a sentence found by its keys: `word("diary", "form", "mood")`.
(b) **gettext**: the same English sentences as one compiled catalogue (a .mo file, written here
    with the standard library, as Babel's `pybabel compile` would), read with the standard
    library's gettext, a sentence found by its English text: `_("How was your mood today?")`.

Measured for each: the cold start (reading every catalogue once, as a fresh kernel does) and one
look-up (the cached path a tool takes each time it says something). Medians and 95th
percentiles in microseconds, and b/a ratios; this machine is shared and noisy, so these are a
report, not a test. The result and the choice are in docs/languages.md.
"""

from __future__ import annotations

import argparse
import gettext
import io
import random
import statistics
import struct
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import widgets.words as words_module  # noqa: E402
from benchmarks.stats import percentile  # noqa: E402

CONTENT = ROOT / "widgets" / "content"


def flat_texts(table: object, keys: tuple = ()) -> list[tuple[tuple, str]]:
    """Every sentence of a content file with the keys that find it."""
    if isinstance(table, str):
        return [(keys, table)]
    items = (
        table.items()
        if isinstance(table, dict)
        else enumerate(table)
        if isinstance(table, list)
        else []
    )
    return [found for key, value in items for found in flat_texts(value, (*keys, key))]


def english_sentences() -> dict[str, list[tuple[tuple, str]]]:
    found = {}
    for path in sorted(CONTENT.glob("*.toml")):
        with path.open("rb") as file:
            found[path.stem] = flat_texts(tomllib.load(file))
    return found


def mo_bytes(messages: dict[str, str]) -> bytes:
    """A GNU .mo catalogue (the format `msgfmt` and Babel write): header, two tables, strings."""
    ids = sorted(messages)
    strs = [messages[i] for i in ids]
    encoded_ids = [i.encode() for i in ids]
    encoded_strs = [s.encode() for s in strs]
    n = len(ids)
    start = 7 * 4 + 16 * n
    offsets, blob = [], io.BytesIO()
    for data in encoded_ids + encoded_strs:
        offsets.append((len(data), start + blob.tell()))
        blob.write(data + b"\0")
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    table = b"".join(struct.pack("ii", length, where) for length, where in offsets)
    return header + table + blob.getvalue()


def timed(action, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1e6)
    return samples


def row(name: str, samples: list[float]) -> str:
    return f"| {name} | {statistics.median(samples):.1f} | {percentile(samples, 0.95):.1f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    sentences = english_sentences()
    messages = {text: text for found in sentences.values() for _keys, text in found}
    header = {"": "Content-Type: text/plain; charset=UTF-8\n"}  # the catalogue's own entry
    mo = mo_bytes({**{k: v for k, v in messages.items() if k}, **header})
    picks = [(name, keys) for name, found in sentences.items() for keys, _t in found]
    texts = [text for found in sentences.values() for _k, text in found if text]
    random.seed(1)

    def cold_toml():
        for path in sorted(CONTENT.glob("*.toml")):
            with path.open("rb") as file:
                tomllib.load(file)

    def cold_gettext():
        gettext.GNUTranslations(io.BytesIO(mo))

    catalogue = gettext.GNUTranslations(io.BytesIO(mo))
    words_module.words("diary", "en")  # warm the cache, as a tool that has spoken once

    def look_up_toml():
        name, keys = random.choice(picks)
        value = words_module.words(name, "en")
        for key in keys:
            value = value[key]

    def look_up_toml_course_language():
        name, keys = random.choice(picks)
        value = words_module.words(name)  # the course's language, from course.toml (cached)
        for key in keys:
            value = value[key]

    def look_up_gettext():
        catalogue.gettext(random.choice(texts))

    results = {}
    for _round in range(2):  # interleaved: each design sees the same machine
        for name, action, rounds in (
            ("cold start, content files (a)", cold_toml, max(20, args.rounds // 10)),
            ("cold start, gettext .mo (b)", cold_gettext, max(20, args.rounds // 10)),
            ("one look-up, content files (a)", look_up_toml, args.rounds * 50),
            (
                "one look-up, content files, course language (a)",
                look_up_toml_course_language,
                args.rounds * 50,
            ),
            ("one look-up, gettext (b)", look_up_gettext, args.rounds * 50),
        ):
            results.setdefault(name, []).extend(timed(action, rounds))
    count = sum(len(found) for found in sentences.values())
    print(f"{count} sentences in {len(sentences)} content files; .mo catalogue {len(mo):,} bytes")
    print("\n| measure | median µs | p95 µs |\n|---|---|---|")
    for name, samples in results.items():
        print(row(name, samples))
    for what in ("cold start", "one look-up"):
        a = statistics.median(results[f"{what}, content files (a)"])
        b = statistics.median(results[[k for k in results if k.startswith(what) and "(b)" in k][0]])
        print(f"\n{what}: gettext / content files = {b / a:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
