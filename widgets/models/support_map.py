"""A support map: who helps you, with what kind of help, and where the gaps are.

Why (docs/sources.md): feeling supported goes with better quality of life and less depression in
chronic pain (systematic review, PLOS ONE 2025;20:e0321750), and pain often brings isolation and
loneliness. The TYPE of support matters too: when others take over everything ("solicitous"
responses), pain and low mood can be higher (same review; Bernardes et al. 2017, Pain 158:2066).
So the map sorts help into three kinds (practical, emotional, information), points out kinds that
nobody gives yet, and its ideas favour help that keeps the learner doing things, not help that
does everything for them. Peer support and self-management programmes are named as options
(such as The Pain Course, Dear et al. 2015); online communities come with a gentle caution.

Names are the learner's own words, kept as plain text (the views escape them) and never sent
anywhere. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.models.diary import clean_text

NAME_LIMIT = 60
MAX_SUPPORTERS = 30
KINDS = {
    "person": "A person: family, a friend, a neighbour",
    "group": "A group: a support group, a club, a faith group, an online community",
    "professional": "A professional: a doctor, nurse, physiotherapist, psychologist, pharmacist",
}
HELP_TYPES = {
    "practical": "Practical help: a lift to an appointment, help with shopping or jobs at home",
    "emotional": "Emotional help: someone who listens, cares and keeps you company",
    "information": "Information: advice and facts you can trust about pain, mood and treatment",
}


@dataclass(frozen=True)
class Supporter:
    """Someone on the map: a name (up to 60 characters), a kind, and the kinds of help given."""

    name: str
    kind: str
    helps_with: frozenset[str]

    def __post_init__(self) -> None:
        name = clean_text(self.name, multiline=False)
        if not name:
            raise ValueError("Please write a name, like Sam, my sister, or the pain clinic.")
        if len(name) > NAME_LIMIT:
            raise ValueError(f"A name can have up to {NAME_LIMIT} characters. Try a shorter one.")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        helps = self.helps_with
        if isinstance(helps, str) or not hasattr(helps, "__iter__"):
            raise ValueError(f"helps_with must be a set of kinds of help, got {helps!r}")
        helps = frozenset(helps)
        unknown = sorted(str(h) for h in helps - set(HELP_TYPES))
        if unknown:
            raise ValueError(
                f"unknown kind of help {unknown[0]!r}; choose from {', '.join(HELP_TYPES)}"
            )
        if not helps:
            raise ValueError(f"Please choose at least one way {name} helps.")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "helps_with", helps)


@dataclass(frozen=True)
class SupportMap:
    """Up to 30 supporters, each name once (ignoring case). add and remove return a new map."""

    supporters: tuple[Supporter, ...] = ()

    def __post_init__(self) -> None:
        supporters = tuple(self.supporters)
        if len(supporters) > MAX_SUPPORTERS:
            raise ValueError(
                f"The map has room for {MAX_SUPPORTERS} supporters. "
                "You could group some together, like 'my walking group'."
            )
        seen: set[str] = set()
        for supporter in supporters:
            if not isinstance(supporter, Supporter):
                raise ValueError(f"a support map holds supporters, got {supporter!r}")
            if supporter.name.casefold() in seen:
                raise ValueError(
                    f"{supporter.name} is already on your map. "
                    "If two people share a name, add something to tell them apart."
                )
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
            raise ValueError(f"There is nobody called {name} on your map.")
        return SupportMap(kept)

    def helping_with(self, help_type: str) -> list[str]:
        """Names of everyone who gives this kind of help, in the order they were added."""
        if help_type not in HELP_TYPES:
            raise ValueError(f"choose one of {', '.join(HELP_TYPES)}, got {help_type!r}")
        return [s.name for s in self.supporters if help_type in s.helps_with]


_GAP_SENTENCES = {
    "practical": (
        "Nobody on your map gives practical help yet. Think of someone who could help with one "
        "small job, like a lift or a bit of shopping."
    ),
    "emotional": (
        "Nobody on your map gives emotional support yet. Is there someone you could talk to when "
        "things feel hard? A support group or helpline can be a start."
    ),
    "information": (
        "Nobody on your map gives you information yet. A doctor, nurse, pharmacist or pain "
        "self-management course can answer questions about pain and mood."
    ),
}


def gaps(support_map: SupportMap) -> list[str]:
    """Plain, kind sentences about which kinds of help nobody gives yet (and a missing
    professional). An empty list means every kind of help is covered."""
    if not support_map.supporters:
        return [
            "Your map is empty so far. That is OK. Many people start here. Try adding one person, "
            "group or professional, even someone you only see now and then."
        ]
    found = [_GAP_SENTENCES[h] for h in HELP_TYPES if not support_map.helping_with(h)]
    if not any(s.kind == "professional" for s in support_map.supporters):
        found.append(
            "There is no professional on your map yet. Your doctor or another health worker can "
            "help with both pain and mood."
        )
    return found


@dataclass(frozen=True)
class Idea:
    """A way to widen support; `caution` is a gentle note when one is needed, else ""."""

    title: str
    text: str
    caution: str = ""


IDEAS = (
    Idea(
        "A peer support group",
        "Meeting other people who live with pain can help you feel less alone and share tips "
        "that work in real life. Ask your doctor, a pain clinic or a pain charity about groups "
        "near you or online.",
    ),
    Idea(
        "A pain self-management course",
        "These courses teach skills like pacing, sleep habits and handling worries. Some are "
        "free and online, such as The Pain Course, and you meet others doing the same.",
    ),
    Idea(
        "Your doctor or another health worker",
        "A doctor, nurse, physiotherapist, pharmacist or psychologist can help with pain, sleep "
        "and mood. It is fine to book an appointment just to talk about how you are coping.",
    ),
    Idea(
        "A helpline",
        "Helplines are there when you need to talk, day or night. If you ever feel you cannot "
        "keep yourself safe, call a crisis line or your local emergency number straight away.",
    ),
    Idea(
        "Online communities",
        "Forums and groups online can be a good place to feel understood, especially on days "
        "you cannot get out.",
        caution="Some posts share wrong or scary information, or sell cures that do not work. "
        "Check health advice with your doctor or pharmacist, and take a break if a group leaves "
        "you feeling worse.",
    ),
    Idea(
        "Reconnecting with someone",
        "Pain can make it hard to keep in touch. A short message to an old friend or a "
        "neighbour is a small step that often means a lot to both of you.",
    ),
    Idea(
        "Asking for the right kind of help",
        "Help that lets you keep doing things, like someone walking with you, often works better "
        "than someone doing everything for you. It is OK to tell people what helps most.",
    ),
)
