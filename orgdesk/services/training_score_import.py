"""Exam scores from Excel: all rows good or nothing written, every problem by row and column.

The sheet needs 姓名 and 成绩; 身份证号 tells same-named candidates apart.  Each
row must name a candidate of this sitting, once.  A blank 成绩 leaves that
candidate's score as it is.  A template with the candidate list can be written
for the clerk to fill in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from orgdesk.domain.errors import FieldProblem, OrgDeskError, ValidationFailed
from orgdesk.domain.idcard import IdNumberError
from orgdesk.domain.names import normalize_name
from orgdesk.domain.normalize import parse_id_cell
from orgdesk.domain.training import ScoreEntry, ScoreError, parse_score
from orgdesk.services.backups import backup_before
from orgdesk.services.training_exams import save_scores, score_sheet
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from orgdesk.storage.xlsx_export import save_workbook, write_table
from orgdesk.storage.xlsx_read import ColumnSpec, read_table

SCORE_COLUMNS = (
    ColumnSpec("name", "姓名", ("考生姓名",), required=True),
    ColumnSpec("id_number", "身份证号", ("身份证号码", "公民身份号码", "证件号码")),
    ColumnSpec("score", "成绩", ("分数", "得分", "考试成绩", "总分"), required=True),
    ColumnSpec("section", "科室", ("部门", "所在科室")),
)
TEMPLATE_HEADERS = ("序号", "姓名", "身份证号", "科室", "成绩")


class ImportCancelled(OrgDeskError):
    """The clerk stopped the import while the file was being read; nothing was written."""


@dataclass(frozen=True)
class ScoreImportResult:
    updated: int
    skipped_blank: int
    untouched: int  # candidates the file did not mention


def import_scores(
    db: Database,
    exam_id: int,
    path: Path,
    progress: Callable[[int, int], bool] | None = None,
) -> ScoreImportResult:
    sheet = score_sheet(db, exam_id)
    full_mark = sheet.exam.full_mark
    stopped: list[bool] = []

    def watch(done: int, total: int) -> bool:
        if progress is not None and not progress(done, total):
            stopped.append(True)
            return False
        return True

    table = read_table(path, SCORE_COLUMNS, progress=watch)
    if stopped:
        raise ImportCancelled("已取消导入，成绩未做任何修改")
    id_numbers = _id_numbers(db, [line.cadre.id for line in sheet.lines])
    by_id = {id_numbers[line.cadre.id]: line.cadre for line in sheet.lines}
    by_name: dict[str, list[int]] = {}
    for line in sheet.lines:
        by_name.setdefault(line.cadre.name, []).append(line.cadre.id)
    names = {line.cadre.id: line.cadre.name for line in sheet.lines}

    problems: list[FieldProblem] = []
    entries: dict[int, ScoreEntry] = {}
    seen: dict[int, int] = {}
    blank = 0
    for row_no, record in table.rows:
        name = normalize_name(str(record.get("name") or ""))
        cadre_id: int | None = None
        try:
            number = parse_id_cell(record.get("id_number"))
        except IdNumberError as exc:
            problems.append(FieldProblem("身份证号", str(exc), row_no))
            continue
        if number:
            brief = by_id.get(number)
            if brief is None:
                problems.append(FieldProblem("身份证号", "不是本场考试的考生", row_no, number))
                continue
            if name and name != brief.name:
                problems.append(
                    FieldProblem(
                        "姓名", f"与身份证号不符（名单中为「{brief.name}」）", row_no, name
                    )
                )
                continue
            cadre_id = brief.id
        elif not name:
            problems.append(FieldProblem("姓名", "不能为空", row_no))
            continue
        else:
            matches = by_name.get(name, [])
            if not matches:
                problems.append(FieldProblem("姓名", "不是本场考试的考生", row_no, name))
                continue
            if len(matches) > 1:
                problems.append(
                    FieldProblem("姓名", "考生中有同名者，请填写身份证号以区分", row_no, name)
                )
                continue
            cadre_id = matches[0]
        if cadre_id in seen:
            problems.append(
                FieldProblem(
                    "姓名", f"与第 {seen[cadre_id]} 行是同一考生，重复出现", row_no, names[cadre_id]
                )
            )
            continue
        seen[cadre_id] = row_no
        raw = record.get("score")
        try:
            entry = parse_score(raw, full_mark)
        except ScoreError as exc:
            problems.append(FieldProblem("成绩", str(exc), row_no, _shown(raw)))
            continue
        if entry.score is None and not entry.absent:
            blank += 1
            continue
        entries[cadre_id] = entry
    if problems:
        raise ValidationFailed(problems)
    if entries:
        backup_before(db, "import")
        save_scores(db, exam_id, entries)
    return ScoreImportResult(len(entries), blank, len(sheet.lines) - len(seen))


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _id_numbers(db: Database, cadre_ids: list[int]) -> dict[int, str]:
    with db.unit_of_work() as uow:
        return dict(
            uow.session.execute(
                select(Cadre.id, Cadre.id_number).where(Cadre.id.in_(cadre_ids))
            ).all()
        )


def write_score_template(db: Database, exam_id: int, path: Path) -> int:
    """The candidate list as an .xlsx for scores to be typed into; returns the row count."""
    sheet = score_sheet(db, exam_id)
    numbers = _id_numbers(db, [line.cadre.id for line in sheet.lines])
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "成绩"
    rows = [
        (
            i,
            line.cadre.name,
            numbers[line.cadre.id],
            line.cadre.section,
            "缺考" if line.absent else line.score,
        )
        for i, line in enumerate(sheet.lines, start=1)
    ]
    count = write_table(ws, TEMPLATE_HEADERS, rows, text_columns=("身份证号",))
    save_workbook(wb, path)
    return count
