"""考生名单 from Excel into one intake batch: all or nothing, upsert by 身份证号.

Same reader and the same cell normalisation as the roster import; a blank
cell of a candidate already in the batch keeps what is stored, so a second
file with only 身份证号 and 笔试 fills in the scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.intake import ENTRY_DIMENSIONS, GRADES, SCORE_PARTS, Decision
from orgdesk.domain.outflow import RANK_LEVEL_BY_LABEL
from orgdesk.domain.people import RANK_LEVEL_LABELS
from orgdesk.domain.roster_row import HEADERS, RosterRowReader, compact
from orgdesk.services.backups import backup_before
from orgdesk.services.intake import (
    CandidateInput,
    candidate_input,
    check_candidate,
    check_in_batch,
    store_candidate,
)
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.models.personnel import IntakeBatch, IntakeCandidate
from orgdesk.storage.xlsx_export import save_workbook, write_table
from orgdesk.storage.xlsx_read import ColumnSpec, read_table

PERSON_KEYS = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "political_status",
    "education",
    "degree",
    "specialty",
    "first_employment",
    "phone",
    "note",
)
EXTRA_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("post", "报考岗位", ("报考职位", "岗位", "职位")),
    ("origin_unit", "原单位", ("工作单位", "现工作单位", "来源单位")),
    ("origin_post", "原职务", ("现任职务",)),
    ("origin_level", "原职级", ("现职级",)),
    *((f"grade_{k}", label, ()) for k, label in ENTRY_DIMENSIONS),
    *((f"score_{k}", label, (f"{label}成绩",)) for k, label in SCORE_PARTS),
)
# check_candidate names fields by their 中文 label; the import names them as the file does.
LABEL_TO_KEY = {
    **{HEADERS[k]: k for k in PERSON_KEYS},
    **{label: f"grade_{k}" for k, label in ENTRY_DIMENSIONS},
    **{label: f"score_{k}" for k, label in SCORE_PARTS},
}
GRADE_ALIASES = {"优": "优秀", "良": "良好", "中": "合格", "差": "不合格", "不合格": "不合格"}


def candidate_columns() -> list[ColumnSpec]:
    from orgdesk.domain.roster_row import ROSTER_FIELDS

    synonyms = {f: syn for f, _, syn in ROSTER_FIELDS}
    # Only 身份证号 is a required column: a later file may bring just the scores.
    specs = [ColumnSpec(k, HEADERS[k], synonyms[k], k == "id_number") for k in PERSON_KEYS]
    specs += [ColumnSpec(k, h, syn) for k, h, syn in EXTRA_COLUMNS]
    return specs


@dataclass
class CandidateImportResult:
    created: int = 0
    updated: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


def _post_lookup(batch: IntakeBatch, section_names: dict[int, str]) -> dict[str, int]:
    lookup: dict[str, int] = {}
    for p in batch.posts:
        section = section_names.get(p.section_id or 0, "")
        for name in (
            p.title,
            f"{section}{p.title}",
            f"{section}·{p.title}",
            f"{section}-{p.title}",
        ):
            lookup.setdefault(compact(name), p.id)
    return lookup


@requires(Permission.EDIT, area="人员与试用")
def import_candidates(db: Database, batch_id: int, path: Path) -> CandidateImportResult:
    """Read, check every row, and write all of them or none (problems raise ValidationFailed)."""
    from orgdesk.storage.models import Section

    full = load_settings(db)["intake.full_score"]
    table = read_table(Path(path), candidate_columns())
    headers = {spec.field: table.column_name(spec.field) for spec in candidate_columns()}
    reader = RosterRowReader({k: headers[k] for k in PERSON_KEYS}, {}, {})
    result = CandidateImportResult()
    backup_before(db, "import")
    with db.unit_of_work() as uow:
        s = uow.session
        batch = s.get(IntakeBatch, batch_id)
        if batch is None:
            raise NotFound("该招录批次已不存在")
        sections = dict(s.execute(select(Section.id, Section.name)).all())
        posts = _post_lookup(batch, sections)
        existing = {c.id_number: c for c in batch.candidates}
        seen: dict[str, int] = {}
        planned: list[tuple[IntakeCandidate | None, CandidateInput]] = []
        for row, raw in table.rows:
            person = {k: v for k, v in raw.items() if k in PERSON_KEYS}
            values = reader.read(row, person)
            problems = list(values.problems)
            id_number = values.get("id_number")
            current = existing.get(id_number) if id_number else None
            data = (
                replace(candidate_input(current)) if current is not None else CandidateInput("", "")
            )
            for key in PERSON_KEYS:
                if key in values.values:
                    setattr(data, key, values.values[key])
            problems += _extras(row, raw, headers, posts, data)
            if current is not None and current.decision == Decision.HIRED.value:
                problems.append(
                    FieldProblem(
                        headers["id_number"],
                        f"「{current.name}」已录用，不能再修改",
                        row,
                        id_number,
                    )
                )
            if id_number and id_number in seen:
                problems.append(
                    FieldProblem(
                        headers["id_number"], f"与第 {seen[id_number]} 行重复", row, id_number
                    )
                )
            elif id_number:
                seen[id_number] = row
            if id_number is None and not problems:
                problems.append(FieldProblem(headers["id_number"], "为必填项，不能为空", row))
            for p in check_candidate(data, full, row):
                label_key = LABEL_TO_KEY.get(p.field, "")
                located = replace(p, field=headers[label_key]) if label_key in headers else p
                if not any(q.field == located.field for q in problems):
                    problems.append(located)
            if not problems:
                problems += check_in_batch(s, batch, data, current.id if current else None, row)
            result.problems += problems
            planned.append((current, data))
        if result.problems:
            raise ValidationFailed(result.problems)
        for current, data in planned:
            if current is None:
                c = IntakeCandidate(batch_id=batch.id, decision=Decision.PENDING.value)
                s.add(c)
                result.created += 1
            else:
                c = current
                result.updated += 1
            store_candidate(s, c, data)
            s.flush()
        uow.commit()
    return result


def _extras(
    row: int,
    raw: dict[str, Any],
    headers: dict[str, str],
    posts: dict[str, int],
    data: CandidateInput,
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []

    def bad(key: str, message: str, value: Any) -> None:
        problems.append(FieldProblem(headers[key], message, row, str(value).strip()))

    for key, value in raw.items():
        if key in PERSON_KEYS or value is None or (isinstance(value, str) and not value.strip()):
            continue
        text = str(value).strip()
        if key == "post":
            if compact(text) in posts:
                data.post_id = posts[compact(text)]
            else:
                bad(key, "不是本批次的岗位", value)
        elif key in ("origin_unit", "origin_post"):
            setattr(data, key, text)
        elif key == "origin_level":
            level = RANK_LEVEL_BY_LABEL.get(compact(text))
            if level is None:
                bad(key, f"应为 {'、'.join(RANK_LEVEL_LABELS.values())} 之一", value)
            else:
                data.origin_level = level
        elif key.startswith("grade_"):
            grade = GRADE_ALIASES.get(compact(text), compact(text))
            if grade in GRADES:
                data.grades[key.removeprefix("grade_")] = grade
            else:
                bad(key, f"应为 {'/'.join(GRADES)} 之一", value)
        elif key.startswith("score_"):
            try:
                score = float(compact(text)) if isinstance(value, str) else float(value)
            except ValueError:
                bad(key, "应为数字", value)
            else:
                data.scores[key.removeprefix("score_")] = score
    return problems


def write_candidate_template(path: Path, post_labels: list[str]) -> None:
    """考生名单模板 for one batch: headers, and drop-downs for 报考岗位, 原职级 and the grades."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "考生名单"
    specs = candidate_columns()
    headers = [s.header for s in specs]
    write_table(ws, headers, [], text_columns=("身份证号", "联系电话"))
    lists = {
        "报考岗位": post_labels,
        "原职级": list(RANK_LEVEL_LABELS.values()),
        **{label: list(GRADES) for _, label in ENTRY_DIMENSIONS},
    }
    for header, options in lists.items():
        if not options:
            continue
        letter = ws.cell(row=1, column=headers.index(header) + 1).column_letter
        rule = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
        rule.add(f"{letter}2:{letter}2000")
        ws.add_data_validation(rule)
    for header in ("身份证号", "联系电话"):
        letter = ws.cell(row=1, column=headers.index(header) + 1).column_letter
        for r in range(2, 502):
            ws[f"{letter}{r}"].number_format = "@"
    save_workbook(wb, path)
