"""The self-check widget: crisis help at once on item 9, a result only when all are answered."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import replace

import pytest

from widgets.course_config import load_config
from widgets.crisis_html import contact_html
from widgets.models.self_check import form
from widgets.views.self_check import SelfCheck, changed_back, follow_up, next_steps

PHQ9 = replace(load_config(), selfcheck_version="PHQ-9")


def first_line(config=PHQ9) -> str:
    """The first configured crisis line's contact as rendered, whatever region course.toml sets."""
    return contact_html(config.crisis_lines[0].contact)


def test_crisis_help_appears_as_soon_as_item_9_is_above_zero():
    check = SelfCheck(PHQ9)
    assert check.crisis.value == ""
    check.questions[8].value = 1
    assert first_line() in check.crisis.value and "emergency number" in check.crisis.value


def test_changing_item_9_back_to_zero_keeps_the_help_with_a_note():
    """Issue 11: the message is never dropped silently."""
    check = SelfCheck(PHQ9)
    check.questions[8].value = 2
    check.questions[8].value = 0
    assert html.escape(changed_back()) in check.crisis.value
    assert first_line() in check.crisis.value


@pytest.mark.parametrize("item_9", [1, 2, 3])
def test_a_self_harm_answer_leads_the_result_whatever_the_total(item_9):
    """Issue 11: a low total with item 9 above 0 never reads "Few of these problems bothered
    you. Keep doing what helps you."; the follow-up and the crisis lines come first."""
    check = SelfCheck(PHQ9)
    for question, answer in zip(check.questions, [0] * 8 + [item_9], strict=True):
        question.value = answer
    check.show_result()
    result = check.result.value
    assert result.index(html.escape(follow_up())) < result.index("Your total")
    assert first_line() in result
    assert html.escape(next_steps()["minimal"]) not in result


def test_after_changing_item_9_back_the_result_still_leads_with_help():
    check = SelfCheck(PHQ9)
    check.questions[8].value = 1
    for question in check.questions:
        question.value = 0
    check.show_result()
    result = check.result.value
    assert result.index(html.escape(changed_back())) < result.index("Your total")
    assert html.escape(next_steps()["minimal"]) not in result


def test_a_low_total_without_self_harm_answers_gets_the_usual_words():
    check = SelfCheck(PHQ9)
    for question in check.questions:
        question.value = 0
    check.show_result()
    assert html.escape(next_steps()["minimal"]) in check.result.value
    assert html.escape(follow_up()) not in check.result.value


def test_the_closing_question_is_asked_as_on_the_form_and_not_scored():
    check = SelfCheck(PHQ9)
    closing = check.children[-5]  # before the crisis box, button, result and attribution
    assert html.escape(form()["difficulty_question"]) in closing.children[0].value
    assert [label for label, _value in check.difficulty.options] == list(
        form()["difficulty_options"]
    )
    for question in check.questions:
        question.value = 1
    check.show_result()
    without = check.result.value
    check.difficulty.value = 3
    check.show_result()
    assert "9 out of 27" in without and "9 out of 27" in check.result.value
    assert "extremely difficult" in check.result.value


def test_result_needs_every_answer_then_gives_a_band_and_not_a_diagnosis():
    check = SelfCheck(PHQ9)
    check.show_result()
    assert "Please answer question 1 first" in check.result.value
    for question, answer in zip(check.questions, [2, 2, 2, 1, 1, 1, 1, 0, 0], strict=True):
        question.value = answer
    check.show_result()
    assert "10 out of 27" in check.result.value and "moderate" in check.result.value
    assert "not a diagnosis" in check.result.value


def test_the_moderately_severe_band_is_named_in_words():
    check = SelfCheck(PHQ9)
    for question, answer in zip(check.questions, [2, 2, 2, 2, 2, 2, 2, 2, 0], strict=True):
        question.value = answer
    check.show_result()
    assert "16 out of 27</strong>. On this questionnaire" in check.result.value
    assert "in the <strong>moderately severe</strong> range." in check.result.value
    assert html.escape(next_steps()["moderately_severe"]) in check.result.value


def test_the_first_closing_answer_is_reported_too():
    """ "Not difficult at all" is answer 0: it is still an answer, said back like the others."""
    check = SelfCheck(PHQ9)
    for question in check.questions:
        question.value = 0
    check.difficulty.value = 0
    check.show_result()
    assert "daily life: <strong>not difficult at all</strong>." in check.result.value


def test_phq8_mode_has_no_self_harm_question():
    check = SelfCheck(replace(load_config(), selfcheck_version="PHQ-8"))
    assert len(check.questions) == 8
    for question in check.questions:
        question.value = 3
    check.show_result()
    assert "24 out of 24" in check.result.value and check.crisis.value == ""


# ---- the learner's record (widgets/views/my_record.py) ------------------------------------------


def answer_all(check, answers) -> None:
    for question, answer in zip(check.questions, answers, strict=True):
        question.value = answer


def test_a_finished_check_is_kept_on_the_device_and_the_next_page_shows_last_time():
    from tests.views.fake_browser import KEY, FakeBrowser
    from widgets.models.learner_record import parse_text

    browser = FakeBrowser(page="02_depression.ipynb")
    panel = browser.open()
    panel.choose_keep()
    check = SelfCheck(PHQ9, panel)
    assert check.last_time.value == ""
    answer_all(check, [1, 1, 1, 1, 1, 0, 0, 0, 0])
    check.difficulty.value = 1
    check.show_result()
    (kept,) = parse_text(browser.local[KEY]).record.self_checks
    assert kept.date == dt.date.today() and kept.answers == (1, 1, 1, 1, 1, 0, 0, 0, 0)
    assert kept.version == "PHQ-9" and kept.difficulty == 1
    assert check.last_time.value == ""  # this page's own check is not "last time"
    # asking again with changed answers updates this page's check, it does not add one
    check.questions[5].value = 2
    check.show_result()
    (kept,) = parse_text(browser.local[KEY]).record.self_checks
    assert kept.answers[5] == 2
    # a reload: a new page, a new kernel, the same browser storage
    again = SelfCheck(PHQ9, browser.open())
    expected = f"Last time ({dt.date.today().isoformat()}) your score was 7."
    assert expected in again.last_time.value
    assert all(question.value is None for question in again.questions)  # a new check each time
    answer_all(again, [0] * 9)
    again.show_result()
    assert len(parse_text(browser.local[KEY]).record.self_checks) == 2
    assert expected in again.last_time.value


def test_without_keep_nothing_is_stored_and_the_check_stays_in_the_page_record():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    check = SelfCheck(PHQ9, browser.open())
    answer_all(check, [2] * 9)
    check.show_result()
    assert browser.local == {}
    assert [x.answers for x in check.record.record.self_checks] == [(2,) * 9]
    assert "18 out of 27" in check.result.value


def test_forget_clears_last_time_and_the_next_result_is_a_new_check():
    from tests.views.fake_browser import KEY, FakeBrowser
    from widgets.models.learner_record import parse_text

    browser = FakeBrowser()
    first = SelfCheck(PHQ9, browser.open())
    first.record.choose_keep()
    answer_all(first, [1] * 9)
    first.show_result()
    panel = browser.open()
    later = SelfCheck(PHQ9, panel)
    assert "your score was 9." in later.last_time.value
    panel.forget()
    assert later.last_time.value == "" and browser.local == {}
    panel.choose_keep()
    answer_all(later, [0] * 9)
    later.show_result()
    assert len(parse_text(browser.local[KEY]).record.self_checks) == 1


def test_a_check_the_record_refuses_gets_a_message_after_the_result_and_loses_nothing(
    monkeypatch,
):
    from tests.views.fake_browser import FakeBrowser

    check = SelfCheck(PHQ9, FakeBrowser().open())

    def refuse(_record):
        raise ValueError("self_checks has 501 items; the most is 500.")

    monkeypatch.setattr(check.record, "replace", refuse)
    answer_all(check, [0] * 8 + [2])
    assert first_line() in check.crisis.value
    check.show_result()
    result = check.result.value
    assert result.index(html.escape(follow_up())) < result.index("Your total")
    assert result.index("Your total") < result.index("not saved") and "500" in result
    assert check.answers() == [0] * 8 + [2] and check.record.record.self_checks == ()


@pytest.mark.parametrize("keep", [True, False])
def test_self_harm_help_shows_at_once_with_or_without_keep(keep):
    """Storing never delays the help: it appears on the answer, before any result or saving."""
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    panel = browser.open()
    if keep:
        panel.choose_keep()
    stored = dict(browser.local)
    check = SelfCheck(PHQ9, panel)
    check.questions[8].value = 1
    assert first_line() in check.crisis.value and "emergency number" in check.crisis.value
    assert browser.local == stored  # nothing was stored on the way to the help
    check.questions[8].value = 0
    assert html.escape(changed_back()) in check.crisis.value
    answer_all(check, [0] * 8 + [1])
    check.show_result()
    assert check.result.value.index(html.escape(follow_up())) < check.result.value.index(
        "Your total"
    )
    assert first_line() in check.crisis.value
    assert len(check.record.record.self_checks) == 1


def test_without_a_published_translation_the_check_says_so_and_shows_crisis_help(monkeypatch):
    """The Spanish content has no [form] (no official Spanish PHQ-9 found and cited yet): the
    lesson shows a plain notice and the crisis lines, never a wording of our own."""
    import widgets.words
    from widgets.views.self_check import self_check

    monkeypatch.setattr(widgets.words, "course_language", lambda: "es")
    shown = self_check()
    assert "todavía no está disponible en español" in shown.value
    assert 'class="btc-crisis' in shown.value or "btc-crisis" in shown.value
    assert "RadioButtons" not in type(shown).__name__
