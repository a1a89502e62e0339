"""奖励与处理 (R-EVA-3): honours recorded; who is recommended for promotion or 调离 review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.evaluation import HONOUR_KINDS
from orgdesk.domain.text import LONG_TEXT, check_text
from orgdesk.services.evaluation import AppraisalRow, AppraisalSheet
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.evaluation import Honour


@dataclass(frozen=True)
class HonourRow:
    id: int
    year: int
    cadre_id: int
    name: str
    section: str
    title: str
    kind: str
    awarded_on: date | None
    note: str


@dataclass
class HonourInput:
    year: int
    cadre_id: int | None
    title: str
    kind: str = HONOUR_KINDS[0]
    awarded_on: date | None = None
    note: str = ""


def list_honours(db: Database, year: int | None = None) -> list[HonourRow]:
    stmt = (
        select(Honour, Cadre.name, func.coalesce(Section.name, ""))
        .join(Cadre, Cadre.id == Honour.cadre_id)
        .outerjoin(Section, Section.id == Cadre.section_id)
        .order_by(Honour.year.desc(), Section.sort_order, Cadre.name_pinyin, Honour.id)
    )
    if year is not None:
        stmt = stmt.where(Honour.year == year)
    with db.unit_of_work() as uow:
        rows: Any = uow.session.execute(stmt)
        return [
            HonourRow(h.id, h.year, h.cadre_id, name, sec, h.title, h.kind, h.awarded_on, h.note)
            for h, name, sec in rows
        ]


@requires(Permission.EDIT, area="年度考核")
def add_honour(db: Database, data: HonourInput) -> int:
    problems = []
    if data.cadre_id is None:
        problems.append(FieldProblem("姓名", "请选择受奖励人员"))
    if not data.title.strip():
        problems.append(FieldProblem("奖励名称", "不能为空"))
    problems += check_text("奖励名称", data.title.strip(), limit=60)
    problems += check_text("备注", data.note.strip(), limit=LONG_TEXT, multiline=True)
    if data.kind not in HONOUR_KINDS:
        problems.append(FieldProblem("类别", f"应为{'、'.join(HONOUR_KINDS)}之一", None, data.kind))
    if data.awarded_on is not None and data.awarded_on.year not in (data.year, data.year + 1):
        problems.append(
            FieldProblem(
                "授予日期", f"应在 {data.year} 年或次年", None, f"{data.awarded_on:%Y-%m-%d}"
            )
        )
    with db.unit_of_work() as uow:
        if data.cadre_id is not None and uow.session.get(Cadre, data.cadre_id) is None:
            problems.append(FieldProblem("姓名", "所选人员已不存在"))
        if problems:
            raise ValidationFailed(problems)
        assert data.cadre_id is not None
        honour = Honour(
            year=data.year,
            cadre_id=data.cadre_id,
            title=data.title.strip(),
            kind=data.kind,
            awarded_on=data.awarded_on,
            note=data.note.strip(),
        )
        uow.session.add(honour)
        uow.session.flush()
        uow.commit()
        return honour.id


@requires(Permission.EDIT, area="年度考核")
def delete_honour(db: Database, honour_id: int) -> None:
    with db.unit_of_work() as uow:
        honour = uow.session.get(Honour, honour_id)
        if honour is None:
            raise NotFound("该奖励记录已不存在")
        uow.session.delete(honour)
        uow.commit()


@dataclass(frozen=True)
class Consequences:
    """R-EVA-3 for one year: 推荐提拔 (优秀 N years running) and 调离审查 (不称职)."""

    years_needed: int
    promotion: list[AppraisalRow]
    transfer_review: list[AppraisalRow]


def consequences(sheet: AppraisalSheet) -> Consequences:
    return Consequences(
        sheet.settings.int("evaluation.excellent_years_for_promotion"),
        [r for r in sheet.rows if r.recommended],
        [r for r in sheet.rows if r.transfer_review],
    )
