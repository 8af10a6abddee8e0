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
"""

from __future__ import annotations

from dataclasses import dataclass

ATTRIBUTION = (
    "PHQ-9 and PHQ-8: developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
    "colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)
STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
OPTIONS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself, or that you are a failure or have let yourself or your family "
    "down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed, or the opposite: being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead, or of hurting yourself in some way",
)
SELF_HARM_ITEM = 8  # index of item 9
#: The form's closing question (asked, not scored), with its four options, as printed.
DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
DIFFICULTY_OPTIONS = (
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
)
VERSIONS = {"PHQ-9": 9, "PHQ-8": 8}
BANDS = ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately severe"), (20, "severe"))


@dataclass(frozen=True)
class Result:
    score: int
    maximum: int
    band: str
    self_harm: bool = False  # item 9 above 0: the result leads with the follow-up
    difficulty: str | None = None  # the closing question's answer, if given (not scored)


def items(version: str) -> tuple[str, ...]:
    if version not in VERSIONS:
        raise ValueError(f"unknown self-check {version!r}; choose from {', '.join(VERSIONS)}")
    return ITEMS[: VERSIONS[version]]


def needs_crisis_help(answers: list[int | None]) -> bool:
    """Any answer above 0 on the self-harm item shows crisis help at once.

    See docs/models/self_check.md: the result then leads with the follow-up, whatever the total.
    """
    return len(answers) > SELF_HARM_ITEM and (answers[SELF_HARM_ITEM] or 0) > 0


def band(score: int) -> str:
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
        raise ValueError(f"please answer question {missing[0]} first")
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
        difficulty=None if difficulty is None else DIFFICULTY_OPTIONS[difficulty],
    )
