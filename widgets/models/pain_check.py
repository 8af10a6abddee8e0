"""A three-question pain check, in the spirit of the PEG: how strong pain is, and how much it gets
in the way of enjoying life and of everyday activity.

Source of the idea: the PEG (Krebs EE, Lorenz KA, Bair MJ, et al. 2009, J Gen Intern Med
24(6):733–738; docs/sources.md) scores pain on three 0–10 items (average pain intensity,
interference with enjoyment of life, interference with general activity) and uses the mean. The
wordings (widgets/content/pain_check.toml) are OUR OWN, not the PEG's (the PEG comes from the
copyrighted Brief Pain Inventory and its reuse licence is unverified), so this is not the PEG and
its scores are not PEG scores.

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

from widgets.words import words

#: How many questions the check asks (their words: widgets/content/pain_check.toml).
QUESTION_COUNT = 3


@dataclass(frozen=True)
class Question:
    text: str
    low_label: str  # what 0 means
    high_label: str  # what 10 means
    short_name: str = ""  # the slider's label


def _words() -> dict:
    return words("pain_check")


def questions() -> tuple[Question, ...]:
    """The three questions, in the course language."""
    found = tuple(
        Question(item["text"], item["low"], item["high"], item["short"])
        for item in _words()["questions"]
    )
    if len(found) != QUESTION_COUNT:
        raise ValueError(f"widgets/content/pain_check.toml must have {QUESTION_COUNT} questions")
    return found


#: (lowest total of the three answers, band). Totals avoid rounding: mean < 4 is a total under 12.
#: Each band's name and message are in widgets/content/pain_check.toml.
BANDS = ((0, "mild"), (12, "moderate"), (21, "severe"))


@dataclass(frozen=True)
class PainCheckResult:
    mean: float  # 0–10, one decimal
    band: str  # a key of BANDS
    message: str  # the band's message, with a next step


def band(total: int) -> str:
    """The illustrative band for the total of the three answers (0–30)."""
    return [name for low, name in BANDS if total >= low][-1]


def score(answers: list[int | None]) -> PainCheckResult:
    """The mean of three 0–10 answers, its band and a plain message with a next step."""
    if isinstance(answers, str | bytes) or not hasattr(answers, "__len__"):
        raise ValueError(f"give the three answers as a list, got {answers!r}")
    errors = _words()["errors"]
    if len(answers) != QUESTION_COUNT:
        raise ValueError(errors["count"].format(count=len(answers)))
    for i, answer in enumerate(answers):
        if answer is None:
            raise ValueError(errors["answer_first"].format(number=i + 1))
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 10:
            raise ValueError(errors["not_whole"].format(number=i + 1, value=repr(answer)))
    total = sum(answers)  # type: ignore[arg-type]
    name = band(total)
    return PainCheckResult(round(total / 3, 1), name, _words()["messages"][name])
