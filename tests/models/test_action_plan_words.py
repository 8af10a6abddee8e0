"""The goal check's words (days, times, amounts) are in widgets/content/action_plan.toml
[goal_check], one list per language, read when a goal is checked: a Spanish course checks
Spanish goals and gives the tips in Spanish."""

from __future__ import annotations

import pytest

import widgets.words
from widgets.describers.action_plan import smart_tips
from widgets.models.action_plan import GOAL_WORD_LISTS, goal_misses, goal_words
from widgets.words import ContentError, word, words


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setattr(widgets.words, "course_language", lambda: "es")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_word_list_is_in_the_content_file(language):
    check = words("action_plan", language)["goal_check"]
    assert set(check) == set(GOAL_WORD_LISTS)
    for key in GOAL_WORD_LISTS:
        assert key.endswith("_words") and check[key], key
        assert all(isinstance(item, str) and item.strip() == item for item in check[key]), key


def test_the_english_lists_are_the_words_the_check_always_used():
    assert "weds" in goal_words("day_words") and "bedtime" in goal_words("when_words")
    assert "twice" in goal_words("amount_words") and goal_words("clock_words") == ("am", "pm")


def test_a_missing_list_is_named(monkeypatch):
    import widgets.models.action_plan as model

    monkeypatch.setattr(model, "words", lambda name: {"goal_check": {}})
    with pytest.raises(ContentError, match="goal_check.day_words"):
        goal_words("day_words")


@pytest.mark.parametrize(
    ("goal", "missing"),
    [
        ("Caminar 10 minutos después de comer", []),
        ("Caminar más", ["how_much", "when"]),
        ("Caminar dos veces", ["when"]),
        ("Caminar el lunes", ["how_much"]),
        ("Caminar el lunes, el miércoles y el viernes", []),  # two days: when and how often
        ("Nadar los martes y los jueves por la mañana", []),
        ("caminar el sabado y el domingo", []),  # without accents, as many people type
        ("CAMINAR EL SÁBADO", ["how_much"]),
        ("Estirar cada noche", []),
        ("Caminar media hora por la tarde", []),
        ("Leer a las 21:30", []),
        ("Pasear los fines de semana", []),
        ("", []),
    ],
)
def test_spanish_goals_are_checked_with_spanish_words(spanish, goal, missing):
    assert goal_misses(goal) == missing


def test_the_words_are_read_when_a_goal_is_checked(monkeypatch):
    assert goal_misses("Caminar el lunes") == ["how_much", "when"]  # English: no day named
    monkeypatch.setattr(widgets.words, "course_language", lambda: "es")
    assert goal_misses("Caminar el lunes") == ["how_much"]
    assert goal_misses("Walk on Monday") == ["how_much", "when"]  # Spanish: no day named


def test_spanish_goal_tips_are_in_spanish(spanish):
    tips = smart_tips("Caminar más")
    assert tips == [word("action_plan", "tips", key, language="es") for key in ("how_much", "when")]
    assert tips[0] != word("action_plan", "tips", "how_much", language="en")
    assert smart_tips("Caminar 10 minutos cada mañana") == []
