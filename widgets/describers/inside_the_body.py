"""Plain sentences for the synapse explorer and the stress-response simulator (lesson 04).

Pure functions of model output, computed from the same numbers the charts draw. The sentences of
the two scenes (one day of a run, a pinned run, "predict first") are patterns in
widgets/content/inside_the_body_scene.toml, filled in here.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from widgets import formats
from widgets.describers.scene import scene_words
from widgets.models.stress_axis import (
    StressRun,
    StressSample,
    StressScenario,
    daily_average,
    last_day_change,
    one_day,
    peak,
    returned_to_baseline,
    steady_states,
)
from widgets.models.synapse import SynapseDay, half_way_day
from widgets.words import course_language, words


def describe_blocker(dose: float, run: list[SynapseDay], start_day: int) -> str:
    """When the level rises, and when pain relief and the mood effect reach half of where they end
    up after eight weeks (the rings on the chart), with how far each gets."""
    if dose <= 0:
        return _say("synapse", "whole", "no_medicine")
    early = next((d for d in run if d.day >= start_day + 2), run[-1])
    final = run[-1]
    relief, mood = half_way_day(run, "pain_relief"), half_way_day(run, "mood_effect")
    values = {
        "start": start_day,
        "blocked": _percent(final.blocker),
        "level": formats.number(early.level, 1),
    }
    if final.level - early.level >= 0.1:
        sentences = [
            _say(
                "synapse",
                "whole",
                "rises_more",
                final=formats.number(final.level, 1),
                day=final.day,
                **values,
            )
        ]
    else:
        sentences = [_say("synapse", "whole", "rises", **values)]
    if relief is not None:
        key = "relief" if relief >= start_day else "relief_at_once"
        sentences.append(
            _say(
                "synapse",
                "whole",
                key,
                final=_percent(run[-1].pain_relief),
                half=relief,
                after=relief - start_day,
            )
        )
    if mood is not None:
        sentences.append(
            _say(
                "synapse",
                "whole",
                "mood",
                day=run[-1].day,
                final=_percent(run[-1].mood_effect),
                half=mood,
                after=mood - start_day,
            )
        )
    sentences.append(_say("synapse", "whole", "differs"))
    return " ".join(sentences)


def describe_burst(seconds_without: float, seconds_with: float, dose: float) -> str:
    """The burst chart in words: how fast half the extra messenger is cleared from the gap."""
    if dose <= 0:
        return _say("synapse", "whole", "burst", without=formats.number(seconds_without, 1))
    return _say(
        "synapse",
        "whole",
        "burst_both",
        without=formats.number(seconds_without, 1),
        with_medicine=formats.number(seconds_with, 1),
    )


def describe_stress(yours: StressRun, hard_day: StressRun) -> str:
    """How high cortisol went, and whether the system came back or stayed switched."""
    usual = yours.baseline.cortisol
    scenario = yours.scenario
    if scenario.stress_size <= 0 or scenario.stress_days <= 0:
        sentences = [_say("stress", "whole", "no_stress")]
    else:
        rise = (peak(yours) / usual - 1) * 100
        sentences = [
            _say(
                "stress",
                "whole",
                "yours",
                stress=stress_phrase(scenario),
                rise=formats.number(rise, 0),
            )
        ]
    day_rise = (peak(hard_day) / hard_day.baseline.cortisol - 1) * 100
    sentences.append(_say("stress", "whole", "hard_day", rise=formats.number(day_rise, 0)))
    change = last_day_change(yours)
    if returned_to_baseline(yours):
        sentences.append(_say("stress", "whole", "back"))
    else:
        key = "switched_lower" if change < 0 else "switched_higher"
        sentences.append(_say("stress", "whole", key, amount=formats.number(abs(change), 0)))
    return " ".join(sentences)


def describe_sensor(run: StressRun) -> str:
    """The sensor (GR) chart in words: where it ends, as a % of usual, and whether it stays.

    From the same daily averages the chart draws, so the words and the line agree.
    """
    days = daily_average(run)
    usual = run.baseline.gr
    end, before = 100 * days[-1].gr / usual, 100 * days[-2].gr / usual
    first = _say("stress", "whole", "sensor")
    values = {"end": formats.number(end, 0)}
    if run.switch_gr is not None and run.samples[-1].gr > run.switch_gr:
        scenario = run.scenario
        switched = steady_states(scenario.feedback, scenario.sleep_loss, scenario.daily_rhythm)[-1]
        level = 100 * switched.gr / usual
        key = "sensor_settled" if abs(end - level) <= 0.05 * level else "sensor_heading"
        return f"{first} {_say('stress', 'whole', key, level=formats.number(level, 0), **values)}"
    if run.scenario.stress_end_day > run.scenario.days and run.scenario.stress_size > 0:
        return f"{first} {_say('stress', 'whole', 'sensor_still_on', **values)}"
    if abs(end - 100) <= 10:
        return f"{first} {_say('stress', 'whole', 'sensor_near', **values)}"
    key = "sensor_coming_back" if end < before else "sensor_still_moving"
    return f"{first} {_say('stress', 'whole', key, **values)}"


def describe_one_day(run: StressRun, day: int, label: str) -> str:
    """The hour-by-hour chart in words: the morning peak and the evening low on one day."""
    hours = one_day(run, day)
    usual = run.baseline.cortisol
    top = max(hours, key=lambda s: s.cortisol)
    low = min(hours, key=lambda s: s.cortisol)
    if top.cortisol - low.cortisol < 0.02 * usual:
        return _say("stress", "whole", "one_day_level", label=label)
    return _say(
        "stress",
        "whole",
        "one_day",
        label=label,
        top_time=f"{round((top.day - day) * 24) % 24:02d}:00",
        top=formats.number(100 * top.cortisol / usual, 0),
        low_time=f"{round((low.day - day) * 24) % 24:02d}:00",
        low=formats.number(100 * low.cortisol / usual, 0),
    )


# --- the scenes: one day of a run, a pinned run, predict first ---------------------------------
#
# The sentence patterns are in widgets/content/inside_the_body_scene.toml, filled in here with the
# same numbers the charts draw (a day's values, the rings, the daily averages).

#: The synapse run's two effects, in the order the chart draws them.
EFFECTS = ("pain_relief", "mood_effect")
#: Below this many points of this model's most, two effects count as the same.
SAME_POINTS = 2
#: Half way this many days or more after the medicine starts counts as "weeks", not "days".
WEEK = 7


def scene_text() -> dict:
    """The scenes' words from widgets/content/inside_the_body_scene.toml, in the course language
    (read at call time; the file is read once and cached by widgets.words)."""
    return words("inside_the_body_scene")


def scene_words_for(simulator: str) -> dict:
    """One simulator's words ("synapse" or "stress") laid over the shared scene words."""
    return scene_words(scene_text()[simulator])


def _say(simulator: str, section: str, key: str, **values) -> str:
    return scene_text()[simulator][section][key].format(**values)


def _verdict(simulator: str, guess_text: str, right: bool) -> str:
    words = scene_words_for(simulator)["predict"]
    return words["guessed_right" if right else "guessed_wrong"].format(guess=guess_text)


def _so_far(simulator: str, shown: int, last: int) -> str:
    """What part of the run a chart shows while it plays."""
    key = "so_far" if shown > 0 else "first_day"
    return _say(simulator, "words", key, day=shown, last=last)


def _percent(share: float) -> str:
    return formats.number(100 * share, 0)


@dataclass(frozen=True)
class Question:
    """A "predict first" prompt: the question and its (key, text) options."""

    question: str
    options: tuple[tuple[str, str], ...]

    def text_of(self, key: str) -> str:
        return dict(self.options)[key]


def _options(simulator: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (item["key"], item["text"]) for item in scene_text()[simulator]["predict"]["options"]
    )


# --- the synapse -------------------------------------------------------------------------------


def effect_name(field: str) -> str:
    """ "Pain relief" or "Mood effect": the chart's legend for one of the run's effects."""
    return scene_text()["synapse"]["chart"][field]


def describe_blocker_to(dose: float, run: list[SynapseDay], start_day: int, shown: int) -> str:
    """The eight-week chart in words while it shows only days 0 to `shown`: the whole-run text
    (`describe_blocker`) once every day is shown, or with no medicine."""
    last = run[-1].day
    if shown >= last or dose <= 0:
        return describe_blocker(dose, run, start_day)
    parts = [_so_far("synapse", shown, last)]
    today = run[shown]
    if shown <= start_day:
        parts.append(_say("synapse", "words", "not_yet", start=start_day))
    else:
        parts.append(
            _say(
                "synapse",
                "words",
                "effects",
                start=start_day,
                day=shown,
                relief=_percent(today.pain_relief),
                mood=_percent(today.mood_effect),
            )
        )
    for field in EFFECTS:
        half = half_way_day(run, field)
        if half is not None and half <= shown:
            name = effect_name(field)
            parts.append(_say("synapse", "words", "half_reached", name=name, half=half))
    return " ".join(parts)


def narrate_synapse_day(dose: float, run: list[SynapseDay], start_day: int, shown: int) -> str:
    """What is going on on day `shown`: whether the medicine has started, how much of the pumps
    it blocks, the level in the gap and how far each effect has got."""
    day = run[shown]
    heading = "last_heading" if shown >= run[-1].day else "heading"
    parts = [_say("synapse", "words", heading, day=shown)]
    if dose <= 0:
        parts.append(_say("synapse", "words", "no_medicine"))
    elif shown < start_day:
        parts.append(_say("synapse", "words", "before_start", start=start_day))
    elif shown == start_day:
        parts.append(_say("synapse", "words", "start_today"))
    else:
        parts.append(
            _say(
                "synapse",
                "words",
                "taking",
                blocked=_percent(day.blocker),
                level=formats.number(day.level, 1),
            )
        )
        parts.append(
            _say(
                "synapse",
                "words",
                "day_effects",
                relief=_percent(day.pain_relief),
                mood=_percent(day.mood_effect),
            )
        )
    return " ".join(parts)


def describe_burst_on(
    day: SynapseDay, dose: float, day_dose: float, seconds_without: float, seconds_with: float
) -> str:
    """The burst chart on one day: with the medicine as far as it has built up that day
    (`day_dose`, a share of the full dose), or one line before it has started."""
    if dose <= 0:
        return describe_burst(seconds_without, seconds_without, 0.0)
    if day_dose <= 0:
        first = _say("synapse", "words", "burst_not_yet", day=day.day)
        return f"{first} {describe_burst(seconds_without, seconds_without, 0.0)}"
    first = _say("synapse", "words", "burst_on", day=day.day, blocked=_percent(day.blocker))
    return f"{first} {describe_burst(seconds_without, seconds_with, day_dose)}"


def synapse_question(start_day: int) -> Question:
    """The synapse's "predict first" prompt for a run whose medicine starts on `start_day`."""
    text = _say("synapse", "predict", "question", start=start_day)
    return Question(text, _options("synapse"))


def synapse_outcome(run: list[SynapseDay], start_day: int) -> tuple[str, str]:
    """When the mood effect got half way (the ring on the chart): "days" if under a week after
    the medicine started, else "weeks", with a sentence giving the days and pain relief's."""
    half = half_way_day(run, "mood_effect")
    if half is None:
        raise ValueError("this run has no mood effect to reach half way: it has no medicine")
    after = half - start_day
    key = "days" if after < WEEK else "weeks"
    weeks = round(after / WEEK)
    pattern = "days" if key == "days" else "week" if weeks <= 1 else "weeks"
    sentence = _say("synapse", "predict", pattern, half=half, after=after, weeks=weeks)
    relief = half_way_day(run, "pain_relief")
    if relief is not None and relief < half:
        after_relief = relief - start_day
        sentence += " " + _say("synapse", "predict", "relief", half=relief, after=after_relief)
    return key, sentence


def describe_synapse_guess(guess: str, run: list[SynapseDay], start_day: int) -> str:
    """The learner's guess beside the model's answer, computed from the run."""
    question = synapse_question(start_day)
    key, sentence = synapse_outcome(run, start_day)
    return f"{_verdict('synapse', question.text_of(guess), guess == key)} {sentence}"


def synapse_pin_label(dose_percent: float, start_day: int) -> str:
    return _say("synapse", "pin", "label", dose=formats.number(dose_percent), start=start_day)


def _lower(field: str) -> str:
    """An effect's name inside a sentence: "pain relief", "the mood effect" (content words)."""
    return scene_text()["synapse"]["in_sentence"][field]


def _points(amount: int) -> str:
    if amount == 1:
        return _say("synapse", "pinned", "point")
    return _say("synapse", "pinned", "points", amount=amount)


def describe_synapse_pin(
    run: list[SynapseDay], pinned: list[SynapseDay], label: str, shown: int | None = None
) -> str:
    """How this run differs from the pinned one: each effect on day `shown` (the last day when
    the whole run is shown, with the days each got half way)."""
    last = run[-1].day
    shown = last if shown is None else shown
    now, then = run[shown], pinned[min(shown, len(pinned) - 1)]
    changes, same = [], True
    for field in EFFECTS:
        a, b = round(100 * getattr(now, field)), round(100 * getattr(then, field))
        values = {"name": _lower(field), "now": a, "then": b, "amount": _points(abs(a - b))}
        if abs(a - b) < SAME_POINTS:
            changes.append(_say("synapse", "pinned", "equal", **values))
            continue
        same = False
        changes.append(_say("synapse", "pinned", "higher" if a > b else "lower", **values))
    first = _say("synapse", "pinned", "shown", label=label)
    if same:
        return f"{first} {_say('synapse', 'pinned', 'same')}"
    pattern = "at_end" if shown >= last else "on_day"
    text = f"{first} {_say('synapse', 'pinned', pattern, day=shown, changes='; '.join(changes))}"
    if shown >= last:
        halves = []
        for field in EFFECTS:
            day, then_day = half_way_day(run, field), half_way_day(pinned, field)
            if day is None or then_day is None:
                continue
            pattern = "half_same" if day == then_day else "half_moved"
            halves.append(
                _say("synapse", "pinned", pattern, name=_lower(field), day=day, then=then_day)
            )
        if halves:
            text += " " + _say("synapse", "pinned", "halves", changes="; ".join(halves))
    return text


# --- the stress axis ---------------------------------------------------------------------------


def _length(days: float) -> str:
    unit = scene_text()["stress"]["words"]["day" if days == 1 else "days"]
    return f"{formats.number(days)} {unit}"


def stress_phrase(scenario: StressScenario) -> str:
    """A stress in a few words: "size 8 for 1 day"."""
    return _say(
        "stress",
        "words",
        "stress",
        size=formats.number(scenario.stress_size),
        length=_length(scenario.stress_days),
    )


def has_stress(scenario: StressScenario) -> bool:
    return scenario.stress_size > 0 and scenario.stress_days > 0


def stress_days(scenario: StressScenario) -> tuple[int, int]:
    """The first and last whole day of the stress (the same day for a one-day stress)."""
    return int(scenario.stress_start_day), math.ceil(scenario.stress_end_day) - 1


def stress_status(scenario: StressScenario, day: int) -> str:
    """Whether the stress is still to come, going on or over on `day`."""
    if not has_stress(scenario):
        return _say("stress", "words", "no_stress")
    first, last = stress_days(scenario)
    values = {"stress": stress_phrase(scenario), "start": first, "end": last}
    if day < first:
        return _say("stress", "words", "not_yet", **values)
    if day <= last:
        return _say("stress", "words", "going_on", **values)
    return _say("stress", "words", "over", **values)


def _share(sample: StressSample, usual: StressSample, field: str = "cortisol") -> float:
    return getattr(sample, field) / getattr(usual, field)


def describe_stress_to(yours: StressRun, hard_day: StressRun, shown: int) -> str:
    """The four-month cortisol chart in words while it shows only days 0 to `shown` (daily
    averages, as drawn): the whole-run text (`describe_stress`) once every day is shown."""
    days = daily_average(yours)
    last = len(days) - 1
    if shown >= last:
        return describe_stress(yours, hard_day)
    usual = yours.baseline
    top = max(days[: shown + 1], key=lambda d: d.cortisol)
    hard = daily_average(hard_day)[shown]
    parts = [
        _so_far("stress", shown, last),
        stress_status(yours.scenario, shown),
        _say(
            "stress",
            "words",
            "cortisol_now",
            day=shown,
            now=_percent(_share(days[shown], usual)),
            hard=_percent(_share(hard, hard_day.baseline)),
            top=_percent(_share(top, usual)),
            top_day=int(top.day),
        ),
    ]
    return " ".join(parts)


def _past_switch(run: StressRun, day: int) -> bool:
    """Whether the sensor is past the point of no return at the end of `day`."""
    per_day = round(len(run.samples[1:]) / run.scenario.days)
    sample = run.samples[min(len(run.samples) - 1, (day + 1) * per_day)]
    return run.switch_gr is not None and sample.gr > run.switch_gr


def describe_sensor_to(run: StressRun, shown: int) -> str:
    """The sensor chart in words while it shows only days 0 to `shown`: where it is that day,
    and whether it is past the point of no return (`describe_sensor` once all days are shown)."""
    days = daily_average(run)
    last = len(days) - 1
    if shown >= last:
        return describe_sensor(run)
    parts = [
        _so_far("stress", shown, last),
        _say(
            "stress",
            "words",
            "sensor_now",
            day=shown,
            now=_percent(_share(days[shown], run.baseline, "gr")),
        ),
    ]
    if _past_switch(run, shown):
        parts.append(_say("stress", "words", "sensor_past"))
    return " ".join(parts)


def narrate_stress_day(run: StressRun, shown: int) -> str:
    """What is going on on day `shown`: the stress, and cortisol and the sensor that day."""
    days = daily_average(run)
    day = days[shown]
    return " ".join(
        [
            _say(
                "stress",
                "words",
                "last_heading" if shown >= len(days) - 1 else "heading",
                day=shown,
            ),
            stress_status(run.scenario, shown),
            _say(
                "stress",
                "words",
                "levels",
                cortisol=_percent(_share(day, run.baseline)),
                sensor=_percent(_share(day, run.baseline, "gr")),
            ),
        ]
    )


def stress_day_label(scenario: StressScenario, day: int) -> str:
    """The one-day chart's name for `day`: before, during or after the stress."""
    if not has_stress(scenario):
        return _say("stress", "chart", "day_plain", day=day)
    first, last = stress_days(scenario)
    when = "day_before" if day < first else "day_during" if day <= last else "day_after"
    return _say("stress", "chart", when, day=day)


def stress_questions() -> dict[str, Question]:
    """Each story's "predict first" prompt, by the story's name in the menu."""
    return _stress_questions(course_language())


@functools.cache
def _stress_questions(language: str) -> dict[str, Question]:
    stress = words("inside_the_body_scene", language)["stress"]
    options = tuple((item["key"], item["text"]) for item in stress["predict"]["options"])
    return {
        item["story"]: Question(item["question"], options) for item in stress["predict"]["stories"]
    }


def stress_outcome(run: StressRun) -> tuple[str, str]:
    """Whether cortisol came back once the stress was over: "back" when the sensor ends below
    the point of no return (`returned_to_baseline`), else "changed", with the numbers."""
    scenario = run.scenario
    if not has_stress(scenario):
        raise ValueError("this run has no stress to come back from")
    days = daily_average(run)
    last = len(days) - 1
    key = "back" if returned_to_baseline(run) else "changed"
    _first, end = stress_days(scenario)
    if end >= last:
        return key, _say("stress", "predict", "still_on")
    top = max(days, key=lambda d: d.cortisol)
    sentence = _say(
        "stress",
        "predict",
        key,
        peak=_percent(_share(top, run.baseline)),
        last=last,
        after=last - end,
        end=_percent(_share(days[-1], run.baseline)),
    )
    return key, sentence


def describe_stress_guess(story: str, guess: str, run: StressRun) -> str:
    """The learner's guess beside the model's answer, computed from the run."""
    key, sentence = stress_outcome(run)
    text = stress_questions()[story].text_of(guess)
    return f"{_verdict('stress', text, guess == key)} {sentence}"


def stress_pin_label(story: str | None, scenario: StressScenario) -> str:
    """What a pinned run is called: its story, or its size and length when set by hand."""
    if story:
        return _say("stress", "pin", "story_label", story=story)
    return _say(
        "stress",
        "pin",
        "own_label",
        size=formats.number(scenario.stress_size),
        length=_length(scenario.stress_days),
    )


def describe_stress_pin(
    run: StressRun, pinned: StressRun, label: str, shown: int | None = None
) -> str:
    """How this run differs from the pinned one on day `shown` (each as a % of its own usual
    level, as drawn), and at the end whether each comes back."""
    days, then_days = daily_average(run), daily_average(pinned)
    last = len(days) - 1
    shown = last if shown is None else shown
    now, then = days[shown], then_days[min(shown, len(then_days) - 1)]
    values = {
        "now": _percent(_share(now, run.baseline)),
        "then": _percent(_share(then, pinned.baseline)),
        "sensor_now": _percent(_share(now, run.baseline, "gr")),
        "sensor_then": _percent(_share(then, pinned.baseline, "gr")),
    }
    first = _say("stress", "pinned", "shown", label=label)
    same = values["now"] == values["then"] and values["sensor_now"] == values["sensor_then"]
    if same and shown < last:  # the two runs have not parted yet
        return f"{first} {_say('stress', 'pinned', 'same', day=shown, **values)}"
    changes = _say("stress", "pinned", "change", **values)
    pattern = "at_end" if shown >= last else "on_day"
    text = f"{first} {_say('stress', 'pinned', pattern, day=shown, changes=changes)}"
    if shown >= last:
        this, that = returned_to_baseline(run), returned_to_baseline(pinned)
        ending = (
            "both_back"
            if this and that
            else "both_switched"
            if not (this or that)
            else "this_back"
            if this
            else "this_switched"
        )
        text += " " + _say("stress", "pinned", ending)
    return text
