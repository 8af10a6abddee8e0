"""Default crisis lines per region, so every lesson can show help that fits where the learner is.

Where each number was checked, and when: docs/sources.md (crisis lines). Numbers change over time,
so instructors should re-check them for their region before a course runs and may override them
in `course.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CrisisLine:
    """One place to get help: who it is, how to reach it, and when to use it."""

    name: str
    contact: str
    note: str = ""


REGIONS: dict[str, tuple[str, tuple[CrisisLine, ...]]] = {
    "US": (
        "United States",
        (
            CrisisLine(
                "988 Suicide & Crisis Lifeline",
                "Call or text 988",
                "Free, 24/7. Chat at 988lifeline.org. Veterans: press 1 after dialling.",
            ),
            CrisisLine(
                "Emergency services", "Call 911", "If you or someone else is in danger now."
            ),
        ),
    ),
    "CA": (
        "Canada",
        (
            CrisisLine(
                "9-8-8: Suicide Crisis Helpline",
                "Call or text 988",
                "Free, 24/7, in English and French.",
            ),
            CrisisLine(
                "Emergency services", "Call 911", "If you or someone else is in danger now."
            ),
        ),
    ),
    "UK-IE": (
        "United Kingdom and Ireland",
        (
            CrisisLine("Samaritans", "Call 116 123", "Free, 24/7."),
            CrisisLine("Lifeline (Northern Ireland)", "Call 0808 808 8000", "24/7."),
            CrisisLine(
                "Emergency services",
                "Call 999 or 112",
                "Both work in the UK and in Ireland. If you or someone else is in danger now.",
            ),
        ),
    ),
    "AU": (
        "Australia",
        (
            CrisisLine("Lifeline", "Call 13 11 14", "24/7 crisis support."),
            CrisisLine("Suicide Call Back Service", "Call 1300 659 467", "24/7."),
            CrisisLine(
                "Beyond Blue", "Call 1300 22 4636", "24/7 support for anxiety and depression."
            ),
            CrisisLine(
                "Emergency services", "Call 000", "If you or someone else is in danger now."
            ),
        ),
    ),
    "INTL": (
        "Anywhere",
        (
            CrisisLine(
                "Find A Helpline",
                "findahelpline.com",
                "Free, confidential helplines listed by country.",
            ),
            CrisisLine(
                "Emergency services",
                "Your local emergency number (for example 112 in the EU)",
                "If you or someone else is in danger now.",
            ),
        ),
    ),
}

WORLDWIDE = CrisisLine(
    "Outside this region?",
    "findahelpline.com",
    "Find A Helpline lists free, confidential helplines by country.",
)
