"""以活动促学习 (R-TRN-4): activities, their participants and placings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, delete, func, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound
from orgdesk.domain.training import ActivityKind, Placing
from orgdesk.services.records import row_to_save
from orgdesk.services.training_common import (
    CadreBrief,
    CadrePick,
    brief_select,
    picked_cadre_ids,
    raise_if,
    require_choice,
    require_text,
    year_bounds,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from orgdesk.storage.models.training import Activity, ActivityEntryRow

KINDS = [k.value for k in ActivityKind]
PLACINGS = [p.value for p in Placing]


@dataclass(frozen=True)
class ActivityRow:
    id: int
    kind: str
    title: str
    held_on: date
    organizer: str
    participants: int
    awarded: int


@dataclass
class ActivityInput:
    kind: str
    title: str
    held_on: date | None
    organizer: str = ""


@dataclass(frozen=True)
class EntryLine:
    cadre: CadreBrief
    placing: str
    work_title: str


def list_activities(db: Database, year: int | None = None) -> list[ActivityRow]:
    stmt = (
        select(
            Activity,
            func.count(ActivityEntryRow.id),
            func.count(ActivityEntryRow.id).filter(
                ActivityEntryRow.placing != Placing.PARTICIPANT.value
            ),
        )
        .outerjoin(ActivityEntryRow, ActivityEntryRow.activity_id == Activity.id)
        .group_by(Activity.id)
        .order_by(Activity.held_on, Activity.id)
    )
    if year is not None:
        stmt = stmt.where(Activity.held_on.between(*year_bounds(year)))
    with db.unit_of_work() as uow:
        return [
            ActivityRow(a.id, a.kind, a.title, a.held_on, a.organizer, n, awarded)
            for a, n, awarded in uow.session.execute(stmt)
        ]


@requires(Permission.EDIT, area="培训与学分")
def save_activity(db: Database, data: ActivityInput, activity_id: int | None = None) -> int:
    problems: list[FieldProblem] = []
    require_choice(data.kind, KINDS, "活动类型", problems)
    title = require_text(data.title, "活动名称", problems)
    if data.held_on is None:
        problems.append(FieldProblem("举办日期", "不能为空"))
    raise_if(problems)
    assert data.held_on is not None
    with db.unit_of_work() as uow:
        s = uow.session
        row = row_to_save(s, Activity, activity_id, "该活动已不存在")
        row.kind, row.title, row.held_on = data.kind, title, data.held_on
        row.organizer = data.organizer.strip()
        s.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="培训与学分")
def delete_activity(db: Database, activity_id: int) -> None:
    with db.unit_of_work() as uow:
        uow.session.execute(delete(Activity).where(Activity.id == activity_id))
        uow.commit()


def entries(db: Database, activity_id: int) -> list[EntryLine]:
    stmt = (
        brief_select()
        .add_columns(ActivityEntryRow.placing, ActivityEntryRow.work_title)
        .join(ActivityEntryRow, ActivityEntryRow.cadre_id == Cadre.id)
        .where(ActivityEntryRow.activity_id == activity_id)
        .order_by(
            case({p.value: i for i, p in enumerate(Placing)}, value=ActivityEntryRow.placing),
            Cadre.section_id,
            Cadre.name_pinyin,
            Cadre.id,
        )
    )
    with db.unit_of_work() as uow:
        return [EntryLine(CadreBrief(*r[:6]), r[6], r[7]) for r in uow.session.execute(stmt)]


@requires(Permission.EDIT, area="培训与学分")
def add_participants(
    db: Database, activity_id: int, pick: CadrePick, placing: str = Placing.PARTICIPANT.value
) -> int:
    problems: list[FieldProblem] = []
    require_choice(placing, PLACINGS, "名次", problems)
    raise_if(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        if s.get(Activity, activity_id) is None:
            raise NotFound("该活动已不存在")
        have = set(
            s.scalars(
                select(ActivityEntryRow.cadre_id).where(ActivityEntryRow.activity_id == activity_id)
            )
        )
        added = [c for c in picked_cadre_ids(s, pick) if c not in have]
        for cadre_id in added:
            s.add(ActivityEntryRow(activity_id=activity_id, cadre_id=cadre_id, placing=placing))
        uow.commit()
        return len(added)


@requires(Permission.EDIT, area="培训与学分")
def set_placing(
    db: Database, activity_id: int, cadre_id: int, placing: str, work_title: str | None = None
) -> None:
    problems: list[FieldProblem] = []
    require_choice(placing, PLACINGS, "名次", problems)
    raise_if(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        row = s.scalar(
            select(ActivityEntryRow).where(
                ActivityEntryRow.activity_id == activity_id, ActivityEntryRow.cadre_id == cadre_id
            )
        )
        if row is None:
            raise NotFound("该人员未参加此活动")
        row.placing = placing
        if work_title is not None:
            row.work_title = work_title.strip()[:200]
        uow.commit()


@requires(Permission.EDIT, area="培训与学分")
def remove_participants(db: Database, activity_id: int, cadre_ids: list[int]) -> None:
    with db.unit_of_work() as uow:
        uow.session.execute(
            delete(ActivityEntryRow).where(
                ActivityEntryRow.activity_id == activity_id,
                ActivityEntryRow.cadre_id.in_(cadre_ids),
            )
        )
        uow.commit()
