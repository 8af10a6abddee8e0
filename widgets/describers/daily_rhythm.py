"""Plain sentences for the pain-through-the-day charts, from the numbers they draw.

Pure functions of the model's curves, so they are tested directly (tests/describers/
test_daily_rhythm_describer.py). The scene's sentences (the day so far, the hour shown, a pinned
night, "predict first") are patterns in widgets/content/daily_rhythm_scene.toml, filled in here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from widgets import formats
from widgets.models.daily_rhythm import DayCurve, Night, difference
from widgets.words import course_language, words


def clock(hour: float) -> str:
    hour %= 24
    return f"{int(hour):02d}:{int(round((hour % 1) * 60)) % 60:02d}"


def percent(amount: float) -> str:
    """A size on the chart's % scale, to one decimal (with the language's decimal mark)."""
    return f"{formats.number(abs(amount), 1)}%"


def describe_day(night: Night, usual: Night, mine: DayCurve, normal: DayCurve) -> str:
    """Where the usual rhythm is lowest and highest, and how much your night moves it.

    The comparison uses the hours you are awake: that is when you would feel it.
    """
    low_at = normal.clock_hours[normal.sensitivity.index(min(normal.sensitivity))]
    high_at = normal.clock_hours[normal.sensitivity.index(max(normal.sensitivity))]
    sentences = [
        _night_sentence(night, usual),
        _say("whole_day", "usual_range", low=clock(low_at), high=clock(high_at)),
    ]
    awake = _awake_changes(mine, normal)
    if not awake:
        return " ".join(sentences)
    when_up, most = max(awake, key=lambda item: item[1])
    when_down, least = min(awake, key=lambda item: item[1])
    if most < 0.5 and least > -0.5:
        sentences.append(_say("whole_day", "little"))
        return " ".join(sentences)
    if most >= 0.5:
        sentences.append(_say("whole_day", "higher", amount=percent(most), time=clock(when_up)))
    if least <= -0.5:
        sentences.append(_say("whole_day", "lower", amount=percent(least), time=clock(when_down)))
    return " ".join(sentences)


def describe_difference(mine: DayCurve, normal: DayCurve) -> str:
    """The difference chart in words: how much your night adds, from waking until bedtime."""
    changes = difference(mine, normal)
    awake = [c for c, up in zip(changes, mine.awake, strict=True) if up]
    if not awake:
        return _say("whole_day", "asleep")
    first, last = awake[0], awake[-1]
    start = "start_adds" if first >= 0 else "start_takes_off"
    end = "end_higher" if last >= 0.05 else "end_lower" if last <= -0.05 else "end_none"
    return " ".join(
        [
            _say("whole_day", start, amount=percent(first)),
            _say("whole_day", end, amount=percent(last)),
        ]
    )


# --- the scene: the day so far, the hour shown, a pinned night, predict first ------------------
#
# The sentences are patterns in widgets/content/daily_rhythm_scene.toml, filled in here with the
# numbers the charts draw. `shown` counts the half-hourly samples on screen, from the window's
# start (the view turns the Hours scrubber into it with `shown_samples`).

#: A change smaller than this (in %) rounds to 0.0 and is called no change.
NO_CHANGE = 0.05
#: An afternoon within this many % of a usual one, on average, counts as "about the same".
SAME_WITHIN = 0.25
#: The afternoon a prediction asks about (clock hours, from and up to).
AFTERNOON = (12.0, 18.0)
#: What each answer of a "peak" prediction covers: clock hours from, up to (the window's clock
#: runs on past 24 for the night after).
PARTS = (("morning", 0.0, 12.0), ("afternoon", 12.0, 18.0), ("evening", 18.0, 48.0))
#: The results each kind of prediction can have (the options' keys in the content file).
MEASURES = {"peak": ("morning", "afternoon", "evening"), "afternoon": ("more", "same", "less")}


def scene_text() -> dict:
    """The scene's words from widgets/content/daily_rhythm_scene.toml, in the course language
    (read at call time; the file is read once and cached by widgets.words)."""
    return words("daily_rhythm_scene")


def _say(section: str, key: str, **values) -> str:
    return scene_text()[section][key].format(**values)


def _night_sentence(night, usual) -> str:
    """The night in one sentence: its bedtime, wake time and hours, beside the usual night's."""
    return _say(
        "so_far",
        "night",
        bedtime=clock(night.bedtime),
        wake=clock(night.wake),
        hours=hours_text(night.hours),
        usual=hours_text(usual.hours),
    )


def hours_text(hours: float) -> str:
    """A number of hours as the sentences give it: "5", "7.5" ("7,5" in Spanish)."""
    return formats.number(hours)


def level(value: float) -> str:
    """Where a sensitivity (% from the daily average) lies: "6.1% below the daily average"."""
    if round(value, 1) == 0:
        return _say("hour", "at_average")
    return _say("hour", "above" if value > 0 else "below", amount=percent(value))


def shown_samples(curve: DayCurve, hours: int) -> int:
    """How many of the curve's samples fall within the first `hours` of the window."""
    step = curve.clock_hours[1] - curve.clock_hours[0]
    span = curve.clock_hours[-1] - curve.clock_hours[0]
    if not 0 <= hours <= span + 1e-9:
        raise ValueError(f"the charts cover 0 to {span:g} hours, got {hours!r}")
    return round(hours / step) + 1


def part_of_day(hour: float) -> str:
    """The key of the part of the day (morning, afternoon, evening) a clock hour falls in."""
    return next(key for key, start, end in PARTS if start <= hour < end)


def pin_label(night: Night) -> str:
    """What a pinned night is called: its times, "02:00 to 07:00"."""
    return _say("pin", "label", bedtime=clock(night.bedtime), wake=clock(night.wake))


def _wake_clock(night: Night) -> float:
    """The night's wake time on the window's continuous clock (as the model's timeline has it)."""
    bed = night.bedtime - 24 if night.bedtime >= 12 else night.bedtime
    return bed + night.hours


def narrate_hour(night: Night, usual: Night, mine: DayCurve, normal: DayCurve, index: int) -> str:
    """What is going on at sample `index`: awake or asleep, how long up, pain sensitivity after
    your night and after a usual one, and what your night adds there."""
    hour = mine.clock_hours[index]
    heading = "heading_next" if hour >= 24 else "heading"
    sentences = [_say("hour", heading, time=clock(hour))]
    if not mine.awake[index]:
        sentences.append(_say("hour", "asleep"))
    else:
        woke = _wake_clock(night)
        up = hour - (woke if hour >= woke else usual.wake - 24)
        if up < 0.5:
            sentences.append(_say("hour", "just_up"))
        elif up == 1:
            sentences.append(_say("hour", "up_for_one"))
        else:
            sentences.append(_say("hour", "up_for", hours=hours_text(up)))
    mine_at, usual_at = mine.sensitivity[index], normal.sensitivity[index]
    sentences.append(_say("hour", "level", mine=level(mine_at), usual=level(usual_at)))
    change = difference(mine, normal)[index]
    if change >= NO_CHANGE:
        sentences.append(_say("hour", "adds", amount=percent(change)))
    elif change <= -NO_CHANGE:
        sentences.append(_say("hour", "takes_off", amount=percent(change)))
    else:
        sentences.append(_say("hour", "no_change"))
    return " ".join(sentences)


def _shown_so_far(curve: DayCurve, index: int) -> str:
    """The sentence that says how far the chart has got ("04:00 to 17:00 so far"), with "the
    next night" after midnight."""
    hour = curve.clock_hours[index]
    key = "shown_next" if hour >= 24 else "shown"
    return _say("so_far", key, start=clock(curve.clock_hours[0]), time=clock(hour))


def describe_day_to(
    night: Night, usual: Night, mine: DayCurve, normal: DayCurve, shown: int
) -> str:
    """The first chart in words while it shows only the first `shown` samples; the whole-day text
    (`describe_day`) once all are shown."""
    if shown >= len(mine.clock_hours):
        return describe_day(night, usual, mine, normal)
    index = shown - 1
    time = clock(mine.clock_hours[index])
    return " ".join(
        [
            _shown_so_far(mine, index),
            _night_sentence(night, usual),
            _say(
                "so_far",
                "now",
                time=time,
                mine=level(mine.sensitivity[index]),
                usual=level(normal.sensitivity[index]),
            ),
        ]
    )


def describe_difference_to(mine: DayCurve, normal: DayCurve, shown: int) -> str:
    """The difference chart in words while it shows only the first `shown` samples; the whole
    text (`describe_difference`) once all are shown."""
    if shown >= len(mine.clock_hours):
        return describe_difference(mine, normal)
    index = shown - 1
    time = clock(mine.clock_hours[index])
    change = difference(mine, normal)[index]
    if change >= NO_CHANGE:
        now = _say("so_far", "difference_now", time=time, amount=percent(change))
    elif change <= -NO_CHANGE:
        now = _say("so_far", "difference_now_less", time=time, amount=percent(change))
    else:
        now = _say("so_far", "difference_now_same", time=time)
    return f"{_shown_so_far(mine, index)} {now}"


def describe_pin(mine: DayCurve, pinned: DayCurve, label: str, shown: int | None = None) -> str:
    """How this night's curve differs from the pinned one, over the hours both are awake (up to
    the `shown` samples while the day unfolds)."""
    shown = len(mine.clock_hours) if shown is None else shown
    first = _say("pin", "shown", label=label)
    if pinned.clock_hours != mine.clock_hours:
        raise ValueError("the pinned night must cover the same hours")
    both = [
        (hour, round(now - then, 2))
        for hour, now, then, up, was_up in list(
            zip(
                mine.clock_hours,
                mine.sensitivity,
                pinned.sensitivity,
                mine.awake,
                pinned.awake,
                strict=True,
            )
        )[:shown]
        if up and was_up
    ]
    prefix = (
        f"{_say('pin', 'until', time=clock(mine.clock_hours[shown - 1]))} "
        if shown < len(mine.clock_hours)
        else ""
    )
    if not both:
        return f"{first} {_say('pin', 'never_both')}"
    most_at, most = max(both, key=lambda item: item[1])
    least_at, least = min(both, key=lambda item: item[1])
    if most < NO_CHANGE and least > -NO_CHANGE:
        return f"{first} {prefix}{_say('pin', 'same')}"
    if most >= NO_CHANGE:
        text = _say("pin", "more", amount=percent(most), time=clock(most_at))
        if least <= -NO_CHANGE:
            text += " " + _say("pin", "less_also", amount=percent(least), time=clock(least_at))
    else:
        text = _say("pin", "less", amount=percent(least), time=clock(least_at))
    return f"{first} {prefix}{text}"


@dataclass(frozen=True)
class Prediction:
    """A "predict first" prompt: a question, its (key, text) options and what is measured."""

    question: str
    measure: str
    options: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}; choose from {', '.join(MEASURES)}")
        if sorted(key for key, _text in self.options) != sorted(MEASURES[self.measure]):
            raise ValueError(
                f"the options of {self.question!r} must be {', '.join(MEASURES[self.measure])}"
            )

    def text_of(self, key: str) -> str:
        return dict(self.options)[key]


@dataclass(frozen=True)
class Preset:
    """A night a learner can try from the menu, with its question if it asks one first."""

    name: str
    night: Night
    prediction: Prediction | None = None
    start: bool = False  # the night the scene opens on


def presets() -> dict[str, Preset]:
    """The nights of the content file, by name, each checked by the model when read."""
    return _presets(course_language())


def start_preset() -> str:
    """The name of the night the scene opens on (`start = true` in the content file)."""
    nights = presets()
    return next((name for name, preset in nights.items() if preset.start), next(iter(nights)))


@functools.cache
def _presets(language: str) -> dict[str, Preset]:
    found: dict[str, Preset] = {}
    for item in words("daily_rhythm_scene", language)["presets"]:
        prediction = None
        if "question" in item:
            prediction = Prediction(
                item["question"],
                item["measure"],
                tuple((option["key"], option["text"]) for option in item["options"]),
            )
        if item["name"] in found:
            raise ValueError(f"two nights are called {item['name']!r}")
        found[item["name"]] = Preset(
            item["name"],
            Night(float(item["bedtime"]), float(item["wake"])),
            prediction,
            bool(item.get("start", False)),
        )
    return found


def _awake_changes(mine: DayCurve, normal: DayCurve) -> list[tuple[float, float]]:
    return [
        (hour, change)
        for hour, change, up in zip(
            mine.clock_hours, difference(mine, normal), mine.awake, strict=True
        )
        if up
    ]


def outcome(
    prediction: Prediction, night: Night, usual: Night, mine: DayCurve, normal: DayCurve
) -> tuple[str, str]:
    """What the model's curves show, as (the matching option's key, a sentence with its numbers).

    The key is "" when no option fits (a "peak" question about a night that adds nothing)."""
    awake = _awake_changes(mine, normal)
    if prediction.measure == "peak":
        if not awake:
            return "", _say("predict", "adds_nothing", amount=percent(0))
        most_at, most = max(awake, key=lambda item: item[1])
        if most < NO_CHANGE:
            return "", _say("predict", "adds_nothing", amount=percent(max(most, 0)))
        part = part_of_day(most_at)
        last_at, last = awake[-1]
        return part, _say(
            "predict",
            "most_at",
            time=clock(most_at),
            part=scene_text()["predict"]["parts"][part],
            amount=percent(most),
            last_time=clock(last_at),
            last=percent(last),
        )
    start, end = AFTERNOON
    changes = [change for hour, change in awake if start <= hour < end]
    mean = sum(changes) / len(changes) if changes else 0.0
    values = {"start": clock(start), "end": clock(end), "amount": percent(mean)}
    if mean >= SAME_WITHIN:
        return "more", _say("predict", "afternoon_more", **values)
    if mean > -SAME_WITHIN:
        return "same", _say("predict", "afternoon_same", **values)
    sentence = _say("predict", "afternoon_less", **values)
    if _wake_clock(night) > usual.wake:
        sentence += " " + _say("predict", "why_later")
    elif night.hours > usual.hours:
        sentence += " " + _say("predict", "why_longer")
    return "less", sentence


def describe_guess(
    prediction: Prediction,
    guess: str,
    night: Night,
    usual: Night,
    mine: DayCurve,
    normal: DayCurve,
) -> str:
    """The learner's guess beside the model's answer, computed from the curves."""
    key, sentence = outcome(prediction, night, usual, mine, normal)
    verdict = "guessed_right" if guess == key else "guessed_wrong"
    return f"{_say('predict', verdict, guess=prediction.text_of(guess))} {sentence}"
