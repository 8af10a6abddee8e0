"""A CBT thought record: notice a thought, spot the thinking trap, weigh it up, find a fairer one.

Why: CBT for chronic pain works mostly on distress and disability rather than on pain itself
(Williams et al. 2020 Cochrane review, docs/sources.md: small benefits on mood and disability versus
usual care). The thought record is CBT's everyday tool for that: write down the situation and the
thought that came up, rate the feelings 0–100, name any thinking traps, weigh the evidence, write a
more balanced thought and rate the feelings again. Internet CBT courses for pain, such as The Pain
Course (Dear et al. 2015), teach the same skill. The trap names are the usual cognitive-distortion
list of CBT (after Beck and Burns); the descriptions, examples and worked examples are our own
words.

Catastrophising and hopelessness about pain are among the processes linked with distress in
chronic pain (Tang & Crane 2006), so the examples show fairer thoughts, never "just think
positive", and never blame the learner. The traps, questions, worked examples and messages are
words in widgets/content/thought_record.toml, read when asked for so the course language applies;
the keys that name traps and steps stay here, because a kept record stores them. Learner text is
kept as plain strings; the views escape it. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.models.diary import clean_text
from widgets.words import word, words

TEXT_LIMIT = 1000  # characters in each written answer
FEELING_NAME_LIMIT = 40
MAX_FEELINGS = 6
RATING_RANGE = (0, 100)
CONTENT = "thought_record"

#: The thinking traps a record can name, in the order a view lists them. A kept record stores
#: these keys; their names and examples are in the content file.
TRAP_KEYS = (
    "catastrophising",
    "all_or_nothing",
    "fortune_telling",
    "mind_reading",
    "should_statements",
    "overgeneralising",
    "discounting_positive",
    "emotional_reasoning",
    "labelling",
)

#: The steps, in the order a view shows them (each has a question in the content file).
STEP_KEYS = (
    "situation",
    "automatic_thought",
    "feelings",
    "traps",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
    "rerated",
)


@dataclass(frozen=True)
class Trap:
    """A thinking trap: its name, what it means in plain words, and a pain-related example."""

    name: str
    description: str
    example: str


def _say(key: str, **values: object) -> str:
    """One of the content file's messages, filled in."""
    return word(CONTENT, "errors", key).format(**values)


def thinking_traps() -> dict[str, Trap]:
    """Each trap key's name, description and example, in the course language."""
    found = {
        trap["key"]: Trap(trap["name"], trap["description"], trap["example"])
        for trap in words(CONTENT)["traps"]
    }
    return {key: found[key] for key in TRAP_KEYS}


def prompts() -> dict[str, str]:
    """What each step asks, in the order a view shows them."""
    return {step: word(CONTENT, "prompts", step) for step in STEP_KEYS}


def feeling_ideas() -> tuple[str, ...]:
    """Words for feelings, offered as examples (the first ones fill the boxes' placeholders)."""
    return tuple(words(CONTENT)["feeling_ideas"])


_TEXT_FIELDS = (
    "situation",
    "automatic_thought",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
)


def _feelings(pairs: object, what: str) -> tuple[tuple[str, int], ...]:
    if isinstance(pairs, str | bytes) or not hasattr(pairs, "__iter__"):
        raise ValueError(f"{what} must be a list of (feeling, strength) pairs, got {pairs!r}")
    checked: list[tuple[str, int]] = []
    seen: set[str] = set()
    for pair in pairs:  # type: ignore[attr-defined]
        if isinstance(pair, str) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"each feeling needs a name and a strength, got {pair!r}")
        name, rating = clean_text(pair[0], multiline=False), pair[1]
        if not name:
            raise ValueError(_say("feeling_unnamed"))
        if len(name) > FEELING_NAME_LIMIT:
            raise ValueError(_say("feeling_name_too_long", limit=FEELING_NAME_LIMIT))
        if isinstance(rating, bool) or not isinstance(rating, int):
            raise ValueError(_say("strength_not_whole", name=name, rating=repr(rating)))
        if not RATING_RANGE[0] <= rating <= RATING_RANGE[1]:
            raise ValueError(_say("strength_out_of_range", name=name, rating=rating))
        if name.casefold() in seen:
            raise ValueError(_say("feeling_twice", name=name))
        seen.add(name.casefold())
        checked.append((name, rating))
    if len(checked) > MAX_FEELINGS:
        raise ValueError(_say("too_many_feelings", most=MAX_FEELINGS))
    return tuple(checked)


@dataclass(frozen=True)
class ThoughtRecord:
    """One thought record. Every part may be left empty while the learner works on it.

    feelings and rerated are (name, 0–100) pairs; rerated may cover some or all of the feelings,
    and only those. traps are keys of TRAP_KEYS (repeats are dropped).
    """

    situation: str = ""
    automatic_thought: str = ""
    feelings: tuple[tuple[str, int], ...] = ()
    traps: tuple[str, ...] = ()
    evidence_for: str = ""
    evidence_against: str = ""
    balanced_thought: str = ""
    rerated: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        for field in _TEXT_FIELDS:
            text = clean_text(getattr(self, field)).strip()
            if len(text) > TEXT_LIMIT:
                raise ValueError(_say("too_long", limit=TEXT_LIMIT, length=len(text)))
            object.__setattr__(self, field, text)
        feelings = _feelings(self.feelings, "feelings")
        rerated = _feelings(self.rerated, "rerated")
        names = {name.casefold(): name for name, _ in feelings}
        for name, _ in rerated:
            if name.casefold() not in names:
                raise ValueError(_say("not_in_first_list", name=name))
        rerated = tuple((names[name.casefold()], rating) for name, rating in rerated)
        traps = self.traps
        if isinstance(traps, str) or not hasattr(traps, "__iter__"):
            raise ValueError(f"traps must be a list of trap keys, got {traps!r}")
        traps = tuple(dict.fromkeys(traps))
        unknown = [t for t in traps if t not in TRAP_KEYS]
        if unknown:
            raise ValueError(
                f"unknown thinking trap {unknown[0]!r}; choose from {', '.join(TRAP_KEYS)}"
            )
        object.__setattr__(self, "feelings", feelings)
        object.__setattr__(self, "rerated", rerated)
        object.__setattr__(self, "traps", traps)


def change_in_feelings(record: ThoughtRecord) -> list[tuple[str, int, int | None]]:
    """(feeling, before, after) for each feeling; after is None if it was not re-rated."""
    after = dict(record.rerated)
    return [(name, before, after.get(name)) for name, before in record.feelings]


def worked_examples() -> dict[str, ThoughtRecord]:
    """The worked examples a learner can load, by title, each a checked record."""
    examples = {}
    for example in words(CONTENT)["examples"]:
        feelings = example["feelings"]
        examples[example["title"]] = ThoughtRecord(
            **{field: example[field] for field in _TEXT_FIELDS},
            feelings=tuple((f["name"], f["before"]) for f in feelings),
            traps=tuple(example["traps"]),
            rerated=tuple((f["name"], f["after"]) for f in feelings),
        )
    return examples


#: The names these were once constants under (workbook/sheets.py and some tests still use them):
#: each is read from the content file when asked for, so the course language applies.
_READ_WHEN_ASKED = {
    "THINKING_TRAPS": thinking_traps,
    "PROMPTS": prompts,
    "FEELING_IDEAS": feeling_ideas,
    "WORKED_EXAMPLES": worked_examples,
}


def __getattr__(name: str) -> object:
    """`thought_record.PROMPTS` and the other old constants, read from content when used."""
    if name in _READ_WHEN_ASKED:
        return _READ_WHEN_ASKED[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
