"""The cycle simulator's widgets: each control re-runs the model; bad values keep the last run."""

from __future__ import annotations

import re

import pytest

from widgets.models.cycle import NODES
from widgets.views.cycle_simulator import OWN_SETTINGS, PRESETS, CycleSimulator


@pytest.fixture
def sim():
    return CycleSimulator()


def test_starts_from_the_flare_story_and_shows_three_charts(sim):
    assert set(NODES)
    assert sim.preset.value == "A flare after surgery"
    assert "stuck" in sim.narration.value
    assert sim.course_chart.text and sim.course_chart._plot.value.startswith("<svg")
    for diagram in (sim.loop_chart, sim.compare_chart):
        assert diagram.text and diagram._plot.value.startswith("<svg")


def test_loosening_the_loop_lets_the_flare_fade(sim):
    sim.connectivity.value = 0.9
    assert "settled back down by itself" in sim.narration.value


def test_a_strategy_toggle_adds_the_comparison(sim):
    sim.strategy_boxes["sleep"].value = True
    assert "A steady sleep routine from day 35" in sim.narration.value
    assert "instead of" in sim.compare_chart.text
    sim.strategy_days["sleep"].value = 60
    assert "from day 60" in sim.narration.value


def test_presets_set_the_controls_and_reset_restores_them(sim):
    sim.preset.value = "Several small steps together"
    assert sim.strategy_boxes["activity"].value and sim.strategy_boxes["cbt"].value
    story = sim.narration.value
    sim.connectivity.value = 1.5
    sim.reset_button.click()
    assert sim.connectivity.value == pytest.approx(1.3)
    assert sim.preset.value == "Several small steps together"
    assert sim.narration.value == story


def test_changing_a_setting_by_hand_drops_the_story_name_but_keeps_its_settings(sim):
    """Issue 11: the story's name must not stay once the settings no longer match it."""
    sim.preset.value = "A bad week of sleep"
    sim.connectivity.value = 0.8
    assert sim.preset.value == OWN_SETTINGS
    assert "Nights are short from day 14" in sim.narration.value  # the story's nights stay
    assert sim.connectivity.value == pytest.approx(0.8)
    sim.preset.value = OWN_SETTINGS  # choosing it changes nothing
    assert sim.connectivity.value == pytest.approx(0.8)
    sim.reset_button.click()
    assert sim.preset.value == "A bad week of sleep" and sim.connectivity.value == 1.0


def test_the_story_menu_is_wide_enough_for_the_longest_story(sim):
    assert max(len(name) for name in PRESETS) <= 30
    assert "30rem" in sim.preset.layout.width


def test_the_twelve_week_chart_draws_all_five_problems_with_their_own_markers(sim):
    """Issue 11: tiredness is in the loop diagram and now in the chart too; every line has its
    own marker shape, staggered, so lines that run together can still be told apart."""
    svg = sim.course_chart._plot.value
    assert svg.count("<polyline") == 5
    for name in ("Pain", "Low mood", "Poor sleep", "Doing less", "Tiredness"):
        assert f">{name}<" in svg
    assert "<circle" in svg and "<rect x=" in svg and 'Z"' in svg
    assert "Tiredness" in sim.course_chart.text


def test_loop_arrows_are_as_thick_as_the_effects_the_narration_ranks(sim):
    svg = sim.loop_chart._plot.value
    widths = [
        float(w)
        for w in re.findall(r'stroke-width="([\d.]+)" (?:stroke-dasharray="6 4" )?marker-end', svg)
    ]
    assert len(widths) == 14
    assert max(widths) == pytest.approx(8.0, abs=0.05)  # the strongest link is at full width


def test_new_ups_and_downs_switches_variation_on_and_changes_the_run(sim):
    before = sim.course_chart._plot.value
    sim.reseed_button.click()
    assert sim.variation.value is True
    assert sim.course_chart._plot.value != before


def test_a_value_the_model_refuses_keeps_the_last_run_and_says_why(sim):
    before = sim.course_chart._plot.value
    sim.flare_day.max = 500  # as if a browser sent a value outside the model's range
    sim.flare_day.value = 400
    assert "could not be used" in sim.narration.value and "flare day" in sim.narration.value
    assert sim.course_chart._plot.value == before


def test_every_preset_runs():
    for name in PRESETS:
        assert CycleSimulator(name).narration.value


def test_unknown_preset_is_refused():
    with pytest.raises(ValueError, match="unknown preset"):
        CycleSimulator("A holiday")
