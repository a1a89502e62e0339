"""年度交流计划: draft moves, check them, approve (applying every move or none), report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.rotation import minimum_years_before_move, post_held_on
from orgdesk.domain.rotation_plan import (
    Holder,
    PlanConflict,
    PlanLine,
    PlannedMove,
    PlanReport,
    PlanStatus,
    Seat,
    check_plan,
)
from orgdesk.domain.settings import Settings
from orgdesk.services.backups import backup_before
from orgdesk.services.people import Move, apply_move
from orgdesk.services.reference import load_settings
from orgdesk.services.rotation_data import (
    cadres,
    rank_names,
    sections,
    spans_by_cadre,
    stints_by_cadre,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Post, Posting
from orgdesk.storage.models.rotation import ProposedMove, RotationPlan


class PlanNeedsConfirmation(OrgDeskError):
    """The plan has warnings; the approver must confirm them (accept_warnings=True)."""

    def __init__(self, warnings: list[PlanConflict]) -> None:
        self.warnings = warnings
        super().__init__("\n".join(str(w) for w in warnings))


@dataclass(frozen=True)
class PlanSummary:
    id: int
    year: int
    title: str
    status: PlanStatus
    moves: int
    created_by: str
    approved_by: str
    approved_at: datetime | None

    @property
    def label(self) -> str:
        return f"{self.title}（{self.status.value}）"


@dataclass(frozen=True)
class MoveRow:
    id: int
    row: int
    cadre_id: int
    name: str
    from_section: str
    from_post: str
    to_section_id: int | None
    to_section: str
    to_post: str
    to_rank_id: int | None
    to_rank: str
    effective: date
    reason: str
    findings: tuple[str, ...]
    blocking: bool


@dataclass(frozen=True)
class PlanView:
    summary: PlanSummary
    moves: list[MoveRow]
    conflicts: list[PlanConflict]

    @property
    def blocking(self) -> list[PlanConflict]:
        return [c for c in self.conflicts if c.blocking]

    @property
    def warnings(self) -> list[PlanConflict]:
        return [c for c in self.conflicts if not c.blocking]


@dataclass
class MoveInput:
    cadre_id: int | None
    to_section_id: int | None
    to_post_title: str
    effective: date | None
    to_rank_id: int | None = None  # None keeps the cadre's rank
    reason: str = ""


def list_plans(db: Database) -> list[PlanSummary]:
    with db.unit_of_work() as uow:
        s = uow.session
        counts = dict(
            s.execute(
                select(ProposedMove.plan_id, func.count()).group_by(ProposedMove.plan_id)
            ).all()
        )
        plans = s.scalars(select(RotationPlan).order_by(RotationPlan.year.desc(), RotationPlan.id))
        return [_summary(p, counts.get(p.id, 0)) for p in plans]


def _summary(p: RotationPlan, moves: int) -> PlanSummary:
    return PlanSummary(
        p.id,
        p.year,
        p.title,
        PlanStatus(p.status),
        moves,
        p.created_by,
        p.approved_by,
        p.approved_at,
    )


@requires(Permission.EDIT, area="交流轮岗")
def create_plan(db: Database, year: int, title: str, *, actor: str) -> int:
    title = title.strip() or f"{year}年度组工干部交流轮岗计划"
    if not 2000 <= year <= 2100:
        raise ValidationFailed([FieldProblem("年度", "应在 2000–2100 之间", value=str(year))])
    with db.unit_of_work() as uow:
        plan = RotationPlan(year=year, title=title, status=PlanStatus.DRAFT.value, created_by=actor)
        uow.session.add(plan)
        uow.session.flush()
        uow.commit()
        return plan.id


@requires(Permission.EDIT, area="交流轮岗")
def delete_plan(db: Database, plan_id: int) -> None:
    with db.unit_of_work() as uow:
        plan = uow.session.get(RotationPlan, plan_id)
        if plan is None:
            return
        _require_draft(plan)
        uow.session.delete(plan)
        uow.commit()


def _require_draft(plan: RotationPlan) -> None:
    if plan.status != PlanStatus.DRAFT.value:
        raise OrgDeskError(f"「{plan.title}」已批准，不能再修改")


@requires(Permission.EDIT, area="交流轮岗")
def save_move(db: Database, plan_id: int, data: MoveInput, *, move_id: int | None = None) -> int:
    """Add or change one proposed move of a draft plan."""
    problems = []
    data.to_post_title = data.to_post_title.strip()
    if data.cadre_id is None:
        problems.append(FieldProblem("人员", "请选择人员"))
    if data.to_section_id is None:
        problems.append(FieldProblem("拟任科室", "请选择拟任科室"))
    if not data.to_post_title:
        problems.append(FieldProblem("拟任职务", "不能为空（如：科员、副科长）"))
    if data.effective is None:
        problems.append(FieldProblem("生效日期", "不能为空"))
    with db.unit_of_work() as uow:
        s = uow.session
        plan = s.get(RotationPlan, plan_id)
        if plan is None:
            raise NotFound("该交流计划已不存在")
        _require_draft(plan)
        if data.cadre_id is not None and s.get(Cadre, data.cadre_id) is None:
            problems.append(FieldProblem("人员", "所选人员已不存在，请重新选择"))
        if problems:
            raise ValidationFailed(problems)
        assert data.cadre_id is not None and data.effective is not None
        if move_id is None:
            last = s.scalar(
                select(func.max(ProposedMove.sort_order)).where(ProposedMove.plan_id == plan_id)
            )
            move = ProposedMove(plan_id=plan_id, sort_order=(last or 0) + 1)
            s.add(move)
        else:
            found = s.get(ProposedMove, move_id)
            if found is None or found.plan_id != plan_id:
                raise NotFound("该条调整已不存在")
            move = found
        move.cadre_id = data.cadre_id
        move.to_section_id = data.to_section_id
        move.to_post_title = data.to_post_title
        move.to_rank_id = data.to_rank_id
        move.effective = data.effective
        move.reason = data.reason.strip()
        plan.version += 1
        s.flush()
        uow.commit()
        return move.id


@requires(Permission.EDIT, area="交流轮岗")
def remove_move(db: Database, move_id: int) -> None:
    with db.unit_of_work() as uow:
        move = uow.session.get(ProposedMove, move_id)
        if move is None:
            return
        _require_draft(move.plan)
        uow.session.delete(move)
        uow.commit()


def get_plan(db: Database, plan_id: int) -> PlanView:
    """The plan with each move's findings; a draft is checked against today's data."""
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        return _view(uow.session, plan_id, settings)


def _view(s: Session, plan_id: int, settings: Settings) -> PlanView:
    plan = s.get(RotationPlan, plan_id)
    if plan is None:
        raise NotFound("该交流计划已不存在")
    section_map = sections(s)
    names = {k: v.name for k, v in section_map.items()}
    ranks = rank_names(s)
    people = {c.id: c for c in cadres(s, include_left=True)}
    draft = plan.status == PlanStatus.DRAFT.value
    planned, conflicts = _check(s, plan, settings) if draft else ([], [])
    by_row: dict[int, list[PlanConflict]] = {}
    for c in conflicts:
        for r in c.rows:
            by_row.setdefault(r, []).append(c)
    rows = []
    for index, m in enumerate(plan.moves, start=1):
        person = people.get(m.cadre_id)
        if draft:
            p = planned[index - 1]
            from_section, from_post = names.get(p.from_section_id or 0, ""), p.from_post
        else:
            from_section, from_post = names.get(m.from_section_id or 0, ""), m.from_post_title
        found = by_row.get(index, [])
        rows.append(
            MoveRow(
                id=m.id,
                row=index,
                cadre_id=m.cadre_id,
                name=person.name if person else "（已删除）",
                from_section=from_section,
                from_post=from_post,
                to_section_id=m.to_section_id,
                to_section=names.get(m.to_section_id or 0, ""),
                to_post=m.to_post_title,
                to_rank_id=m.to_rank_id,
                to_rank=ranks.get(m.to_rank_id or 0, "（不变）"),
                effective=m.effective,
                reason=m.reason,
                findings=tuple(str(c) for c in found),
                blocking=any(c.blocking for c in found),
            )
        )
    return PlanView(_summary(plan, len(rows)), rows, conflicts)


def _check(
    s: Session, plan: RotationPlan, settings: Settings
) -> tuple[list[PlannedMove], list[PlanConflict]]:
    section_map = sections(s)
    people = {c.id: c for c in cadres(s, include_left=True)}
    ids = [m.cadre_id for m in plan.moves]
    history = stints_by_cadre(s, section_map, ids)
    open_lines = dict(
        s.execute(
            select(Posting.cadre_id, func.max(Posting.start_date))
            .where(
                Posting.cadre_id.in_(ids),
                Posting.end_date.is_(None),
                Posting.section_id.is_not(None),
            )
            .group_by(Posting.cadre_id)
        ).all()
    )
    planned = []
    for index, m in enumerate(plan.moves, start=1):
        person = people.get(m.cadre_id)
        stints = history.get(m.cadre_id, [])
        held = post_held_on(stints, m.effective - timedelta(days=1))
        open_stint = next((st for st in stints if st.in_department and st.end is None), None)
        post = held[0] if held else None
        planned.append(
            PlannedMove(
                row=index,
                cadre_id=m.cadre_id,
                name=person.name if person else "（已删除）",
                to_section_id=m.to_section_id,
                to_post=m.to_post_title,
                effective=m.effective,
                from_section_id=post.section_id
                if post
                else (person.section_id if person else None),
                from_post=post.post_title if post else (person.post_title if person else ""),
                post_since=post.start if post else None,
                line_start=open_lines.get(m.cadre_id) or (open_stint.start if open_stint else None),
                min_years=minimum_years_before_move(
                    stints, m.effective - timedelta(days=1), settings
                ),
                has_left=person.has_left if person else True,
            )
        )
    holders = [Holder(c.id, c.section_id, c.post_title) for c in people.values() if not c.has_left]
    seats = [Seat(p.section_id, p.title, p.headcount, p.is_chief) for p in s.scalars(select(Post))]
    spans = spans_by_cadre(s, ids)
    names = {k: v.name for k, v in section_map.items()}
    return planned, check_plan(planned, holders, seats, spans, names)


@requires(Permission.DECIDE, action="审批交流计划")
def approve_plan(db: Database, plan_id: int, *, actor: str, accept_warnings: bool = False) -> int:
    """Apply every move on its date through `apply_move`, in one unit of work.

    Blocking conflicts refuse; warnings refuse unless `accept_warnings`.  If any
    move fails, nothing is applied.  Returns the number of moves applied.
    """
    actor = actor.strip()
    if not actor:
        raise ValidationFailed([FieldProblem("审批人", "不能为空")])
    settings = load_settings(db)
    backup_before(db, "approval")
    with db.unit_of_work() as uow:
        s = uow.session
        plan = s.get(RotationPlan, plan_id)
        if plan is None:
            raise NotFound("该交流计划已不存在")
        _require_draft(plan)
        if not plan.moves:
            raise OrgDeskError(f"「{plan.title}」还没有任何调整，无需批准")
        planned, conflicts = _check(s, plan, settings)
        blocking = [c for c in conflicts if c.blocking]
        if blocking:
            raise ValidationFailed([FieldProblem("交流计划", str(c)) for c in blocking])
        warnings = [c for c in conflicts if not c.blocking]
        if warnings and not accept_warnings:
            raise PlanNeedsConfirmation(warnings)
        people = {c.id: c for c in cadres(s, include_left=True)}
        order = sorted(
            zip(plan.moves, planned, strict=True), key=lambda mp: (mp[0].effective, mp[1].row)
        )
        for move, p in order:
            move.from_section_id = p.from_section_id
            move.from_post_title = p.from_post
            rank_id = move.to_rank_id
            if rank_id is None:
                rank_id = people[move.cadre_id].rank_id
            posting = apply_move(
                s,
                Move(
                    cadre_id=move.cadre_id,
                    effective=move.effective,
                    section_id=move.to_section_id,
                    post_title=move.to_post_title,
                    rank_id=rank_id,
                    note=f"{plan.title}（{actor} 批准）",
                ),
            )
            move.posting_id = posting.id
        plan.status = PlanStatus.APPROVED.value
        plan.approved_by = actor
        plan.approved_at = datetime.now().replace(microsecond=0)
        plan.version += 1
        uow.commit()
        return len(order)


def plan_report(db: Database, plan_id: int, *, today: date | None = None) -> PlanReport:
    view = get_plan(db, plan_id)
    with db.unit_of_work() as uow:
        plan = uow.session.get(RotationPlan, plan_id)
        assert plan is not None
        created_by, note_year = plan.created_by, plan.year
    lines = tuple(
        PlanLine(
            row=m.row,
            name=m.name,
            from_section=m.from_section,
            from_post=m.from_post,
            to_section=m.to_section,
            to_post=m.to_post,
            to_rank=m.to_rank,
            effective=m.effective,
            reason=m.reason,
            remarks="；".join(m.findings),
        )
        for m in view.moves
    )
    summary = view.summary
    return PlanReport(
        title=summary.title,
        year=note_year,
        status=summary.status,
        created_by=created_by,
        approved_by=summary.approved_by,
        approved_on=summary.approved_at.date() if summary.approved_at else None,
        lines=lines,
        conflicts=tuple(str(c) for c in view.conflicts),
        printed_on=today or date.today(),
    )
