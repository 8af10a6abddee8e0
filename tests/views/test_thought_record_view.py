"""The thought record tool: steps fill a checked record, bad input keeps what was typed, learner
text is escaped in every output, worked examples load and undo, the download holds the record."""

from __future__ import annotations

import base64
import re

import pytest

from widgets.models.thought_record import thinking_traps, worked_examples
from widgets.views.thought_record import ThoughtRecordTool, thought_record

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def downloaded(tool: ThoughtRecordTool) -> str:
    match = re.search(r'href="data:text/plain;charset=utf-8;base64,([^"]+)"', tool.download.value)
    assert match, tool.download.value
    return base64.b64decode(match.group(1)).decode("utf-8")


def every_output(tool: ThoughtRecordTool) -> str:
    return "".join([tool.message.value, tool.summary.value, *(h.value for h in tool.after_names)])


@pytest.fixture
def tool():
    return thought_record()


def test_starts_empty_with_a_download_and_every_control_labelled(tool):
    assert isinstance(tool, ThoughtRecordTool)
    assert tool.message.value == "" and tool.summary.value == ""
    assert "(left blank)" in downloaded(tool)
    assert 'download="my-thought-record.txt"' in tool.download.value
    controls = [
        *tool.texts.values(),
        *tool.feeling_names,
        *tool.before,
        *tool.after,
        *tool.traps.values(),
        tool.example,
    ]
    assert all(c.description.strip() for c in controls)
    assert len({c.description for c in controls}) == len(controls)  # unique accessible names
    assert {c.description for c in tool.traps.values()} == {
        t.name for t in thinking_traps().values()
    }
    assert "btc-live" in tool.message._dom_classes


def test_filling_the_steps_gives_a_summary_with_the_change_in_feelings(tool):
    tool.texts["situation"].value = "I tried to hang the washing\nand my back flared"
    tool.texts["automatic_thought"].value = "I can't do anything any more"
    tool.feeling_names[0].value = "sad"
    tool.before[0].value = 80
    assert tool.after[0].value == 80  # the re-rate slider starts where the feeling was
    tool.feeling_names[1].value = "angry"
    tool.before[1].value = 60
    tool.traps["all_or_nothing"].value = True
    tool.texts["evidence_against"].value = "I did the dishes this morning"
    tool.texts["balanced_thought"].value = "I can do some things, in smaller steps"
    tool.after[0].value = 50
    tool.show_button.click()
    assert "Your record is shown below" in tool.message.value
    summary = tool.summary.value
    assert "<p>I tried to hang the washing</p><p>and my back flared</p>" in summary
    assert "I can&#x27;t do anything any more" in summary
    assert "<strong>sad</strong>: 80 before, 50 after: down by 30." in summary
    assert "<strong>angry</strong>: 60 before. Not re-rated yet" in summary
    assert "All-or-nothing thinking" in summary
    assert "will not take the pain away" in summary  # honest about what it can do
    text = downloaded(tool)
    assert "- sad: 80 before, 50 after" in text and "- angry: 60 before\n" in text
    assert "- All-or-nothing thinking" in text
    assert "  I can do some things, in smaller steps" in text
    assert "<strong>sad</strong> (was 80)" in tool.after_names[0].value


def test_the_summary_follows_later_changes_once_shown(tool):
    tool.show_button.click()
    assert "(left blank)" in tool.summary.value and "step 7" in tool.summary.value
    tool.texts["situation"].value = "A long car trip"
    assert "A long car trip" in tool.summary.value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_learner_text_is_escaped_everywhere_and_kept_as_typed_in_the_download(tool, payload):
    for box in tool.texts.values():
        box.value = payload
    tool.feeling_names[0].value = payload
    tool.after[0].value = 10
    tool.show_button.click()
    shown = every_output(tool)
    assert payload not in shown and "<img" not in shown and "<script" not in shown
    assert payload.replace("<", "&lt;").replace(">", "&gt;") in tool.summary.value
    assert payload.replace("<", "&lt;").replace(">", "&gt;") in tool.after_names[0].value
    assert payload in downloaded(tool)  # a .txt file: plain text, as typed


def test_too_long_an_answer_names_the_box_and_loses_nothing(tool):
    tool.texts["situation"].value = "My hip ached on the stairs"
    tool.feeling_names[0].value = "worried"
    before = downloaded(tool)
    long = "x" * 1001
    tool.texts["evidence_for"].value = long
    assert "btc-error" in tool.message.value
    assert "For the thought" in tool.message.value and "1000 characters" in tool.message.value
    assert "Everything you typed is still here" in tool.message.value
    assert tool.texts["evidence_for"].value == long
    assert tool.texts["situation"].value == "My hip ached on the stairs"
    assert downloaded(tool) == before  # the last good record is kept
    tool.texts["evidence_for"].value = "x" * 1000
    assert tool.message.value == ""
    assert "x" * 1000 in downloaded(tool)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["sad", "SAD"], "in the list twice"),
        (["w" * 41], "up to 40 characters"),
    ],
)
def test_bad_feeling_names_give_a_message_and_keep_every_field(tool, names, message):
    tool.texts["automatic_thought"].value = "This will never end"
    for box, name in zip(tool.feeling_names, names, strict=False):
        box.value = name
    assert message in tool.message.value and "btc-error" in tool.message.value
    assert [b.value for b in tool.feeling_names[: len(names)]] == names
    assert tool.texts["automatic_thought"].value == "This will never end"
    assert "This will never end" in downloaded(tool)


def test_a_rating_the_browser_pushes_past_the_range_is_refused_by_the_model(tool):
    tool.feeling_names[0].value = "low"
    tool.before[0].max = 500  # as if a browser sent a value outside 0 to 100
    tool.before[0].value = 300
    assert "must be from 0 to 100, but it is 300" in tool.message.value
    assert tool.feeling_names[0].value == "low"
    tool.before[0].value = 40
    assert tool.message.value == ""


def test_a_worked_example_fills_every_step_and_undo_brings_back_own_words(tool):
    tool.texts["situation"].value = "My own words"
    tool.feeling_names[0].value = "tired"
    name = "Stopping halfway through the weeding"
    tool.example.value = name
    tool.load_button.click()
    example = worked_examples()[name]
    assert tool.texts["situation"].value == example.situation
    assert [b.value for b in tool.feeling_names] == ["frustrated", "ashamed", ""]
    assert [s.value for s in tool.after[:2]] == [45, 25]
    assert {k for k, box in tool.traps.items() if box.value} == set(example.traps)
    assert "Loaded the worked example" in tool.message.value and "Undo" in tool.message.value
    assert tool.undo_button.layout.display is None  # shown
    tool.show_button.click()
    assert "down by 40" in tool.summary.value
    tool.undo_button.click()
    assert tool.texts["situation"].value == "My own words"
    assert tool.feeling_names[0].value == "tired"
    assert tool.undo_button.layout.display == "none"


def test_clear_empties_every_step_and_undo_restores_it(tool):
    tool.load_example("A new ache in my shoulder")
    tool.after[0].value = 20
    tool.clear_button.click()
    assert all(box.value == "" for box in tool.texts.values())
    assert all(box.value == "" for box in tool.feeling_names)
    assert not any(box.value for box in tool.traps.values())
    assert tool.summary.value == "" and "Cleared" in tool.message.value
    assert "(left blank)" in downloaded(tool)
    tool.undo_button.click()
    assert tool.feeling_names[0].value == "scared" and tool.after[0].value == 20
    assert "shoulder" in downloaded(tool)
    tool.undo_button.click()  # one step further back: the empty start needs no undo
    assert "nothing to undo" in tool.message.value


def test_an_unknown_example_name_is_refused_plainly(tool):
    tool.load_example("<b>nope</b>")
    assert "btc-error" in tool.message.value and "<b>" not in tool.message.value


# ---- the learner's list of kept records (widgets/views/my_record.py) ---------------------------


def test_a_kept_record_is_on_the_device_and_opens_again_on_the_next_page():
    from tests.views.fake_browser import KEY, FakeBrowser, stored_record
    from widgets.models.learner_record import parse_text
    from widgets.views.thought_record import ThoughtRecordTool

    browser = FakeBrowser()
    panel = browser.open()
    panel.choose_keep()
    tool = ThoughtRecordTool(panel)
    tool.texts["situation"].value = '<b>Back</b> stiff "again" at 6 am'
    tool.texts["balanced_thought"].value = "Mornings are hard; they often ease by noon."
    tool.keep_button.click()
    stored = parse_text(browser.local[KEY]).record.thought_records
    assert [x.record.situation for x in stored] == ['<b>Back</b> stiff "again" at 6 am']
    assert "Kept, with today&#x27;s date" in tool.saved_message.value
    tool.keep_button.click()
    assert "already in your list" in tool.saved_message.value
    assert len(parse_text(browser.local[KEY]).record.thought_records) == 1
    later = ThoughtRecordTool(browser.open())
    label, index = later.saved_choice.options[0]
    assert label.endswith(': <b>Back</b> stiff "again" at 6 am') and index == 0
    later.open_saved(index)
    assert later.texts["balanced_thought"].value.startswith("Mornings are hard")
    later.remove_saved(0)
    assert later.saved_choice.options == () and later.open_button.disabled
    assert stored_record(browser.local).thought_records == ()


def test_an_empty_record_is_not_kept_and_a_bad_choice_from_the_browser_is_refused():
    from tests.views.fake_browser import FakeBrowser
    from widgets.views.thought_record import ThoughtRecordTool

    tool = ThoughtRecordTool(FakeBrowser().open())
    tool.keep_button.click()
    assert "Write something" in tool.saved_message.value
    assert tool.learner.record.thought_records == ()
    for bad in (None, 5, "0", True):
        tool.open_saved(bad)
        assert "Choose a record" in tool.saved_message.value


def test_forget_empties_the_list_but_not_the_steps():
    from tests.views.fake_browser import FakeBrowser
    from widgets.views.thought_record import ThoughtRecordTool

    panel = FakeBrowser().open()
    tool = ThoughtRecordTool(panel)
    tool.texts["situation"].value = "A long drive"
    tool.keep_button.click()
    assert len(tool.saved_choice.options) == 1
    panel.forget()
    assert tool.saved_choice.options == () and tool.texts["situation"].value == "A long drive"


def test_the_page_words_come_from_the_content_file_and_name_the_real_buttons(tool):
    from widgets.words import word

    def html_of(widget) -> str:
        own = widget.value if isinstance(getattr(widget, "value", None), str) else ""
        return own + "".join(html_of(child) for child in getattr(widget, "children", ()))

    page = html_of(tool)
    assert "<strong>A thought record helps you slow down a painful thought" in page
    keep = word("kept_lists", "thought_records", "keep")
    assert (
        f"Press <em>{keep}</em> to add it to your list" in page
        and tool.keep_button.description == keep
    )
    assert f"The <strong>{word('chrome', 'help', 'button')}</strong> button" in page
    assert "then press <strong>Clear</strong> to write your own" in page
    assert tool.clear_button.description == "Clear" and tool.undo_button.description == "Undo"
    assert '<span class="btc-visually-hidden"> of Catastrophising</span>' in page
    assert "“My back hurts more today." in page
    assert "Step 7. Re-rate your feelings" in page
    assert [box.placeholder for box in tool.feeling_names] == [
        "for example: sad",
        "for example: worried",
        "for example: scared",
    ]
