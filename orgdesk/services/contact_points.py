"""基层工作联系点 (R-ROT-5): points, visit logs, and points not visited for too long."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.contact_points import (
    DEPARTMENT_LEVEL,
    ContactKind,
    ContactPointInput,
    VisitActivity,
    VisitInput,
    check_contact_point,
    check_visit,
    visit_due,
)
from orgdesk.domain.due import DueItem, Urgency
from orgdesk.domain.errors import NotFound, ValidationFailed
from orgdesk.domain.settings import Settings
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.models import Section
from orgdesk.storage.models.rotation import ContactPoint, ContactVisit

TAB = "交流轮岗"


@dataclass(frozen=True)
class ContactPointRow:
    id: int
    name: str
    kind: str
    owner: str  # 部机关 or the section's name
    owner_section_id: int | None
    contact_person: str
    last_visit: date | None
    visits: int
    next_due: date
    overdue: bool
    active: bool


@dataclass(frozen=True)
class VisitRow:
    id: int
    visit_date: date
    visitors: str
    activity: str
    days: int
    content: str
    findings: str


def list_contact_points(
    db: Database, on: date, *, include_inactive: bool = False
) -> list[ContactPointRow]:
    gap = load_settings(db).int("contact_point.max_gap_days")
    with db.unit_of_work() as uow:
        s = uow.session
        stats = {
            pid: (last, n)
            for pid, last, n in s.execute(
                select(
                    ContactVisit.contact_point_id,
                    func.max(ContactVisit.visit_date),
                    func.count(),
                ).group_by(ContactVisit.contact_point_id)
            )
        }
        stmt = (
            select(ContactPoint, Section.name)
            .outerjoin(Section, Section.id == ContactPoint.owner_section_id)
            .order_by(
                ContactPoint.owner_section_id.is_not(None), Section.sort_order, ContactPoint.name
            )
        )
        if not include_inactive:
            stmt = stmt.where(ContactPoint.active)
        out = []
        for point, section_name in s.execute(stmt):
            last, count = stats.get(point.id, (None, 0))
            due = visit_due(last, point.kept_since, gap)
            out.append(
                ContactPointRow(
                    id=point.id,
                    name=point.name,
                    kind=point.kind,
                    owner=section_name or DEPARTMENT_LEVEL,
                    owner_section_id=point.owner_section_id,
                    contact_person=point.contact_person,
                    last_visit=last,
                    visits=count,
                    next_due=due,
                    overdue=point.active and due < on,
                    active=point.active,
                )
            )
    return out


def get_contact_point(db: Database, point_id: int) -> ContactPointInput:
    with db.unit_of_work() as uow:
        p = uow.session.get(ContactPoint, point_id)
        if p is None:
            raise NotFound("该联系点已不存在")
        return ContactPointInput(
            p.name,
            ContactKind(p.kind),
            p.owner_section_id,
            p.address,
            p.contact_person,
            p.phone,
            p.note,
            p.active,
        )


@requires(Permission.EDIT, area="交流轮岗")
def save_contact_point(
    db: Database, data: ContactPointInput, *, point_id: int | None = None, today: date | None = None
) -> int:
    problems = check_contact_point(data)
    if problems:
        raise ValidationFailed(problems)
    assert data.kind is not None
    with db.unit_of_work() as uow:
        s = uow.session
        if point_id is None:
            point = ContactPoint(kept_since=today or date.today())
            s.add(point)
        else:
            found = s.get(ContactPoint, point_id)
            if found is None:
                raise NotFound("该联系点已不存在")
            point = found
        point.name = data.name
        point.kind = data.kind.value
        point.owner_section_id = data.owner_section_id
        point.address = data.address.strip()
        point.contact_person = data.contact_person.strip()
        point.phone = data.phone.strip()
        point.note = data.note
        point.active = data.active
        s.flush()
        uow.commit()
        return point.id


def list_visits(db: Database, point_id: int) -> list[VisitRow]:
    with db.unit_of_work() as uow:
        rows = uow.session.scalars(
            select(ContactVisit)
            .where(ContactVisit.contact_point_id == point_id)
            .order_by(ContactVisit.visit_date.desc(), ContactVisit.id.desc())
        )
        return [
            VisitRow(v.id, v.visit_date, v.visitors, v.activity, v.days, v.content, v.findings)
            for v in rows
        ]


def get_visit(db: Database, visit_id: int) -> VisitInput:
    with db.unit_of_work() as uow:
        v = uow.session.get(ContactVisit, visit_id)
        if v is None:
            raise NotFound("该走访记录已不存在")
        return VisitInput(
            v.contact_point_id,
            v.visit_date,
            v.visitors,
            VisitActivity(v.activity),
            v.days,
            v.content,
            v.findings,
        )


@requires(Permission.EDIT, area="交流轮岗")
def save_visit(
    db: Database,
    data: VisitInput,
    *,
    actor: str,
    visit_id: int | None = None,
    today: date | None = None,
) -> int:
    problems = check_visit(data, today=today or date.today())
    with db.unit_of_work() as uow:
        s = uow.session
        if data.contact_point_id is not None and s.get(ContactPoint, data.contact_point_id) is None:
            raise NotFound("该联系点已不存在")
        if problems:
            raise ValidationFailed(problems)
        assert data.visit_date is not None and data.activity is not None
        assert data.contact_point_id is not None
        if visit_id is None:
            visit = ContactVisit(created_by=actor)
            s.add(visit)
        else:
            found = s.get(ContactVisit, visit_id)
            if found is None:
                raise NotFound("该走访记录已不存在")
            visit = found
        visit.contact_point_id = data.contact_point_id
        visit.visit_date = data.visit_date
        visit.visitors = data.visitors
        visit.activity = data.activity.value
        visit.days = data.days
        visit.content = data.content.strip()
        visit.findings = data.findings.strip()
        s.flush()
        uow.commit()
        return visit.id


@requires(Permission.EDIT, area="交流轮岗")
def delete_visit(db: Database, visit_id: int) -> None:
    with db.unit_of_work() as uow:
        visit = uow.session.get(ContactVisit, visit_id)
        if visit is not None:
            uow.session.delete(visit)
            uow.commit()


def contact_points_due(db: Database, on: date, settings: Settings) -> list[DueItem]:
    """联系点走访: an active point whose last visit is more than the setting's days ago."""
    items = []
    for p in list_contact_points(db, on):
        if not p.overdue:
            continue
        since = f"最近一次走访 {p.last_visit:%Y-%m-%d}" if p.last_visit else "建立以来尚未走访"
        items.append(
            DueItem(
                kind="联系点走访",
                title=f"{p.owner}联系点「{p.name}」{since}，"
                f"已超过 {settings.int('contact_point.max_gap_days')} 天",
                due=p.next_due,
                urgency=Urgency.OVERDUE,
                tab=TAB,
                record_kind="contact_point",
                record_id=p.id,
                who=p.owner,
            )
        )
    return items
