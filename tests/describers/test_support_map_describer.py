"""The support map in words: the picture's text alternative names the same people, in the same
groups, as the picture draws; the gaps are the model's; the .txt file holds the map as typed."""

from __future__ import annotations

import html

import pytest

from widgets.describers.support_map import (
    describe_map,
    gaps,
    help_name,
    helps_words,
    kind_name,
    kind_plural,
    map_text,
)
from widgets.models.support_map import KIND_KEYS, Supporter, SupportMap, gap_keys, ideas
from widgets.views.support_map import map_svg
from widgets.words import placeholders, word


def person(name: str, kind: str = "person", *helps: str) -> Supporter:
    return Supporter(name, kind, frozenset(helps or ("emotional",)))


MAP = SupportMap(
    (
        person("Aunt May", "person", "emotional", "practical"),
        person("Walking group", "group", "emotional"),
        person("Jo", "person", "information"),
    )
)


def test_names_of_kinds_and_help():
    assert [kind_name(k) for k in KIND_KEYS] == ["A person", "A group", "A professional"]
    assert [kind_plural(k) for k in KIND_KEYS] == ["People", "Groups", "Professionals"]
    assert help_name("practical") == "Practical help"
    # The help is listed in the page's order, whatever order it was ticked in.
    assert helps_words(MAP.supporters[0]) == "practical help, emotional help"


def test_the_empty_map_in_words():
    assert describe_map(SupportMap()).startswith("Only you are on the map so far")
    assert gaps(SupportMap())[0].startswith("Your map is empty so far. That is OK.")


def test_the_picture_in_words_groups_people_as_the_picture_does():
    text = describe_map(MAP)
    assert text.splitlines() == [
        "You are in the middle.",
        "People around you: Aunt May (practical help, emotional help); Jo (information).",
        "Groups around you: Walking group (emotional help).",
        "Professionals: none yet.",
    ]
    picture = map_svg(MAP)
    for supporter in MAP.supporters:
        assert f">{html.escape(supporter.name)}</text>" in picture
    for kind in KIND_KEYS:
        assert f">{kind_plural(kind)}</text>" in picture  # the legend names the same groups


def test_the_gaps_are_the_models_in_plain_kind_sentences():
    found = gaps(MAP)
    assert found == [word("support_map", "gaps", key) for key in gap_keys(MAP)]
    assert len(found) == 1 and "no professional" in found[0]
    assert all(sentence.endswith(".") and "<" not in sentence for sentence in found)
    only_emotional = SupportMap((person("Sam"),))
    found = gaps(only_emotional)
    assert len(found) == 3
    assert "practical help" in found[0] and "information" in found[1]


def test_the_file_lists_each_group_the_gaps_and_every_idea():
    text = map_text(MAP)
    assert text.startswith("My support map\n==============\n\nPeople\n")
    assert "People\n- Aunt May: practical help, emotional help\n- Jo: information\n" in text
    assert "Professionals\n- (nobody yet)\n" in text
    assert "Gaps to think about\n- There is no professional on your map yet." in text
    for idea in ideas():
        assert f"- {idea.title}: {idea.text}\n" in text
    assert "  A gentle caution: Some posts share wrong or scary information" in text
    covered = SupportMap((person("Sam", "person", "emotional", "practical"),))
    covered = covered.add(person("Dr Lee", "professional", "information"))
    assert "- Every kind of help has someone on your map.\n" in map_text(covered)


def test_names_stay_as_typed_in_the_file_and_the_words():
    payload = "<script>alert(1)</script>"
    hostile = SupportMap((person(payload),))
    assert f"- {payload}: emotional help" in map_text(hostile)
    assert f"{payload} (emotional help)" in describe_map(hostile)  # the figure escapes it


@pytest.mark.parametrize(
    ("section", "key", "fields"),
    [
        ("picture", "around", {"kinds", "names"}),
        ("picture", "supporter", {"name", "helps"}),
        ("picture", "none", {"kinds"}),
        ("messages", "added", {"name", "count"}),
        ("messages", "not_saved", {"error", "after"}),
        ("messages", "removed", {"name"}),
        ("page", "why", {"kind"}),
    ],
)
def test_the_templates_keep_the_placeholders_the_code_fills(section, key, fields):
    assert placeholders(word("support_map", section, key, language="en")) == fields
