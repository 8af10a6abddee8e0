"""The support map: supporters are checked, the map is bounded, gaps are plain and kind."""

from __future__ import annotations

import pytest

from widgets.models.support_map import (
    HELP_TYPES,
    IDEAS,
    KINDS,
    MAX_SUPPORTERS,
    Supporter,
    SupportMap,
    gaps,
)


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


def test_gaps_name_each_missing_kind_of_help_in_plain_sentences():
    assert "empty so far" in gaps(SupportMap())[0]
    only_emotional = SupportMap((person("Sam"),))
    found = gaps(only_emotional)
    assert len(found) == 3
    assert "practical help" in found[0] and "information" in found[1]
    assert "no professional" in found[2]
    assert all(sentence.endswith(".") and "<" not in sentence for sentence in found)


def test_a_well_covered_map_has_no_gaps():
    full = SupportMap(
        (
            person("Sam", helps=["emotional", "practical"]),
            person("Dr Lee", "professional", ["information"]),
        )
    )
    assert gaps(full) == []


def test_ideas_cover_the_main_routes_and_caution_online_communities():
    titles = " ".join(idea.title.lower() for idea in IDEAS)
    for word in ("peer support", "self-management", "doctor", "helpline", "online"):
        assert word in titles
    online = next(idea for idea in IDEAS if "online" in idea.title.lower())
    assert online.caution
    assert set(KINDS) == {"person", "group", "professional"}
    assert set(HELP_TYPES) == {"practical", "emotional", "information"}
