"""挂职锻炼 records: list, save, end (writing the posting history), and the due list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.due import DueItem, Urgency
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.secondment import (
    SecondmentInput,
    SecondmentKind,
    SecondmentStatus,
    check_secondment,
    length_text,
    range_problem,
    status_on,
)
from orgdesk.domain.settings import Settings
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit
from orgdesk.storage.models import Cadre, Posting, Section
from orgdesk.storage.models.rotation import Secondment

TAB = "交流轮岗"


@dataclass(frozen=True)
class SecondmentRow:
    id: int
    cadre_id: int
    name: str
    section: str
    kind: SecondmentKind
    host_unit: str
    host_post: str
    planned_start: date
    planned_end: date
    actual_start: date | None
    actual_end: date | None
    length: str  # of the actual period when ended, else of the plan
    status: SecondmentStatus
    range_note: str  # why it is outside its range, with the recorded reason
    version: int


@dataclass(frozen=True)
class SavedSecondment:
    id: int
    version: int
    warnings: list[FieldProblem]


def list_secondments(
    db: Database, on: date, *, status: SecondmentStatus | None = None
) -> list[SecondmentRow]:
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        rows = uow.session.execute(
            select(Secondment, Cadre.name, Section.name)
            .join(Cadre, Cadre.id == Secondment.cadre_id)
            .outerjoin(Section, Section.id == Cadre.section_id)
            .order_by(Secondment.planned_start.desc(), Secondment.id.desc())
        ).all()
        out = [_row(sec, name, section or "", on, settings) for sec, name, section in rows]
    return [r for r in out if status is None or r.status is status]


def _row(sec: Secondment, name: str, section: str, on: date, settings: Settings) -> SecondmentRow:
    kind = SecondmentKind(sec.kind)
    start = sec.actual_start or sec.planned_start
    end = sec.actual_end or sec.planned_end
    what = "实际期限" if sec.actual_end else "计划期限"
    problem = range_problem(kind, start, end, settings, what=what)
    note = ""
    if problem:
        note = problem + (f"；原因：{sec.out_of_range_reason}" if sec.out_of_range_reason else "")
    return SecondmentRow(
        id=sec.id,
        cadre_id=sec.cadre_id,
        name=name,
        section=section,
        kind=kind,
        host_unit=sec.host_unit,
        host_post=sec.host_post,
        planned_start=sec.planned_start,
        planned_end=sec.planned_end,
        actual_start=sec.actual_start,
        actual_end=sec.actual_end,
        length=length_text(start, end),
        status=status_on(on, sec.planned_start, sec.actual_start, sec.actual_end),
        range_note=note,
        version=sec.version,
    )


def get_secondment(db: Database, secondment_id: int) -> tuple[SecondmentInput, int]:
    with db.unit_of_work() as uow:
        sec = uow.session.get(Secondment, secondment_id)
        if sec is None:
            raise NotFound("该挂职记录已不存在（可能已被删除）")
        return (
            SecondmentInput(
                cadre_id=sec.cadre_id,
                kind=SecondmentKind(sec.kind),
                host_unit=sec.host_unit,
                host_post=sec.host_post,
                planned_start=sec.planned_start,
                planned_end=sec.planned_end,
                actual_start=sec.actual_start,
                actual_end=sec.actual_end,
                out_of_range_reason=sec.out_of_range_reason,
                note=sec.note,
            ),
            sec.version,
        )


@requires(Permission.EDIT, area="交流轮岗")
def save_secondment(
    db: Database,
    data: SecondmentInput,
    *,
    actor: str,
    secondment_id: int | None = None,
    expected_version: int | None = None,
) -> SavedSecondment:
    """Check and store a record; an ended one keeps its actual end (use `end_secondment`)."""
    settings = load_settings(db)
    problems = check_secondment(data, settings)
    with db.unit_of_work() as uow:
        s = uow.session
        if data.cadre_id is not None and s.get(Cadre, data.cadre_id) is None:
            problems.append(FieldProblem("人员", "所选人员已不存在，请重新选择"))
        existing = s.get(Secondment, secondment_id) if secondment_id is not None else None
        if secondment_id is not None and existing is None:
            raise NotFound("该挂职记录已不存在（可能已被删除）")
        if existing is not None and existing.actual_end is not None:
            if data.actual_end != existing.actual_end or data.cadre_id != existing.cadre_id:
                problems.append(
                    FieldProblem("实际结束", "挂职已结束并已写入任职经历，不能再修改结束时间或人员")
                )
        elif data.actual_end is not None:
            problems.append(FieldProblem("实际结束", "请用「结束挂职」办理，以便写入任职经历"))
        failed = ValidationFailed(problems)
        if failed.problems:
            raise failed
        if existing is None:
            row = Secondment(created_by=actor, version=1)
            s.add(row)
        else:
            if expected_version is not None and existing.version != expected_version:
                raise ConcurrentEdit("该挂职记录")
            row = existing
            row.version += 1
        assert data.cadre_id is not None and data.kind is not None
        assert data.planned_start is not None and data.planned_end is not None
        row.cadre_id = data.cadre_id
        row.kind = data.kind.value
        row.host_unit = data.host_unit
        row.host_post = data.host_post
        row.planned_start = data.planned_start
        row.planned_end = data.planned_end
        row.actual_start = data.actual_start
        row.out_of_range_reason = data.out_of_range_reason
        row.note = data.note
        if row.posting_id is not None:  # keep the history line in step with the record
            line = s.get(Posting, row.posting_id)
            if line is not None:
                line.unit, line.post_title = row.host_unit, row.host_post
                if row.actual_start is not None:
                    line.start_date = row.actual_start
        s.flush()
        uow.commit()
        return SavedSecondment(row.id, row.version, failed.warnings)


@requires(Permission.EDIT, area="交流轮岗")
def end_secondment(
    db: Database,
    secondment_id: int,
    actual_end: date,
    *,
    actor: str,
    reason: str = "",
    today: date | None = None,
) -> int:
    """Close a secondment and write it into the posting history; returns the posting id.

    The line's unit is the host unit; the home post stays open (the cadre keeps
    it while away).  An actual period outside the kind's range needs a reason.
    """
    today = today or date.today()
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        s = uow.session
        sec = s.get(Secondment, secondment_id)
        if sec is None:
            raise NotFound("该挂职记录已不存在（可能已被删除）")
        if sec.actual_end is not None:
            raise OrgDeskError(f"该挂职已于 {sec.actual_end:%Y-%m-%d} 结束")
        start = sec.actual_start or sec.planned_start
        problems = []
        if actual_end < start:
            problems.append(
                FieldProblem("实际结束", f"早于开始时间 {start:%Y-%m-%d}", value=f"{actual_end}")
            )
        elif actual_end > today:
            problems.append(FieldProblem("实际结束", "不能晚于今天", value=f"{actual_end}"))
        reason = reason.strip()
        kind = SecondmentKind(sec.kind)
        off = (
            None if problems else range_problem(kind, start, actual_end, settings, what="实际期限")
        )
        if off and not (reason or sec.out_of_range_reason):
            problems.append(FieldProblem("超出期限原因", f"{off}，须填写原因"))
        if problems:
            raise ValidationFailed(problems)
        if reason:
            sec.out_of_range_reason = reason
        sec.actual_start = start
        sec.actual_end = actual_end
        sec.ended_by = actor
        sec.version += 1
        line = Posting(
            cadre_id=sec.cadre_id,
            unit=sec.host_unit,
            section_id=None,
            post_title=sec.host_post,
            rank_id=None,
            start_date=start,
            end_date=actual_end,
            note=f"挂职锻炼（{sec.kind}），{actor} 于 {datetime.now():%Y-%m-%d} 登记",
        )
        s.add(line)
        s.flush()
        sec.posting_id = line.id
        uow.commit()
        return line.id


@requires(Permission.EDIT, area="交流轮岗")
def delete_secondment(db: Database, secondment_id: int) -> None:
    """Only a record not yet written into the history may be deleted."""
    with db.unit_of_work() as uow:
        sec = uow.session.get(Secondment, secondment_id)
        if sec is None:
            return
        if sec.posting_id is not None or sec.actual_end is not None:
            raise OrgDeskError("该挂职已结束并写入任职经历，不能删除；如有错误请修改任职经历")
        uow.session.delete(sec)
        uow.commit()


def secondments_due(db: Database, on: date, settings: Settings) -> list[DueItem]:
    """挂职期满: ending within `secondment.warn_days`, or past the planned end and not closed."""
    horizon = on + timedelta(days=settings.int("secondment.warn_days"))
    with db.unit_of_work() as uow:
        rows = uow.session.execute(
            select(Secondment, Cadre.name)
            .join(Cadre, Cadre.id == Secondment.cadre_id)
            .where(Secondment.actual_end.is_(None), Secondment.planned_end <= horizon)
            .order_by(Secondment.planned_end)
        ).all()
        found = [_row(sec, name, "", on, settings) for sec, name in rows]
    items = []
    for sec in found:
        name = sec.name
        if (sec.actual_start or sec.planned_start) > on:
            continue  # not begun: nothing to end yet
        overdue = sec.planned_end < on
        title = (
            f"{name} 在{sec.host_unit}{sec.kind.value}挂职已于 {sec.planned_end:%Y-%m-%d} 期满，"
            "请办理结束挂职"
            if overdue
            else f"{name} 在{sec.host_unit}{sec.kind.value}挂职将于 {sec.planned_end:%Y-%m-%d} 期满"
        )
        items.append(
            DueItem(
                kind="挂职期满",
                title=title,
                due=sec.planned_end,
                urgency=Urgency.OVERDUE if overdue else Urgency.DUE_SOON,
                tab=TAB,
                record_kind="secondment",
                record_id=sec.id,
                who=name,
            )
        )
    return items
