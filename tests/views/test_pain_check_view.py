"""The pain check view: sliders feed the model; bad browser values give a message, not a crash."""

from __future__ import annotations

import datetime as dt

from widgets.views.pain_check import PainCheck, pain_check


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


# ---- the learner's record (widgets/views/my_record.py) ------------------------------------------


def answer(check, values) -> None:
    for slider, value in zip(check.questions, values, strict=True):
        slider.value = value


def test_a_finished_check_is_kept_on_the_device_and_the_next_page_shows_last_time():
    from tests.views.fake_browser import KEY, FakeBrowser
    from widgets.models.learner_record import parse_text

    browser = FakeBrowser(page="06_your_plan.ipynb")
    panel = browser.open()
    panel.choose_keep()
    check = PainCheck(panel)
    assert check.last_time.value == ""
    answer(check, (4, 5, 6))
    check.button.click()
    (kept,) = parse_text(browser.local[KEY]).record.pain_checks
    assert kept.date == dt.date.today() and kept.answers == (4, 5, 6)
    answer(check, (4, 5, 9))  # asked again on the same page: the same check, updated
    check.button.click()
    (kept,) = parse_text(browser.local[KEY]).record.pain_checks
    assert kept.answers == (4, 5, 9) and check.last_time.value == ""
    again = PainCheck(browser.open())
    assert f"Last time ({dt.date.today().isoformat()}) your average was 6.0" in (
        again.last_time.value
    )
    assert again.answers() == [0, 0, 0]


def test_without_keep_nothing_is_stored():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    check = PainCheck(browser.open())
    answer(check, (1, 2, 3))
    check.button.click()
    assert browser.local == {}
    assert [x.answers for x in check.record.record.pain_checks] == [(1, 2, 3)]


def test_a_check_from_the_device_shows_and_forget_clears_it():
    from tests.views.fake_browser import CONSENT, KEY, RECORD, FakeBrowser
    from widgets.models.learner_record import to_text

    browser = FakeBrowser({KEY: to_text(RECORD), CONSENT: "keep"})
    panel = browser.open()
    check = PainCheck(panel)
    assert "Last time (2024-03-07) your average was 4.0 out of 10." in check.last_time.value
    panel.forget()
    assert check.last_time.value == "" and check.record.record.pain_checks == ()


def test_a_check_the_record_refuses_gets_a_message_and_loses_nothing(monkeypatch):
    from tests.views.fake_browser import FakeBrowser

    check = PainCheck(FakeBrowser().open())

    def refuse(_record):
        raise ValueError("pain_checks has 501 items; the most is 500.")

    monkeypatch.setattr(check.record, "replace", refuse)
    answer(check, (7, 8, 7))
    check.button.click()
    result = check.result.value
    assert result.index("7.3 out of 10") < result.index("not saved") and "500" in result
    assert check.answers() == [7, 8, 7] and check.record.record.pain_checks == ()
