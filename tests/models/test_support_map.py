"""The support map: supporters are checked, the map is bounded, gaps are found as keys, and the
words (kinds, ideas, messages) come from widgets/content/support_map.toml."""

from __future__ import annotations

import pytest

from widgets.models import support_map
from widgets.models.support_map import (
    HELP_KEYS,
    KIND_KEYS,
    MAX_SUPPORTERS,
    Supporter,
    SupportMap,
    gap_keys,
    help_types,
    ideas,
    kinds,
)
from widgets.words import placeholders, word, words


def person(name: str = "Sam", kind: str = "person", helps=("emotional",)) -> Supporter:
    return Supporter(name, kind, frozenset(helps))


def test_a_supporter_keeps_clean_name_and_a_frozen_set_of_help():
    s = Supporter("  Aunt\tMay\n ", "person", ["practical", "emotional", "practical"])
    assert s.name == "Aunt May"
    assert s.helps_with == frozenset({"practical", "emotional"})
    assert person("x" * 60).name == "x" * 60
    assert person("<script>alert(1)</script>").name == "<script>alert(1)</script>"  # plain text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "person", {"emotional"}), "Please write a name"),
        (("  \n ", "person", {"emotional"}), "Please write a name"),
        (("x" * 61, "person", {"emotional"}), "up to 60 characters"),
        (("Sam", "pet", {"emotional"}), "kind must be one of person, group, professional"),
        (("Sam", "person", {"money"}), "unknown kind of help 'money'"),
        (("Sam", "person", set()), "at least one way Sam helps"),
        (("Sam", "person", "emotional"), "must be a set of kinds of help"),
        ((None, "person", {"emotional"}), "expected text"),
    ],
)
def test_bad_supporters_are_refused(args, message):
    with pytest.raises(ValueError, match=message):
        Supporter(*args)


def test_add_and_remove_return_new_maps():
    first = SupportMap().add(person("Sam"))
    second = first.add(person("Dr Lee", "professional", ["information"]))
    assert len(first) == 1 and len(second) == 2
    assert second.helping_with("information") == ["Dr Lee"]
    assert len(second.remove("sam")) == 1
    with pytest.raises(ValueError, match="nobody called Jo"):
        second.remove("Jo")
    with pytest.raises(ValueError, match="choose one of"):
        second.helping_with("money")


def test_names_are_unique_ignoring_case_and_the_map_holds_at_most_30():
    with pytest.raises(ValueError, match="SAM is already on your map"):
        SupportMap().add(person("Sam")).add(person("SAM"))
    full = SupportMap(tuple(person(f"friend {i}") for i in range(MAX_SUPPORTERS)))
    with pytest.raises(ValueError, match="room for 30 supporters"):
        full.add(person("one more"))
    with pytest.raises(ValueError, match="holds supporters"):
        SupportMap(("Sam",))


def test_gap_keys_name_each_missing_kind_of_help_then_a_missing_professional():
    assert gap_keys(SupportMap()) == ["empty"]
    assert gap_keys(SupportMap((person("Sam"),))) == ["practical", "information", "professional"]
    only_a_doctor = SupportMap((person("Dr Lee", "professional", ["information"]),))
    assert gap_keys(only_a_doctor) == ["practical", "emotional"]


def test_a_well_covered_map_has_no_gaps():
    full = SupportMap(
        (
            person("Sam", helps=["emotional", "practical"]),
            person("Dr Lee", "professional", ["information"]),
        )
    )
    assert gap_keys(full) == []


def test_ideas_cover_the_main_routes_and_caution_online_communities():
    titles = " ".join(idea.title.lower() for idea in ideas())
    for word_ in ("peer support", "self-management", "doctor", "helpline", "online"):
        assert word_ in titles
    online = next(idea for idea in ideas() if "online" in idea.title.lower())
    assert online.caution
    assert [idea for idea in ideas() if idea.caution] == [online]
    assert set(kinds()) == set(KIND_KEYS) == {"person", "group", "professional"}
    assert set(help_types()) == set(HELP_KEYS) == {"practical", "emotional", "information"}


# ---- the content file (widgets/content/support_map.toml) -----------------------------------------


def test_the_content_file_has_every_kind_and_kind_of_help_and_a_gap_for_each():
    content = words("support_map", "en")
    assert tuple(content["kinds"]) == KIND_KEYS
    assert tuple(content["help"]) == HELP_KEYS
    for key in KIND_KEYS:
        assert set(content["kinds"][key]) == {"name", "plural", "about"}
    for key in HELP_KEYS:
        assert set(content["help"][key]) == {"name", "words", "about"}
    for key in ("empty", *HELP_KEYS, "professional"):
        assert content["gaps"][key].endswith(".")


@pytest.mark.parametrize(
    ("key", "fields"),
    [
        ("no_name", set()),
        ("name_too_long", {"limit"}),
        ("no_help", {"name"}),
        ("full", {"most"}),
        ("already", {"name"}),
        ("nobody_called", {"name"}),
    ],
)
def test_each_message_keeps_the_placeholders_the_model_fills(key, fields):
    assert placeholders(word("support_map", "errors", key, language="en")) == fields


def test_the_old_constant_names_still_read_the_content():
    """workbook/sheets.py and widgets/models/learner_record.py's tests use these names."""
    assert kinds() == support_map.KINDS and help_types() == support_map.HELP_TYPES
    assert ideas() == support_map.IDEAS
    with pytest.raises(AttributeError):
        support_map.NO_SUCH_NAME  # noqa: B018
