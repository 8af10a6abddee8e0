"""Load and check `course.toml`, the one file instructors edit to adapt the course.

Validation is strict on purpose: a typo in a key would otherwise be ignored silently and, for
example, leave a group looking at the wrong crisis lines. Every error names the key and says what
is allowed. Standard library only, so it also runs in a browser kernel.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from widgets.crisis_html import lines_html, worldwide_html
from widgets.crisis_lines import CrisisLine, regions, worldwide
from widgets.words import words

REPO_ROOT = Path(__file__).resolve().parent.parent


#: The course.toml in use: the repository's, or the file that BTC_COURSE_TOML names, to try another
#: configuration without editing this one (CI runs the fast tests again under a UK-IE, PHQ-8 one).
def _config_path(named: str | None) -> Path:
    """BTC_COURSE_TOML's file (a relative name may be from the folder it was typed in, or from
    the repository: a kernel runs in the lessons' folder), else the repository's course.toml."""
    if not named:
        return REPO_ROOT / "course.toml"
    path = Path(named)
    if not path.is_absolute() and not path.exists() and (REPO_ROOT / path).exists():
        path = REPO_ROOT / path
    return path.resolve()


DEFAULT_CONFIG = _config_path(os.environ.get("BTC_COURSE_TOML"))
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

_ALLOWED = {
    "": {"course", "help", "selfcheck"},
    "course": {"title", "organisation", "language", "lessons", "guides", "pages"},
    "selfcheck": {"version"},
    "help": {"region", "lines"},
    "help.lines": {"name", "contact", "note"},
}
_REQUIRED = {
    "": {"course", "help"},
    "course": {"title", "organisation", "lessons"},
    "help": {"region"},
    "help.lines": {"name", "contact"},
    "selfcheck": {"version"},
}
_SELFCHECK_VERSIONS = ("PHQ-9", "PHQ-8")


class CourseConfigError(ValueError):
    """A problem in course.toml, worded for the instructor who has to fix it."""


@dataclass(frozen=True)
class Lesson:
    """A lesson as the navigation needs it: its file, its title and its place in the course."""

    file: str
    title: str
    number: int
    summary: str = ""


@dataclass(frozen=True)
class CourseConfig:
    title: str
    organisation: str
    lessons: tuple[Lesson, ...]
    guides: tuple[Lesson, ...]
    region: str
    region_name: str
    crisis_lines: tuple[CrisisLine, ...]
    selfcheck_version: str = "PHQ-9"
    #: The learner's own pages (My progress), listed apart from the lessons in the menu.
    pages: tuple[Lesson, ...] = ()
    #: The language of the lessons, the tools' words and the page (`<html lang>`), e.g. "en".
    language: str = "en"

    def lesson(self, file: str) -> Lesson | None:
        """The lesson for a notebook file, or None if the notebook is not part of the course."""
        return next((lesson for lesson in self.lessons if lesson.file == file), None)

    def neighbours(self, file: str) -> tuple[Lesson | None, Lesson | None]:
        """The lessons before and after `file` in course order (None at either end)."""
        current = self.lesson(file)
        if current is None:
            return None, None
        before = self.lessons[current.number - 1] if current.number > 0 else None
        after = self.lessons[current.number + 1] if current.number + 1 < len(self.lessons) else None
        return before, after

    def as_template_data(self) -> dict:
        """Plain data for the Voila template (Jinja reads dicts and lists, not dataclasses)."""
        other = worldwide(self.language)
        return {
            "title": self.title,
            "organisation": self.organisation,
            "lessons": [
                {
                    "file": lesson.file,
                    "title": lesson.title,
                    "number": lesson.number,
                    "summary": lesson.summary,
                }
                for lesson in self.lessons
            ],
            "guides": [{"file": guide.file, "title": guide.title} for guide in self.guides],
            "pages": [{"file": page.file, "title": page.title} for page in self.pages],
            "language": self.language,
            "region": self.region,
            "region_name": self.region_name,
            "crisis_lines": [
                {"name": line.name, "contact": line.contact, "note": line.note}
                for line in self.crisis_lines
            ],
            "worldwide": {"name": other.name, "contact": other.contact},
            # Rendered once, by the one renderer of crisis lines (tel:, sms: and web links).
            "crisis_lines_html": lines_html(self.crisis_lines, self.language),
            "worldwide_html": worldwide_html(other.name, other.contact, self.language),
            # The chrome's words (widgets/content/chrome.toml) in the course's language.
            "words": words("chrome", self.language),
        }


def _check_keys(table: dict, where: str) -> None:
    label = f"[{where}]" if where else "the top level"
    unknown = sorted(set(table) - _ALLOWED[where])
    if unknown:
        raise CourseConfigError(
            f"course.toml: unknown key {unknown[0]!r} in {label}. "
            f"Allowed keys there: {', '.join(sorted(_ALLOWED[where]))}."
        )
    missing = sorted(_REQUIRED[where] - set(table))
    if missing:
        raise CourseConfigError(f"course.toml: missing key {missing[0]!r} in {label}.")


def _text(table: dict, key: str, where: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise CourseConfigError(
            f"course.toml: {where}.{key} must be a non-empty text in quotes, got {value!r}."
        )
    return value.strip()


def _plain(markdown: str) -> str:
    """Markdown emphasis and links reduced to their words, for one-line summaries."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text).strip()


def lesson_outline(notebook: Path) -> tuple[str, str]:
    """A lesson's title (its first '# ' heading) and summary (the paragraph after it).

    Both are read from the notebook so that an instructor edits a lesson in one place.
    """
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as error:
        raise CourseConfigError(
            f"course.toml lists {notebook.name!r}, which could not be read as a notebook ({error})."
        ) from error
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        lines = ("".join(source) if isinstance(source, list) else source).splitlines()
        for index, line in enumerate(lines):
            if line.startswith("# "):
                rest = "\n".join(lines[index + 1 :]).strip().split("\n\n")[0]
                summary = "" if rest.startswith("#") else _plain(" ".join(rest.split()))
                return line[2:].strip(), summary
    raise CourseConfigError(
        f"course.toml lists {notebook.name!r}, but that notebook has no "
        "'# Title' heading in a markdown cell. Add one: it is the lesson's title in the menu."
    )


def _lessons(
    value: object, notebooks_dir: Path, key: str = "lessons", taken: tuple[Lesson, ...] = ()
) -> tuple[Lesson, ...]:
    if not isinstance(value, list) or (key == "lessons" and not value):
        raise CourseConfigError(
            f"course.toml: course.{key} must be a list of notebook file names, "
            'e.g. ["00_welcome.ipynb"]'
            + (", with at least one lesson." if key == "lessons" else ".")
        )
    lessons: list[Lesson] = []
    for number, file in enumerate(value):
        if not isinstance(file, str) or not file.endswith(".ipynb") or "/" in file or "\\" in file:
            raise CourseConfigError(
                f"course.{key}: entry {number + 1} is {file!r}; each entry must be the "
                "file name of a notebook in notebooks/, ending in .ipynb, with no folder."
            )
        if file in (lesson.file for lesson in (*taken, *lessons)):
            raise CourseConfigError(f"course.{key}: {file!r} is listed twice.")
        path = notebooks_dir / file
        if not path.is_file():
            present = ", ".join(sorted(p.name for p in notebooks_dir.glob("*.ipynb")))
            raise CourseConfigError(
                f"course.{key}: {file!r} does not exist in {notebooks_dir.name}/. "
                f"Notebooks there: {present}."
            )
        title, summary = lesson_outline(path)
        lessons.append(Lesson(file=file, title=title, number=number, summary=summary))
    return tuple(lessons)


def _crisis_lines(help_table: dict, language: str) -> tuple[str, str, tuple[CrisisLine, ...]]:
    region = help_table["region"]
    known = regions(language)
    choices = [*known, "custom"]
    if region not in choices:
        raise CourseConfigError(
            f"course.toml: help.region is {region!r}. Allowed: {', '.join(choices)}."
        )
    extra = help_table.get("lines", [])
    if not isinstance(extra, list):
        raise CourseConfigError("course.toml: help.lines must be a list of [[help.lines]] tables.")
    lines = []
    for entry in extra:
        if not isinstance(entry, dict):
            raise CourseConfigError(
                "course.toml: each help.lines entry must be a [[help.lines]] table."
            )
        _check_keys(entry, "help.lines")
        note = _text(entry, "note", "help.lines") if "note" in entry else ""
        lines.append(
            CrisisLine(
                _text(entry, "name", "help.lines"), _text(entry, "contact", "help.lines"), note
            )
        )
    if region == "custom":
        if not lines:
            raise CourseConfigError(
                'course.toml: help.region is "custom", so add at least one [[help.lines]] '
                "table with name and contact (see the example in course.toml)."
            )
        return region, words("chrome", language)["help"]["your_area"], tuple(lines)
    region_name, defaults = known[region]
    return region, region_name, tuple(lines) + defaults


def languages(notebooks_dir: Path = NOTEBOOKS_DIR) -> tuple[str, ...]:
    """The languages this copy has lessons in: English (notebooks/) and each notebooks/<code>/."""
    found = sorted(
        path.name
        for path in notebooks_dir.iterdir()
        if path.is_dir() and re.fullmatch(r"[a-z]{2}", path.name) and any(path.glob("*.ipynb"))
    )
    return ("en", *found)


def lesson_dir(language: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    """Where the lessons for `language` are: notebooks/ for English, notebooks/<code>/ otherwise."""
    return notebooks_dir if language == "en" else notebooks_dir / language


def _language(course: dict, notebooks_dir: Path) -> str:
    language = course.get("language", "en")
    allowed = languages(notebooks_dir)
    if language not in allowed:
        raise CourseConfigError(
            f"course.toml: course.language is {language!r}. Allowed here: {', '.join(allowed)} "
            "(a language needs its lessons in notebooks/<code>/)."
        )
    return language


def parse_config(text: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> CourseConfig:
    """Check the text of a course.toml and return the course it describes."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CourseConfigError(f"course.toml is not valid TOML: {error}.") from error
    _check_keys(data, "")
    for section in ("course", "help"):
        if not isinstance(data[section], dict):
            raise CourseConfigError(f"course.toml: {section} must be a [{section}] table.")
        _check_keys(data[section], section)
    course = data["course"]
    language = _language(course, notebooks_dir)
    region, region_name, lines = _crisis_lines(data["help"], language)
    notebooks_dir = lesson_dir(language, notebooks_dir)
    lessons = _lessons(course["lessons"], notebooks_dir)
    selfcheck = data.get("selfcheck", {"version": "PHQ-9"})
    if not isinstance(selfcheck, dict):
        raise CourseConfigError("course.toml: selfcheck must be a [selfcheck] table.")
    _check_keys(selfcheck, "selfcheck")
    if selfcheck["version"] not in _SELFCHECK_VERSIONS:
        raise CourseConfigError(
            f"course.toml: selfcheck.version is {selfcheck['version']!r}. "
            f"Allowed: {', '.join(_SELFCHECK_VERSIONS)}."
        )
    return CourseConfig(
        title=_text(course, "title", "course"),
        organisation=_text(course, "organisation", "course"),
        lessons=lessons,
        guides=(guides := _lessons(course.get("guides", []), notebooks_dir, "guides", lessons)),
        pages=_lessons(course.get("pages", []), notebooks_dir, "pages", (*lessons, *guides)),
        region=region,
        region_name=region_name,
        crisis_lines=lines,
        selfcheck_version=selfcheck["version"],
        language=language,
    )


def load_config(path: Path = DEFAULT_CONFIG, notebooks_dir: Path = NOTEBOOKS_DIR) -> CourseConfig:
    """Read and check course.toml; raises CourseConfigError with a message for the instructor."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise CourseConfigError(
            f"{path} is missing. Copy course.toml from the repository and edit it."
        ) from error
    except UnicodeDecodeError as error:
        raise CourseConfigError(f"{path} must be saved as UTF-8 text.") from error
    return parse_config(text, notebooks_dir)


@functools.cache
def _settings_read(path: Path, notebooks_dir: Path, changed: tuple[int, ...]) -> CourseConfig:
    return load_config(path, notebooks_dir)


def course_settings(
    path: Path = DEFAULT_CONFIG, notebooks_dir: Path = NOTEBOOKS_DIR
) -> CourseConfig:
    """The course's settings, read and checked once and then shared by every part of a page.

    Read again only when course.toml or a lesson folder changes on disk, so an instructor
    previewing the course sees an edit on the next reload without a restart.
    """
    return _settings_read(Path(path), Path(notebooks_dir), _changed(path, notebooks_dir))


def _changed(*paths: Path) -> tuple[int, ...]:
    """When course.toml and the lesson folders last changed (saving a notebook replaces its file,
    which touches its folder): the settings are read again when any of these moves."""
    stamps = []
    for path in paths:
        try:
            stamps.append(Path(path).stat().st_mtime_ns)
        except OSError:
            stamps.append(0)
    return tuple(stamps)


_LESSON_LINK = re.compile(r"\]\(([^)#\s/]+\.ipynb)")


def links_to_unlisted(config: CourseConfig, notebooks_dir: Path = NOTEBOOKS_DIR) -> list[str]:
    """Links in the course's pages to notebooks course.toml does not list: the server refuses
    those pages, so a learner following such a link would find nothing. One line per link."""
    folder = lesson_dir(config.language, notebooks_dir)
    listed = {page.file for page in (*config.lessons, *config.pages, *config.guides)}
    found = []
    for page in sorted(listed):
        try:
            cells = json.loads((folder / page).read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        for cell in cells:
            if cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            for target in _LESSON_LINK.findall(text):
                if target not in listed:
                    found.append(f"{page} links to {target}, which course.toml does not list.")
    return sorted(set(found))


def main(argv: list[str] | None = None) -> int:
    """`python -m widgets.course_config [PATH]`: check a configuration and say what is wrong."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_CONFIG
    try:
        config = load_config(path)
    except CourseConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    print(f"{path}: OK ({len(config.lessons)} lessons, help for {config.region_name}).")
    for problem in links_to_unlisted(config):
        print(
            f"Warning: {problem} Learners would find nothing there: remove the link, or list "
            "the notebook again.",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
