"""The palette is colour-blind safe and every text colour in the course CSS is readable."""

from __future__ import annotations

import re

import pytest

from tests.harness import ROOT
from widgets.ui.theme import OKABE_ITO, SERIES_COLOURS, chart_layout, contrast_ratio

CSS = (ROOT / "assets/voila/templates/course/static/course.css").read_text()


def css_var(name: str) -> str:
    match = re.search(rf"--btc-{name}:\s*(#[0-9a-fA-F]{{6}})", CSS)
    assert match, f"--btc-{name} is not defined in course.css"
    return match.group(1)


def test_contrast_ratio_known_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    with pytest.raises(ValueError):
        contrast_ratio("red", "#ffffff")


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("ink", "paper"),
        ("ink", "wash"),
        ("muted", "paper"),
        ("muted", "wash"),
        ("blue", "paper"),
        ("blue", "wash"),
        ("green", "paper"),
        ("ink", "help-wash"),
    ],
)
def test_text_colours_pass_wcag_aa(foreground, background):
    assert contrast_ratio(css_var(foreground), css_var(background)) >= 4.5


@pytest.mark.parametrize("background", ["help", "blue"])
def test_white_text_on_buttons_passes_wcag_aa(background):
    assert contrast_ratio("#ffffff", css_var(background)) >= 4.5


def test_series_colours_are_okabe_ito_and_distinct():
    assert set(SERIES_COLOURS) <= set(OKABE_ITO.values())
    assert len(set(SERIES_COLOURS)) == len(SERIES_COLOURS)


def test_chart_layout_uses_the_small_template_and_palette():
    layout = chart_layout("Title", "x", "y", height=200)
    assert layout["template"] == "none"
    assert layout["colorway"] == list(SERIES_COLOURS)
    assert layout["height"] == 200
