"""Breaking the Cycle: the course's Python package.

Lessons call one-line helpers from here, e.g. `from widgets import show_course_map`.
Layout (after PhET's model / view / describer split):
- `models/`: plain Python models of what a simulator shows (standard library only, no widgets),
- `views/`: ipywidgets compositions (SVG charts) that drive a model,
- `describers/`: turn a model's state into plain sentences (the plots' text alternatives),
- `ui/`: shared pieces: theme colours, labelled controls, charts that carry their text alternative.
Imports are lazy so that a lesson pays only for what it uses (every learner pays the start-up).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "show_course_map": "widgets.course_map",
    "show_crisis_help": "widgets.crisis_help",
    "load_config": "widgets.course_config",
    "knowledge_check": "widgets.views.knowledge_check",
    "CycleSimulator": "widgets.views.cycle_simulator",
    "PainThroughTheDay": "widgets.views.pain_through_the_day",
    "self_check": "widgets.views.self_check",
    "pain_check": "widgets.views.pain_check",
    "pain_signal_explorer": "widgets.views.pain_signal_explorer",
    "synapse_explorer": "widgets.views.inside_the_body",
    "stress_response": "widgets.views.inside_the_body",
    "diary": "widgets.views.diary",
    "action_plan": "widgets.views.action_plan",
    "thought_record": "widgets.views.thought_record",
    "pacing_planner": "widgets.views.pacing_planner",
    "relaxation": "widgets.views.relaxation",
    "support_map": "widgets.views.support_map",
    "MyRecord": "widgets.views.my_record",
    "my_record": "widgets.views.my_record",
    "this_week": "widgets.views.practice",
    "my_progress": "widgets.views.my_progress",
    "ThisWeek": "widgets.views.practice",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'widgets' has no attribute {name!r}")
