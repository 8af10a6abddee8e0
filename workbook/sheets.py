"""The workbook's cover and blank worksheets as standalone HTML pages, ready for Chromium to print.

Why HTML: Chromium already prints the lessons, so the worksheets use the same engine and fonts.
The words are in sheets.toml (learner-facing text is content, not code); what the course already
says elsewhere (crisis lines, the diary's columns, the action plan's parts, the ground rules) is
read from there, so paper and screen never drift apart. Every piece of text is escaped: the
course's own words, course.toml and the notebooks alike. Standard library only; no scripts, no
links to load, nothing from another host.
"""

from __future__ import annotations

import inspect
import json
import re
import tomllib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from widgets.course_config import NOTEBOOKS_DIR, CourseConfig, course_settings, lesson_dir
from widgets.crisis_html import lines_html
from widgets.models import action_plan, diary, pacing, support_map, thought_record
from widgets.words import words

SHEETS_FILE = Path(__file__).with_name("sheets.toml")  # English; a translation: <language>/
GUIDE = NOTEBOOKS_DIR / "facilitator_guide.ipynb"
GROUND_RULES_HEADING = "## Ground rules"


def sheets_file(language: str) -> Path:
    """The worksheets' words in `language` (workbook/<language>/sheets.toml), else English."""
    translated = SHEETS_FILE.parent / language / SHEETS_FILE.name
    return translated if language != "en" and translated.is_file() else SHEETS_FILE


def guide_file(language: str) -> Path:
    """The facilitator guide in `language`, beside that language's lessons."""
    return lesson_dir(language) / GUIDE.name


def ground_rules_heading(language: str) -> str:
    """The guide's "## Ground rules" heading in `language` (widgets/content/lesson_parts.toml)."""
    return words("lesson_parts", language)["guide"]["ground_rules"]


#: The worksheets, in print order, then the pages for groups.
WORKSHEETS = ("thought_record", "diary", "pacing_plan", "action_plan", "support_map")
GROUP_SHEETS = ("ground_rules", "local_help")

CSS = """
@page { margin: 14mm 14mm 16mm; }
html { font-size: 11pt; }
body { margin: 0; color: #000; background: #fff; line-height: 1.4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 0.4rem; }
h2 { font-size: 1.35rem; margin: 0 0 0.3rem; border-bottom: 2px solid #000;
  padding-bottom: 0.1rem; }
h3 { font-size: 1.05rem; margin: 0.7rem 0 0.1rem; break-after: avoid; }
p { margin: 0.25rem 0 0.4rem; }
ul { margin: 0.25rem 0; padding-left: 1.3rem; }
li { margin: 0.15rem 0; }
a { color: #000; text-decoration: none; }
.sheet { break-before: page; }
.sheet.first { break-before: auto; }
.intro { margin-bottom: 0.6rem; }
.ask { margin: 0; color: #222; font-style: italic; }
.write { height: 7.5mm; border-bottom: 1px solid #555; }
.block { break-inside: avoid; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 1.2px solid #000;
  vertical-align: -0.5mm; margin-right: 0.5rem; }
.ticks { list-style: none; padding-left: 0; columns: 2; column-gap: 1.5rem; }
.ticks li { break-inside: avoid; margin: 0 0 0.15rem; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.6rem; }
th, td { border: 1px solid #000; padding: 0.15rem 0.35rem; text-align: left; vertical-align: top; }
th { font-size: 0.9rem; }
td { height: 9mm; }
.diary td { height: 11.5mm; }
.diary th.note { width: 30%; }
.diary th.date { width: 14%; }
.keep { white-space: nowrap; }
.days td, .days th { text-align: center; }
.small { font-size: 0.92rem; }
.cover { text-align: left; }
.kicker { text-transform: uppercase; letter-spacing: 0.12em; font-weight: 700; margin-top: 4mm; }
.cover h1 { font-size: 2.6rem; margin-top: 0; }
.subtitle { font-size: 1.2rem; margin-bottom: 1.2rem; }
.notice { border: 2px solid #000; padding: 0.4rem 0.9rem 0.5rem; margin: 0.8rem 0; }
.notice h2 { border: none; font-size: 1.15rem; margin: 0.2rem 0; }
.crisis { border-width: 3px; }
.contents { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.5rem; }
.contents h2 { grid-column: 1 / -1; }
.contents h3 { margin-top: 0.4rem; }
.contents ol, .contents ul { margin: 0; }
.fields { table-layout: fixed; }
.fields th { width: 62%; font-size: 1rem; }
"""


class SheetsError(ValueError):
    """sheets.toml or the facilitator guide does not have what the workbook needs."""


@dataclass(frozen=True)
class GroundRules:
    """The facilitator guide's ground rules: each one in its markdown, as the guide writes it."""

    rules: tuple[str, ...]


def _require(table: dict, keys: object, where: str) -> None:
    missing = [key for key in keys if key not in table]  # type: ignore[attr-defined]
    if missing:
        raise SheetsError(f"sheets.toml: [{where}] has no {missing[0]!r}.")


def load_sheets(path: Path | None = None) -> dict:
    """Read sheets.toml (in the course's language) and check it covers what the models define
    (same columns, same parts)."""
    path = path or sheets_file(course_settings().language)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SheetsError(f"{path.name} could not be read: {error}") from error
    _require(data, ("cover", *WORKSHEETS, *GROUP_SHEETS), "the top level")
    for key in (*WORKSHEETS, *GROUP_SHEETS):
        _require(data[key], ("heading", "intro"), key)
    columns = data["diary"].get("columns", {})
    if tuple(columns) != diary.COLUMNS:
        raise SheetsError(
            f"sheets.toml: [diary.columns] must list {', '.join(diary.COLUMNS)} in that order "
            "(the columns of widgets/models/diary.py)."
        )
    parts = tuple(field for field, _ in action_plan.SECTIONS)
    if tuple(data["action_plan"].get("lines", {})) != parts:
        raise SheetsError(
            f"sheets.toml: [action_plan.lines] must list {', '.join(parts)} in that order "
            "(SECTIONS in widgets/models/action_plan.py)."
        )
    steps = [step.get("key") for step in data["thought_record"].get("steps", [])]
    unknown = [key for key in steps if key not in thought_record.PROMPTS]
    if not steps or unknown:
        raise SheetsError(
            f"sheets.toml: each [[thought_record.steps]] key must be one of "
            f"{', '.join(thought_record.PROMPTS)}; got {unknown[0] if unknown else 'none'!r}."
        )
    if tuple(data["support_map"].get("help_columns", {})) != tuple(support_map.HELP_TYPES):
        raise SheetsError(
            "sheets.toml: [support_map.help_columns] must list "
            f"{', '.join(support_map.HELP_TYPES)} (widgets/models/support_map.py)."
        )
    return data


def headings(sheets: dict) -> list[str]:
    """Every worksheet's heading, in print order (worksheets, then the pages for groups)."""
    return [sheets[key]["heading"] for key in (*WORKSHEETS, *GROUP_SHEETS)]


def read_ground_rules(guide: Path | None = None, heading: str | None = None) -> GroundRules:
    """The bullet list under "## Ground rules" in the facilitator guide (the course language's,
    and its heading), read at build time."""
    language = course_settings().language
    guide = guide or guide_file(language)
    heading = heading or ground_rules_heading(language)
    try:
        cells = json.loads(guide.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as error:
        raise SheetsError(f"{guide.name} could not be read as a notebook: {error}") from error
    lines: list[str] = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        in_section = False
        for line in text.splitlines():
            if line.strip() == heading:
                in_section = True
            elif in_section and re.match(r"#{1,2} ", line):
                break
            elif in_section:
                lines.append(line)
        if lines:
            break
    rules: list[str] = []
    for line in lines:
        if re.match(r"\s*[-*] ", line):
            rules.append(re.sub(r"^\s*[-*] ", "", line).strip())
        elif rules and line.startswith("  ") and line.strip():
            rules[-1] += " " + line.strip()  # a rule wrapped onto the next line
    if not rules:
        raise SheetsError(
            f"{guide.name} has no bullet list under {heading!r}: the workbook "
            "prints the ground rules from there."
        )
    return GroundRules(tuple(rules))


def inline_markdown(text: str) -> str:
    """Markdown's **bold** and *italic* as HTML; everything else escaped (links stay as text)."""
    html = escape(text, quote=True)
    html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", html)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _write(lines: int) -> str:
    return '<div class="write"></div>' * max(0, int(lines))


def _ticks(items: object) -> str:
    rows = "".join(f'<li><span class="box"></span>{_e(item)}</li>' for item in items)  # type: ignore[union-attr]
    return f'<ul class="ticks">{rows}</ul>'


def _keep(text: str) -> str:
    """Escaped, with a bracketed range such as "(0–10)" kept on one line in a narrow column."""
    return re.sub(r"(\([^()]*\))", r'<span class="keep">\1</span>', _e(text))


def _table(
    headers: list[str],
    rows: int,
    css: str = "",
    first: list[str] | None = None,
    classes: dict[int, str] | None = None,
) -> str:
    """A table of blank cells to write in; `first` fills the first column (week numbers)."""
    head = "".join(
        f'<th scope="col" class="{_e((classes or {}).get(n, ""))}">{_keep(h)}</th>'
        for n, h in enumerate(headers)
    )
    body = []
    for row in range(rows):
        cells = [f"<td>{_e(first[row])}</td>"] if first else []
        cells += ["<td></td>"] * (len(headers) - len(cells))
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="{_e(css)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _sheet(key: str, sheet: dict, body: str) -> str:
    return (
        f'<section class="sheet" id="{_e(key)}"><h2>{_e(sheet["heading"])}</h2>'
        f'<p class="intro">{_e(sheet["intro"])}</p>{body}</section>'
    )


def _percent(share: float) -> str:
    return f"{share * 100:g}"


def thought_record_sheet(sheet: dict) -> str:
    """The thought record: each step's label, the course's own question, and room to write."""
    parts = []
    for step in sheet["steps"]:
        key = step["key"]
        extra = ""
        if key == "traps":
            names = [trap.name for trap in thought_record.THINKING_TRAPS.values()]
            extra = f'<p class="small">{_e(sheet["traps_hint"])}</p>{_ticks(names)}'
        parts.append(
            f'<div class="block"><h3>{_e(step["label"])}</h3>'
            f'<p class="ask">{_e(thought_record.PROMPTS[key])}</p>{extra}'
            f"{_write(step.get('lines', 2))}</div>"
        )
    return _sheet("thought_record", sheet, "".join(parts))


def diary_sheet(sheet: dict) -> str:
    """Two weeks of diary rows with the diary file's columns, and what each number means."""
    headers = [sheet["columns"][column] for column in diary.COLUMNS]
    table = _table(
        headers, int(sheet["days"]), "diary", classes={0: "date", len(headers) - 1: "note"}
    )
    scales = [
        sheet["scale_line"].format(
            label=scale.label,
            low=scale.low,
            high=scale.high,
            low_means=scale.low_means,
            high_means=scale.high_means,
        )
        for key, scale in diary.SCALES.items()
        if scale.whole and scale.high == 10
    ]
    meaning = "".join(f"<li>{_e(line)}</li>" for line in scales)
    body = f'{table}<h3>{_e(sheet["scales_heading"])}</h3><ul class="small">{meaning}</ul>'
    return _sheet("diary", sheet, body)


def pacing_plan_sheet(sheet: dict) -> str:
    """A pacing plan on paper: baseline days, the start, and a week-by-week table."""
    defaults = inspect.signature(pacing.plan).parameters
    start = _percent(defaults["start_share"].default)
    increase = _percent(defaults["weekly_increase"].default)
    weeks = int(defaults["weeks"].default)
    days = [sheet["day"].format(number=n) for n in range(1, 8)]
    baseline = (
        '<table class="days"><thead><tr><th scope="col"></th>'
        + "".join(f'<th scope="col">{_e(day)}</th>' for day in days)
        + f'</tr></thead><tbody><tr><th scope="row">{_e(sheet["minutes"])}</th>'
        + "<td></td>" * len(days)
        + "</tr></tbody></table>"
    )
    fields = [sheet["baseline"], sheet["start"].format(start=start), sheet["goal"]]
    answers = "".join(f'<tr><th scope="row">{_e(field)}</th><td></td></tr>' for field in fields)
    week_rows = [str(n) for n in range(1, weeks + 1)]
    body = (
        f'<div class="block"><h3>{_e(sheet["activity"])}</h3>{_write(1)}</div>'
        f'<div class="block"><h3>{_e(sheet["baseline_heading"])}</h3>'
        f"<p>{_e(sheet['baseline_help'])}</p>{baseline}"
        f'<table class="fields">{answers}</table></div>'
        f'<div class="block"><h3>{_e(sheet["weeks_heading"])}</h3>'
        f"<p>{_e(sheet['weeks_help'].format(increase=increase))}</p>"
        + _table([sheet["week"], sheet["planned"], sheet["went"]], weeks, first=week_rows)
        + "</div>"
    )
    return _sheet("pacing_plan", sheet, body)


def action_plan_sheet(sheet: dict, config: CourseConfig) -> str:
    """The action plan's parts in the course's order, ending with the crisis lines."""
    parts = []
    for field, heading in action_plan.SECTIONS:
        lines = sheet["lines"][field]
        extra = ""
        if field == "strategies":
            extra = f'<p class="small">{_e(sheet["strategies_hint"])}</p>'
            extra += _ticks(action_plan.STRATEGIES.values())
        elif field == "goals":
            extra = f'<p class="ask">{_e(action_plan.GOAL_HINT)}</p>'
        if field == "people_to_call":
            room = _table([sheet["name"], sheet["how_to_reach"]], lines)
        else:
            room = _write(lines)
        parts.append(f'<div class="block"><h3>{_e(heading)}</h3>{extra}{room}</div>')
    parts.append(
        f'<div class="notice crisis block"><h2>{_e(action_plan.CRISIS_HEADING)}</h2>'
        f"<p>{_e(action_plan.CRISIS_TEXT)}</p>{lines_html(config.crisis_lines)}"
        f"<p><strong>{_e(action_plan.EMERGENCY_TEXT)}</strong></p></div>"
    )
    return _sheet("action_plan", sheet, "".join(parts))


def support_map_sheet(sheet: dict) -> str:
    """Who helps, with which kind of help, and the gaps: the support map's parts on paper."""
    kinds = "".join(f"<li>{_e(text)}</li>" for text in support_map.KINDS.values())
    helps = "".join(f"<li>{_e(text)}</li>" for text in support_map.HELP_TYPES.values())
    columns = [sheet["help_columns"][key] for key in support_map.HELP_TYPES]
    body = (
        f'<div class="block small"><h3>{_e(sheet["who_heading"])}</h3><ul>{kinds}</ul>'
        f"<h3>{_e(sheet['kinds_heading'])}</h3><ul>{helps}</ul></div>"
        + _table([sheet["name"], sheet["kind"], *columns], int(sheet["rows"]))
        + f'<div class="block"><h3>{_e(sheet["gaps_heading"])}</h3>{_write(sheet["gaps_lines"])}'
        f"<h3>{_e(sheet['step_heading'])}</h3>{_write(sheet['step_lines'])}</div>"
    )
    return _sheet("support_map", sheet, body)


def ground_rules_sheet(sheet: dict, rules: GroundRules) -> str:
    """The facilitator guide's ground rules, with room for the group's own."""
    items = "".join(f"<li>{inline_markdown(rule)}</li>" for rule in rules.rules)
    body = (
        f'<ul class="rules">{items}</ul><div class="block"><h3>{_e(sheet["added"])}</h3>'
        f"{_write(sheet['added_lines'])}</div>"
    )
    return _sheet("ground_rules", sheet, body)


def local_help_sheet(sheet: dict) -> str:
    """Blank rows for the services near the group: name, phone, when open."""
    body = _table([sheet["name"], sheet["phone"], sheet["when_open"]], int(sheet["rows"]))
    return _sheet("local_help", sheet, body)


def _document(title: str, body: str) -> str:
    language = _e(course_settings().language)
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>{body}</body></html>"
    )


def cover_document(config: CourseConfig, sheets: dict) -> str:
    """The cover: title, "education, not medical advice", crisis lines and what is inside."""
    cover = sheets["cover"]
    lessons = "".join(f"<li>{_e(lesson.title)}</li>" for lesson in config.lessons)
    worksheets = "".join(f"<li>{_e(sheets[key]['heading'])}</li>" for key in WORKSHEETS)
    groups = "".join(f"<li>{_e(sheets[key]['heading'])}</li>" for key in GROUP_SHEETS)
    body = (
        f'<section class="cover"><p class="kicker">{_e(cover["kicker"])}</p>'
        f"<h1>{_e(config.title)}</h1>"
        f'<p class="subtitle">{_e(cover["subtitle"])}</p>'
        f'<div class="notice"><h2>{_e(cover["disclaimer_heading"])}</h2>'
        f"<p>{_e(cover['disclaimer'])}</p><p>{_e(cover['privacy'])}</p></div>"
        f'<div class="notice crisis"><h2>{_e(cover["help_heading"])}</h2>'
        f"<p>{_e(cover['help_intro'])}</p>"
        f"<p>{_e(cover['help_region'].format(region=config.region_name))}</p>"
        f"{lines_html(config.crisis_lines)}<p><strong>{_e(cover['emergency'])}</strong></p></div>"
        f'<div class="contents"><h2>{_e(cover["contents_heading"])}</h2>'
        f"<div><h3>{_e(cover['lessons_heading'])}</h3><ol>{lessons}</ol></div>"
        f"<div><h3>{_e(cover['sheets_heading'])}</h3><ul>{worksheets}</ul>"
        f"<h3>{_e(cover['groups_heading'])}</h3><ul>{groups}</ul></div></div>"
        f'<p class="small">{_e(config.organisation)}</p></section>'
    )
    return _document(config.title, body)


def sheets_document(config: CourseConfig, sheets: dict, rules: GroundRules) -> str:
    """Every blank worksheet, each from a new page, then the pages for groups."""
    body = "".join(
        [
            thought_record_sheet(sheets["thought_record"]),
            diary_sheet(sheets["diary"]),
            pacing_plan_sheet(sheets["pacing_plan"]),
            action_plan_sheet(sheets["action_plan"], config),
            support_map_sheet(sheets["support_map"]),
            ground_rules_sheet(sheets["ground_rules"], rules),
            local_help_sheet(sheets["local_help"]),
        ]
    )
    # The first sheet starts the document: no blank page before it.
    body = body.replace('<section class="sheet"', '<section class="sheet first"', 1)
    return _document(sheets["cover"]["worksheets_title"].format(title=config.title), body)
