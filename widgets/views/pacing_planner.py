"""The activity pacing planner (lesson 05): find a starting point, then build up a little each week.

The learner names an activity, types the minutes they managed on a few days ("20, 25, 15"), and
sees their baseline, a week-by-week plan (an SVG chart with a text alternative) and an illustrative
boom-and-bust pattern beside a paced one. Every value from the browser goes through
widgets/models/pacing.py; a bad one shows a message and keeps the last good plan on screen. The
activity name is learner text: it is escaped wherever it is shown. The plan downloads as .txt,
and "Keep this plan" adds its numbers, dated, to the learner's list of pacing plans (their record
on this device, widgets/views/my_record.py), from which a kept plan can be opened again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math
import re

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import TextStyle

from widgets.models.diary import clean_text
from widgets.models.learner_record import PacingPlanEntry
from widgets.models.pacing import (
    MAX_DAYS,
    MAX_MINUTES,
    MIN_DAYS,
    PlanWeek,
    baseline,
    boom_and_bust,
    paced,
    plan,
    summary,
)
from widgets.ui.controls import labelled_slider
from widgets.ui.download import download_link
from widgets.ui.kept_list import KeptList, kept_lists
from widgets.ui.plots import SvgChart
from widgets.ui.shared import SharedStyles
from widgets.ui.svg import DASHES, Band, Line, line_chart
from widgets.ui.theme import OKABE_ITO
from widgets.views.my_record import MyRecord, my_record

ACTIVITY_IDEAS = (
    "Walking",
    "Housework",
    "Gardening",
    "Sitting at a desk",
    "Standing to cook",
    "Stretching",
    "Reading",
)
ACTIVITY_LIMIT = 60
TYPED_LIMIT = 200  # characters in the minutes and goal boxes
SERIES_DAYS = 28
SEED = 0
FILE_NAME = "my-pacing-plan.txt"
_UNIT_WORDS = {"m", "min", "mins", "minute", "minutes"}
_NUMBER = re.compile(r"^(-?\d+(?:\.\d+)?)\s*(?:m|mins?|minutes?)?$")

NOTE = (
    '<div class="btc-model-note">'
    "<p><strong>Pacing means planning your activity by the clock, not by how the pain feels "
    "that day.</strong> You start a little below what you can usually manage, stop when the time "
    "is up (even on a good day), and add a small amount each week.</p>"
    "<p>Many pain programmes teach pacing. Research on pacing on its own is mixed, so treat this "
    "as a plan to try and adjust, not a promise. If you have a new or worrying pain, or your "
    "doctor or physio has given you limits, check the plan with them first.</p>"
    "<p><strong>Your numbers stay on this device.</strong> Nothing is sent to the server. Press "
    "<em>Keep this plan</em> to add it to your list (kept in this browser if you chose that at "
    "the top of the page), or download the plan.</p></div>"
)
SOURCES = (
    '<details class="btc-model-details">'
    "<summary>Where the planner comes from, and what it leaves out</summary>"
    "<p>Pacing is about balancing activity and rest so you can do more of what matters to you "
    "(Jamieson-Lega, Berry and Brown 2013). The planner plans by time, starts a little below "
    "your average and builds up step by step, as in the quota-based way of pacing (Nielson et "
    "al. 2013; Antcliff et al. 2013). The boom-and-bust picture follows simple rules we chose "
    "for the picture: it is not measured data.</p>"
    "<p>It leaves out: the kind of activity and how hard it is, rest breaks within a day, "
    "setbacks and flares you did not cause, and how you feel about the activity.</p></details>"
)


def parse_minutes(text: object) -> list[float]:
    """Minutes typed like "20, 25, 15" (commas, spaces or new lines; "20 min" is fine).

    Raises ValueError with a plain message that quotes the learner's words (escape it to show it).
    """
    if not isinstance(text, str):
        raise ValueError("Please type your minutes as numbers, like 20, 25, 15.")
    if len(text) > TYPED_LIMIT:
        raise ValueError(
            f"That is a lot of text ({len(text)} characters). Please type just the minutes for "
            f"{MIN_DAYS} to {MAX_DAYS} days, like 20, 25, 15."
        )
    tokens = [t for t in re.split(r"[,;\s]+", clean_text(text)) if t]
    tokens = [t for t in tokens if t.lower() not in _UNIT_WORDS]
    if not tokens:
        raise ValueError(
            "Please type the minutes you managed on a few days, like 20, 25, 15. "
            "3 to 7 days is best."
        )
    values: list[float] = []
    for number, token in enumerate(tokens, start=1):
        match = _NUMBER.match(token.lower())
        if not match:
            shown = token if len(token) <= 20 else token[:20] + "…"
            raise ValueError(
                f"Day {number} (“{shown}”) is not a number of minutes. "
                "Please use numbers, like 20, 25, 15."
            )
        value = float(match.group(1))
        values.append(int(value) if value.is_integer() else value)
    return values


def parse_goal(text: object) -> float | None:
    """The optional goal in minutes a day: blank means no goal."""
    if not isinstance(text, str) or not text.strip():
        return None
    cleaned = clean_text(text, multiline=False)
    match = _NUMBER.match(cleaned.lower()) if len(cleaned) <= TYPED_LIMIT else None
    if not match or float(match.group(1)) < 1 or float(match.group(1)) > MAX_MINUTES:
        shown = cleaned if len(cleaned) <= 20 else cleaned[:20] + "…"
        raise ValueError(
            f"The goal (“{shown}”) must be a number of minutes a day from 1 to {MAX_MINUTES}, "
            "or left blank for no goal."
        )
    value = float(match.group(1))
    return int(value) if value.is_integer() else value


def activity_name(text: object) -> str:
    """The activity's name as plain text (escape it to show it); "" if blank."""
    if not isinstance(text, str):
        raise ValueError("Please type the activity as words, like walking.")
    name = clean_text(text, multiline=False)
    if len(name) > ACTIVITY_LIMIT:
        raise ValueError(
            f"The activity's name can have up to {ACTIVITY_LIMIT} characters. "
            "Try a shorter one, like walking."
        )
    return name


def _minutes(value: float) -> str:
    text = f"{value:g}"
    return f"{text} minute" if text == "1" else f"{text} minutes"


def _nice_top(value: float) -> tuple[float, float]:
    """An axis top above `value` and a tick step (1, 2 or 5 × a power of ten)."""
    value = max(value, 5)
    rough = value / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return step * math.ceil(value * 1.1 / step), step


class PacingPlanner(ipw.VBox):
    """Activity, a few days' minutes, plan settings; a plan chart, a comparison and a download."""

    def __init__(self, learner: MyRecord | None = None) -> None:
        shared = SharedStyles()
        self.learner = learner if learner is not None else my_record()
        self._good: PacingPlanEntry | None = None  # the last plan the checks passed
        text_style = shared.style(TextStyle, description_width="initial")
        text = {
            "layout": shared.style(ipw.Layout, width="min(100%, 30rem)"),
            "style": text_style,
            "continuous_update": False,
        }
        slider = shared.slider()
        self.activity = ipw.Combobox(
            value="Walking",
            options=list(ACTIVITY_IDEAS),
            ensure_option=False,
            description="Activity",
            placeholder="Choose or type one, like walking",
            **text,
        )
        self.days = ipw.Text(
            value="20, 25, 15",
            description="Minutes you managed on each day",
            placeholder="e.g. 20, 25, 15",
            **text,
        )
        self.start_share = labelled_slider(
            "Start at this share of your baseline (%)",
            min=50,
            max=100,
            step=5,
            value=80,
            **slider,
        )
        self.increase = labelled_slider(
            "Add this much each week (%)", min=0, max=30, step=5, value=10, **slider
        )
        self.weeks = labelled_slider("Weeks to plan", min=1, max=26, step=1, value=8, **slider)
        self.goal = ipw.Text(
            value="",
            description="Goal in minutes a day (optional)",
            placeholder="e.g. 45",
            **text,
        )
        self.message = shared.html("", "btc-live")
        self.baseline_text = shared.html("", "btc-live", "btc-narration")
        self.plan_chart = SvgChart("Your pacing plan, week by week", shared)
        self.compare_chart = SvgChart(
            "Illustrative: boom and bust compared with pacing, over four weeks", shared
        )
        self.download = shared.html("")
        kept_words = kept_lists()["pacing_plans"]
        self.kept = KeptList(
            shared,
            self.learner,
            kept_words,
            part="pacing_plans",
            make=self._to_keep,
            words_of=lambda entry: entry.activity,
            same=lambda a, b: dataclasses.replace(a, date=b.date) == b,
            on_open=self.open_plan,
        )
        self.plan_now: list[PlanWeek] = []
        for control in (
            self.activity,
            self.days,
            self.start_share,
            self.increase,
            self.weeks,
            self.goal,
        ):
            control.observe(lambda _change: self._changed(), "value")
        super().__init__(
            [
                shared.html(NOTE),
                shared.html("<h3 class='btc-sim-heading'>1. Your activity and your days</h3>"),
                shared.html(
                    "<p>Pick one activity. For a few days (3 to 7 is best), time how long you can "
                    "do it before your pain starts to build. Type those minutes below, with "
                    "commas between them. The numbers already there are an example: change "
                    "them to yours.</p>"
                ),
                self.activity,
                self.days,
                self.baseline_text,
                shared.html("<h3 class='btc-sim-heading'>2. Your plan</h3>"),
                self.start_share,
                self.increase,
                self.weeks,
                self.goal,
                self.message,
                self.plan_chart,
                self.download,
                self.kept.keep_button,
                self.kept.message,
                shared.html(
                    f"<h3 class='btc-sim-heading'>{html.escape(kept_words['heading'])}</h3>"
                    f"<p>{html.escape(kept_words['about'])}</p>"
                ),
                self.kept.controls,
                shared.html("<h3 class='btc-sim-heading'>3. Why pace? A made-up example</h3>"),
                shared.html(
                    "<p>This picture is made up to show the idea. It is not your data. In "
                    "<strong>boom and bust</strong>, a good day turns into a big push, then a "
                    "flare and days of rest. With <strong>pacing</strong>, you do the planned "
                    "amount each day and build up slowly.</p>"
                ),
                self.compare_chart,
                shared.html(SOURCES),
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-pacing-planner")
        self._opening = False
        self.update()

    def _changed(self) -> None:
        if not self._opening:
            self.update()

    def _to_keep(self) -> PacingPlanEntry | None:
        """The plan to keep: the controls' plan, if the checks pass now (None otherwise)."""
        self.update()
        return None if "btc-error" in self.message.value else self._good

    def open_plan(self, entry: PacingPlanEntry) -> None:
        """Put a kept plan's numbers back in the controls, then draw it once."""
        self._opening = True
        try:
            self.activity.value = entry.activity
            self.days.value = ", ".join(f"{d:g}" for d in entry.days)
            self.start_share.value = round(entry.start_share * 100)
            self.increase.value = round(entry.weekly_increase * 100)
            self.weeks.value = entry.weeks
            self.goal.value = "" if entry.goal_minutes is None else f"{entry.goal_minutes:g}"
        finally:
            self._opening = False
        self.update()

    def update(self) -> None:
        """Read and check every control; redraw, or keep the last good plan and say why."""
        try:
            name = activity_name(self.activity.value)
            days = parse_minutes(self.days.value)
            base = baseline(days)
            goal = parse_goal(self.goal.value)
            share = self.start_share.value / 100
            increase = self.increase.value / 100
            weeks = plan(base, share, increase, self.weeks.value, goal)
            boom = boom_and_bust(max(base, 1.0), SERIES_DAYS, SEED)
            steady = paced(base, SERIES_DAYS, share, increase)
        except ValueError as error:
            self.message.value = (
                f'<p class="btc-error">{html.escape(str(error))} What you typed is still here. '
                "The chart and the download still show your last plan.</p>"
            )
            return
        self.message.value = ""
        self.plan_now = weeks
        try:
            self._good = PacingPlanEntry(
                dt.date.today(), name, tuple(days), share, increase, int(self.weeks.value), goal
            )
        except ValueError:
            self._good = None
        label = name or "your activity"
        self.baseline_text.value = f"<p>{html.escape(baseline_sentence(label, days, base))}</p>"
        self.plan_chart.show(
            plan_svg(weeks, base, goal), describe_plan(label, weeks, base, share, goal)
        )
        self.compare_chart.show(compare_svg(boom, steady), describe_comparison(boom, steady))
        self.download.value = download_link(
            FILE_NAME,
            plan_text(name, days, base, share, increase, weeks, goal),
            "Download my pacing plan (.txt)",
        )


# --- words ---------------------------------------------------------------------------------------


def baseline_sentence(label: str, days: list[float], base: float) -> str:
    count = len(days)
    text = (
        f"Your baseline for {label} is {_minutes(base)}: the average of your {count} days. "
        "Your plan starts a little below it, so you can keep it up even on a harder day."
    )
    if count < 3:
        text += " Tip: 3 to 7 days give a fairer starting point, if you can record a few more."
    elif count > 7:
        text += " Tip: the last 3 to 7 days are usually enough."
    return text


def describe_plan(
    label: str, weeks: list[PlanWeek], base: float, share: float, goal: float | None
) -> str:
    first, last = weeks[0], weeks[-1]
    text = (
        f"The plan for {label} starts at {_minutes(first.minutes_per_day)} a day in week 1, "
        f"{share:.0%} of your baseline of {_minutes(base)}. "
    )
    if len(weeks) == 1:
        text += "It covers one week."
    elif last.minutes_per_day == first.minutes_per_day:
        text += f"It stays at that level for all {len(weeks)} weeks."
    else:
        text += f"It rises to {_minutes(last.minutes_per_day)} a day by week {last.week}."
    if goal is not None:
        reached = next((w.week for w in weeks if w.minutes_per_day >= math.floor(goal)), None)
        if reached == 1 and first.minutes_per_day == math.floor(goal):
            text += (
                f" Your goal of {_minutes(goal)} is at or below the start, so the plan holds there."
            )
        elif reached:
            text += (
                f" It reaches your goal of {_minutes(goal)} in week {reached}, then stays there."
            )
        else:
            text += f" Your goal of {_minutes(goal)} is further away than these weeks reach."
    text += "\nWeek by week, in minutes a day: " + "; ".join(
        f"week {w.week}: {w.minutes_per_day}" for w in weeks
    )
    return text + "."


def describe_comparison(boom, steady) -> str:
    b, s = summary(boom), summary(steady)
    spread = (
        _minutes(s.lowest)
        if s.lowest == s.highest
        else f"from {_minutes(s.lowest)} to {_minutes(s.highest)}"
    )
    return (
        f"A made-up example over {len(boom)} days, not real data. "
        f"Boom and bust: {b.flares} big days (up to {_minutes(b.highest)}), each followed by a "
        f"flare and {b.rest_days} rest days in all (as little as {_minutes(b.lowest)}). "
        f"Paced: the planned amount each day, {spread}, with no flares. "
        f"Total over the {len(boom)} days: {_minutes(b.total_minutes)} with boom and bust, "
        f"{_minutes(s.total_minutes)} with pacing."
    )


def plan_text(
    name: str,
    days: list[float],
    base: float,
    share: float,
    increase: float,
    weeks: list[PlanWeek],
    goal: float | None,
) -> str:
    """The plan as plain text for the learner to download or print."""
    title = f"My pacing plan: {name}" if name else "My pacing plan"
    lines = [
        title,
        "=" * len(title),
        "",
        "Minutes I managed on the days I recorded: " + ", ".join(f"{d:g}" for d in days),
        f"My baseline (the average): {_minutes(base)}",
        f"I start at: {share:.0%} of my baseline",
        f"I add each week: {increase:.0%}",
        f"My goal: {_minutes(goal)} a day" if goal is not None else "My goal: none set yet",
        "",
        "Week by week",
    ]
    lines += [f"  Week {w.week}: {_minutes(w.minutes_per_day)} a day" for w in weeks]
    lines += [
        "",
        "Tips",
        "- Go by the clock, not by the pain. Stop when the time is up, even on a good day.",
        "- On a harder day, try to do some of it, even if it is less.",
        "- If a week feels too much, stay at that level for another week. That is fine.",
        "- Rest breaks are part of the plan, not a failure.",
        "",
        "Made with the Breaking the Cycle course. This is a plan to try, not medical advice.",
    ]
    return "\n".join(lines) + "\n"


# --- figures -------------------------------------------------------------------------------------


def plan_svg(weeks: list[PlanWeek], base: float, goal: float | None) -> str:
    """The plan as steps (one flat step per week), with the baseline and any goal."""
    xs: list[float] = []
    ys: list[float] = []
    for w in weeks:
        xs += [w.week, w.week + 1]
        ys += [w.minutes_per_day, w.minutes_per_day]
    end = len(weeks) + 1
    lines = [Line("Your plan (minutes a day)", xs, ys, OKABE_ITO["blue"], DASHES[0])]
    lines.append(Line("Your baseline", [1, end], [base, base], OKABE_ITO["vermillion"], DASHES[1]))
    if goal is not None:
        lines.append(
            Line("Your goal", [1, end], [goal, goal], OKABE_ITO["bluish_green"], DASHES[2])
        )
    top, step = _nice_top(max([*ys, base, goal or 0]))
    every = 1 if len(weeks) <= 10 else 2 if len(weeks) <= 20 else 4
    return line_chart(
        lines,
        "Minutes a day, week by week",
        "Week",
        "Minutes a day",
        (1, end),
        (0, top),
        [(w.week + 0.5, str(w.week)) for w in weeks if (w.week - 1) % every == 0],
        [step * i for i in range(int(top / step) + 1)],
    )


def compare_svg(boom, steady) -> str:
    """The illustrative boom-and-bust days beside the paced days, rest stretches shaded."""
    xs = [d.day for d in boom]
    lines = [
        Line(
            "Boom and bust (made up)",
            xs,
            [d.minutes for d in boom],
            OKABE_ITO["vermillion"],
            DASHES[1],
        ),
        Line("Paced (made up)", xs, [d.minutes for d in steady], OKABE_ITO["blue"], DASHES[0]),
    ]
    bands = []
    start = None
    for d in [*boom, None]:
        resting = d is not None and d.kind == "rest"
        if resting and start is None:
            start = d.day
        elif not resting and start is not None:
            end = d.day if d is not None else len(boom) + 1
            bands.append(Band(start - 0.5, end - 0.5, OKABE_ITO["sky_blue"], "rest"))
            start = None
    top, step = _nice_top(max(d.minutes for d in [*boom, *steady]))
    return line_chart(
        lines,
        "A made-up month: boom and bust, or paced",
        "Day",
        "Minutes of activity",
        (1, len(boom)),
        (0, top),
        [(day, str(day)) for day in range(1, len(boom) + 1, 7)],
        [step * i for i in range(int(top / step) + 1)],
        tuple(bands),
    )


def pacing_planner() -> PacingPlanner:
    """The lesson 05 activity pacing planner."""
    return PacingPlanner()
