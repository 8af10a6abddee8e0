"""The action plan (lesson 06): strategies, small goals, warning signs, people, crisis lines.

The plan is put together in the learner's kernel; the learner downloads it as a printable HTML
page or a Markdown file made in the browser. Learner text is escaped everywhere it is shown.
The plan (without crisis lines: the course adds the current ones when it is shown) is part of the
learner's record (widgets/views/my_record.py), written on every change that makes a valid plan:
kept in this browser when the learner chose that, and only in this page's kernel otherwise; never
on the server. A change that is not a valid plan yet, or that the record refuses, gets a message;
everything typed stays in its box. People beyond the page's rows (a record can hold up to 5) are
kept and shown in the plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import ipywidgets as ipw

from widgets.course_config import CourseConfig, course_settings
from widgets.models.action_plan import (
    DEFAULT_TITLE,
    GOAL_HINT,
    MAX_ITEMS,
    STRATEGIES,
    ActionPlan,
    smart_tips,
    to_html,
    to_markdown,
)
from widgets.models.learner_record import LearnerRecord, SavedActionPlan
from widgets.ui.download import download_link
from widgets.ui.shared import CheckboxStyle, SharedStyles, TextStyle
from widgets.views.my_record import MyRecord, my_record

PEOPLE_ROWS = 3
NOTE = (
    '<div class="btc-model-note"><p><strong>Your plan stays on this device.</strong> Nothing '
    "is sent to the server. If you chose to keep your answers on this device (at the top of the "
    "page), your plan is kept in this browser. Press <em>Make my plan</em>, then download it as a "
    "page you can print, or as a plain text (Markdown) file. The crisis lines for your area are "
    "added for you.</p></div>"
)
NOT_KEPT = "Your plan was not saved: {error} Everything you typed is still here."


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

        def lines_box(label: str, example: str) -> ipw.Textarea:
            """A box for one part of the plan: one item per line, up to MAX_ITEMS."""
            return ipw.Textarea(
                continuous_update=False,
                description=f"{label} (one per line, up to {MAX_ITEMS})",
                placeholder=example,
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
            description="Title of my plan",
            value="My action plan",
            style=text_style,
            layout=wide,
        )
        self.reasons = lines_box("My reasons", "Play with my grandchildren; get back to the garden")
        self.strategies = {
            key: ipw.Checkbox(value=False, description=label, **checkbox)
            for key, label in STRATEGIES.items()
        }
        self.goals = lines_box(
            "My goals", "Walk to the end of the road and back after lunch, 3 days a week"
        )
        self.warning_signs = lines_box(
            "Warning signs", "Staying in bed late; skipping meals; not answering friends"
        )
        self.helps = lines_box(
            "What helps then", "A short walk; calling my sister; my breathing guide"
        )
        self.people: list[tuple[ipw.Text, ipw.Text]] = [
            (
                ipw.Text(
                    continuous_update=False,
                    description=f"Person {i} name",
                    style=text_style,
                    layout=wide,
                ),
                ipw.Text(
                    continuous_update=False,
                    description=f"Person {i}: how to reach them",
                    style=text_style,
                    layout=wide,
                ),
            )
            for i in range(1, PEOPLE_ROWS + 1)
        ]
        self.button = ipw.Button(
            description="Make my plan",
            layout=shared.style(ipw.Layout, width="auto"),
            style=shared.style(ipw.ButtonStyle),
        )
        self.button.add_class("btc-check-button")
        self.button.on_click(lambda _b: self.make())
        self.message = shared.html("", "btc-live")
        self.preview = shared.html("")
        self.downloads = shared.html("")
        super().__init__(
            [
                shared.html(NOTE),
                self.title,
                shared.html(
                    "<h3 class='btc-sim-heading'>1. My reasons</h3><p>Why do you want things to "
                    "change? Your reasons keep you going when a step feels hard.</p>"
                ),
                self.reasons,
                shared.html("<h3 class='btc-sim-heading'>2. My steps: ways I will step in</h3>"),
                *self.strategies.values(),
                shared.html(
                    f"<h3 class='btc-sim-heading'>2. My steps: small goals</h3>"
                    f"<p>{html.escape(GOAL_HINT)}</p>"
                ),
                self.goals,
                shared.html(
                    "<h3 class='btc-sim-heading'>3. My warning signs</h3><p>What tells you things "
                    "are slipping? Noticing early makes it easier to act.</p>"
                ),
                self.warning_signs,
                shared.html(
                    "<h3 class='btc-sim-heading'>4. What helps then</h3><p>When you notice a "
                    "warning sign, what could you do?</p>"
                ),
                self.helps,
                shared.html("<h3 class='btc-sim-heading'>5. Who I can call</h3>"),
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
            self.message.value = (
                f'<p class="btc-error">{html.escape(str(error))} Everything you typed is still '
                "here.</p>"
            )
            return
        tips = [
            f"Goal {i}: {tip}" for i, goal in enumerate(plan.goals, 1) for tip in smart_tips(goal)
        ]
        self.message.value = "<p>Your plan is ready. Download it below.</p>" + (
            "<p>Ideas to make your goals clearer:</p><ul>"
            + "".join(f"<li>{html.escape(tip)}</li>" for tip in tips)
            + "</ul>"
            if tips
            else ""
        )
        self.downloads.value = (
            "<p>"
            + download_link("my-action-plan.html", page, "Download my plan (page to print)")
            + " · "
            + download_link("my-action-plan.md", markdown, "Download my plan (Markdown text)")
            + "</p>"
        )
        # The preview is the printable page itself, in a sandboxed frame: no scripts can run in
        # it, and all learner text in it was escaped by the exporter.
        self.preview.value = (
            '<details class="btc-model-details" open><summary>Preview my plan</summary>'
            f'<iframe class="btc-plan-preview" sandbox title="Preview of my plan" '
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
            empty = plan == type(plan)() and title.strip() == DEFAULT_TITLE
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
            self.message.value = (
                f'<p class="btc-error">{html.escape(NOT_KEPT.format(error=reason))}</p>'
            )

    def _from_record(self, record: LearnerRecord) -> None:
        """The record arrived from the device, was restored or forgotten: show its plan."""
        saved = record.action_plan
        if saved is not None and self._shows(saved):
            return
        plan = saved.plan if saved is not None else None
        self._restoring = True
        try:
            self.title.value = saved.title if saved is not None else DEFAULT_TITLE
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
