"""The learner record: untrusted documents are checked part by part, and nothing valid is lost."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest

from widgets.course_config import course_settings
from widgets.models import learner_record as lr
from widgets.models.action_plan import STRATEGIES, ActionPlan
from widgets.models.diary import Diary, Entry
from widgets.models.learner_record import (
    MAX_BYTES,
    MAX_PROBLEMS,
    MESSAGE_LIMIT,
    SCHEMA_VERSION,
    CheckAnswers,
    LearnerRecord,
    LessonProgress,
    PacingPlanEntry,
    PainCheckEntry,
    PracticeEntry,
    Resume,
    SavedActionPlan,
    SavedThoughtRecord,
    SelfCheckEntry,
    counts,
    course_id,
    merge,
    migrate,
    parse,
    parse_text,
    storage_key,
    to_document,
    to_text,
)
from widgets.models.support_map import HELP_TYPES, KINDS, Supporter, SupportMap
from widgets.models.thought_record import THINKING_TRAPS, ThoughtRecord

TODAY = date.today()
DAY = "2024-03-07"
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def diary_day(day: str = DAY, **changes) -> dict:
    values = {
        "date": day,
        "pain": 4,
        "sleep_hours": 7.5,
        "sleep_quality": 6,
        "mood": 5,
        "active_minutes": 30,
        "note": "",
    }
    return {**values, **changes}


def doc(**parts) -> dict:
    return {"version": SCHEMA_VERSION, **parts}


def only_problem(result: lr.ParseResult) -> str:
    assert result.ok, result.error
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


# ---- the round trip ----------------------------------------------------------------------------

TEXTS = [
    "",
    "plain",
    PAYLOAD,
    "é ü 🙂 中文",
    'quotes " and \\ backslash',
    "two\nlines",
    "tab\there",
]


def random_text(rng: random.Random, limit: int) -> str:
    return "".join(rng.choice(TEXTS) + " " for _ in range(rng.randrange(0, 4)))[:limit].strip()


def random_record(rng: random.Random) -> LearnerRecord:
    """A valid record with a random mix of every part (the property test's generator)."""

    def day() -> date:
        return TODAY - timedelta(days=rng.randrange(0, 4000))

    files = [f"{n:02d}_lesson.ipynb" for n in range(12)]
    lessons = [
        LessonProgress(f, rng.random() < 0.8, rng.random() < 0.4)
        for f in rng.sample(files, rng.randrange(0, 8))
    ]
    checks = [
        CheckAnswers(
            f"{n:02d}_check",
            tuple((q, rng.randrange(6)) for q in rng.sample(range(50), rng.randrange(0, 5))),
        )
        for n in rng.sample(range(20), rng.randrange(0, 4))
    ]
    dates = sorted({day() for _ in range(rng.randrange(0, 30))})
    diary = Diary(
        tuple(
            Entry(
                d,
                rng.randrange(11),
                rng.choice([0, 4.5, 7, 7.3, 12, 24]),
                rng.randrange(11),
                rng.randrange(11),
                rng.randrange(1441),
                random_text(rng, 500) + rng.choice(["", "\x07", "\u202e"]),
            )
            for d in dates
        )
    )
    self_checks = []
    for _ in range(rng.randrange(0, 6)):
        version = rng.choice(["PHQ-9", "PHQ-8"])
        size = 9 if version == "PHQ-9" else 8
        self_checks.append(
            SelfCheckEntry(
                day(),
                version,
                tuple(rng.randrange(4) for _ in range(size)),
                rng.choice([None, 0, 1, 2, 3]),
            )
        )
    pain_checks = [
        PainCheckEntry(day(), tuple(rng.randrange(11) for _ in range(3)))
        for _ in range(rng.randrange(0, 6))
    ]
    thought_records = []
    for _ in range(rng.randrange(0, 4)):
        feelings = tuple((name, rng.randrange(101)) for name in rng.sample(["sad", "Worried"], 2))
        thought_records.append(
            SavedThoughtRecord(
                day(),
                ThoughtRecord(
                    situation=random_text(rng, 1000),
                    automatic_thought=random_text(rng, 1000),
                    feelings=feelings,
                    traps=tuple(rng.sample(sorted(THINKING_TRAPS), rng.randrange(0, 3))),
                    balanced_thought=random_text(rng, 1000),
                    rerated=feelings[: rng.randrange(0, 3)],
                ),
            )
        )
    pacing_plans = [
        PacingPlanEntry(
            day(),
            random_text(rng, 60).replace("\n", " "),
            tuple(rng.choice([20, 25.5, 15, 40]) for _ in range(rng.randrange(2, 15))),
            rng.choice([0.5, 0.8, 1.0]),
            rng.choice([0.0, 0.1, 0.3]),
            rng.randrange(1, 27),
            rng.choice([None, 45, 12.5]),
        )
        for _ in range(rng.randrange(0, 3))
    ]
    supporters = tuple(
        Supporter(
            f"Person {n} {rng.choice(TEXTS[1:4])}"[:60],
            rng.choice(sorted(KINDS)),
            frozenset(rng.sample(sorted(HELP_TYPES), rng.randrange(1, 4))),
        )
        for n in range(rng.randrange(0, 5))
    )
    plan = None
    if rng.random() < 0.6:
        plan = SavedActionPlan(
            ActionPlan(
                strategies=tuple(rng.sample(sorted(STRATEGIES), rng.randrange(0, 4))),
                goals=("Walk 10 minutes after lunch", PAYLOAD)[: rng.randrange(0, 3)],
                warning_signs=("Staying in bed",)[: rng.randrange(0, 2)],
                people_to_call=(("Sam", "555 0100"),)[: rng.randrange(0, 2)],
                reasons=("My grandchildren",)[: rng.randrange(0, 2)],
                helps=("A warm bath",)[: rng.randrange(0, 2)],
            ),
            rng.choice(["My action plan", "", PAYLOAD[:100]]),
            rng.choice([None, day()]),
        )
    practice = [
        PracticeEntry(f, rng.random() < 0.5, day()) for f in rng.sample(files, rng.randrange(0, 4))
    ]
    resume = None
    if rng.random() < 0.7:
        resume = Resume(rng.choice(files), rng.choice(["", "Try-this", "What-is-it?"]))
    return LearnerRecord(
        lessons=tuple(lessons),
        resume=resume,
        checks=tuple(checks),
        diary=diary,
        self_checks=tuple(self_checks),
        pain_checks=tuple(pain_checks),
        thought_records=tuple(thought_records),
        pacing_plans=tuple(pacing_plans),
        support_map=SupportMap(supporters),
        action_plan=plan,
        practice=tuple(practice),
    )


@pytest.mark.parametrize("seed", range(200))
def test_a_record_survives_the_round_trip_through_a_document_and_its_text(seed):
    record = random_record(random.Random(seed))
    result = parse(to_document(record))
    assert result.ok and result.problems == () and result.migrated_from is None
    assert result.record == record
    again = parse_text(to_text(record))
    assert again.record == record and again.problems == ()
    assert to_text(again.record) == to_text(record)  # one record, one text


def test_the_empty_record_round_trips_and_says_it_is_empty():
    assert parse(to_document(LearnerRecord())).record.is_empty
    assert set(counts(LearnerRecord()).values()) == {0}


def test_html_stays_text_and_cleaned_text_is_what_is_kept():
    record = LearnerRecord(diary=Diary((Entry(date(2024, 3, 7), 4, 7, 6, 5, 30, PAYLOAD),)))
    text = to_text(record)
    assert json.loads(text)["diary"][0]["note"] == PAYLOAD
    assert parse_text(text).record.diary.entries[0].note == PAYLOAD
    messy = doc(diary=[diary_day(note="bell\x07 and \u202eoverride\r\nnext")])
    assert parse(messy).record.diary.entries[0].note == "bell and override\nnext"


def test_the_document_lists_every_part_under_its_version():
    keys = set(to_document(LearnerRecord()))
    assert keys == {
        "version",
        "lessons",
        "resume",
        "checks",
        "diary",
        "self_checks",
        "pain_checks",
        "thought_records",
        "pacing_plans",
        "support_map",
        "action_plan",
        "practice",
    }
    assert to_document(LearnerRecord())["version"] == SCHEMA_VERSION == 1


# ---- refused whole -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, refusal",
    [
        ("{not json", "unreadable"),
        ("", "empty"),
        ("   ", "empty"),
        ('"just text"', "not_a_record"),
        ("42", "not_a_record"),
        ("null", "not_a_record"),
        ('{"name": "a spreadsheet", "rows": 3}', "not_a_record"),
        ('{"version": 1, "name": "x"}', "not_a_record"),
        ("1" * 5000, "unreadable"),  # more digits than Python reads as a number
    ],
)
def test_text_that_is_not_a_record_is_refused_whole_with_a_plain_message(text, refusal):
    result = parse_text(text)
    assert not result.ok and result.error == lr.refusal(refusal)
    assert result.record.is_empty and not result.newer


@pytest.mark.parametrize("version", ["1", -1, True, 1.5, None, [1]])
def test_a_version_that_makes_no_sense_is_refused(version):
    result = parse({"version": version, "diary": []})
    assert not result.ok and "version number" in result.error


def test_a_newer_version_is_refused_with_a_message_and_flagged_so_nothing_is_overwritten():
    result = parse_text(json.dumps({"version": 2, "diary": [diary_day()], "new_part": {}}))
    assert not result.ok and result.newer
    assert "newer version of the course (version 2" in result.error
    assert "Nothing was changed" in result.error
    assert result.record.is_empty


def test_a_document_over_1_mb_is_refused_before_it_is_read():
    big_note = json.dumps(doc(diary=[diary_day(note="x" * (MAX_BYTES + 10))]))
    result = parse_text(big_note)
    assert not result.ok and "too big" in result.error and "1 MB" in result.error
    assert not parse_text(big_note.encode("utf-8")).ok
    ten_mb = "[" + "0," * 5_000_000 + "0]"
    assert "too big" in parse_text(ten_mb).error
    # an already-decoded document is measured too, without writing it out first
    result = parse(doc(diary=[diary_day(note="é" * 600_000)]))  # 1.2 MB as UTF-8
    assert not result.ok and "too big" in result.error


def test_deep_nesting_is_refused_without_recursion():
    assert parse_text("[" * 100_000 + "]" * 100_000).error == lr.refusal("too_deep")
    assert parse_text('{"a":' * 50_000 + "1" + "}" * 50_000).error == lr.refusal("too_deep")
    nested: list = []
    for _ in range(50_000):
        nested = [nested]
    assert parse({"version": 1, "diary": nested}).error == lr.refusal("too_deep")
    # brackets inside text are not nesting
    fine = parse_text(json.dumps(doc(diary=[diary_day(note="[[[[[[[[[[[[{{{{{{{{{")])))
    assert fine.ok and fine.record.diary.entries[0].note.startswith("[[[[")


def test_a_flood_of_small_values_is_refused():
    assert parse_text("[" + "0," * 200_000 + "0]").error == lr.refusal("too_many")
    assert parse({"version": 1, "diary": [0] * 200_000}).error == lr.refusal("too_many")


def test_values_json_cannot_hold_are_refused():
    assert parse({"version": 1, 5: "x"}).error == lr.refusal("unreadable")  # a key that is not text
    assert parse({"version": 1, "diary": {1, 2}}).error == lr.refusal("unreadable")  # a set
    assert parse({"version": 1, "diary": (diary_day(),)}).error == lr.refusal(
        "unreadable"
    )  # a tuple


def test_bytes_must_be_utf8_and_a_byte_order_mark_is_fine():
    text = to_text(LearnerRecord(lessons=(LessonProgress("00_welcome.ipynb"),)))
    assert parse_text(b"\xef\xbb\xbf" + text.encode()).record.lessons[0].file == "00_welcome.ipynb"
    assert parse_text("\ufeff".encode("utf-16") + text.encode("utf-16")).error == lr.refusal(
        "unreadable"
    )
    assert parse_text(b"\xff\xfe\x00\x00").error == lr.refusal("unreadable")


def test_parse_never_raises_on_junk():
    rng = random.Random(13)
    atoms = [None, True, 0, -1, 3.5, float("nan"), float("inf"), "", "x", PAYLOAD, "\x00", [], {}]
    keys = [
        "version",
        "diary",
        "lessons",
        "checks",
        "self_checks",
        "pain_checks",
        "thought_records",
        "pacing_plans",
        "support_map",
        "action_plan",
        "practice",
        "resume",
        "date",
        "answers",
        "feelings",
        "name",
    ]

    def junk(depth: int = 0) -> object:
        roll = rng.random()
        if depth > 4 or roll < 0.4:
            return rng.choice(atoms)
        if roll < 0.7:
            return [junk(depth + 1) for _ in range(rng.randrange(4))]
        return {rng.choice(keys): junk(depth + 1) for _ in range(rng.randrange(5))}

    for _ in range(3000):
        document = junk()
        if isinstance(document, dict) and rng.random() < 0.7:
            document["version"] = rng.choice([0, 1, 1, 1, 2])
        result = parse(document)
        assert isinstance(result, lr.ParseResult)
        assert isinstance(result.record, LearnerRecord)
        assert result.ok or result.record.is_empty


# ---- one part left out, the rest kept ---------------------------------------------------------


def test_an_unknown_part_is_named_and_left_out_and_the_rest_is_kept():
    result = parse(doc(diary=[diary_day()], tracking_id="abc"))
    assert (
        only_problem(result) == "Something this course does not know, “tracking_id”, was left out."
    )
    assert len(result.record.diary) == 1


def test_an_unknown_field_in_an_item_is_named_and_the_item_kept():
    result = parse(doc(diary=[diary_day(colour="red")]))
    assert only_problem(result) == "Diary day 1: the unknown part “colour” was left out."
    assert len(result.record.diary) == 1


@pytest.mark.parametrize(
    "part, value, words",
    [
        ("diary", "lots", "The diary was left out: it should be a list, but it is text."),
        ("self_checks", {"a": 1}, "The list of mood self-checks was left out: it should be a list"),
        ("lessons", [1, 2], "The list of lessons was left out: it should be a group of named"),
        ("checks", 7, "The list of knowledge-check answers was left out: it should be a group"),
        ("practice", True, "This week's practice was left out"),
        ("support_map", "Sam", "The support map was left out: it should be a list"),
        ("action_plan", [], "The action plan was left out: it should be a group of named values"),
        ("resume", "00_welcome.ipynb", "Where to continue was left out"),
    ],
)
def test_a_part_of_the_wrong_type_is_left_out_with_a_message(part, value, words):
    result = parse(
        doc(**{part: value}, diary=[diary_day()]) if part != "diary" else doc(diary=value)
    )
    assert result.ok
    assert any(p.startswith(words) for p in result.problems), result.problems
    if part != "diary":
        assert len(result.record.diary) == 1


@pytest.mark.parametrize(
    "day, words",
    [
        (diary_day(pain=11), "The pain value must be a whole number from 0 to 10, but it is 11."),
        (diary_day(pain=True), "The pain value must be a whole number from 0 to 10"),
        (diary_day(pain="4"), "The pain value must be a whole number from 0 to 10, but it is '4'"),
        (diary_day(pain=4.0), "The pain value must be a whole number"),
        (diary_day(sleep_hours=float("nan")), "sleep_hours value must be a number from 0 to 24"),
        (diary_day(sleep_hours=float("inf")), "sleep_hours value must be a number from 0 to 24"),
        (diary_day(note=["a list"]), "The note must be text"),
        (diary_day(note="x" * 501), "The note has 501 characters; the most is 500."),
        (diary_day(day="2024-02-30"), 'The date "2024-02-30" is not a real day on the calendar.'),
        (diary_day(day="07/03/2024"), "The date must be written like 2024-03-07"),
        (diary_day(day=20240307), "The date must be written like 2024-03-07"),
        (diary_day(day="1899-12-31"), "The date 1899-12-31 is before 1900."),
        (
            diary_day(day=(TODAY + timedelta(days=5)).isoformat()),
            f"The date {(TODAY + timedelta(days=5)).isoformat()} is in the future.",
        ),
        ({"date": DAY, "pain": 3}, "it has no sleep_hours value."),
        ("a day", "it should be a group of named values, but it is text."),
        (None, "it should be a group of named values, but it is empty."),
    ],
)
def test_a_bad_diary_day_is_left_out_with_the_reason_and_good_days_kept(day, words):
    result = parse(doc(diary=[diary_day("2024-03-01"), day]))
    problem = only_problem(result)
    assert problem.startswith("Diary day 2 was left out: ") and words in problem, problem
    assert [e.date for e in result.record.diary] == [date(2024, 3, 1)]


def test_nan_and_infinity_in_the_text_are_refused_where_they_are_read():
    text = json.dumps(doc(diary=[diary_day()])).replace("7.5", "NaN")
    result = parse_text(text)
    assert "Diary day 1 was left out" in only_problem(result) and len(result.record.diary) == 0
    plan = {"date": DAY, "activity": "Walking", "days": [20, "Infinity"]}
    text = json.dumps(doc(pacing_plans=[plan])).replace('"Infinity"', "Infinity")
    assert "Pacing plan 1 was left out" in only_problem(parse_text(text))


def test_a_repeated_diary_date_keeps_the_later_day_and_says_so():
    result = parse(doc(diary=[diary_day(pain=2), diary_day(pain=8)]))
    assert (
        only_problem(result) == "The diary has two entries for 2024-03-07; the later one was kept."
    )
    assert result.record.diary.entries[0].pain == 8


def test_lists_over_their_caps_are_left_out_whole():
    start = date(2000, 1, 1)
    days = [diary_day((start + timedelta(days=n)).isoformat()) for n in range(3661)]
    result = parse(doc(diary=days, lessons={"00_welcome.ipynb": {"opened": True}}))
    assert only_problem(result) == (
        "The diary was left out: it has 3,661 items, more than the 3,660 this course keeps."
    )
    assert len(result.record.diary) == 0 and len(result.record.lessons) == 1
    assert len(parse(doc(diary=days[:3660])).record.diary) == 3660
    check = {"date": DAY, "version": "PHQ-8", "answers": [0] * 8}
    assert "more than the 500" in only_problem(parse(doc(self_checks=[check] * 501)))
    assert "more than the 500" in only_problem(parse(doc(pain_checks=[{}] * 501)))
    assert "more than the 200" in only_problem(parse(doc(thought_records=[{}] * 201)))
    assert "more than the 30" in only_problem(parse(doc(support_map=[{}] * 31)))
    assert "more than the 100" in only_problem(
        parse(doc(lessons={f"{n}.ipynb": {} for n in range(101)}))
    )


def test_names_and_ids_with_control_characters_or_odd_shapes_are_refused():
    result = parse(
        doc(
            lessons={
                "00_welcome.ipynb": {"opened": True, "done": True},
                "01_x\x00.ipynb": {"opened": True},
                "../../etc/passwd.ipynb": {"opened": True},
                f"{PAYLOAD}.ipynb": {"opened": True},
                "02_y.ipynb": {"opened": "yes"},
            },
            resume={"lesson": "00_welcome.ipynb", "section": "Try\u202ethis"},
            checks={"03_x\n": {"0": 1}, "03_the_vicious_cycle": {"0": 1, "01": 2, "99": 1}},
            practice={"03_x.ipynb": {"done": 1, "date": DAY}},
        )
    )
    assert result.ok
    assert [x.file for x in result.record.lessons] == ["00_welcome.ipynb"]
    assert result.record.resume is None
    assert result.record.checks == (CheckAnswers("03_the_vicious_cycle", ((0, 1),)),)
    assert result.record.practice == ()
    joined = "\n".join(result.problems)
    assert joined.count("must be a lesson's file name") == 3
    assert "Opened must be true or false" in joined
    assert "Where to continue was left out" in joined
    assert "is not the name of a knowledge check" in joined or "not the name of a" in joined
    assert joined.count("an answer to no known question was left out") == 2
    assert "Done must be true or false" in joined


def test_self_checks_reuse_the_questionnaires_sizes_and_scoring():
    good9 = {"date": DAY, "version": "PHQ-9", "answers": [1] * 8 + [2], "difficulty": 1}
    good8 = {"date": DAY, "version": "PHQ-8", "answers": [3] * 8}
    bad = [
        {"date": DAY, "version": "PHQ-9", "answers": [1] * 8},  # PHQ-9 has 9 questions
        {"date": DAY, "version": "PHQ-7", "answers": [1] * 7},
        {"date": DAY, "version": "PHQ-8", "answers": [4] * 8},
        {"date": DAY, "version": "PHQ-8", "answers": [None] * 8},
        {"date": DAY, "version": "PHQ-8", "answers": [0] * 8, "difficulty": 4},
        {"date": DAY, "answers": [0] * 8},
    ]
    result = parse(doc(self_checks=[good9, *bad, good8]))
    assert len(result.record.self_checks) == 2 and len(result.problems) == len(bad)
    first = result.record.self_checks[0].result()
    assert first.score == 10 and first.self_harm  # the crisis rule travels with the record
    assert result.record.self_checks[1].result().band == "severe"
    assert "PHQ-9 has 9 questions" in result.problems[0]


def test_pain_checks_thought_records_pacing_support_and_plan_use_their_models_checks():
    result = parse(
        doc(
            pain_checks=[
                {"date": DAY, "answers": [3, 4, 5]},
                {"date": DAY, "answers": [3, 4, 11]},
            ],
            thought_records=[
                {"date": DAY, "situation": PAYLOAD, "feelings": [["sad", 60]]},
                {"date": DAY, "feelings": [["sad", 160]]},
                {"date": DAY, "traps": ["not_a_trap"]},
                {"date": DAY, "situation": "x" * 1001},
                {"date": DAY, "traps": [{"a": 1}]},
            ],
            pacing_plans=[
                {"date": DAY, "activity": "Walking", "days": [20, 25, 15], "goal_minutes": 40},
                {"date": DAY, "activity": "Walking", "days": [20]},
                {"date": DAY, "activity": "Walking", "days": [20, 25], "weeks": 27},
            ],
            support_map=[
                {"name": "Sam", "kind": "person", "helps_with": ["practical"]},
                {"name": "SAM", "kind": "person", "helps_with": ["emotional"]},
                {"name": "Clinic", "kind": "robot", "helps_with": ["information"]},
                {"name": "Group", "kind": "group", "helps_with": [["x"]]},
            ],
            action_plan={
                "title": "Mine",
                "goals": ["Walk after lunch"] * 6,
                "helps": ["A bath"],
                "strategies": ["pacing"],
                "people_to_call": [["Sam", "555"], ["", "nobody"]],
            },
        )
    )
    record = result.record
    assert [x.answers for x in record.pain_checks] == [(3, 4, 5)]
    assert (
        len(record.thought_records) == 1 and record.thought_records[0].record.situation == PAYLOAD
    )
    assert [x.plan_weeks()[0].minutes_per_day for x in record.pacing_plans] == [16]
    assert [s.name for s in record.support_map.supporters] == ["Sam"]
    plan = record.action_plan
    assert plan.title == "Mine" and plan.plan.goals == () and plan.plan.helps == ("A bath",)
    assert plan.plan.people_to_call == ()  # a person with no name: that part left out
    joined = "\n".join(result.problems)
    for words in (
        "Pain check 2 was left out",
        "Thought record 2 was left out",
        "Thought record 3 was left out: unknown thinking trap",
        "Thought record 4 was left out: Each answer can have up to 1000 characters",
        "Thought record 5 was left out",
        "Pacing plan 2 was left out: Please record at least 2 days",
        "Pacing plan 3 was left out: weeks must be from 1 to 26",
        "The support map names SAM twice",
        "Supporter 3 was left out: kind must be one of",
        "Supporter 4 was left out",
        "The action plan: its goals were left out: Please choose up to 5 goals",
        "The action plan: its people to call were left out",
    ):
        assert words in joined, (words, result.problems)


def test_a_saved_plan_never_keeps_crisis_lines():
    with pytest.raises(ValueError, match="no crisis lines"):
        SavedActionPlan(ActionPlan(crisis_lines=(("Line", "988"),)))
    result = parse(doc(action_plan={"crisis_lines": [["Old line", "000"]]}))
    assert "unknown part “crisis_lines”" in only_problem(result)
    assert result.record.action_plan == SavedActionPlan(ActionPlan())


def test_problems_are_short_and_counted_past_the_limit():
    result = parse(doc(diary=[diary_day(pain=[PAYLOAD * 50])] + [{"date": "bad"}] * 200))
    assert len(result.problems) == MAX_PROBLEMS
    assert result.problems[-1] == "…and 152 more parts were left out."
    assert all(len(p) <= MESSAGE_LIMIT for p in result.problems)


# ---- versions ----------------------------------------------------------------------------------


def test_version_0_is_migrated_its_visited_list_becoming_lessons_opened():
    old = {"visited": ["00_welcome.ipynb", "02_depression.ipynb"], "diary": [diary_day()]}
    result = parse(old)
    assert result.ok and result.migrated_from == 0 and result.problems == ()
    assert result.record.lessons == (
        LessonProgress("00_welcome.ipynb", opened=True, done=False),
        LessonProgress("02_depression.ipynb", opened=True, done=False),
    )
    assert len(result.record.diary) == 1
    assert parse(to_document(result.record)).migrated_from is None  # now it is version 1


def test_course_js_visited_key_reads_as_version_0():
    text = json.dumps(["00_welcome.ipynb", "03_the_vicious_cycle.ipynb", 5, "<b>x</b>"])
    result = parse_text(text)
    assert result.migrated_from == 0
    assert [x.file for x in result.record.lessons] == [
        "00_welcome.ipynb",
        "03_the_vicious_cycle.ipynb",
    ]
    assert len(result.problems) == 2 and "is not a lesson" in result.problems[0]


def test_migrate_is_a_pure_upgrade_and_names_what_it_drops():
    old = {"visited": "00_welcome.ipynb", "lessons": {"x.ipynb": {}}, "resume": None}
    new, notes = migrate(old)
    assert new == {"version": 1, "lessons": {}, "resume": None}
    assert len(notes) == 2 and "should be a list" in notes[1]
    assert old["visited"] == "00_welcome.ipynb"  # the input is left alone
    assert migrate([])[0] == {"version": 1, "lessons": {}}


# ---- the record itself -------------------------------------------------------------------------


def test_a_record_is_valid_by_construction():
    with pytest.raises(ValueError, match="twice"):
        LearnerRecord(lessons=(LessonProgress("a.ipynb"), LessonProgress("a.ipynb")))
    with pytest.raises(ValueError, match="the most is 500"):
        LearnerRecord(pain_checks=(PainCheckEntry(date(2024, 1, 1), (1, 1, 1)),) * 501)
    with pytest.raises(ValueError, match="holds"):
        LearnerRecord(self_checks=("not a check",))
    with pytest.raises(ValueError):
        PracticeEntry("a.ipynb", True, TODAY + timedelta(days=3))
    with pytest.raises(ValueError):
        CheckAnswers("x", ((0, 6),))
    with pytest.raises(ValueError):
        Resume("a.ipynb", "line\nbreak")
    record = LearnerRecord(
        lessons=[LessonProgress("b.ipynb"), LessonProgress("a.ipynb")],
        pain_checks=[
            PainCheckEntry(date(2024, 5, 1), (1, 1, 1)),
            PainCheckEntry(date(2024, 1, 1), (2, 2, 2)),
        ],
    )
    assert [x.file for x in record.lessons] == ["a.ipynb", "b.ipynb"]  # one order, one document
    assert [x.date.month for x in record.pain_checks] == [1, 5]
    assert record.lesson("a.ipynb").opened and record.lesson("c.ipynb") is None


def test_merge_keeps_what_is_on_the_page_and_adds_the_rest():
    day1, day2 = date(2024, 3, 1), date(2024, 3, 2)
    current = LearnerRecord(
        lessons=(LessonProgress("a.ipynb", opened=True, done=False),),
        checks=(CheckAnswers("quiz", ((0, 1),)),),
        diary=Diary((Entry(day1, 4, 7, 6, 5, 30, "mine"),)),
        support_map=SupportMap((Supporter("Sam", "person", frozenset({"practical"})),)),
        action_plan=SavedActionPlan(ActionPlan(goals=("Walk",))),
    )
    incoming = LearnerRecord(
        lessons=(LessonProgress("a.ipynb", opened=True, done=True), LessonProgress("b.ipynb")),
        checks=(CheckAnswers("quiz", ((0, 2), (1, 0))),),
        diary=Diary((Entry(day1, 9, 7, 6, 5, 30, "theirs"), Entry(day2, 3, 8, 6, 5, 30))),
        support_map=SupportMap(
            (
                Supporter("sam", "group", frozenset({"emotional"})),
                Supporter("Clinic", "professional", frozenset({"information"})),
            )
        ),
        action_plan=SavedActionPlan(ActionPlan(goals=("Swim",))),
        pain_checks=(PainCheckEntry(day1, (1, 2, 3)),),
    )
    merged, notes = merge(current, incoming)
    assert merged.lesson("a.ipynb").done and merged.lesson("b.ipynb").opened
    assert merged.check("quiz").chosen() == {0: 1, 1: 0}
    assert [e.note for e in merged.diary] == ["mine", ""]
    assert [s.name for s in merged.support_map.supporters] == ["Sam", "Clinic"]
    assert merged.action_plan.plan.goals == ("Walk",)
    assert len(merged.pain_checks) == 1
    assert len(notes) == 4 and any("2024-03-01" in n for n in notes)
    assert merge(merged, merged) == (merged, [])  # merging a copy changes nothing


def test_merge_stays_within_the_caps_keeping_the_newest():
    old = [PainCheckEntry(date(2020, 1, 1) + timedelta(days=n), (1, 1, 1)) for n in range(500)]
    new = [PainCheckEntry(date(2023, 1, 1) + timedelta(days=n), (2, 2, 2)) for n in range(10)]
    merged, notes = merge(LearnerRecord(pain_checks=tuple(new)), LearnerRecord(pain_checks=old))
    assert len(merged.pain_checks) == 500
    assert merged.pain_checks[0].date == date(2020, 1, 11)  # the 10 oldest left out
    assert notes == ["Pain checks: 10 of the older ones were left out, to stay within 500."]


# ---- storage keys ------------------------------------------------------------------------------


def test_the_course_id_comes_from_the_title_in_course_toml():
    # The course.toml in use (BTC_COURSE_TOML may name another course's) gives the id.
    assert lr.default_course_id() == course_id(course_settings().title)
    assert course_id("Breaking the Cycle") == "breaking-the-cycle"
    assert course_id("  Ça va? Pain & Mood 101 ") == "ca-va-pain-mood-101"
    assert course_id("日本語") == "course"
    assert len(course_id("x" * 200)) == 60


def test_storage_keys_are_namespaced_by_course_and_base_path():
    key = storage_key("breaking-the-cycle", "/")
    assert key == "btc-record-v1:breaking-the-cycle:%2F"
    assert storage_key("breaking-the-cycle", "http://host:8866/") == key
    assert storage_key("breaking-the-cycle", "") == key
    others = [
        storage_key("another-course", "/"),
        storage_key("breaking-the-cycle", "/course/"),
        storage_key("breaking-the-cycle", "/:consent/"),
        storage_key("breaking-the-cycle", "https://example.org/a/b"),
    ]
    assert len({key, *others}) == 5
    for one in [key, *others]:  # no course's keys fall inside another's namespace
        assert one.count(":") == 2
        assert not any(two.startswith(one + ":") for two in [key, *others])
    assert storage_key("x", "/my course/é/") == "btc-record-v1:x:%2Fmy%20course%2F%C3%A9%2F"
    with pytest.raises(ValueError):
        storage_key("Not A Slug", "/")


# ---- one key per part ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(50))
def test_a_record_survives_the_round_trip_through_its_parts(seed):
    record = random_record(random.Random(seed))
    texts = lr.to_part_texts(record)
    assert set(texts) == set(lr.PARTS)
    result = lr.parse_parts(texts)
    assert result.ok and result.problems == () and result.record == record
    joined = {"version": 1}
    for name, text in texts.items():
        if text is not None:
            part = json.loads(text)
            assert set(part) == {"version", name} and part["version"] == 1
            assert parse_text(text).ok  # each part is a record document on its own
            joined[name] = part[name]
    assert parse(joined).record == record


def test_empty_parts_are_not_stored_and_nothing_stored_is_the_empty_record():
    assert set(lr.to_part_texts(LearnerRecord()).values()) == {None}
    assert lr.parse_parts({}).record.is_empty and lr.parse_parts({}).ok


@pytest.mark.parametrize(
    "texts, words",
    [
        ({"diary": "[1,"}, "could not be read"),
        ({"diary": '{"version":1,"lessons":{}}'}, "not a record from this course"),
        ({"diary": '{"diary":[]}'}, "not a record from this course"),
        ({"diary": "[]"}, "not a record from this course"),
        ({"tracker": '{"version":1}'}, "not a record from this course"),
        ({"diary": '{"version":true,"diary":[]}'}, "version number"),
        ({"diary": '{"version":1,"diary":' + "[" * 50 + "]" * 50 + "}"}, "layers"),
        ({"diary": '{"version":1,"diary":"' + "x" * 600_000 + '"}',
          "lessons": '{"version":1,"lessons":"' + "x" * 600_000 + '"}'}, "too big"),
    ],
)  # fmt: skip
def test_parts_that_are_not_this_course_s_are_refused_whole(texts, words):
    result = lr.parse_parts(texts)
    assert not result.ok and words in result.error and result.record.is_empty


def test_a_newer_part_refuses_the_record_as_newer():
    result = lr.parse_parts({"lessons": '{"version":1,"lessons":{}}', "diary": '{"version":3}'})
    assert result.newer and not result.ok


def test_a_bad_item_in_a_part_leaves_out_that_item_only():
    texts = lr.to_part_texts(LearnerRecord(lessons=(LessonProgress("00_welcome.ipynb"),)))
    texts["diary"] = json.dumps({"version": 1, "diary": [{"date": "2024-13-01"}]})
    result = lr.parse_parts(texts)
    assert result.ok and result.problems and result.record.lessons[0].file == "00_welcome.ipynb"


# ---- words ---------------------------------------------------------------------------------

LOOK_UPS = {
    "say": (),
    "_name": ("name",),
    "_named": ("name",),
    "refusal": ("refused",),
    "_invalid": ("invalid",),
}


def test_every_message_is_in_learner_record_toml_with_its_fields():
    from tests.content_calls import looked_up, problems

    path = "widgets/models/learner_record.py"
    assert len(looked_up(path, LOOK_UPS)) > 100
    assert problems("learner_record", path, LOOK_UPS) == []


def test_refusals_and_reasons_are_the_content_files_sentences():
    from widgets.words import word

    assert lr.refusal("empty") == word("learner_record", "refused", "empty")
    assert parse_text("").error == "This record is empty."
    too_big = parse_text(b" " * (lr.MAX_BYTES + 1)).error
    assert too_big.startswith("This record is too big to read: 1,000,001 bytes.")
    newer = parse_text('{"version": 99}')
    assert newer.newer and "(version 99; this page reads version 1)" in newer.error
    with pytest.raises(ValueError, match="^Opened must be true or false, but it is text.$"):
        LessonProgress("00_welcome.ipynb", opened="yes")


def test_a_good_record_is_read_and_written_without_looking_up_a_single_word(monkeypatch):
    """Words are looked up only when there is something to say, so reading a record (up to 3,660
    diary days) costs no more than before they moved to a content file."""
    text = to_text(random_record(random.Random(7)))

    def no_words(*keys, **_language):
        raise AssertionError(f"looked up {keys} with nothing to say")

    monkeypatch.setattr(lr, "word", no_words)
    result = parse_text(text)
    assert result.ok and not result.problems and to_text(result.record) == text
