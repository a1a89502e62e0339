"""人员名册 ⇄ Excel: the import template and the export, with exactly the same columns.

Exporting and then importing the same file changes nothing (see roster_import):
dates are written as real Excel dates, 身份证号 as text, blanks as blanks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import (
    DEGREES,
    EDUCATIONS,
    ETHNICITIES,
    POLITICAL_STATUSES,
    SEXES,
    CadreStatus,
)
from orgdesk.domain.roster_row import HEADERS, ROSTER_FIELDS
from orgdesk.services.audit import log_export
from orgdesk.services.people import HOME_UNIT
from orgdesk.services.reference import ReferenceData, reference_data
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank, Section
from orgdesk.storage.xlsx_export import save_workbook, write_table
from orgdesk.storage.xlsx_read import ColumnSpec

SHEET = "人员名册"
OPTIONS_SHEET = "选项"
HELP_SHEET = "填写说明"
ROSTER_HEADERS: tuple[str, ...] = tuple(h for _, h, _ in ROSTER_FIELDS)
TEXT_HEADERS = ("身份证号", "联系电话")
DATE_HEADERS = ("出生日期", "参加工作时间", "进入本部时间", "任现职时间")
# The example row of the template; importing it unchanged is refused (see roster_import).
EXAMPLE_ID = make_id_number("410102", date(1990, 5, 12), 123)
EXAMPLE_NOTE = "（示例行，导入前请删除）"
VALIDATION_ROWS = 5000

Progress = Callable[[int, int, str], bool]


def roster_columns() -> list[ColumnSpec]:
    """The reader's view of the columns: every header with its synonyms."""
    required = {"name", "id_number"}
    return [ColumnSpec(f, h, syn, f in required) for f, h, syn in ROSTER_FIELDS]


def _options(reference: ReferenceData) -> dict[str, Sequence[str]]:
    return {
        "性别": SEXES,
        "民族": ETHNICITIES,
        "政治面貌": POLITICAL_STATUSES,
        "学历": EDUCATIONS,
        "学位": DEGREES,
        "科室": [s.name for s in reference.sections],
        "职级": [r.name for r in reference.ranks],
    }


def _add_validations(wb: Workbook, ws: Worksheet, reference: ReferenceData, last_row: int) -> None:
    """Drop-down lists (data validation) fed from a hidden 选项 sheet, so long lists fit."""
    options = wb.create_sheet(OPTIONS_SHEET)
    for column, (header, values) in enumerate(_options(reference).items(), start=1):
        options.cell(row=1, column=column, value=header)
        for offset, value in enumerate(values, start=2):
            options.cell(row=offset, column=column, value=value)
        letter = options.cell(row=1, column=column).column_letter
        target = ws.cell(row=1, column=ROSTER_HEADERS.index(header) + 1).column_letter
        rule = DataValidation(
            type="list",
            formula1=f"'{OPTIONS_SHEET}'!${letter}$2:${letter}${max(len(values), 1) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{header}不在可选范围内",
            error=f"请从下拉列表中选择{header}",
        )
        rule.add(f"{target}2:{target}{last_row}")
        ws.add_data_validation(rule)
    options.sheet_state = "hidden"


def _format_columns(ws: Worksheet, last_row: int) -> None:
    """身份证号 and 电话 as text (Excel would destroy an 18-digit number), dates as dates."""
    for header in (*TEXT_HEADERS, *DATE_HEADERS):
        column = ROSTER_HEADERS.index(header) + 1
        fmt = "@" if header in TEXT_HEADERS else "yyyy-mm-dd"
        for row in range(2, last_row + 1):
            cell = ws.cell(row=row, column=column)
            if cell.value is None or header in DATE_HEADERS:
                cell.number_format = fmt


def _write(
    path: Path, rows: list[list[Any]], reference: ReferenceData, *, help_sheet: bool
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    write_table(ws, ROSTER_HEADERS, rows, text_columns=TEXT_HEADERS)
    last = max(len(rows) + 1, VALIDATION_ROWS if help_sheet else len(rows) + 200)
    _format_columns(ws, min(last, len(rows) + 500))
    _add_validations(wb, ws, reference, last)
    if help_sheet:
        _write_help(wb)
    save_workbook(wb, path)


def _write_help(wb: Workbook) -> None:
    ws = wb.create_sheet(HELP_SHEET)
    lines = [
        "人员名册导入模板 填写说明",
        "1. 每行一人，按「身份证号」识别：名册中已有此人则更新，没有则新增。",
        "2. 「姓名」「身份证号」必填；新增人员还须填写「科室」「职级」。",
        "3. 已有人员的空白单元格表示「不修改」，不会清空已录入的内容。",
        "4. 身份证号请按文本录入（本模板已设为文本格式）；被 Excel 存成数字的号码末几位已丢失，导入时会被指出。",
        "5. 日期可写作 1985-03-01、1985.3.1、1985年3月、19850301，或直接使用 Excel 日期。",
        "6. 「性别」「出生日期」可不填，将按身份证号自动填写；填写的须与身份证号一致。",
        "7. 「任现职时间」晚于现任职务的起始时间时，视为调整职务（原职务于前一天结束）。",
        "8. 科室、职级须为系统中已有的名称（见下拉列表）。",
        "9. 任何一行有问题时整个文件都不会导入，请按提示逐行修改后重新导入。",
        f"10. 第 2 行为示例（身份证号 {EXAMPLE_ID}），导入前请删除。",
    ]
    for row, text in enumerate(lines, start=1):
        ws.cell(row=row, column=1, value=text)
    ws.column_dimensions["A"].width = 110


def write_template(path: Path, db: Database | None = None) -> None:
    """`orgdesk template roster OUT.xlsx`: headers, one example row, drop-down lists."""
    if db is not None:
        reference = reference_data(db)
        section = reference.sections[0].name if reference.sections else ""
        rank = reference.ranks[0].name if reference.ranks else ""
    else:
        reference = _default_reference()
        section, rank = "办公室", "一级科员"
    example = {
        "姓名": "张三",
        "身份证号": EXAMPLE_ID,
        "性别": "男",
        "出生日期": date(1990, 5, 12),
        "民族": "汉族",
        "政治面貌": "中共党员",
        "学历": "大学本科",
        "学位": "学士",
        "专业背景": "汉语言文学",
        "参加工作时间": date(2012, 7, 1),
        "进入本部时间": date(2018, 3, 1),
        "科室": section,
        "职务": "科员",
        "职级": rank,
        "任现职时间": date(2018, 3, 1),
        "联系电话": "13900000000",
        "备注": EXAMPLE_NOTE,
    }
    _write(path, [[example.get(h) for h in ROSTER_HEADERS]], reference, help_sheet=True)


def _default_reference() -> ReferenceData:
    """Without a database: the sections and ranks a new database starts with."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="orgdesk-template-") as tmp:
        db = Database.open(Path(tmp) / "ref.db")
        try:
            return reference_data(db)
        finally:
            db.close()


CADRE_FIELDS = tuple(f for f, _, _ in ROSTER_FIELDS if f not in ("section", "rank", "post_since"))


def export_rows(db: Database) -> list[list[Any]]:
    """The active roster (not 已调出), in roster order, one list per cadre in column order."""
    stmt = (
        select(Cadre.id, *(getattr(Cadre, f) for f in CADRE_FIELDS), Section.name, Rank.name)
        .outerjoin(Section, Section.id == Cadre.section_id)
        .outerjoin(Rank, Rank.id == Cadre.rank_id)
        .where(Cadre.status != CadreStatus.LEFT.value)
        .order_by(Section.sort_order, Rank.level.desc(), Cadre.name_pinyin, Cadre.id)
    )
    open_home = select(Posting.cadre_id, Posting.start_date).where(
        Posting.end_date.is_(None), Posting.unit == HOME_UNIT
    )
    rows = []
    with db.engine.connect() as conn:
        since = dict(conn.execute(open_home).all())
        for r in conn.execute(stmt):
            values = dict(zip(CADRE_FIELDS, r[1:-2], strict=True))
            values["section"], values["rank"] = r[-2], r[-1]
            values["post_since"] = since.get(r[0])
            rows.append([_cell(values.get(f)) for f, _, _ in ROSTER_FIELDS])
    return rows


def _cell(value: Any) -> Any:
    return None if value == "" else value


@requires(Permission.EXPORT, area="人员与试用", action="导出人员名册")
def export_roster(db: Database, path: Path, progress: Progress | None = None) -> int:
    """`orgdesk export roster OUT.xlsx`: returns the number of people written."""
    if progress is not None:
        progress(0, 0, "正在读取名册…")
    rows = export_rows(db)
    if progress is not None and not progress(0, len(rows), f"正在写入 {len(rows)} 人…"):
        from orgdesk.services.roster_import import ImportCancelled

        raise ImportCancelled("已取消导出，未写入文件")
    _write(path, rows, reference_data(db), help_sheet=False)
    log_export(db, "人员名册（Excel）", path, count=len(rows))
    return len(rows)


__all__ = [
    "EXAMPLE_ID",
    "HEADERS",
    "ROSTER_HEADERS",
    "export_roster",
    "export_rows",
    "roster_columns",
    "write_template",
]
