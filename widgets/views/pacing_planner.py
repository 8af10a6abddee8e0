"""The activity pacing planner (lesson 05): find a starting point, then build up a little each week.

The learner names an activity, types the minutes they managed on a few days ("20, 25, 15"), and
sees their baseline, a week-by-week plan (an SVG chart with a text alternative) and an illustrative
boom-and-bust pattern beside a paced one. Every value from the browser goes through
widgets/models/pacing_input.py and widgets/models/pacing.py; a bad one shows a message and keeps
the last good plan on screen. The sentences come from widgets/describers/pacing.py and every word
from widgets/content/pacing.toml. The activity name is learner text: it is escaped wherever it is
shown. The plan downloads as .txt, and "Keep this plan" adds its numbers, dated, to the learner's
list of pacing plans (their record on this device, widgets/views/my_record.py), from which a kept
plan can be opened again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import TextStyle

from widgets.describers.pacing import (
    baseline_sentence,
    describe_comparison,
    describe_plan,
    plan_text,
)
from widgets.models.learner_record import PacingPlanEntry
from widgets.models.pacing import (
    Day,
    PlanWeek,
    baseline,
    boom_and_bust,
    paced,
    plan,
)
from widgets.models.pacing_input import activity_name, parse_goal, parse_minutes
from widgets.ui.controls import labelled_slider
from widgets.ui.download import download_link
from widgets.ui.kept_list import KeptList, kept_lists
from widgets.ui.plots import SvgChart
from widgets.ui.shared import SharedStyles
from widgets.ui.svg import DASHES, Band, Line, line_chart
from widgets.ui.theme import OKABE_ITO
from widgets.views.my_record import MyRecord, my_record
from widgets.words import word, words

CONTENT = "pacing"
EXAMPLE_DAYS = "20, 25, 15"  # the days the planner starts with, changed by the learner
SERIES_DAYS = 28
SEED = 0


def _text(text: str) -> str:
    """Our own words as HTML text (no quotes to escape outside an attribute)."""
    return html.escape(text, quote=False)


def _heading(text: str) -> str:
    return f"<h3 class='btc-sim-heading'>{_text(text)}</h3>"


def note_markup(keep: str) -> str:
    """The box above the planner: what pacing is, how far to trust it, where the numbers stay.

    `keep` is the name of the "Keep this plan" button, shown in italics where the note names it.
    """
    paragraphs = []
    for part in words(CONTENT)["note"]:
        lead = f"<strong>{_text(part['lead'])}</strong> " if "lead" in part else ""
        text = _text(part["text"]).format(keep=f"<em>{_text(keep)}</em>")
        paragraphs.append(f"<p>{lead}{text}</p>")
    return f'<div class="btc-model-note">{"".join(paragraphs)}</div>'


def why_markup() -> str:
    """The paragraph above the made-up comparison, its two key words in bold."""
    why = words(CONTENT)["why"]
    text = _text(why["text"]).format(
        boom=f"<strong>{_text(why['boom'])}</strong>",
        pacing=f"<strong>{_text(why['pacing'])}</strong>",
    )
    return f"<p>{text}</p>"


def sources_markup() -> str:
    """Where the planner comes from, and what it leaves out."""
    source = words(CONTENT)["sources"]
    paragraphs = "".join(f"<p>{_text(text)}</p>" for text in source["paragraphs"])
    return (
        f'<details class="btc-model-details"><summary>{_text(source["summary"])}</summary>'
        f"{paragraphs}</details>"
    )


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
        say = words(CONTENT)
        ideas = say["days"]["activity_ideas"]
        self.activity = ipw.Combobox(
            value=ideas[0],
            options=list(ideas),
            ensure_option=False,
            description=say["days"]["activity"],
            placeholder=say["days"]["activity_placeholder"],
            **text,
        )
        self.days = ipw.Text(
            value=EXAMPLE_DAYS,
            description=say["days"]["minutes"],
            placeholder=say["days"]["minutes_placeholder"],
            **text,
        )
        self.start_share = labelled_slider(
            say["plan"]["start_share"],
            min=50,
            max=100,
            step=5,
            value=80,
            **slider,
        )
        self.increase = labelled_slider(
            say["plan"]["increase"], min=0, max=30, step=5, value=10, **slider
        )
        self.weeks = labelled_slider(say["plan"]["weeks"], min=1, max=26, step=1, value=8, **slider)
        self.goal = ipw.Text(
            value="",
            description=say["plan"]["goal"],
            placeholder=say["plan"]["goal_placeholder"],
            **text,
        )
        self.message = shared.html("", "btc-live")
        self.baseline_text = shared.html("", "btc-live", "btc-narration")
        self.plan_chart = SvgChart(say["charts"]["plan_title"], shared)
        self.compare_chart = SvgChart(say["charts"]["compare_title"], shared)
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
                shared.html(note_markup(kept_words["keep"])),
                shared.html(_heading(say["days"]["heading"])),
                shared.html(f"<p>{_text(say['days']['about'])}</p>"),
                self.activity,
                self.days,
                self.baseline_text,
                shared.html(_heading(say["plan"]["heading"])),
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
                shared.html(_heading(say["why"]["heading"])),
                shared.html(why_markup()),
                self.compare_chart,
                shared.html(sources_markup()),
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
            shown = word(CONTENT, "plan", "not_used").format(error=error)
            self.message.value = f'<p class="btc-error">{html.escape(shown)}</p>'
            return
        self.message.value = ""
        self.plan_now = weeks
        try:
            self._good = PacingPlanEntry(
                dt.date.today(), name, tuple(days), share, increase, int(self.weeks.value), goal
            )
        except ValueError:
            self._good = None
        label = name or word(CONTENT, "days", "no_activity")
        self.baseline_text.value = f"<p>{html.escape(baseline_sentence(label, days, base))}</p>"
        self.plan_chart.show(
            plan_svg(weeks, base, goal), describe_plan(label, weeks, base, share, goal)
        )
        self.compare_chart.show(compare_svg(boom, steady), describe_comparison(boom, steady))
        self.download.value = download_link(
            word(CONTENT, "plan", "file_name"),
            plan_text(name, days, base, share, increase, weeks, goal),
            word(CONTENT, "plan", "download"),
        )


# --- figures -------------------------------------------------------------------------------------


def plan_svg(weeks: list[PlanWeek], base: float, goal: float | None) -> str:
    """The plan as steps (one flat step per week), with the baseline and any goal."""
    xs: list[float] = []
    ys: list[float] = []
    for w in weeks:
        xs += [w.week, w.week + 1]
        ys += [w.minutes_per_day, w.minutes_per_day]
    end = len(weeks) + 1
    say = words(CONTENT)["charts"]
    lines = [Line(say["plan_line"], xs, ys, OKABE_ITO["blue"], DASHES[0])]
    lines.append(
        Line(say["baseline_line"], [1, end], [base, base], OKABE_ITO["vermillion"], DASHES[1])
    )
    if goal is not None:
        lines.append(
            Line(say["goal_line"], [1, end], [goal, goal], OKABE_ITO["bluish_green"], DASHES[2])
        )
    top, step = _nice_top(max([*ys, base, goal or 0]))
    every = 1 if len(weeks) <= 10 else 2 if len(weeks) <= 20 else 4
    return line_chart(
        lines,
        say["plan_figure"],
        say["week_axis"],
        say["minutes_axis"],
        (1, end),
        (0, top),
        [(w.week + 0.5, str(w.week)) for w in weeks if (w.week - 1) % every == 0],
        [step * i for i in range(int(top / step) + 1)],
    )


def compare_svg(boom: list[Day], steady: list[Day]) -> str:
    """The illustrative boom-and-bust days beside the paced days, rest stretches shaded."""
    xs = [d.day for d in boom]
    say = words(CONTENT)["charts"]
    lines = [
        Line(say["boom_line"], xs, [d.minutes for d in boom], OKABE_ITO["vermillion"], DASHES[1]),
        Line(say["paced_line"], xs, [d.minutes for d in steady], OKABE_ITO["blue"], DASHES[0]),
    ]
    bands = []
    start = None
    for d in [*boom, None]:
        resting = d is not None and d.kind == "rest"
        if resting and start is None:
            start = d.day
        elif not resting and start is not None:
            end = d.day if d is not None else len(boom) + 1
            bands.append(Band(start - 0.5, end - 0.5, OKABE_ITO["sky_blue"], say["rest_band"]))
            start = None
    top, step = _nice_top(max(d.minutes for d in [*boom, *steady]))
    return line_chart(
        lines,
        say["compare_figure"],
        say["day_axis"],
        say["activity_axis"],
        (1, len(boom)),
        (0, top),
        [(day, str(day)) for day in range(1, len(boom) + 1, 7)],
        [step * i for i in range(int(top / step) + 1)],
        tuple(bands),
    )


def pacing_planner() -> PacingPlanner:
    """The lesson 05 activity pacing planner."""
    return PacingPlanner()
