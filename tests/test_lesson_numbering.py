"""Lessons are named by their title, never by a number, and the facilitator guide's plans stay in
step with the lessons they describe.

An instructor can reorder or drop lessons in course.toml, so "lesson 3" written in prose soon
points at the wrong lesson. The only lesson numbers learners see are the ones the menu counts
from course.toml. Docstrings and comments for maintainers ("used in lesson 03") are fine.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from tests.harness import LANGUAGES, ROOT, every_notebook, lesson_files, notebook_id
from tests.lesson_text import cells, language_of, markdown, parts, source
from widgets.course_config import lesson_dir, lesson_outline

WIDGETS = ROOT / "widgets"
GUIDE = "facilitator_guide.ipynb"
BREAKING = "05_breaking_the_cycle.ipynb"
#: The guide and the lesson with a 20-minute plan, in each language that has them.
GUIDE_LANGUAGES = [x for x in LANGUAGES if (lesson_dir(x) / GUIDE).is_file()]


def numbered(language: str = "en") -> re.Pattern:
    """ "lesson 3", "Lesson 05", "lessons 2 and 6", "meeting 0–6", "session #4", "lesson no. 3"
    (with the words for lesson, meeting and session in `language`)."""
    nouns = parts(language)["guide"]["numbered_words"]
    return re.compile(
        rf"\b(?:{nouns})s?[\s\u00a0]*(?:#|n[oº]\.?[\s\u00a0]*|number[\s\u00a0]+|n[uú]mero[\s\u00a0]+)?\d",
        re.IGNORECASE,
    )


def tool_names(language: str) -> dict[str, str]:
    """What the guide calls each tool a lesson's code cells show (widget call -> its name)."""
    return parts(language)["guide"]["tools"]


def plan_heading(language: str) -> re.Pattern:
    before, _, after = parts(language)["guide"]["plan_heading"].partition("{title}")
    return re.compile(rf"^{re.escape(before)}(?P<title>[^*]+){re.escape(after)}\s*$", re.M)


def short_plan_heading(language: str) -> str:
    return parts(language)["guide"]["short_plan_heading"]


def numbered_mentions(text: str, language: str = "en") -> list[str]:
    """Each "lesson 3"-style mention in `text`, with a little context."""
    return [text[max(0, m.start() - 30) : m.end() + 10] for m in numbered(language).finditer(text)]


def docstring_nodes(tree: ast.AST) -> set[int]:
    """ids of string constants that are docstrings or bare string statements (never shown)."""
    skipped = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for statement in body:
            if (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                skipped.add(id(statement.value))
    return skipped


def learner_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that can reach a learner: not docstrings, not comments."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skipped = docstring_nodes(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
    ]


def toml_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in toml_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in toml_strings(v)]
    return []


# --- the rule itself -------------------------------------------------------------------------


def test_the_pattern_catches_numbers_and_spares_titles():
    for text in (
        "In lesson 3 you saw",
        "Lesson 05",
        "lessons 2 and 6",
        "Meeting 0: Welcome",
        "after meeting 3",
        "SESSION 4",
        "lesson #2",
        "lesson no. 5",
    ):
        assert numbered().search(text), text
    for text in (
        "In the lesson [The vicious cycle](03_the_vicious_cycle.ipynb) you saw",
        "It has 5 lessons over 8 weeks",
        "a 75-minute meeting",
        "### Meeting for *Welcome*",
        "Lesson: [Welcome](00_welcome.ipynb)",
        "one lesson a week",
    ):
        assert not numbered().search(text), text


def test_the_pattern_catches_numbers_in_spanish_too():
    for text in ("En la lección 3 viste", "Reunión 0", "sesión nº 4", "lecciones 2 y 6"):
        assert numbered("es").search(text), text
    assert not numbered("es").search("La lección [El círculo vicioso](03_the_vicious_cycle.ipynb)")


@pytest.mark.parametrize("notebook", every_notebook(), ids=notebook_id)
def test_notebook_markdown_names_lessons_by_title(notebook):
    found = [
        mention
        for cell in cells(notebook)
        if cell["cell_type"] == "markdown"
        for mention in numbered_mentions(source(cell), language_of(notebook))
    ]
    assert not found, (
        f"{notebook_id(notebook)} refers to a lesson or meeting by number: {found}. Lessons can "
        "be reordered in course.toml, so name the lesson by its title, e.g. "
        "[The vicious cycle](03_the_vicious_cycle.ipynb)."
    )


def widget_modules() -> list[Path]:
    return sorted(WIDGETS.rglob("*.py"))


@pytest.mark.parametrize("module", widget_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_widget_strings_name_lessons_by_title(module):
    found = [
        f"line {line}: {mention!r}"
        for line, text in learner_strings(module)
        for mention in numbered_mentions(text)
    ]
    assert not found, (
        f"{module.relative_to(ROOT)} shows learners a lesson number: {found}. Name the lesson by "
        "its title instead (docstrings and comments may keep numbers)."
    )


def test_docstrings_and_comments_may_keep_numbers(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        '"""The tool for lesson 05."""\n'
        "# used in lesson 03\n"
        "class Tool:\n"
        '    """Shown in lesson 04."""\n'
        "    def show(self):\n"
        '        """Lesson 06 calls this."""\n'
        '        return "See the lesson on sleep."\n'
        'NOTE = "Try the ideas in " "lesson 5."\n',
        encoding="utf-8",
    )
    found = [m for _line, text in learner_strings(module) for m in numbered_mentions(text)]
    assert len(found) == 1 and "lesson 5" in found[0], found


CHECKS = [path for x in LANGUAGES for path in sorted((lesson_dir(x) / "checks").glob("*.toml"))]


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.relative_to(lesson_dir("en")).as_posix())
def test_knowledge_checks_name_lessons_by_title(check):
    data = tomllib.loads(check.read_text(encoding="utf-8"))
    language = language_of(check.parent)
    found = [m for text in toml_strings(data) for m in numbered_mentions(text, language)]
    assert not found, f"{check.name} shows learners a lesson number: {found}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_to_lessons_use_the_lesson_title(language):
    """A link's words are the start of its lesson's title, so a learner can find it in the menu."""
    folder = lesson_dir(language)
    titles = {file: lesson_outline(folder / file)[0] for file in lesson_files(language)}
    wrong = []
    for file in lesson_files(language):
        for words, target in re.findall(
            r"\[([^\]]+)\]\(([^)#\s]+\.ipynb)", markdown(folder / file)
        ):
            title = titles.get(target)
            if title and not title.lower().startswith(words.strip("*_ ").lower()):
                wrong.append(f"{file}: [{words}]({target}) but the title is {title!r}")
    assert not wrong, wrong


# --- the facilitator guide's plans -----------------------------------------------------------


def plans(language: str = "en") -> dict[str, str]:
    """Each session plan of the guide by the lesson title in its heading, with its text."""
    text = markdown(lesson_dir(language) / GUIDE)
    found = list(plan_heading(language).finditer(text))
    assert found, f"the {language} guide has no {parts(language)['guide']['plan_heading']!r} plans"
    result = {}
    for match, after in zip(found, [*found[1:], None], strict=True):
        end = after.start() if after else text.find("\n## ", match.end())
        result[match.group("title")] = text[match.end() : end if end != -1 else None]
    return result


def lesson_by_title(language: str = "en") -> dict[str, Path]:
    folder = lesson_dir(language)
    return {lesson_outline(folder / f)[0]: folder / f for f in lesson_files(language)}


def tools_on(lesson: Path, language: str = "en") -> list[str]:
    code = "\n".join(source(c) for c in cells(lesson) if c["cell_type"] == "code")
    called = {
        node.func.id
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    return [name for call, name in tool_names(language).items() if call in called]


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_every_plan_is_named_after_a_real_lesson_and_links_to_it(language):
    lessons = lesson_by_title(language)
    for title, text in plans(language).items():
        assert title in lessons, f"{language} guide plan for *{title}* names no lesson title"
        assert f"]({lessons[title].name})" in text, f"the plan for {title!r} does not link to it"


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_every_plan_names_the_tools_on_its_lesson_page(language):
    lessons = lesson_by_title(language)
    for title, text in plans(language).items():
        plain = text.replace("*", "").lower()
        missing = [tool for tool in tools_on(lessons[title], language) if tool not in plain]
        assert not missing, f"the plan for {title!r} never says when to use: {missing}"


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_the_mood_self_check_is_done_alone_and_scores_never_shared(language):
    must = parts(language)["guide"]["must_say"]
    for title, text in plans(language).items():
        plain = text.replace("*", "").lower()
        if tool_names(language)["self_check"] in plain:
            assert re.search(must["self_check_alone"], plain), (
                f"{title!r}: say members do the self-check alone"
            )
            assert re.search(must["scores_not_shared"], plain), (
                f"{title!r}: say that no one shares scores aloud"
            )


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_every_plan_is_timed_and_fits_the_meeting(language):
    for title, text in plans(language).items():
        body = text.split(short_plan_heading(language))[0]
        slots = [(int(a), int(b)) for a, b in re.findall(r"^- \*\*(\d+)–(\d+) min", body, re.M)]
        assert slots and slots[0][0] == 0, f"{title!r}: the timed plan should start at 0 min"
        for (start, end), (next_start, _) in zip(slots, slots[1:], strict=False):
            assert start < end, f"{title!r}: {start}–{end} min runs backwards"
            assert next_start in (start, end), f"{title!r}: a gap or overlap after {end} min"
        assert 60 <= slots[-1][1] <= 90, f"{title!r}: the plan must last 60–90 minutes"


def short_plan(language: str = "en") -> str:
    title = lesson_outline(lesson_dir(language) / BREAKING)[0]
    text = plans(language)[title]
    heading = short_plan_heading(language)
    assert heading in text, f"the plan for {title} lacks its 20-minute plan"
    return text.split(heading, 1)[1]


def short_plan_sections(language: str = "en") -> list[str]:
    rows = [line for line in short_plan(language).splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    column = header.index(parts(language)["guide"]["section_column"])
    names = []
    for row in rows[2:]:
        cell = [c.strip() for c in row.strip("|").split("|")][column]
        names += [name.strip() for name in cell.split(";") if name.strip() not in ("", "—")]
    return names


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_the_20_minute_plan_names_real_headings_of_the_lesson(language):
    lesson = lesson_dir(language) / BREAKING
    headings = {
        line.lstrip("#").strip() for line in markdown(lesson).splitlines() if line.startswith("#")
    }
    named = short_plan_sections(language)
    assert len(named) >= 5, f"the 20-minute plan names too few sections: {named}"
    missing = [name for name in named if name not in headings]
    assert not missing, (
        f"the guide's 20-minute plan names sections that {notebook_id(lesson)} does not have: "
        f"{missing}. Use the headings as they appear in the lesson."
    )


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_the_20_minute_plan_uses_one_tool_and_fits(language):
    text = short_plan(language).replace("*", "").lower()
    lesson = lesson_dir(language) / BREAKING
    quiz = tool_names(language)["knowledge_check"]
    used = {tool for tool in tools_on(lesson, language) if tool in text and tool != quiz}
    assert len(used) == 1, f"the 20-minute plan should use exactly one tool, not {sorted(used)}"
    ends = [int(b) for b in re.findall(r"^\| \d+–(\d+) min", short_plan(language), re.M)]
    assert ends and max(ends) <= 20, "the 20-minute plan runs over 20 minutes"
    assert re.search(parts(language)["guide"]["must_say"]["read_at_home"], text), (
        "say what members read at home"
    )
