"""Knowledge checks: files are validated, answers marked with an explanation, text escaped."""

from __future__ import annotations

import pytest

from tests.harness import NOTEBOOKS
from widgets.models.knowledge_check import (
    KnowledgeCheckError,
    load_questions,
    parse_questions,
    score_message,
)
from widgets.views.knowledge_check import KnowledgeCheck, knowledge_check

GOOD = """
[[question]]
text = "How long must pain last to be called chronic?"
choices = ["A week", "More than 3 months", "A year"]
answer = 2
why = "Chronic pain lasts or comes back for more than 3 months."
feedback = ["A week is short-term pain.", "", ""]

[[question]]
text = "Is this course medical advice?"
choices = ["Yes", "No"]
answer = 2
why = "It teaches; it does not diagnose or treat."
"""


def test_right_and_wrong_answers_explain_why():
    first, second = parse_questions(GOOD)
    right = first.check(1)
    assert right.correct and right.message.startswith("Right.") and "3 months" in right.message
    wrong = first.check(0)
    assert not wrong.correct and "A week is short-term pain." in wrong.message
    assert "3 months" in wrong.message
    assert "3 months" in first.check(2).message and not first.check(2).correct
    assert second.check(None).message == "Choose an answer first, then check it."
    assert not second.check(7).correct and "not one of the choices" in second.check(7).message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('answer = 2\nwhy = "Chronic', 'answer = 4\nwhy = "Chronic'), "1 to 3"),
        (GOOD.replace('text = "Is this', 'txt = "Is this'), "unknown key 'txt'"),
        (
            GOOD.replace('why = "It teaches; it does not diagnose or treat."', ""),
            "missing key 'why'",
        ),
        (GOOD.replace('choices = ["Yes", "No"]', 'choices = ["Yes"]'), "2 to 6 texts"),
        (GOOD.replace('"A week is short-term pain.", "", ""', '"x"'), "one text per choice"),
        ("[[question]\n", "not valid TOML"),
        ("", "1 to 8"),
        ("title = 'x'\n", "only [[question]]"),
    ],
)
def test_bad_files_are_named(text, message):
    with pytest.raises(KnowledgeCheckError, match=message.replace("[", r"\[")):
        parse_questions(text, "01_x.toml")


def test_score_message():
    assert score_message(3, 3) == "You got all 3 right. Well done."
    assert "1 of 3" in score_message(1, 3)


def test_widget_marks_and_scores_and_escapes(tmp_path):
    (tmp_path / "quiz.toml").write_text(
        GOOD.replace("Is this course medical advice?", "Is <b>this</b> advice?")
    )
    check = knowledge_check("quiz", folder=tmp_path)
    assert isinstance(check, KnowledgeCheck)
    first, second = check.questions
    assert first.choices.value is None  # nothing chosen until the learner chooses
    assert "&lt;b&gt;" in second.prompt.value and "<b>" not in second.prompt.value
    first.button.click()
    assert "Choose an answer first" in first.feedback.value
    first.choices.value = 0
    first.button.click()
    assert "btc-wrong" in first.feedback.value and "Not quite." in first.feedback.value
    first.choices.value = 1
    first.button.click()
    second.choices.value = 1
    second.button.click()
    assert "btc-right" in first.feedback.value
    assert "all 2 right" in check.score.value
    assert "btc-live" in first.feedback._dom_classes


def test_knowledge_check_refuses_paths():
    with pytest.raises(ValueError):
        knowledge_check("../course")


@pytest.mark.parametrize(
    "path", sorted((NOTEBOOKS / "checks").glob("*.toml")), ids=lambda p: p.name
)
def test_every_shipped_check_is_valid_and_has_3_to_5_questions(path):
    assert 3 <= len(load_questions(path)) <= 5


def test_a_choice_arriving_just_after_the_click_is_marked(tmp_path):
    """The browser may deliver the click before the last arrow-key choice (ipywidgets throttles)."""
    (tmp_path / "quiz.toml").write_text(GOOD)
    first = knowledge_check("quiz", folder=tmp_path).questions[0]
    first.choices.value = 0
    first.button.click()
    assert "Not quite." in first.feedback.value
    first.choices.value = 1  # the late message
    assert "Right." in first.feedback.value


# ---- the learner's record (widgets/views/my_record.py) ------------------------------------------


def quiz_file(tmp_path):
    (tmp_path / "quiz.toml").write_text(GOOD)
    return tmp_path


def test_choices_are_kept_on_the_device_and_a_new_page_shows_them_without_feedback(tmp_path):
    from tests.views.fake_browser import KEY, FakeBrowser
    from widgets.models.learner_record import parse_text

    folder = quiz_file(tmp_path)
    browser = FakeBrowser(page="01_what_is_chronic_pain.ipynb")
    panel = browser.open()
    panel.choose_keep()
    check = KnowledgeCheck(load_questions(folder / "quiz.toml"), "quiz", panel)
    first, second = check.questions
    first.choices.value = 0
    first.button.click()
    second.choices.value = 1
    assert parse_text(browser.local[KEY]).record.check("quiz").chosen() == {0: 0, 1: 1}
    first.choices.value = 1  # a changed choice replaces the old one
    assert parse_text(browser.local[KEY]).record.check("quiz").chosen() == {0: 1, 1: 1}
    # a reload: a new page, a new kernel, the same browser storage
    again = KnowledgeCheck(load_questions(folder / "quiz.toml"), "quiz", browser.open())
    assert [view.choices.value for view in again.questions] == [1, 1]
    assert all(view.feedback.value == "" for view in again.questions)
    assert again.score.value == ""
    again.questions[0].button.click()  # feedback on asking, as before
    assert "Right." in again.questions[0].feedback.value


def test_knowledge_check_by_name_uses_the_page_record(tmp_path):
    from widgets.views.my_record import my_record

    check = knowledge_check("quiz", folder=quiz_file(tmp_path))
    assert check.record is my_record()
    check.questions[1].choices.value = 0
    assert my_record().record.check("quiz").chosen() == {1: 0}


def test_without_keep_nothing_is_stored(tmp_path):
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    check = KnowledgeCheck(
        load_questions(quiz_file(tmp_path) / "quiz.toml"), "quiz", browser.open()
    )
    check.questions[0].choices.value = 2
    assert browser.local == {} and check.record.record.check("quiz").chosen() == {0: 2}


def test_forget_clears_the_choices_and_feedback(tmp_path):
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    panel = browser.open()
    panel.choose_keep()
    check = KnowledgeCheck(load_questions(quiz_file(tmp_path) / "quiz.toml"), "quiz", panel)
    check.questions[0].choices.value = 1
    check.questions[0].mark()
    assert "all 2" not in check.score.value and check.score.value
    panel.forget()
    assert [view.choices.value for view in check.questions] == [None, None]
    assert check.questions[0].feedback.value == "" and check.score.value == ""
    assert browser.local == {}


def test_a_choice_from_a_changed_file_is_left_out(tmp_path):
    from tests.views.fake_browser import CONSENT, KEY, FakeBrowser
    from widgets.models.learner_record import CheckAnswers, LearnerRecord, to_text

    stored = LearnerRecord(checks=(CheckAnswers("quiz", ((0, 5), (1, 1), (7, 0))),))
    browser = FakeBrowser({KEY: to_text(stored), CONSENT: "keep"})
    check = KnowledgeCheck(
        load_questions(quiz_file(tmp_path) / "quiz.toml"), "quiz", browser.open()
    )
    assert [view.choices.value for view in check.questions] == [None, 1]


def test_a_choice_the_record_refuses_gets_a_message_and_stays(tmp_path, monkeypatch):
    from tests.views.fake_browser import FakeBrowser

    check = KnowledgeCheck(
        load_questions(quiz_file(tmp_path) / "quiz.toml"), "quiz", FakeBrowser().open()
    )

    def refuse(_record):
        raise ValueError("checks has 101 items; the most is 100.")

    monkeypatch.setattr(check.record, "replace", refuse)
    check.questions[0].choices.value = 1
    assert "not saved" in check.message.value and "100" in check.message.value
    assert check.questions[0].choices.value == 1 and check.record.record.checks == ()
    check.questions[0].button.click()
    assert "Right." in check.questions[0].feedback.value


def test_every_word_of_the_check_is_in_knowledge_check_toml_with_its_fields():
    from tests.content_calls import problems

    for path in ("widgets/models/knowledge_check.py", "widgets/views/knowledge_check.py"):
        assert problems("knowledge_check", path, {"say": ()}) == [], path


def test_feedback_and_buttons_come_from_the_content_file(tmp_path):
    from widgets.words import word

    first, second = parse_questions(GOOD)
    hint = word("knowledge_check", "feedback", "wrong_with_hint")
    assert first.check(0).message == hint.format(hint="A week is short-term pain.", why=first.why)
    plain = word("knowledge_check", "feedback", "wrong")
    assert second.check(0).message == plain.format(why=second.why)
    assert first.check(9).message == word("knowledge_check", "feedback", "not_a_choice")
    path = tmp_path / "q.toml"
    path.write_text(GOOD, encoding="utf-8")
    view = KnowledgeCheck(load_questions(path))
    assert view.questions[1].button.description == word("knowledge_check", "question", "check")
    assert "<strong>Question 2.</strong>" in view.questions[1].prompt.value
