"""培训计划 (R-TRN-2): plans with goals, their sessions, enrolment and attendance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import case, delete, func, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError
from orgdesk.domain.training import (
    DeliveryMode,
    DutyMode,
    GroupMode,
    PlanTerm,
    SettingMode,
    SubjectGroup,
)
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
from orgdesk.storage.models.training import Enrolment, TrainingPlan, TrainingSession

MODE_FIELDS: tuple[tuple[str, str, type[StrEnum]], ...] = (
    ("duty_mode", "脱产/在职", DutyMode),
    ("group_mode", "集体/自学", GroupMode),
    ("setting_mode", "课堂/实践", SettingMode),
    ("delivery_mode", "教学手段", DeliveryMode),
)


@dataclass(frozen=True)
class PlanRow:
    id: int
    term: str
    title: str
    start_year: int
    end_year: int
    goals: str
    sessions: int

    @property
    def years(self) -> str:
        if self.start_year == self.end_year:
            return f"{self.start_year}"
        return f"{self.start_year}–{self.end_year}"


@dataclass
class PlanInput:
    term: str
    title: str
    start_year: int
    end_year: int
    goals: str = ""


@dataclass(frozen=True)
class SessionRow:
    id: int
    plan_id: int
    plan_title: str
    title: str
    group: str
    start_date: date
    end_date: date
    hours: float
    credits: float | None
    duty_mode: str
    group_mode: str
    setting_mode: str
    delivery_mode: str
    place: str
    note_due: date | None
    enrolled: int
    attended: int

    @property
    def modes(self) -> str:
        return "、".join((self.duty_mode, self.group_mode, self.setting_mode, self.delivery_mode))


@dataclass
class SessionInput:
    plan_id: int
    title: str
    group: str
    start_date: date | None
    end_date: date | None
    hours: float
    credits: float | None = None
    duty_mode: str = DutyMode.ON_DUTY.value
    group_mode: str = GroupMode.COLLECTIVE.value
    setting_mode: str = SettingMode.CLASSROOM.value
    delivery_mode: str = DeliveryMode.FACE_TO_FACE.value
    place: str = ""
    note_due: date | None = None


@dataclass(frozen=True)
class EnrolmentRow:
    cadre: CadreBrief
    attended: bool | None


# -- plans ------------------------------------------------------------------------------


def list_plans(db: Database, year: int | None = None) -> list[PlanRow]:
    """Plans covering `year` (all plans when None), near-term first."""
    counts = (
        select(TrainingSession.plan_id, func.count().label("n"))
        .group_by(TrainingSession.plan_id)
        .subquery()
    )
    stmt = select(TrainingPlan, func.coalesce(counts.c.n, 0)).outerjoin(
        counts, counts.c.plan_id == TrainingPlan.id
    )
    if year is not None:
        stmt = stmt.where(TrainingPlan.start_year <= year, TrainingPlan.end_year >= year)
    stmt = stmt.order_by(TrainingPlan.term.desc(), TrainingPlan.start_year, TrainingPlan.id)
    with db.unit_of_work() as uow:
        return [
            PlanRow(p.id, p.term, p.title, p.start_year, p.end_year, p.goals, n)
            for p, n in uow.session.execute(stmt)
        ]


@requires(Permission.EDIT, area="培训与学分")
def save_plan(db: Database, data: PlanInput, plan_id: int | None = None) -> int:
    problems: list[FieldProblem] = []
    require_choice(data.term, [t.value for t in PlanTerm], "计划类型", problems)
    title = require_text(data.title, "计划名称", problems)
    if data.end_year < data.start_year:
        problems.append(FieldProblem("结束年度", "不能早于开始年度", None, str(data.end_year)))
    raise_if(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        row = row_to_save(s, TrainingPlan, plan_id, "该培训计划已不存在")
        row.term, row.title, row.goals = data.term, title, data.goals.strip()
        row.start_year, row.end_year = data.start_year, data.end_year
        s.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="培训与学分")
def delete_plan(db: Database, plan_id: int) -> None:
    with db.unit_of_work() as uow:
        s = uow.session
        n = s.scalar(select(func.count()).where(TrainingSession.plan_id == plan_id)) or 0
        if n:
            raise OrgDeskError(f"该计划下还有 {n} 期培训，请先删除或移到其他计划")
        s.execute(delete(TrainingPlan).where(TrainingPlan.id == plan_id))
        uow.commit()


# -- sessions ---------------------------------------------------------------------------


def list_sessions(
    db: Database, *, plan_id: int | None = None, year: int | None = None
) -> list[SessionRow]:
    enrolled = (
        select(
            Enrolment.session_id,
            func.count().label("n"),
            func.sum(case((Enrolment.attended.is_(True), 1), else_=0)).label("present"),
        )
        .group_by(Enrolment.session_id)
        .subquery()
    )
    stmt = (
        select(
            TrainingSession,
            TrainingPlan.title,
            func.coalesce(enrolled.c.n, 0),
            func.coalesce(enrolled.c.present, 0),
        )
        .join(TrainingPlan, TrainingPlan.id == TrainingSession.plan_id)
        .outerjoin(enrolled, enrolled.c.session_id == TrainingSession.id)
    )
    if plan_id is not None:
        stmt = stmt.where(TrainingSession.plan_id == plan_id)
    if year is not None:
        first, last = year_bounds(year)
        stmt = stmt.where(TrainingSession.end_date.between(first, last))
    stmt = stmt.order_by(TrainingSession.start_date, TrainingSession.id)
    with db.unit_of_work() as uow:
        return [
            SessionRow(
                x.id,
                x.plan_id,
                plan_title,
                x.title,
                x.subject_group,
                x.start_date,
                x.end_date,
                x.hours,
                x.credits,
                x.duty_mode,
                x.group_mode,
                x.setting_mode,
                x.delivery_mode,
                x.place,
                x.note_due,
                n,
                present,
            )
            for x, plan_title, n, present in uow.session.execute(stmt)
        ]


def check_session(data: SessionInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    require_text(data.title, "培训名称", problems)
    require_choice(data.group, [g.value for g in SubjectGroup], "类别", problems)
    for key, label, options in MODE_FIELDS:
        require_choice(getattr(data, key), [o.value for o in options], label, problems)
    if data.start_date is None:
        problems.append(FieldProblem("开始日期", "不能为空"))
    if data.end_date is None:
        problems.append(FieldProblem("结束日期", "不能为空"))
    if data.start_date and data.end_date and data.end_date < data.start_date:
        problems.append(FieldProblem("结束日期", "不能早于开始日期", None, str(data.end_date)))
    if not 0 < data.hours <= 1000:
        problems.append(FieldProblem("学时", "应大于 0 且不超过 1000", None, f"{data.hours:g}"))
    if data.credits is not None and not 0 <= data.credits <= 1000:
        problems.append(FieldProblem("学分", "应在 0–1000 之间", None, f"{data.credits:g}"))
    if data.note_due and data.start_date and data.note_due < data.start_date:
        problems.append(
            FieldProblem("心得截止日期", "不能早于培训开始日期", None, str(data.note_due))
        )
    return problems


@requires(Permission.EDIT, area="培训与学分")
def save_session(db: Database, data: SessionInput, session_id: int | None = None) -> int:
    raise_if(check_session(data))
    with db.unit_of_work() as uow:
        s = uow.session
        if s.get(TrainingPlan, data.plan_id) is None:
            raise NotFound("所选培训计划已不存在")
        row = row_to_save(s, TrainingSession, session_id, "该期培训已不存在")
        assert data.start_date is not None and data.end_date is not None
        row.plan_id, row.title, row.subject_group = data.plan_id, data.title.strip(), data.group
        row.start_date, row.end_date = data.start_date, data.end_date
        row.hours, row.credits, row.place = data.hours, data.credits, data.place.strip()
        row.duty_mode, row.group_mode = data.duty_mode, data.group_mode
        row.setting_mode, row.delivery_mode = data.setting_mode, data.delivery_mode
        row.note_due = data.note_due
        s.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="培训与学分")
def delete_session(db: Database, session_id: int) -> None:
    """Removes the session with its enrolments and notes (its exams stay, unlinked)."""
    with db.unit_of_work() as uow:
        uow.session.execute(delete(TrainingSession).where(TrainingSession.id == session_id))
        uow.commit()


# -- enrolment and attendance ----------------------------------------------------------


def enrolments(db: Database, session_id: int) -> list[EnrolmentRow]:
    stmt = (
        brief_select()
        .add_columns(Enrolment.attended)
        .join(Enrolment, Enrolment.cadre_id == Cadre.id)
        .where(Enrolment.session_id == session_id)
        .order_by(Cadre.section_id, Cadre.name_pinyin, Cadre.id)
    )
    with db.unit_of_work() as uow:
        return [EnrolmentRow(CadreBrief(*row[:6]), row[6]) for row in uow.session.execute(stmt)]


@requires(Permission.EDIT, area="培训与学分")
def enrol(db: Database, session_id: int, pick: CadrePick) -> int:
    """Enrol the picked cadres; those already enrolled are left as they are.  Returns how many
    were added."""
    with db.unit_of_work() as uow:
        s = uow.session
        if s.get(TrainingSession, session_id) is None:
            raise NotFound("该期培训已不存在")
        have = set(s.scalars(select(Enrolment.cadre_id).where(Enrolment.session_id == session_id)))
        added = [c for c in picked_cadre_ids(s, pick) if c not in have]
        for cadre_id in added:
            s.add(Enrolment(session_id=session_id, cadre_id=cadre_id, attended=None))
        uow.commit()
        return len(added)


@requires(Permission.EDIT, area="培训与学分")
def withdraw(db: Database, session_id: int, cadre_ids: list[int]) -> None:
    with db.unit_of_work() as uow:
        uow.session.execute(
            delete(Enrolment).where(
                Enrolment.session_id == session_id, Enrolment.cadre_id.in_(cadre_ids)
            )
        )
        uow.commit()


@requires(Permission.EDIT, area="培训与学分")
def set_attendance(db: Database, session_id: int, marks: Mapping[int, bool | None]) -> None:
    """Record 出勤 (True), 缺勤 (False) or 未登记 (None) for enrolled cadres, all at once."""
    with db.unit_of_work() as uow:
        s = uow.session
        rows = {
            e.cadre_id: e
            for e in s.scalars(
                select(Enrolment).where(
                    Enrolment.session_id == session_id, Enrolment.cadre_id.in_(list(marks))
                )
            )
        }
        missing = [c for c in marks if c not in rows]
        if missing:
            raise OrgDeskError(f"有 {len(missing)} 人未报名该期培训，不能登记出勤")
        for cadre_id, mark in marks.items():
            rows[cadre_id].attended = mark
        uow.commit()
