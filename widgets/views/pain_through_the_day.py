"""Pain sensitivity through one day, after a usual night or the one you choose (lesson 03)."""

from __future__ import annotations

import html
import math

import ipywidgets as ipw

from widgets.describers.daily_rhythm import clock, describe_day
from widgets.models.daily_rhythm import DayCurve, Night, day_after
from widgets.ui.plots import SvgChart
from widgets.ui.shared import SharedStyles
from widgets.ui.svg import DASHES, Line, line_chart
from widgets.ui.theme import OKABE_ITO

BEDTIMES = [(clock(h / 2), h / 2 % 24) for h in range(42, 57)]  # 21:00 to 04:00
WAKE_TIMES = [(clock(h / 2), h / 2) for h in range(8, 23)]  # 04:00 to 11:00
USUAL = Night(23.0, 7.0)
NOTE = (
    '<div class="btc-model-note"><p><strong>An illustrative model, not a prediction for any '
    "person.</strong> It joins a published daily rhythm of pain sensitivity (Crodelle et al. "
    "2019) to the two-process model of sleep pressure (Borbély 1982; Daan et al. 1984). The body "
    "clock explains most of the daily swing and sleep pressure the rest (about 80% and 20%: "
    "Daguet et al. 2022). It leaves out the kind of pain, medicines, naps, light, and how people "
    "differ. In lab studies, losing a whole night makes people clearly more sensitive to pain "
    "(Schrimpf et al. 2015): more than this simple model shows.</p></div>"
)


class PainThroughTheDay(ipw.VBox):
    """Choose a night; see pain sensitivity across the next day beside a usual night."""

    def __init__(self) -> None:
        shared = SharedStyles()
        slider = {
            "style": shared.style(ipw.SliderStyle, description_width="initial"),
            "layout": shared.layout,
            "continuous_update": False,
        }
        self.bedtime = ipw.SelectionSlider(
            options=BEDTIMES, value=2.0, description="Bedtime", **slider
        )
        self.wake = ipw.SelectionSlider(
            options=WAKE_TIMES, value=7.0, description="Wake-up time", **slider
        )
        self.chart = SvgChart("Pain sensitivity through the day", shared)
        self.message = shared.html("", "btc-live")
        for control in (self.bedtime, self.wake):
            control.observe(lambda _change: self.update(), "value")
        super().__init__(
            [shared.html(NOTE), self.bedtime, self.wake, self.message, self.chart],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.update()

    def update(self) -> None:
        try:
            night = Night(float(self.bedtime.value), float(self.wake.value))
        except ValueError as error:
            self.message.value = f'<p class="btc-error">{html.escape(str(error).capitalize())}.</p>'
            return
        self.message.value = ""
        mine, normal = day_after(night, USUAL), day_after(USUAL, USUAL)
        self.chart.show(figure(night, mine, normal), describe_day(night, USUAL, mine, normal))


def figure(night: Night, mine: DayCurve, normal: DayCurve) -> str:
    """Both days as an SVG line chart on one clock axis (hours past midnight run on past 24)."""

    def line(curve: DayCurve, name: str, colour: str, dash: str) -> Line:
        xs = [h % 24 + (24 if h >= 24 else 0) for h in curve.clock_hours]
        return Line(name, xs, list(curve.sensitivity), colour, dash)

    lines = [
        line(normal, "After a usual night (23:00–07:00)", OKABE_ITO["blue"], DASHES[0]),
        line(
            mine,
            f"After your night ({clock(night.bedtime)}–{clock(night.wake)})",
            OKABE_ITO["vermillion"],
            DASHES[1],
        ),
    ]
    values = [v for item in lines for v in item.ys]
    low, high = math.floor(min(values) / 5) * 5, math.ceil(max(values) / 5) * 5
    return line_chart(
        lines,
        "Higher = more sensitive to pain",
        "Time of day",
        "Change from usual average (%)",
        (4, 28),
        (low, high if high > low else low + 5),
        [(h, clock(h)) for h in range(4, 29, 3)],
        list(range(low, high + 1, 5)),
    )
