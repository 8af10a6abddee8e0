"""The action plan (lesson 06): strategies, small goals, warning signs, people, crisis lines.

The plan is put together in the learner's kernel; the learner downloads it as a printable HTML
page or a Markdown file made in the browser. Learner text is escaped everywhere it is shown.
The plan (without crisis lines: the course adds the current ones when it is shown) is part of the
learner's record (widgets/views/my_record.py), written on every change that makes a valid plan:
kept in this browser when the learner chose that, and only in this page's kernel otherwise; never
on the server. A change that is not a valid plan yet, or that the record refuses, gets a message;
everything typed stays in its box. People beyond the page's rows (a record can hold up to 5) are
kept and shown in the plan. The page's words are in widgets/content/action_plan.toml; the
printable page, the Markdown file and the tips for goals come from
widgets/describers/action_plan.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import ipywidgets as ipw

from widgets.course_config import CourseConfig, course_settings
from widgets.describers.action_plan import smart_tips, to_html, to_markdown
from widgets.models.action_plan import (
    MAX_ITEMS,
    ActionPlan,
    default_title,
    goal_hint,
    sections,
    strategies,
)
from widgets.models.learner_record import LearnerRecord, SavedActionPlan
from widgets.ui.download import download_link
from widgets.ui.shared import CheckboxStyle, SharedStyles, TextStyle
from widgets.views.my_record import MyRecord, my_record
from widgets.words import word

PEOPLE_ROWS = 3
CONTENT = "action_plan"


def _say(section: str, key: str, **values: object) -> str:
    """One text from widgets/content/action_plan.toml, filled in (plain text, not HTML)."""
    return word(CONTENT, section, key).format(**values)


def note_html() -> str:
    """The note at the top: the plan stays on this device, and how to make and download it."""
    make = f"<em>{html.escape(_say('page', 'make'))}</em>"
    note = html.escape(word(CONTENT, "page", "note")).format(make=make)
    lead = html.escape(_say("page", "note_lead"))
    return f'<div class="btc-model-note"><p><strong>{lead}</strong> {note}</p></div>'


def _heading(text: str, more: str = "") -> str:
    """A part's heading, and a sentence of help under it (plain text; both escaped here)."""
    help_text = f"<p>{html.escape(more)}</p>" if more else ""
    return f"<h3 class='btc-sim-heading'>{html.escape(text)}</h3>{help_text}"


class ActionPlanTool(ipw.VBox):
    """Choose strategies, write goals and warning signs, list people; preview and download."""

    def __init__(self, config: CourseConfig | None = None, record: MyRecord | None = None) -> None:
        config = config or course_settings()
        self.record = record if record is not None else my_record()
        self._restoring = False
        self._not_kept = False  # the message says the plan was not saved
        #: People in the record beyond the page's rows: kept, and put in the plan.
        self._extra_people: tuple[tuple[str, str], ...] = ()
        self.crisis_lines = tuple(
            (line.name, f"{line.contact}. {line.note}" if line.note else line.contact)
            for line in config.crisis_lines
        )
        shared = SharedStyles()
        text_style = shared.style(TextStyle, description_width="initial")
        wide = shared.style(ipw.Layout, width="min(100%, 36rem)")
        area = shared.style(ipw.Layout, width="min(100%, 36rem)", height="6.5rem")

        def lines_box(part: str) -> ipw.Textarea:
            """A box for one part of the plan: one item per line, up to MAX_ITEMS."""
            return ipw.Textarea(
                continuous_update=False,
                description=_say("page", "lines_box", label=_say("page", part), most=MAX_ITEMS),
                placeholder=_say("page", f"{part}_example"),
                style=text_style,
                layout=area,
            )

        checkbox = {
            "indent": False,
            "layout": shared.style(ipw.Layout, width="min(100%, 36rem)"),
            "style": shared.style(CheckboxStyle),
        }
        self.title = ipw.Text(
            continuous_update=False,
            description=_say("page", "title"),
            value=default_title(),
            style=text_style,
            layout=wide,
        )
        self.reasons = lines_box("reasons")
        self.strategies = {
            key: ipw.Checkbox(value=False, description=label, **checkbox)
            for key, label in strategies().items()
        }
        self.goals = lines_box("goals")
        self.warning_signs = lines_box("warning_signs")
        self.helps = lines_box("helps")
        self.people: list[tuple[ipw.Text, ipw.Text]] = [
            (
                ipw.Text(
                    continuous_update=False,
                    description=_say("page", "person_name", number=i),
                    style=text_style,
                    layout=wide,
                ),
                ipw.Text(
                    continuous_update=False,
                    description=_say("page", "person_reach", number=i),
                    style=text_style,
                    layout=wide,
                ),
            )
            for i in range(1, PEOPLE_ROWS + 1)
        ]
        self.button = ipw.Button(
            description=_say("page", "make"),
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(ipw.ButtonStyle),
        )
        self.button.add_class("btc-check-button")
        self.button.on_click(lambda _b: self.make())
        self.message = shared.html("", "btc-live")
        self.preview = shared.html("")
        self.downloads = shared.html("")
        headings = dict(sections())
        super().__init__(
            [
                shared.html(note_html()),
                self.title,
                shared.html(_heading(headings["reasons"], _say("page", "reasons_help"))),
                self.reasons,
                shared.html(_heading(headings["strategies"])),
                *self.strategies.values(),
                shared.html(_heading(_say("page", "goals_heading"), goal_hint())),
                self.goals,
                shared.html(
                    _heading(headings["warning_signs"], _say("page", "warning_signs_help"))
                ),
                self.warning_signs,
                shared.html(_heading(headings["helps"], _say("page", "helps_help"))),
                self.helps,
                shared.html(_heading(headings["people_to_call"])),
                *[field for pair in self.people for field in pair],
                self.button,
                self.message,
                self.downloads,
                self.preview,
            ],
            layout=shared.layout,
        )
        self.add_class("btc-simulator")
        self.add_class("btc-action-plan")
        for widget in self._fields():
            widget.observe(self._changed, "value")
        self.record.on_change(self._from_record)
        self._from_record(self.record.record)

    def plan(self) -> ActionPlan:
        """The plan the fields describe (raises ValueError with a plain message)."""
        return ActionPlan(
            strategies=tuple(key for key, box in self.strategies.items() if box.value is True),
            goals=tuple(str(self.goals.value).splitlines()),
            warning_signs=tuple(str(self.warning_signs.value).splitlines()),
            reasons=tuple(str(self.reasons.value).splitlines()),
            helps=tuple(str(self.helps.value).splitlines()),
            people_to_call=tuple(
                (str(name.value), str(reach.value))
                for name, reach in self.people
                if str(name.value).strip() or str(reach.value).strip()
            )
            + self._extra_people,
            crisis_lines=self.crisis_lines,
        )

    def make(self) -> None:
        """Check the fields, show a preview and offer the downloads; on a problem, say what."""
        try:
            plan = self.plan()
            title = str(self.title.value)
            page = to_html(plan, title, dt.date.today())
            markdown = to_markdown(plan, title, dt.date.today())
        except ValueError as error:
            text = _say("messages", "still_here", error=error)
            self.message.value = f'<p class="btc-error">{html.escape(text)}</p>'
            return
        tips = [
            _say("tips", "goal", number=i, tip=tip)
            for i, goal in enumerate(plan.goals, 1)
            for tip in smart_tips(goal)
        ]
        self.message.value = f"<p>{html.escape(_say('messages', 'ready'))}</p>" + (
            f"<p>{html.escape(_say('messages', 'tips'))}</p><ul>"
            + "".join(f"<li>{html.escape(tip)}</li>" for tip in tips)
            + "</ul>"
            if tips
            else ""
        )
        self.downloads.value = (
            "<p>"
            + download_link("my-action-plan.html", page, _say("messages", "download_page"))
            + " · "
            + download_link("my-action-plan.md", markdown, _say("messages", "download_markdown"))
            + "</p>"
        )
        # The preview is the printable page itself, in a sandboxed frame: no scripts can run in
        # it, and all learner text in it was escaped by the exporter.
        summary = html.escape(_say("messages", "preview"))
        frame_title = html.escape(_say("messages", "preview_title"), quote=True)
        self.preview.value = (
            f'<details class="btc-model-details" open><summary>{summary}</summary>'
            f'<iframe class="btc-plan-preview" sandbox title="{frame_title}" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe></details>'
        )

    # --- the learner's record -------------------------------------------------------------------

    def _fields(self) -> list[ipw.ValueWidget]:
        return [
            self.title,
            self.reasons,
            *self.strategies.values(),
            self.goals,
            self.warning_signs,
            self.helps,
            *[field for pair in self.people for field in pair],
        ]

    def _changed(self, _change) -> None:
        """A learner's change: put the plan in the record (saved on the device if the learner
        chose that). A plan that is not valid yet, or a refusal, gets a message; nothing typed is
        changed."""
        if self._restoring:
            return
        try:
            plan = dataclasses.replace(self.plan(), crisis_lines=())
            title = str(self.title.value)
            empty = plan == type(plan)() and title.strip() == default_title()
            saved = None if empty else SavedActionPlan(plan, title, dt.date.today())
            current = self.record.record
            self.record.replace(dataclasses.replace(current, action_plan=saved))
            if self._not_kept:
                self.message.value = ""
                self._not_kept = False
        except ValueError as error:
            self._not_kept = True
            reason = str(error).strip()
            reason = reason if reason.endswith(".") else reason + "."
            text = _say("messages", "not_kept", error=reason)
            self.message.value = f'<p class="btc-error">{html.escape(text)}</p>'

    def _from_record(self, record: LearnerRecord) -> None:
        """The record arrived from the device, was restored or forgotten: show its plan."""
        saved = record.action_plan
        if saved is not None and self._shows(saved):
            return
        plan = saved.plan if saved is not None else None
        self._restoring = True
        try:
            self.title.value = saved.title if saved is not None else default_title()
            self.reasons.value = "\n".join(plan.reasons) if plan else ""
            for key, box in self.strategies.items():
                box.value = bool(plan) and key in plan.strategies
            self.goals.value = "\n".join(plan.goals) if plan else ""
            self.warning_signs.value = "\n".join(plan.warning_signs) if plan else ""
            self.helps.value = "\n".join(plan.helps) if plan else ""
            people = plan.people_to_call if plan else ()
            for i, (name, reach) in enumerate(self.people):
                name.value, reach.value = people[i] if i < len(people) else ("", "")
            self._extra_people = tuple(people[len(self.people) :])
        finally:
            self._restoring = False
        if saved is None:
            self.message.value = self.downloads.value = self.preview.value = ""

    def _shows(self, saved: SavedActionPlan) -> bool:
        """True when the fields already make `saved` (so they are left as typed)."""
        try:
            plan = dataclasses.replace(self.plan(), crisis_lines=())
            return (
                plan == saved.plan
                and SavedActionPlan(plan, str(self.title.value)).title == saved.title
            )
        except ValueError:
            return False


def action_plan() -> ActionPlanTool:
    """The action plan for lesson 06, with the course's crisis lines."""
    return ActionPlanTool()
