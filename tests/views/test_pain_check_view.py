"""The pain check view: sliders feed the model; bad browser values give a message, not a crash."""

from __future__ import annotations

from widgets.views.pain_check import pain_check


def test_answers_give_a_band_and_the_not_a_diagnosis_line():
    check = pain_check()
    for slider, value in zip(check.questions, (7, 8, 7), strict=True):
        slider.value = value
    check.button.click()
    assert "7.3 out of 10" in check.result.value and "severe" in check.result.value
    assert "not a diagnosis" in check.result.value


def test_a_value_outside_the_scale_is_refused_with_a_message():
    check = pain_check()
    check.questions[0].max = 50  # as if a browser sent more than the scale allows
    check.questions[0].value = 42
    check.button.click()
    assert "btc-error" in check.result.value
