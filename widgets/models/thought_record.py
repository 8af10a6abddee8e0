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
positive", and never blame the learner. Learner text is kept as plain strings; the views
escape it. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.models.diary import clean_text

TEXT_LIMIT = 1000  # characters in each written answer
FEELING_NAME_LIMIT = 40
MAX_FEELINGS = 6
RATING_RANGE = (0, 100)


@dataclass(frozen=True)
class Trap:
    """A thinking trap: its name, what it means in plain words, and a pain-related example."""

    name: str
    description: str
    example: str


THINKING_TRAPS = {
    "catastrophising": Trap(
        "Catastrophising",
        "Jumping straight to the worst thing that could happen, and feeling sure it will.",
        "My back hurts more today. Something must be badly wrong, and it will only get worse.",
    ),
    "all_or_nothing": Trap(
        "All-or-nothing thinking",
        "Seeing things as all good or all bad, with nothing in between.",
        "I could not finish the whole walk, so today was a total failure.",
    ),
    "fortune_telling": Trap(
        "Fortune-telling",
        "Deciding that things will go badly, as if you already know the future.",
        "If I go to the party, my pain will flare and I will have an awful time.",
    ),
    "mind_reading": Trap(
        "Mind-reading",
        "Feeling sure you know what other people think, and that it is something bad about you.",
        "My boss thinks I am lazy because I need to take breaks.",
    ),
    "should_statements": Trap(
        '"Should" statements',
        'Strict rules about what you "should" or "must" do. Breaking them brings guilt or anger.',
        "I should be able to do all the housework the way I used to.",
    ),
    "overgeneralising": Trap(
        "Overgeneralising",
        'Taking one bad moment and deciding it will "always" or "never" be different.',
        "The new stretches hurt today. Nothing ever works for me.",
    ),
    "discounting_positive": Trap(
        "Discounting the positive",
        "Brushing off good things, as if they do not count.",
        "Yes, I walked to the shop, but anyone could do that. It does not mean anything.",
    ),
    "emotional_reasoning": Trap(
        "Emotional reasoning",
        "Believing something is true just because it feels true.",
        "I feel scared when my knee aches, so moving it must be dangerous.",
    ),
    "labelling": Trap(
        "Labelling",
        "Giving yourself a harsh name instead of describing what happened.",
        "I had to leave work early because of my pain. I am so weak.",
    ),
}

#: What each step asks, in the order a view shows them.
PROMPTS = {
    "situation": "What happened? Where were you, and what were you doing?",
    "automatic_thought": "What went through your mind?",
    "feelings": "What did you feel? Rate how strong each feeling was, from 0 to 100.",
    "traps": "Do you notice any thinking traps in the thought? (It is fine if you are not sure.)",
    "evidence_for": "What makes the thought seem true?",
    "evidence_against": "What does not fit the thought? What would you say to a friend?",
    "balanced_thought": "What is a fairer, more balanced way to see it?",
    "rerated": "How strong are the same feelings now, from 0 to 100?",
}

FEELING_IDEAS = (
    "sad",
    "worried",
    "scared",
    "angry",
    "frustrated",
    "guilty",
    "ashamed",
    "lonely",
    "tense",
    "low",
)

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
            raise ValueError("Please give each feeling a name, like sad or worried.")
        if len(name) > FEELING_NAME_LIMIT:
            raise ValueError(
                f"A feeling's name can have up to {FEELING_NAME_LIMIT} characters. "
                "Try one or two words."
            )
        if isinstance(rating, bool) or not isinstance(rating, int):
            raise ValueError(
                f'The strength of "{name}" must be a whole number from 0 to 100, '
                f"but it is {rating!r}."
            )
        if not RATING_RANGE[0] <= rating <= RATING_RANGE[1]:
            raise ValueError(f'The strength of "{name}" must be from 0 to 100, but it is {rating}.')
        if name.casefold() in seen:
            raise ValueError(f'"{name}" is in the list twice. Please list each feeling once.')
        seen.add(name.casefold())
        checked.append((name, rating))
    if len(checked) > MAX_FEELINGS:
        raise ValueError(
            f"Please choose up to {MAX_FEELINGS} feelings. The strongest ones are a good start."
        )
    return tuple(checked)


@dataclass(frozen=True)
class ThoughtRecord:
    """One thought record. Every part may be left empty while the learner works on it.

    feelings and rerated are (name, 0–100) pairs; rerated may cover some or all of the feelings,
    and only those. traps are keys of THINKING_TRAPS (repeats are dropped).
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
                raise ValueError(
                    f"Each answer can have up to {TEXT_LIMIT} characters; "
                    f"this one has {len(text)}. Please make it shorter."
                )
            object.__setattr__(self, field, text)
        feelings = _feelings(self.feelings, "feelings")
        rerated = _feelings(self.rerated, "rerated")
        names = {name.casefold(): name for name, _ in feelings}
        for name, _ in rerated:
            if name.casefold() not in names:
                raise ValueError(
                    f'"{name}" was not in your first list of feelings. '
                    "Re-rate the feelings you listed at the start."
                )
        rerated = tuple((names[name.casefold()], rating) for name, rating in rerated)
        traps = self.traps
        if isinstance(traps, str) or not hasattr(traps, "__iter__"):
            raise ValueError(f"traps must be a list of trap keys, got {traps!r}")
        traps = tuple(dict.fromkeys(traps))
        unknown = [t for t in traps if t not in THINKING_TRAPS]
        if unknown:
            raise ValueError(
                f"unknown thinking trap {unknown[0]!r}; choose from {', '.join(THINKING_TRAPS)}"
            )
        object.__setattr__(self, "feelings", feelings)
        object.__setattr__(self, "rerated", rerated)
        object.__setattr__(self, "traps", traps)


def change_in_feelings(record: ThoughtRecord) -> list[tuple[str, int, int | None]]:
    """(feeling, before, after) for each feeling; after is None if it was not re-rated."""
    after = dict(record.rerated)
    return [(name, before, after.get(name)) for name, before in record.feelings]


WORKED_EXAMPLES = {
    "A stiff morning": ThoughtRecord(
        situation=(
            "I woke up and my back was much stiffer than usual. I had planned to meet a friend "
            "for coffee at 11."
        ),
        automatic_thought=(
            "Today is going to be awful. I will have to cancel, and she will get fed up with me."
        ),
        feelings=(("worried", 80), ("sad", 60)),
        traps=("fortune_telling", "mind_reading", "catastrophising"),
        evidence_for=(
            "My back is stiff, and stiff mornings have been hard before. "
            "I have cancelled on her twice this year."
        ),
        evidence_against=(
            "The stiffness often eases once I move around and have a warm shower. Last time she "
            "said she understands. Most stiff mornings have not turned into awful days."
        ),
        balanced_thought=(
            "My back is stiff right now, and it usually loosens up by mid-morning. I can see how "
            "I feel at 10. If I need to, I can ask to meet for a shorter time, closer to home. "
            "She has been kind about this before."
        ),
        rerated=(("worried", 40), ("sad", 30)),
    ),
    "Stopping halfway through the weeding": ThoughtRecord(
        situation="I was weeding the garden and stopped after 15 minutes because my knee hurt.",
        automatic_thought="I cannot even do a simple job any more. I am useless.",
        feelings=(("frustrated", 85), ("ashamed", 70)),
        traps=("all_or_nothing", "labelling", "discounting_positive"),
        evidence_for="I stopped before the job was done. A few years ago I could weed for hours.",
        evidence_against=(
            "I did 15 minutes, which is more than last week. Stopping was part of my pacing "
            "plan, not a failure. I still do lots of useful things for the people I live with."
        ),
        balanced_thought=(
            "I did part of the job and stopped before a flare, which is what pacing is for. I can "
            "do another 15 minutes tomorrow. Doing less than I used to does not make me useless."
        ),
        rerated=(("frustrated", 45), ("ashamed", 25)),
    ),
    "A new ache in my shoulder": ThoughtRecord(
        situation="My shoulder started to ache after I carried the shopping home.",
        automatic_thought=(
            "Something must be seriously wrong. Moving it will make it worse, so I should keep "
            "it still."
        ),
        feelings=(("scared", 75), ("tense", 65)),
        traps=("catastrophising", "emotional_reasoning"),
        evidence_for="It does ache, and I do not know for sure why.",
        evidence_against=(
            "The bags were heavy, and muscles often ache after carrying heavy things. My "
            "physiotherapist told me gentle movement usually helps aches like this."
        ),
        balanced_thought=(
            "An ache after carrying heavy bags is common and usually settles in a few days. I will "
            "keep moving it gently. If it gets much worse or does not ease, I will ask my doctor."
        ),
        rerated=(("scared", 30), ("tense", 35)),
    ),
}


def _section(heading: str, body: str) -> list[str]:
    lines = body.splitlines() or ["(left blank)"]
    return [heading, *(f"  {line}" for line in lines), ""]


def to_text(record: ThoughtRecord, title: str = "My thought record") -> str:
    """A plain-text summary of the record for the learner to download or print."""
    title = clean_text(title, multiline=False) or "My thought record"
    out = [title, "=" * len(title), ""]
    out += _section("What happened", record.situation)
    out += _section("The thought that came to mind", record.automatic_thought)
    feelings = [
        f"- {name}: {before} before" + ("" if after is None else f", {after} after")
        for name, before, after in change_in_feelings(record)
    ]
    out += _section("Feelings (0 to 100)", "\n".join(feelings))
    traps = [f"- {THINKING_TRAPS[key].name}" for key in record.traps]
    out += _section("Thinking traps I noticed", "\n".join(traps))
    out += _section("What makes the thought seem true", record.evidence_for)
    out += _section("What does not fit the thought", record.evidence_against)
    out += _section("A more balanced thought", record.balanced_thought)
    return "\n".join(out).rstrip("\n") + "\n"
