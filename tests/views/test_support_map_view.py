"""The support map tool: add and remove supporters, see the list, picture, gaps and ideas; bad
entries keep what was typed; names are escaped in HTML and SVG; the download holds the map."""

from __future__ import annotations

import base64
import re

import pytest

from widgets.models.support_map import MAX_SUPPORTERS, ideas
from widgets.views.support_map import SupportMapTool, map_svg, support_map

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def downloaded(tool: SupportMapTool) -> str:
    match = re.search(r'href="data:text/plain;charset=utf-8;base64,([^"]+)"', tool.download.value)
    assert match, tool.download.value
    return base64.b64decode(match.group(1)).decode("utf-8")


def add(tool: SupportMapTool, name: str, kind: str = "person", *helps: str) -> None:
    tool.name.value = name
    tool.kind.value = kind
    for key, box in tool.helps.items():
        box.value = key in helps
    tool.add_button.click()


@pytest.fixture
def tool():
    return support_map()


def test_starts_empty_with_a_kind_note_a_picture_and_ideas(tool):
    assert isinstance(tool, SupportMapTool)
    assert "Nobody is on your map yet" in tool.table.value
    assert "Only you are on the map" in tool.picture.text
    assert ">You</text>" in tool.picture._plot.value
    assert "Your map is empty so far" in tool.gaps.value
    assert tool.remove_choice.options == ()
    page = "".join(child.value for child in tool.children if hasattr(child, "value"))
    assert "Names stay on this device" in page
    assert all(idea.title in page for idea in ideas())
    assert "A gentle caution" in page
    assert "(nobody yet)" in downloaded(tool)
    for control in (tool.name, tool.kind, tool.remove_choice, *tool.helps.values()):
        assert control.description.strip()


def test_adding_people_fills_the_list_picture_gaps_and_download(tool):
    add(tool, "Aunt May", "person", "practical", "emotional")
    assert "Added Aunt May" in tool.message.value
    assert tool.name.value == "" and not any(b.value for b in tool.helps.values())
    add(tool, "Walking group", "group", "emotional")
    add(tool, "Dr Lee", "professional", "information")
    assert "Aunt May" in tool.table.value and "A professional" in tool.table.value
    assert tool.remove_choice.options == ("Aunt May", "Walking group", "Dr Lee")
    assert "People around you: Aunt May (practical help, emotional help)." in tool.picture.text
    assert "Groups around you: Walking group (emotional help)." in tool.picture.text
    assert "Aunt May</text>" in tool.picture._plot.value
    assert "every kind of help has someone" in tool.gaps.value.lower()
    text = downloaded(tool)
    assert "People\n- Aunt May: practical help, emotional help\n" in text
    assert "Professionals\n- Dr Lee: information\n" in text


def test_gaps_name_the_missing_kinds_of_help(tool):
    add(tool, "Sam", "person", "emotional")
    assert "practical help yet" in tool.gaps.value and "no professional" in tool.gaps.value
    assert "practical help yet" in downloaded(tool)


def test_remove_takes_the_chosen_supporter_off(tool):
    add(tool, "Sam", "person", "emotional")
    add(tool, "Jo", "person", "practical")
    tool.remove_choice.value = "Sam"
    tool.remove_button.click()
    assert "Took Sam off your map" in tool.message.value
    assert tool.remove_choice.options == ("Jo",) and "Sam" not in tool.table.value
    assert "Sam" not in downloaded(tool)


def test_remove_on_an_empty_map_says_so(tool):
    tool.remove_button.click()
    assert "nobody on your map to remove" in tool.message.value
    assert "btc-error" in tool.message.value


@pytest.mark.parametrize(
    ("name", "helps", "message"),
    [
        ("", ("emotional",), "Please write a name"),
        ("   ", ("emotional",), "Please write a name"),
        ("x" * 61, ("emotional",), "up to 60 characters"),
        ("Sam", (), "at least one way Sam helps"),
    ],
)
def test_a_refused_entry_says_why_and_keeps_what_was_typed(tool, name, helps, message):
    add(tool, "Jo", "person", "practical")
    before = downloaded(tool)
    add(tool, name, "group", *helps)
    assert message in tool.message.value and "btc-error" in tool.message.value
    assert "What you typed is still here" in tool.message.value
    assert tool.name.value == name and tool.kind.value == "group"
    assert [k for k, b in tool.helps.items() if b.value] == list(helps)
    assert len(tool.support_map) == 1 and downloaded(tool) == before


def test_a_name_already_on_the_map_is_refused(tool):
    add(tool, "Sam", "person", "emotional")
    add(tool, "SAM", "person", "practical")
    assert "already on your map" in tool.message.value and tool.name.value == "SAM"


def test_the_map_is_full_at_thirty(tool):
    for i in range(MAX_SUPPORTERS):
        add(tool, f"Friend {i}", ("person", "group", "professional")[i % 3], "emotional")
    assert len(tool.support_map) == MAX_SUPPORTERS
    assert map_svg(tool.support_map).count("</text>") >= MAX_SUPPORTERS + 4
    add(tool, "One more", "person", "emotional")
    assert "room for 30" in tool.message.value and tool.name.value == "One more"


def test_an_unknown_kind_from_the_browser_is_refused(tool):
    tool.name.value = "Sam"
    tool.helps["emotional"].value = True
    tool.kind.options = [("A pet", "pet")]  # as if a browser sent a kind the model does not know
    tool.add_button.click()
    assert "kind must be one of" in tool.message.value and tool.name.value == "Sam"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_names_are_escaped_in_every_output_and_plain_in_the_download(tool, payload):
    add(tool, payload, "person", "emotional")
    add(tool, payload.upper(), "group", "emotional")  # refused as a repeat: quoted in the message
    assert "already on your map" in tool.message.value
    shown = "".join(
        [
            tool.message.value,
            tool.table.value,
            tool.picture._plot.value,
            tool.picture._text.value,
            tool.gaps.value,
        ]
    )
    assert "<img" not in shown.lower() and "<script" not in shown.lower()
    escaped = payload.replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in tool.table.value and escaped in tool.picture._text.value
    assert "&lt;" in tool.picture._plot.value  # the SVG label is escaped (and maybe shortened)
    assert tool.remove_choice.options == (payload,)  # option labels are set as text, not HTML
    assert f"- {payload}: emotional help" in downloaded(tool)
    tool.remove_button.click()
    assert escaped in tool.message.value and payload not in tool.message.value


# ---- the learner's record (widgets/views/my_record.py) ------------------------------------------


def test_the_map_is_kept_on_the_device_and_comes_back_on_the_next_page():
    from tests.views.fake_browser import KEY, FakeBrowser
    from widgets.models.learner_record import parse_text

    browser = FakeBrowser(page="05_support.ipynb")
    panel = browser.open()
    panel.choose_keep()
    tool = SupportMapTool(panel)
    add(tool, "Jo", "person", "emotional")
    add(tool, "Pain clinic", "professional", "information")
    kept = parse_text(browser.local[KEY]).record.support_map
    assert [s.name for s in kept.supporters] == ["Jo", "Pain clinic"]
    tool.remove_choice.value = "Jo"
    tool.remove_button.click()
    assert [s.name for s in parse_text(browser.local[KEY]).record.support_map.supporters] == [
        "Pain clinic"
    ]
    again = SupportMapTool(browser.open())
    assert [s.name for s in again.support_map.supporters] == ["Pain clinic"]
    assert "Pain clinic" in again.table.value


def test_without_keep_nothing_is_stored():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    tool = SupportMapTool(browser.open())
    add(tool, "Jo", "person", "practical")
    assert browser.local == {} and len(tool.record.record.support_map) == 1


def test_forget_clears_the_map():
    from tests.views.fake_browser import FakeBrowser

    browser = FakeBrowser()
    panel = browser.open()
    panel.choose_keep()
    tool = SupportMapTool(panel)
    add(tool, "Jo", "person", "practical")
    panel.forget()
    assert len(tool.support_map) == 0 and "Nobody is on your map yet" in tool.table.value


def test_a_map_the_record_refuses_gets_a_message_and_keeps_what_was_typed(monkeypatch):
    from tests.views.fake_browser import FakeBrowser

    tool = SupportMapTool(FakeBrowser().open())

    def refuse(_record):
        raise ValueError("support_map must be a SupportMap.")

    monkeypatch.setattr(tool.record, "replace", refuse)
    add(tool, "Jo", "person", "practical")
    assert "not saved" in tool.message.value and "SupportMap" in tool.message.value
    assert tool.name.value == "Jo" and tool.helps["practical"].value is True
    assert len(tool.support_map) == 0
