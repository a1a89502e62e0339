"""The working-day calendar as the department uses it: package data + the clerk's notices.

When the clerk types in a new year's 国务院节假日安排 (or removes a wrong
line), every open item whose deadline the change can move is recomputed and
the move is written into that item's history (R-TSK-4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.workdays import (
    CalendarOverride,
    OverrideKind,
    WorkCalendar,
    validate_override,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models.base import now
from orgdesk.storage.models.ledger import CalendarOverrideRow, LedgerEvent, LedgerItem


@dataclass(frozen=True)
class StoredOverride:
    id: int
    override: CalendarOverride
    created_by: str


@dataclass(frozen=True)
class CalendarChange:
    override_id: int
    moved_items: int  # open items whose deadline moved


def overrides_in(s: Session) -> list[CalendarOverride]:
    """Every stored override, oldest first (later entries win over earlier ones)."""
    rows = s.scalars(select(CalendarOverrideRow).order_by(CalendarOverrideRow.id))
    return [_to_override(r) for r in rows]


def calendar_in(s: Session) -> WorkCalendar:
    return WorkCalendar(overrides_in(s))


def load_calendar(db: Database) -> WorkCalendar:
    """The calendar every deadline is computed with: package data + the clerk's overrides."""
    with db.unit_of_work() as uow:
        return calendar_in(uow.session)


def list_overrides(db: Database, year: int | None = None) -> list[StoredOverride]:
    with db.unit_of_work() as uow:
        stmt = select(CalendarOverrideRow).order_by(
            CalendarOverrideRow.start_date, CalendarOverrideRow.id
        )
        return [
            StoredOverride(r.id, _to_override(r), r.created_by)
            for r in uow.session.scalars(stmt)
            if year is None or r.start_date.year <= year <= r.end_date.year
        ]


@requires(Permission.EDIT, area="工作台账")
def add_override(
    db: Database, override: CalendarOverride, *, actor: str, on: date | None = None
) -> CalendarChange:
    """Store one range of a notice; nothing is stored when it is wrong."""
    problems = [FieldProblem("节假日安排", p) for p in validate_override(override)]
    if problems:
        raise ValidationFailed(problems)
    on = on or date.today()
    with db.unit_of_work() as uow:
        s = uow.session
        for existing in overrides_in(s):
            if existing == override:
                raise ValidationFailed(
                    [FieldProblem("节假日安排", "同样的日期范围已经录入过，无需重复录入")]
                )
        row = CalendarOverrideRow(
            start_date=override.start,
            end_date=override.end,
            kind=override.kind,
            name=override.name.strip(),
            source=override.source.strip(),
            created_by=actor.strip(),
        )
        s.add(row)
        s.flush()
        moved = recompute_dues(s, since=override.start, actor=actor, on=on)
        uow.commit()
        return CalendarChange(row.id, moved)


@requires(Permission.EDIT, area="工作台账")
def delete_override(
    db: Database, override_id: int, *, actor: str, on: date | None = None
) -> CalendarChange:
    on = on or date.today()
    with db.unit_of_work() as uow:
        s = uow.session
        row = s.get(CalendarOverrideRow, override_id)
        if row is None:
            raise NotFound("该节假日安排已不存在（可能已被删除）")
        since = row.start_date
        s.delete(row)
        s.flush()
        moved = recompute_dues(s, since=since, actor=actor, on=on)
        uow.commit()
        return CalendarChange(override_id, moved)


def recompute_dues(s: Session, *, since: date, actor: str, on: date) -> int:
    """Recompute computed deadlines of open items the calendar change can reach.

    A change on or after `since` can only move a deadline that lies on or after
    it; estimated deadlines are always refreshed (their year may now be known).
    """
    calendar = calendar_in(s)
    stmt = select(LedgerItem).where(
        LedgerItem.concluded_on.is_(None),
        LedgerItem.due_manual.is_(False),
        or_(LedgerItem.due_on >= since, LedgerItem.due_estimated.is_(True)),
    )
    moved = 0
    stamp = now()
    for item in s.scalars(stmt):
        deadline = calendar.add_workdays(item.received_on, item.limit_days)
        if deadline.due != item.due_on:
            s.add(
                LedgerEvent(
                    item_id=item.id,
                    on_date=on,
                    recorded_at=stamp,
                    actor=actor.strip() or "系统",
                    action="期限调整",
                    from_status=item.status,
                    to_status=item.status,
                    note=(
                        f"节假日安排变更：期限由 {item.due_on:%Y-%m-%d} 调整为 "
                        f"{deadline.due:%Y-%m-%d}{'（预估）' if deadline.estimated else ''}"
                    ),
                )
            )
            item.due_on = deadline.due
            moved += 1
        item.due_estimated = deadline.estimated
    s.flush()
    return moved


def uncovered_due_years(db: Database) -> list[int]:
    """Years of open items' deadlines that rest on weekends alone (for the banner)."""
    with db.unit_of_work() as uow:
        dues = uow.session.scalars(
            select(LedgerItem.due_on)
            .where(LedgerItem.concluded_on.is_(None), LedgerItem.due_estimated.is_(True))
            .distinct()
        )
        calendar = calendar_in(uow.session)
        return sorted(calendar.uncovered_years_needed(dues))


def _to_override(r: CalendarOverrideRow) -> CalendarOverride:
    kind: OverrideKind = "调休上班" if r.kind == "调休上班" else "休息"
    return CalendarOverride(r.start_date, r.end_date, kind, r.name, r.source)
