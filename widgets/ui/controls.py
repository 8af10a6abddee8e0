"""Labelled controls that work by keyboard and announce their name to screen readers.

ipywidgets' slider handle gets no accessible name from its description (axe rule
`aria-input-field-name`); the course page script (assets/.../course.js) copies the description onto
the handle. These helpers make sure every control has a description to copy, a sensible step,
and a wide enough label so the words are not cut off. Their words are in widgets/content/ui.toml.
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.words import word

_LABEL_STYLE = {"description_width": "initial"}


def labelled_slider(
    description: str,
    *,
    min: float,
    max: float,
    step: float,
    value: float,
    readout_format: str | None = None,
    layout: ipw.Layout | None = None,
    style: ipw.SliderStyle | None = None,
) -> ipw.FloatSlider | ipw.IntSlider:
    """A horizontal slider with a visible label and keyboard steps of `step`.

    Integer bounds and step give an IntSlider (its readout has no decimals). Updates are sent when
    the learner lets go (or on each arrow key press), not on every pixel of a drag: that keeps the
    chart responsive and the websocket quiet. Pass `layout` and `style` to share them between the
    sliders of a view (see widgets/ui/shared.py).
    """
    if not description.strip():
        raise ValueError("every control needs a description: it is its accessible name")
    if not min < max:
        raise ValueError(f"min ({min}) must be below max ({max})")
    if not min <= value <= max:
        raise ValueError(f"value {value} is outside {min} to {max}")
    if step <= 0:
        raise ValueError("step must be positive")
    whole = all(float(x).is_integer() for x in (min, max, step, value))
    kwargs = {
        "description": description,
        "min": min,
        "max": max,
        "step": step,
        "value": value,
        "continuous_update": False,
        "style": style or _LABEL_STYLE,
        "layout": layout or ipw.Layout(width="min(100%, 32rem)"),
    }
    if whole:
        return ipw.IntSlider(
            **{k: int(v) if k in {"min", "max", "step", "value"} else v for k, v in kwargs.items()}
        )
    if readout_format:
        kwargs["readout_format"] = readout_format
    return ipw.FloatSlider(**kwargs)


def refused_setting(error: Exception, kept: str | None = None) -> str:
    """The message shown when a model refuses a value from the browser: why, and what was kept
    (by default, that the charts still show the last setting)."""
    kept = word("ui", "refused", "kept") if kept is None else kept
    message = html.escape(word("ui", "refused", "message"), quote=False)
    return f'<p class="btc-error">{message.format(error=html.escape(str(error)), kept=kept)}</p>'
