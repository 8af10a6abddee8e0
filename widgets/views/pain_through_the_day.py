"""Pain sensitivity through one day, after a usual night or the one you choose (lesson 03).

Two charts drawn from the same numbers: the whole 24-hour rhythm after both nights, and how much
your night adds to it (so a small change is easy to see next to a large daily swing).
"""

from __future__ import annotations

import html
import math

import ipywidgets as ipw

from widgets.describers.daily_rhythm import clock, describe_day, describe_difference
from widgets.models.daily_rhythm import DayCurve, Night, day_after, difference
from widgets.ui.plots import SvgChart
from widgets.ui.shared import SharedStyles
from widgets.ui.svg import DASHES, Band, Line, line_chart, nice_ticks
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
YOURS = OKABE_ITO["vermillion"]
USUAL_COLOUR = OKABE_ITO["blue"]


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
        self.difference_chart = SvgChart("How much your night adds", shared)
        self.message = shared.html("", "btc-live")
        for control in (self.bedtime, self.wake):
            control.observe(lambda _change: self.update(), "value")
        super().__init__(
            [
                shared.html(NOTE),
                self.bedtime,
                self.wake,
                self.message,
                self.chart,
                self.difference_chart,
            ],
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
        self.difference_chart.show(
            difference_figure(night, mine, normal), describe_difference(mine, normal)
        )


def _night_bands(night: Night, curve: DayCurve) -> tuple[Band, ...]:
    """Shaded stretches of the window when you are asleep (your night, and the next one)."""
    bands, start = [], None
    hours = curve.clock_hours
    for hour, up in zip(hours, curve.awake, strict=True):
        if not up and start is None:
            start = hour
        if up and start is not None:
            bands.append(Band(start, hour, OKABE_ITO["sky_blue"], "asleep"))
            start = None
    if start is not None:
        bands.append(Band(start, hours[-1], OKABE_ITO["sky_blue"], "asleep"))
    return tuple(bands)


def _ticks(curve: DayCurve) -> list[tuple[float, str]]:
    first = curve.clock_hours[0]
    return [(first + h, clock(first + h)) for h in range(0, 25, 3)]


def figure(night: Night, mine: DayCurve, normal: DayCurve) -> str:
    """Both days as an SVG line chart over the whole 24-hour window (hours run on past 24)."""
    lines = [
        Line(
            "After a usual night (23:00–07:00)",
            normal.clock_hours,
            list(normal.sensitivity),
            USUAL_COLOUR,
            DASHES[1],
            "circle",
            4,
            0,
        ),
        Line(
            f"After your night ({clock(night.bedtime)}–{clock(night.wake)})",
            mine.clock_hours,
            list(mine.sensitivity),
            YOURS,
            DASHES[0],
            "square",
            4,
            2,
        ),
    ]
    values = [v for item in lines for v in item.ys]
    low, high = math.floor(min(values) / 5) * 5, math.ceil(max(values) / 5) * 5
    return line_chart(
        lines,
        "Higher = more sensitive to pain",
        "Time of day (shaded: you are asleep)",
        "% above or below the daily average",
        (mine.clock_hours[0], mine.clock_hours[-1]),
        (low, high if high > low else low + 5),
        _ticks(mine),
        list(range(low, high + 1, 5)),
        _night_bands(night, mine),
        h_lines=((0, "daily average"),),
    )


def difference_figure(night: Night, mine: DayCurve, normal: DayCurve) -> str:
    """Your night's curve minus the usual one, on its own scale, with a zero line."""
    changes = difference(mine, normal)
    low, high, ticks = nice_ticks(min(-1.0, min(changes)), max(1.0, max(changes)), 6)
    return line_chart(
        [
            Line(
                f"Your night ({clock(night.bedtime)}–{clock(night.wake)}) minus a usual night",
                mine.clock_hours,
                changes,
                YOURS,
                DASHES[0],
            )
        ],
        "How much your night adds (above 0 = more sensitive)",
        "Time of day (shaded: you are asleep)",
        "Difference (% of the daily average)",
        (mine.clock_hours[0], mine.clock_hours[-1]),
        (low, high),
        _ticks(mine),
        ticks,
        _night_bands(night, mine),
        h_lines=((0, "same as a usual night"),),
    )
