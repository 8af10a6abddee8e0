"""Lesson 04's three explorers by keyboard: each control redraws its picture and its narration."""

from __future__ import annotations

import pytest

from tests.browser import geometry
from tests.harness import wait_interactive

LESSON = "04_inside_the_body.ipynb"


def alt_text(page, root: str, index: int = 0) -> str:
    return page.locator(f"{root} .btc-alt").nth(index).inner_text()


def press_and_wait_for_change(page, handle_label: str, key: str, root: str, index: int = 0) -> str:
    before = alt_text(page, root, index)
    handle = page.locator(f"{root} .noUi-handle[aria-label='{handle_label}']")
    handle.focus()
    page.keyboard.press(key)
    page.wait_for_function(
        "([sel, i, old]) => document.querySelectorAll(sel)[i].innerText !== old",
        arg=[f"{root} .btc-alt", index, before],
        timeout=15_000,
    )
    return alt_text(page, root, index)


# --- the pain pathway scene: stories play moment by moment, predict first, pin -----------------

PAIN = ".btc-pain-signal"


def open_pain_scene(browser, voila_server, viewport: str):
    """Lesson 04 at one of the course's viewports, the pain pathway ready, console errors kept."""
    context = browser.new_context(**geometry.VIEWPORTS[viewport])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    page.wait_for_function(
        f"Array.from(document.querySelectorAll('{PAIN} .noUi-handle'))"
        ".every(h => h.getAttribute('aria-label'))"
    )
    return context, page, errors


def pain_press(page, locator, viewport: str) -> None:
    """A finger on a phone, a mouse on a laptop."""
    if viewport == "phone":
        locator.tap()
    else:
        locator.click()


def pain_moment(page) -> int:
    handle = page.locator(f"{PAIN} .noUi-handle[aria-label='Moment']")
    return round(float(handle.get_attribute("aria-valuenow")))


def pain_wait_for(page, selector: str, text: str, present: bool = True, timeout=15_000) -> None:
    page.wait_for_function(
        "([sel, text, present]) => { const el = document.querySelector(sel);"
        " return el && el.innerText.includes(text) === present; }",
        arg=[selector, text, present],
        timeout=timeout,
    )


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_pain_pathway_plays_a_story_pauses_and_pins(browser, voila_server, viewport):
    from widgets.describers.pain_signal import stories

    context, page, errors = open_pain_scene(browser, voila_server, viewport)
    sim = page.locator(PAIN)
    assert pain_moment(page) == 1
    assert "Moment 1 of 4" in sim.locator(".btc-moment-caption").inner_text()
    pain_press(page, sim.get_by_role("button", name="Play"), viewport)
    page.wait_for_function(
        f"() => +document.querySelector(\"{PAIN} .noUi-handle[aria-label='Moment']\")"
        ".getAttribute('aria-valuenow') >= 2",
        timeout=15_000,
    )
    pain_wait_for(page, f"{PAIN} .btc-narration", "Playing")
    pain_wait_for(page, f"{PAIN} .btc-alt", "Playing")
    pain_press(page, sim.get_by_role("button", name="Pause"), viewport)
    sim.get_by_role("button", name="Play").wait_for()
    stopped = pain_moment(page)
    assert 2 <= stopped <= 4
    page.wait_for_timeout(1500)
    assert pain_moment(page) == stopped  # paused: no more steps
    pain_wait_for(page, f"{PAIN} .btc-moment-caption", f"Moment {stopped} of 4")
    pain_wait_for(page, f"{PAIN} .btc-alt", "Playing", present=False)  # the words catch up
    pain_wait_for(page, f"{PAIN} .btc-narration", "Since the moment before")

    pain_press(page, sim.get_by_role("button", name="Pin this moment"), viewport)
    label = f"A stubbed toe, moment {stopped}"
    pain_wait_for(page, f"{PAIN} .btc-alt", f"Pinned ({label})")
    grey = page.evaluate(  # the pinned numbers and the grey key, drawn and on screen
        "root => [...document.querySelectorAll(`${root} svg text[fill='#595959']`)]"
        ".filter(t => t.getBoundingClientRect().width > 0).map(t => t.textContent).join(' ')",
        PAIN,
    )
    pinned = stories()["A stubbed toe"].signal(stopped - 1).reaching_brain
    assert f"Grey = Pinned: {label}." in grey and f"pinned {pinned:.1f}" in grey
    sim.locator(".noUi-handle[aria-label='Moment']").focus()
    page.keyboard.press("Home")  # back to the ordinary day: louder than the pinned moment
    pain_wait_for(page, f"{PAIN} .btc-alt", "Compared with the pinned moment")
    assert "higher" in sim.locator(".btc-alt").inner_text()
    pain_press(page, sim.get_by_role("button", name="Clear pin"), viewport)
    pain_wait_for(page, f"{PAIN} .btc-alt", "Pinned", present=False)
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_pain_pathway_asks_first_and_answers_from_the_model(browser, voila_server, viewport):
    from widgets.describers.pain_signal import stories

    week = stories()["A hard week"]
    before, after = week.signal(0).reaching_brain, week.signal(3).reaching_brain
    context, page, errors = open_pain_scene(browser, voila_server, viewport)
    sim = page.locator(PAIN)
    sim.get_by_label("Start from a story").select_option("A hard week")
    question = sim.locator(".btc-predict .btc-question")
    question.wait_for()
    assert "Stress goes up, sleep gets short" in question.inner_text()
    box, play = question.bounding_box(), sim.get_by_role("button", name="Play").bounding_box()
    assert 0 < play["y"] - box["y"] < 500  # the question sits just above Play, also on a phone
    pain_press(page, sim.get_by_role("radio", name="It gets stronger"), viewport)
    pain_press(page, sim.get_by_role("button", name="Show me"), viewport)
    feedback = f"{PAIN} .btc-predict .btc-live"
    pain_wait_for(page, feedback, "Your guess: It gets stronger")
    pain_wait_for(page, feedback, "The model agrees", timeout=30_000)  # after the last moment
    assert f"from {before:.1f} out of 10 at moment 1 to {after:.1f}" in page.inner_text(feedback)
    assert pain_moment(page) == 4
    pain_press(page, sim.get_by_role("button", name="Close"), viewport)
    question.wait_for(state="detached")
    assert errors == []
    context.close()


def test_each_explorer_answers_the_keyboard(page, voila_server):
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.btc-simulator .noUi-handle'))"
        ".every(h => h.getAttribute('aria-label'))"
    )
    text = press_and_wait_for_change(
        page, "Rubbing the sore spot (0 none – 10 firm)", "End", ".btc-pain-signal"
    )
    assert "Rubbing closes the gate" in text
    assert page.locator(".btc-pain-signal svg.btc-svg").count() == 1

    text = press_and_wait_for_change(
        page, "Medicine strength (0 none – 100 full dose)", "Home", ".btc-synapse", 1
    )
    assert "No medicine" in text

    page.locator(".btc-stress select").focus()
    page.keyboard.press("Home")  # "A calm stretch"
    page.wait_for_function(
        "document.querySelector('.btc-stress .btc-narration').innerText.includes('no extra stress')"
    )
    page.keyboard.press("ArrowDown")  # "A hard day"
    # The chart's own text (not only the narration) must show the story before the next key.
    page.wait_for_function(
        "document.querySelector('.btc-stress .btc-alt').innerText.includes('size 8 for 1 day')"
    )
    text = press_and_wait_for_change(page, "How long it lasts (days)", "End", ".btc-stress")
    assert "has not come back" in text  # a size-8 stress for 100 days leaves it switched


# --- the synapse and stress scenes: play, predict first, pin (phone and laptop) -----------------

import pytest  # noqa: E402

from tests.browser.geometry import VIEWPORTS  # noqa: E402

SCENES = {"synapse": ".btc-synapse", "stress": ".btc-stress"}


def open_lesson(browser, voila_server, viewport: str):
    """Lesson 04 at one of the course's viewports, its scenes ready, console errors kept."""
    context = browser.new_context(**VIEWPORTS[viewport])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(voila_server.lesson_url(LESSON))
    wait_interactive(page)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.btc-simulator .noUi-handle'))"
        ".every(h => h.getAttribute('aria-label'))"
    )
    return context, page, errors


def press(page, locator, viewport: str) -> None:
    """A finger on a phone, a mouse on a laptop."""
    if viewport == "phone":
        locator.tap()
    else:
        locator.click()


def scene_day(page, root: str) -> int:
    handle = page.locator(f"{root} .noUi-handle[aria-label='Day']")
    return round(float(handle.get_attribute("aria-valuenow")))


def wait_for_text(page, selector: str, text: str, timeout: float = 15_000) -> None:
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return el && el.innerText.includes(text); }",
        arg=[selector, text],
        timeout=timeout,
    )


def pinned_legend_is_drawn(page, root: str, text: str) -> bool:
    """A legend entry with `text` in a chart picture that is on screen (of its two versions)."""
    return page.evaluate(
        "([root, text]) => [...document.querySelectorAll(`${root} .btc-scene-stage svg text`)]"
        ".some(t => t.textContent === text && t.getBoundingClientRect().width > 0)",
        [root, text],
    )


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_stress_scene_plays_day_by_day_and_pauses(browser, voila_server, viewport):
    context, page, errors = open_lesson(browser, voila_server, viewport)
    root = SCENES["stress"]
    sim = page.locator(root)
    assert scene_day(page, root) == 119
    press(page, sim.get_by_role("button", name="Play"), viewport)  # on the last day: from day 0
    page.wait_for_function(
        f"() => {{ const v = +document.querySelector(\"{root} .noUi-handle[aria-label='Day']\")"
        ".getAttribute('aria-valuenow'); return v >= 4 && v < 119; }",
        timeout=15_000,
    )
    wait_for_text(page, f"{root} .btc-narration", "Playing")
    assert pinned_legend_is_drawn(page, root, "Your stress")
    press(page, sim.get_by_role("button", name="Pause"), viewport)
    sim.get_by_role("button", name="Play").wait_for()
    stopped = scene_day(page, root)
    assert 4 <= stopped < 119
    page.wait_for_timeout(1000)
    assert scene_day(page, root) == stopped
    wait_for_text(page, f"{root} .btc-narration", f"Day {stopped}.")  # the words catch up
    wait_for_text(page, f"{root} .btc-alt", f"day 0 to day {stopped}")
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_synapse_asks_first_and_answers_from_the_model(browser, voila_server, viewport):
    context, page, errors = open_lesson(browser, voila_server, viewport)
    root = SCENES["synapse"]
    sim = page.locator(root)
    press(page, sim.get_by_role("button", name="Play"), viewport)  # the first Play asks first
    question = sim.locator(".btc-predict .btc-question")
    question.wait_for()
    assert "How long until the mood effect gets half way" in question.inner_text()
    assert scene_day(page, root) == 0
    box, play = question.bounding_box(), sim.get_by_role("button", name="Play").bounding_box()
    assert 0 < box["y"] - play["y"] < 400  # the question comes by Play, also on a phone
    press(page, sim.get_by_role("radio", name="A few weeks"), viewport)
    press(page, sim.get_by_role("button", name="Show me"), viewport)
    feedback = sim.locator(".btc-predict .btc-live")
    wait_for_text(page, f"{root} .btc-predict .btc-live", "Your guess: A few weeks")
    page.wait_for_function(
        f"() => +document.querySelector(\"{root} .noUi-handle[aria-label='Day']\")"
        ".getAttribute('aria-valuenow') >= 3",
        timeout=15_000,
    )
    press(page, sim.get_by_role("button", name="Pause"), viewport)  # then to the end by keyboard
    sim.locator(".noUi-handle[aria-label='Day']").focus()
    page.keyboard.press("End")
    wait_for_text(page, f"{root} .btc-predict .btc-live", "The model agrees", 30_000)
    assert "mood effect got half way on day" in feedback.inner_text()
    press(page, sim.get_by_role("button", name="Close"), viewport)
    question.wait_for(state="detached")
    assert errors == []
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_pinning_a_run_keeps_it_in_the_chart(browser, voila_server, viewport):
    context, page, errors = open_lesson(browser, voila_server, viewport)
    for name, legend in (("synapse", "Pinned: pain relief"), ("stress", "Pinned: Months of pain")):
        root = SCENES[name]
        sim = page.locator(root)
        press(page, sim.get_by_role("button", name="Pin this run"), viewport)
        page.wait_for_function(  # in the text alternative of the chart it is drawn in
            "root => [...document.querySelectorAll(`${root} .btc-alt`)]"
            ".some(el => el.innerText.includes('Pinned run'))",
            arg=root,
        )
        page.wait_for_function(
            "([root, text]) => [...document.querySelectorAll(`${root} svg text`)]"
            ".some(t => t.textContent === text)",
            arg=[root, legend],
        )
        assert pinned_legend_is_drawn(page, root, legend)
        press(page, sim.get_by_role("button", name="Clear pin"), viewport)
        page.wait_for_function(
            "root => ![...document.querySelectorAll(`${root} .btc-alt`)]"
            ".some(el => el.innerText.includes('Pinned'))",
            arg=root,
        )
    assert errors == []
    context.close()
