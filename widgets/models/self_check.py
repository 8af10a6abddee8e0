"""The PHQ-9 / PHQ-8 mood self-check: items, scoring, bands and the self-harm safety rule.

PHQ-9: Kroenke K, Spitzer RL, Williams JBW (2001) J Gen Intern Med 16:606–613. PHQ-8 leaves out
item 9 (Kroenke et al. 2010 review). Bands 0–4, 5–9, 10–14, 15–19, 20+ (Kroenke et al. 2010,
Gen Hosp Psychiatry 32:345). The form's closing question on how hard the problems make daily life
is asked as on the form and not scored. Scores are computed here, in the learner's own kernel;
they are kept only on the learner's own device, and only if they chose that (widgets/views/
my_record.py). The server never receives them.

The self-harm rule: any answer above 0 on item 9 leads the result with a follow-up (talk to
someone today, and the crisis lines), whatever the total. A low total does not lower the risk that
answer signals (Simon et al. 2013, Psychiatr Serv 64:1195: item 9 predicted suicide attempts
beyond overall severity). Notes for teachers: docs/models/self_check.md.

The form's words (stem, items, options, closing question, attribution) are in
widgets/content/self_check.toml, verbatim; tests/models/test_self_check.py pins the English.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.words import words

SELF_HARM_ITEM = 8  # index of item 9
#: How many items each version asks: PHQ-8 is the PHQ-9's first 8 (item 9 left out).
VERSIONS = {"PHQ-9": 9, "PHQ-8": 8}
#: (lowest score, band key). The bands' names are in widgets/content/self_check.toml, [bands].
BANDS = ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately_severe"), (20, "severe"))


@dataclass(frozen=True)
class Result:
    score: int
    maximum: int
    band: str  # a key of BANDS
    self_harm: bool = False  # item 9 above 0: the result leads with the follow-up
    difficulty: int | None = None  # the closing question's answer (0–3), if given (not scored)


def has_official_wording() -> bool:
    """Whether the course language has the published questionnaire ([form] in its content file).

    A translation without a published, cited translation of the PHQ leaves [form] out, and the
    lesson says so plainly instead of showing a wording of our own.
    """
    return "form" in words("self_check")


def form() -> dict:
    """The published form's words (stem, answer options, items, closing question, attribution),
    verbatim, from widgets/content/self_check.toml in the course language."""
    return words("self_check")["form"]


def items(version: str) -> tuple[str, ...]:
    """The items `version` asks, in order: PHQ-8 is the PHQ-9's first 8."""
    if version not in VERSIONS:
        raise ValueError(f"unknown self-check {version!r}; choose from {', '.join(VERSIONS)}")
    return tuple(form()["items"][: VERSIONS[version]])


def needs_crisis_help(answers: list[int | None]) -> bool:
    """Any answer above 0 on the self-harm item shows crisis help at once.

    See docs/models/self_check.md: the result then leads with the follow-up, whatever the total.
    """
    return len(answers) > SELF_HARM_ITEM and (answers[SELF_HARM_ITEM] or 0) > 0


def band(score: int) -> str:
    """The key of the band `score` falls in (see BANDS)."""
    return [name for low, name in BANDS if score >= low][-1]


def score(
    answers: list[int | None], version: str = "PHQ-9", difficulty: int | None = None
) -> Result:
    """Total and band; every item must be answered with 0–3. `difficulty` (0–3 or None) is the
    closing question's answer: kept with the result, never added to the score."""
    count = len(items(version))
    if len(answers) != count:
        raise ValueError(f"{version} has {count} questions, got {len(answers)} answers")
    missing = [i + 1 for i, a in enumerate(answers) if a is None]
    if missing:
        message = words("self_check")["check"]["answer_first"]
        raise ValueError(message.format(number=missing[0]))
    for i, answer in enumerate(answers):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 3:
            raise ValueError(f"answer {i + 1} must be 0, 1, 2 or 3, got {answer!r}")
    if difficulty is not None and (
        isinstance(difficulty, bool) or not isinstance(difficulty, int) or not 0 <= difficulty <= 3
    ):
        raise ValueError(f"the last question's answer must be 0, 1, 2 or 3, got {difficulty!r}")
    total = sum(answers)
    return Result(
        total,
        3 * count,
        band(total),
        self_harm=needs_crisis_help(list(answers)),
        difficulty=difficulty,
    )
