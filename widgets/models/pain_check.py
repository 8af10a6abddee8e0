"""A three-question pain check, in the spirit of the PEG: how strong pain is, and how much it gets
in the way of enjoying life and of everyday activity.

Source of the idea: the PEG (Krebs EE, Lorenz KA, Bair MJ, et al. 2009, J Gen Intern Med
24(6):733–738; docs/sources.md) scores pain on three 0–10 items (average pain intensity,
interference with enjoyment of life, interference with general activity) and uses the mean. The
wordings below are OUR OWN, not the PEG's (the PEG comes from the copyrighted Brief Pain Inventory
and its reuse licence is unverified), so this is not the PEG and its scores are not PEG scores.

The PEG has no diagnostic cut-points: it is meant to track change over time. The bands here
(mean under 4 "mild", 4 to under 7 "moderate", 7 and over "severe") are ILLUSTRATIVE, chosen for
plain feedback; they are not clinical cut-offs. Every message says this is not a diagnosis and
suggests a next step, in calm words (what a non-clinical self-check must say; safe-messaging
guidance, docs/sources.md). Scores are computed in the learner's own kernel;
kept only on the learner's device, if they chose that (widgets/views/my_record.py).
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    text: str
    low_label: str  # what 0 means
    high_label: str  # what 10 means


QUESTIONS = (
    Question(
        "Over the past 7 days, how strong has your pain usually been?",
        "0 = no pain",
        "10 = the worst pain you can think of",
    ),
    Question(
        "Over the past 7 days, how much has pain got in the way of enjoying your life?",
        "0 = not at all",
        "10 = completely",
    ),
    Question(
        "Over the past 7 days, how much has pain got in the way of your day-to-day activities, "
        "like chores, work or going out?",
        "0 = not at all",
        "10 = completely",
    ),
)
SOURCE = (
    "Based on the idea of the PEG scale: Krebs EE, Lorenz KA, Bair MJ, et al. (2009). "
    "J Gen Intern Med 24(6):733–738. The questions here are our own wording."
)
NOT_A_DIAGNOSIS = (
    "This check is not a diagnosis and not medical advice. It helps you notice how pain affects "
    "you, and gives you something to share with your doctor or health worker. The bands are a "
    "rough guide we chose for this course, not medical cut-offs."
)
#: (lowest total of the three answers, band). Totals avoid rounding: mean < 4 is a total under 12.
BANDS = ((0, "mild"), (12, "moderate"), (21, "severe"))

_MESSAGES = {
    "mild": (
        "Pain is getting in the way of your life a little right now. This is not a diagnosis. "
        "Keep doing what helps you, and try this check again in a week or two to see how "
        "things change."
    ),
    "moderate": (
        "Pain is getting in the way of your life quite a bit right now. That is hard, and it is "
        "not your fault. This is not a diagnosis. Skills in this course, like pacing and a steady "
        "sleep routine, can help. It is worth talking with your doctor or health worker about how "
        "you are doing. Try this check again in a week or two."
    ),
    "severe": (
        "Pain is getting in the way of your life a lot right now. That is really hard, and you "
        "deserve support. This is not a diagnosis. Please talk with your doctor or health worker "
        "soon, and take this score with you. If your pain changes suddenly or you have new "
        "symptoms, get medical help quickly. If you ever feel you cannot keep yourself safe, "
        "contact a crisis line or your local emergency number."
    ),
}


@dataclass(frozen=True)
class PainCheckResult:
    mean: float  # 0–10, one decimal
    band: str
    message: str


def band(total: int) -> str:
    """The illustrative band for the total of the three answers (0–30)."""
    return [name for low, name in BANDS if total >= low][-1]


def score(answers: list[int | None]) -> PainCheckResult:
    """The mean of three 0–10 answers, its band and a plain message with a next step."""
    if isinstance(answers, str | bytes) or not hasattr(answers, "__len__"):
        raise ValueError(f"give the three answers as a list, got {answers!r}")
    if len(answers) != len(QUESTIONS):
        raise ValueError(f"The pain check has 3 questions, but there are {len(answers)} answers.")
    for i, answer in enumerate(answers):
        if answer is None:
            raise ValueError(f"Please answer question {i + 1} first.")
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 10:
            raise ValueError(
                f"Answer {i + 1} must be a whole number from 0 to 10, but it is {answer!r}."
            )
    total = sum(answers)  # type: ignore[arg-type]
    name = band(total)
    return PainCheckResult(round(total / 3, 1), name, _MESSAGES[name])
