"""A support map: who helps you, with what kind of help, and where the gaps are.

Why (docs/sources.md): feeling supported goes with better quality of life and less depression in
chronic pain (systematic review, PLOS ONE 2025;20:e0321750), and pain often brings isolation and
loneliness. The TYPE of support matters too: when others take over everything ("solicitous"
responses), pain and low mood can be higher (same review; Bernardes et al. 2017, Pain 158:2066).
So the map sorts help into three kinds (practical, emotional, information), points out kinds that
nobody gives yet, and its ideas favour help that keeps the learner doing things, not help that
does everything for them. Peer support and self-management programmes are named as options
(such as The Pain Course, Dear et al. 2015); online communities come with a gentle caution.

The words (what each kind means, the ideas, the messages) are in widgets/content/support_map.toml,
read when asked for so the course language applies; the keys of kinds and kinds of help stay
here, because a kept map stores them. The gaps are found here as keys (`gap_keys`);
widgets/describers/support_map.py says them. Names are the learner's own words, kept as plain
text (the views escape them) and never sent anywhere. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.models.diary import clean_text
from widgets.words import word, words

NAME_LIMIT = 60
MAX_SUPPORTERS = 30
CONTENT = "support_map"
#: Who a supporter is, in the order the page groups them (a kept map stores these keys).
KIND_KEYS = ("person", "group", "professional")
#: The kinds of help, in the order the page lists them (a kept map stores these keys).
HELP_KEYS = ("practical", "emotional", "information")


def _say(key: str, **values: object) -> str:
    """One of the content file's messages, filled in."""
    return word(CONTENT, "errors", key).format(**values)


def kinds() -> dict[str, str]:
    """Each kind of supporter's key and what it means ("A person: family, a friend, ...")."""
    return {key: word(CONTENT, "kinds", key, "about") for key in KIND_KEYS}


def help_types() -> dict[str, str]:
    """Each kind of help's key and what it means ("Practical help: a lift to ...")."""
    return {key: word(CONTENT, "help", key, "about") for key in HELP_KEYS}


@dataclass(frozen=True)
class Supporter:
    """Someone on the map: a name (up to 60 characters), a kind, and the kinds of help given."""

    name: str
    kind: str
    helps_with: frozenset[str]

    def __post_init__(self) -> None:
        name = clean_text(self.name, multiline=False)
        if not name:
            raise ValueError(_say("no_name"))
        if len(name) > NAME_LIMIT:
            raise ValueError(_say("name_too_long", limit=NAME_LIMIT))
        if self.kind not in KIND_KEYS:
            raise ValueError(f"kind must be one of {', '.join(KIND_KEYS)}, got {self.kind!r}")
        helps = self.helps_with
        if isinstance(helps, str) or not hasattr(helps, "__iter__"):
            raise ValueError(f"helps_with must be a set of kinds of help, got {helps!r}")
        helps = frozenset(helps)
        unknown = sorted(str(h) for h in helps - set(HELP_KEYS))
        if unknown:
            raise ValueError(
                f"unknown kind of help {unknown[0]!r}; choose from {', '.join(HELP_KEYS)}"
            )
        if not helps:
            raise ValueError(_say("no_help", name=name))
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "helps_with", helps)


@dataclass(frozen=True)
class SupportMap:
    """Up to 30 supporters, each name once (ignoring case). add and remove return a new map."""

    supporters: tuple[Supporter, ...] = ()

    def __post_init__(self) -> None:
        supporters = tuple(self.supporters)
        if len(supporters) > MAX_SUPPORTERS:
            raise ValueError(_say("full", most=MAX_SUPPORTERS))
        seen: set[str] = set()
        for supporter in supporters:
            if not isinstance(supporter, Supporter):
                raise ValueError(f"a support map holds supporters, got {supporter!r}")
            if supporter.name.casefold() in seen:
                raise ValueError(_say("already", name=supporter.name))
            seen.add(supporter.name.casefold())
        object.__setattr__(self, "supporters", supporters)

    def __len__(self) -> int:
        return len(self.supporters)

    def add(self, supporter: Supporter) -> SupportMap:
        return SupportMap(self.supporters + (supporter,))

    def remove(self, name: str) -> SupportMap:
        """The map without the supporter called `name` (ignoring case)."""
        key = clean_text(name, multiline=False).casefold()
        kept = tuple(s for s in self.supporters if s.name.casefold() != key)
        if len(kept) == len(self.supporters):
            raise ValueError(_say("nobody_called", name=name))
        return SupportMap(kept)

    def helping_with(self, help_type: str) -> list[str]:
        """Names of everyone who gives this kind of help, in the order they were added."""
        if help_type not in HELP_KEYS:
            raise ValueError(f"choose one of {', '.join(HELP_KEYS)}, got {help_type!r}")
        return [s.name for s in self.supporters if help_type in s.helps_with]


def gap_keys(support_map: SupportMap) -> list[str]:
    """What the map is missing, as keys: "empty" alone for an empty map; otherwise each kind of
    help nobody gives yet (HELP_KEYS order), then "professional" if there is none. An empty
    list means every kind of help is covered and there is a professional."""
    if not support_map.supporters:
        return ["empty"]
    found = [h for h in HELP_KEYS if not support_map.helping_with(h)]
    if not any(s.kind == "professional" for s in support_map.supporters):
        found.append("professional")
    return found


@dataclass(frozen=True)
class Idea:
    """A way to widen support; `caution` is a gentle note when one is needed, else ""."""

    title: str
    text: str
    caution: str = ""


def ideas() -> tuple[Idea, ...]:
    """The ways to widen support, in the order the page lists them."""
    return tuple(
        Idea(idea["title"], idea["text"], idea.get("caution", ""))
        for idea in words(CONTENT)["ideas"]["list"]
    )


#: The names these were once constants under (workbook/sheets.py and some tests still use them):
#: each is read from the content file when asked for, so the course language applies.
_READ_WHEN_ASKED = {"KINDS": kinds, "HELP_TYPES": help_types, "IDEAS": ideas}


def __getattr__(name: str) -> object:
    """`support_map.KINDS` and the other old constants, read from content when used."""
    if name in _READ_WHEN_ASKED:
        return _READ_WHEN_ASKED[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
