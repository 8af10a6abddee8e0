"""Plain sentences for the pain-pathway explorer: what gets through, and what turned it up.

Pure functions of the model's numbers, so they are tested directly. The explorer's scene (its
stories, one moment of a story, a pinned moment, "predict first") reads its words from
widgets/content/pain_signal_scene.toml; the sentence patterns there are filled in here. The
stories are checked when read: every moment must be valid `PainInputs`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

from widgets import formats
from widgets.models.pain_signal import PainInputs, PainSignal, pain_signal
from widgets.words import words as content_words

#: The scene's words (labels, stories, prompts and sentence patterns).
#: The model's inputs, in the order the sliders show them.
INPUTS = tuple(item.name for item in fields(PainInputs))
#: A change in the signal reaching the brain smaller than this counts as "about the same" (the
#: same size the text alternative uses for "louder / quieter than an ordinary day").
SAME_WITHIN = 0.3
#: Where the loudness words change (the signal reaching the brain, 0–10).
LOUDNESS_BANDS = (0.5, 3, 6, 8.5)


def scene_text() -> dict:
    """The scene's words from widgets/content/pain_signal_scene.toml, in the course language."""
    return content_words("pain_signal_scene")


def _say(section: str, key: str, **values) -> str:
    return scene_text()[section][key].format(**values)


def _one(level: float) -> str:
    """A level to one decimal, as the diagram shows it (with the language's decimal mark)."""
    return formats.number(level, 1)


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def points(amount: float) -> str:
    """An amount of points, to one decimal, with the right word: "1 point", "0.6 points"."""
    whole = f"{abs(amount):.1f}".endswith(".0")  # "1.0" is said "1"
    text = formats.number(abs(amount), 0 if whole else 1)
    return _say("units", "point" if text == "1" else "points", amount=text)


# --- one moment's signal (the diagram's text alternative) --------------------------------------


def loudness(level: float) -> str:
    """How loud a signal reaching the brain is, in words."""
    words = scene_text()["signal"]["loudness"]
    for band, word in zip(LOUDNESS_BANDS, words, strict=False):
        if level < band:
            return word
    return words[-1]


def describe_signal(inputs: PainInputs, signal: PainSignal) -> str:
    """Where the signal is turned down or up on its way, and how loud it arrives."""
    usual = pain_signal(PainInputs(injury=inputs.injury))
    parts = [
        _say("signal", "from_body", level=_one(signal.from_body)),
        _say("signal", "rubbing", percent=formats.number(signal.gate_open * 100, 0))
        if inputs.touch > 0
        else _say("signal", "no_rubbing"),
    ]
    if signal.volume < 0.95:
        parts.append(_say("signal", "turned_down", volume=formats.number(signal.volume, 2)))
    elif signal.volume > 1.05:
        parts.append(_say("signal", "turned_up", volume=formats.number(signal.volume, 2)))
    else:
        parts.append(_say("signal", "even"))
    parts.append(
        _say(
            "signal",
            "reaching",
            level=_one(signal.reaching_brain),
            loudness=loudness(signal.reaching_brain),
        )
    )
    change = signal.reaching_brain - usual.reaching_brain
    if abs(change) >= SAME_WITHIN:
        direction = _say("signal", "louder" if change > 0 else "quieter")
        parts.append(_say("signal", "compared", amount=_one(abs(change)), direction=direction))
    return " ".join(parts)


# --- the stories -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """One moment of a story: its caption and every input the model takes then."""

    caption: str
    inputs: PainInputs


@dataclass(frozen=True)
class Story:
    """A short sequence of moments that Play steps through."""

    name: str
    moments: tuple[Moment, ...]

    def signal(self, index: int) -> PainSignal:
        """The model's signal at moment `index` (counted from 0)."""
        return pain_signal(self.moments[index].inputs)


def _moment(story: str, number: int, item: dict, before: PainInputs) -> Moment:
    """A moment from the content file: its inputs laid over the moment before's, then checked."""
    where = f"story {story!r}, moment {number}"
    caption, changes = item.get("caption"), item.get("inputs", {})
    if not isinstance(caption, str) or not caption.strip():
        raise ValueError(f"{where} needs a caption")
    if not isinstance(changes, dict):
        raise ValueError(f"{where}: inputs must be a table")
    unknown = sorted(set(changes) - set(INPUTS))
    if unknown:
        raise ValueError(f"{where}: unknown inputs {', '.join(unknown)}")
    for name, value in changes.items():
        # The sliders move in whole steps: a story must be something the sliders can show.
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: {name} must be a whole number from 0 to 10, got {value!r}")
    values = {name: getattr(before, name) for name in INPUTS} | changes
    try:
        inputs = PainInputs(**values)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from error
    return Moment(caption.strip(), inputs)


def read_stories(items: list[dict]) -> dict[str, Story]:
    """The stories in the content file's form, checked: each has a name and at least two
    moments (a scrubber needs two ends), every moment is valid `PainInputs`, and each starts on an
    ordinary day (the `PainInputs` defaults), where "Back to an ordinary day" goes."""
    found: dict[str, Story] = {}
    for item in items:
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError("every story needs a name")
        if name in found:
            raise ValueError(f"two stories are called {name!r}")
        moments, before = [], PainInputs()
        for number, entry in enumerate(item.get("moments", []), start=1):
            moment = _moment(name, number, entry, before)
            moments.append(moment)
            before = moment.inputs
        if len(moments) < 2:
            raise ValueError(f"story {name!r} needs at least two moments")
        if moments[0].inputs != PainInputs():
            raise ValueError(f"story {name!r} must start on an ordinary day (the defaults)")
        found[name] = Story(name, tuple(moments))
    if not found:
        raise ValueError("the content file has no stories")
    return found


@functools.lru_cache(maxsize=1)
def stories() -> dict[str, Story]:
    """Every story from the content file, by name, in the menu's order (checked when read)."""
    return read_stories(scene_text()["stories"])


def moment_caption(story: Story, index: int) -> str:
    """The caption above the diagram at moment `index` (counted from 0)."""
    return _say(
        "moment",
        "caption",
        moment=index + 1,
        total=len(story.moments),
        caption=story.moments[index].caption,
    )


def _number(value: float) -> str:
    return formats.number(value)


def describe_step(before: PainInputs, after: PainInputs) -> str:
    """What changed between two moments: each input that moved, then the signal at the brain."""
    names = scene_text()["names"]
    changes = []
    for name in INPUTS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            key = "input_up" if new > old else "input_down"
            changes.append(
                _say("step", key, name=names[name], before=_number(old), after=_number(new))
            )
    old, new = pain_signal(before).reaching_brain, pain_signal(after).reaching_brain
    values = {"before": _one(old), "after": _one(new)}
    if round(new, 1) > round(old, 1):
        changes.append(_say("step", "signal_up", **values))
    elif round(new, 1) < round(old, 1):
        changes.append(_say("step", "signal_down", **values))
    else:
        changes.append(_say("step", "signal_same", **values))
    return "; ".join(changes)


def narrate_moment(story: Story, index: int) -> str:
    """The narration at moment `index`: its caption, what changed since the moment before and,
    later in the story, since it began."""
    sentences = [moment_caption(story, index)]
    if index == 0:
        sentences.append(_say("step", "first"))
        return " ".join(sentences)
    before, now = story.moments[index - 1].inputs, story.moments[index].inputs
    sentences.append(_say("step", "since_before", changes=describe_step(before, now)))
    if index >= 2:
        first, here = story.signal(0), story.signal(index)
        sentences.append(
            _say(
                "step",
                "since_start",
                before=_one(first.reaching_brain),
                after=_one(here.reaching_brain),
            )
        )
    return " ".join(sentences)


def narrate_own(inputs: PainInputs, story: Story, index: int) -> str:
    """The narration once a slider was moved by hand: how these settings differ from the moment
    of the story the learner left (`index`, counted from 0)."""
    left = story.moments[index].inputs
    return " ".join(
        [
            _say("moment", "own"),
            _say(
                "step",
                "from_moment",
                moment=index + 1,
                story=story.name,
                changes=describe_step(left, inputs),
            ),
        ]
    )


# --- a pinned moment ---------------------------------------------------------------------------

#: The signal levels a pin compares, with their names in the content file's [pinned] table.
COMPARED = (
    ("reaching", "reaching_brain"),
    ("brakes", "descending_inhibition"),
    ("accelerators", "descending_facilitation"),
)


def describe_pin(now: PainSignal, pinned: PainSignal, label: str) -> str:
    """How this moment's signal differs from the pinned one's: at the brain, the brakes, the
    accelerators and the gate, to the one decimal the diagram shows."""
    words = scene_text()["pinned"]
    changes, differ = [], False
    for key, field in COMPARED:
        current, then = getattr(now, field), getattr(pinned, field)
        delta = round(current, 1) - round(then, 1)
        values = {"name": words[key], "now": _one(current), "then": _one(then)}
        if abs(delta) < 0.05:
            changes.append(_say("pinned", "equal", **values))
            continue
        differ = True
        kind = "higher" if delta > 0 else "lower"
        changes.append(_say("pinned", kind, amount=points(delta), **values))
    gate_now, gate_then = round(now.gate_open * 100), round(pinned.gate_open * 100)
    if gate_now != gate_then:
        differ = True
        changes.append(_say("pinned", "gate", now=gate_now, then=gate_then))
    first = _say("pinned", "shown", label=label)
    if not differ:
        return f"{first} {_say('pinned', 'same')}"
    compared = _say("pinned", "compared", changes="; ".join(changes))
    return f"{first} {compared}"


# --- predict first ---------------------------------------------------------------------------

#: The results a prediction can have: the options' keys in the content file.
OUTCOMES = ("up", "same", "down")


@dataclass(frozen=True)
class Prediction:
    """A "predict first" prompt for one story: asked at moment `first`, answered at `last`
    (both counted from 1) by the model's signal reaching the brain."""

    story: str
    question: str
    first: int
    last: int
    options: tuple[tuple[str, str], ...]  # (key, text)

    def __post_init__(self) -> None:
        known = stories()
        if self.story not in known:
            raise ValueError(f"a question is about {self.story!r}, which is not a story")
        total = len(known[self.story].moments)
        if not 1 <= self.first < self.last <= total:
            raise ValueError(
                f"the question about {self.story!r} must compare two of its moments, 1 to {total}"
            )
        if sorted(key for key, _text in self.options) != sorted(OUTCOMES):
            raise ValueError(f"the options about {self.story!r} must be {', '.join(OUTCOMES)}")

    def text_of(self, key: str) -> str:
        return dict(self.options)[key]


@functools.lru_cache(maxsize=1)
def predictions() -> dict[str, Prediction]:
    """Every story's prompt from the content file, by story name (checked when read)."""
    return {
        item["story"]: Prediction(
            item["story"],
            item["question"],
            int(item["first"]),
            int(item["last"]),
            tuple((option["key"], option["text"]) for option in item["options"]),
        )
        for item in scene_text()["predict"]["stories"]
    }


def outcome(prediction: Prediction) -> tuple[str, str]:
    """What the model does between the question's two moments, as (the matching option's key, a
    sentence with its numbers)."""
    story = stories()[prediction.story]
    before, after = story.signal(prediction.first - 1), story.signal(prediction.last - 1)
    change = after.reaching_brain - before.reaching_brain
    key = "same" if abs(change) < SAME_WITHIN else "up" if change > 0 else "down"
    sentence = {"up": "went_up", "down": "went_down", "same": "stayed"}[key]
    said = _say(
        "predict",
        sentence,
        before=_one(before.reaching_brain),
        after=_one(after.reaching_brain),
        first=prediction.first,
        last=prediction.last,
    )
    parts = {}
    for key_name, field in COMPARED[1:]:
        old, new = getattr(before, field), getattr(after, field)
        values = {"name": scene_text()["pinned"][key_name], "before": _one(old), "after": _one(new)}
        same = round(old, 1) == round(new, 1)
        parts[key_name] = _say("predict", "part_same" if same else "part_changed", **values)
    why = _capital(_say("predict", "why", **parts))
    return key, f"{said} {why}"


def describe_guess(prediction: Prediction, guess: str) -> str:
    """The learner's guess beside the model's answer, computed from the story's moments."""
    key, sentence = outcome(prediction)
    verdict = "guessed_right" if guess == key else "guessed_wrong"
    return f"{_say('predict', verdict, guess=prediction.text_of(guess))} {sentence}"
