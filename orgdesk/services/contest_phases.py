"""Moving a contest through its phases: one step forward, or back with a recorded reason.

Leaving a phase does that phase's work in the same unit of work as the move:
资格审查 snapshots eligibility and drops the ineligible; 民主推荐 drops those below
the threshold; 组织审定 drops those not approved; 综合评分 proposes the top of each
post; 公示 → 任职 applies every appointment through `people.apply_move`.  After any
drop-out the contestants must still outnumber the posts (R-PRO-4) or nothing moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.contest import (
    OUTNUMBER_CHECKED_ON_LEAVING,
    Contestant,
    Phase,
    PostDemand,
    ReviewDecision,
    ScorePart,
    check_parts,
    outnumber_problems,
    propose,
    rank_contestants,
    recommendation_outcome,
    recommendation_rate,
)
from orgdesk.domain.eligibility import Override, PostLevel, Rule, check_eligibility
from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.domain.settings import Settings
from orgdesk.domain.workdays import WorkCalendar
from orgdesk.services.contests import PhaseError, get_contest_row, log_phase
from orgdesk.services.eligibility import eligibility_rules, load_facts, with_year_data
from orgdesk.services.people import Move, apply_move
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from orgdesk.storage.models.contest import Contest, ContestMeeting, ContestRegistration


class PhaseBlocked(ValidationFailed):
    """The contest cannot leave its phase; every reason is listed."""


@dataclass(frozen=True)
class PhaseChange:
    contest_id: int
    from_phase: Phase
    to_phase: Phase
    notes: list[str] = field(default_factory=list)


def _blocked(phase: Phase, messages: list[str]) -> PhaseBlocked:
    return PhaseBlocked([FieldProblem(f"{phase.value}阶段", m) for m in messages])


@requires(Permission.EDIT, area="竞争上岗")
def advance(db: Database, contest_id: int, *, actor: str, today: date | None = None) -> PhaseChange:
    """One phase forward; never skips.  Raises PhaseBlocked listing what stands in the way."""
    today = today or date.today()
    if not actor.strip():
        raise ValidationFailed([FieldProblem("操作人", "不能为空")])
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        phase = Phase(row.phase)
        target = phase.next
        if target is None:
            raise PhaseError("项目已完成任职，没有下一阶段")
        notes = _LEAVE[phase](db, s, row, today, settings)
        if phase in OUTNUMBER_CHECKED_ON_LEAVING:
            problems = _outnumber(row, phase)
            if problems:
                raise _blocked(phase, [*notes, *problems])
        row.phase = target.value
        row.version += 1
        log_phase(s, row.id, phase, target, actor, "；".join(notes), today)
        uow.commit()
        return PhaseChange(contest_id, phase, target, notes)


@requires(Permission.EDIT, area="竞争上岗")
def go_back(db: Database, contest_id: int, *, actor: str, reason: str) -> PhaseChange:
    """One phase back, recorded with who, when and why; what leaving it did is undone."""
    problems = []
    if not actor.strip():
        problems.append(FieldProblem("操作人", "不能为空"))
    if not reason.strip():
        problems.append(FieldProblem("退回原因", "不能为空"))
    if problems:
        raise ValidationFailed(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        phase = Phase(row.phase)
        target = phase.previous
        if target is None:
            raise PhaseError("项目处于发布阶段，不能再退回")
        if phase is Phase.APPOINTMENT:
            raise PhaseError("已办理任职，不能退回；如需更正，请在人员详情中修改任职经历")
        restored = 0
        for reg in row.registrations:
            if reg.dropped_phase == target.value and not reg.withdrawn:
                reg.dropped_phase = None
                reg.drop_reason = ""
                restored += 1
            if target is Phase.QUALIFICATION:
                reg.eligible = None
                reg.eligibility_text = ""
            if target.order < Phase.PROPOSAL.order:
                reg.proposed = False
                reg.proposal_note = ""
        row.phase = target.value
        row.version += 1
        note = reason.strip() + (
            f"（恢复 {restored} 名在该阶段被淘汰的竞争者）" if restored else ""
        )
        log_phase(s, row.id, phase, target, actor, note)
        uow.commit()
        return PhaseChange(contest_id, phase, target, [note])


# -- what leaving each phase does --------------------------------------------------------


def _active(row: Contest) -> list[ContestRegistration]:
    return [r for r in row.registrations if r.dropped_phase is None]


def _outnumber(row: Contest, phase: Phase) -> list[str]:
    when = "报名截止时" if phase is Phase.REGISTRATION else f"{phase.value}后"
    demand = [
        PostDemand(p.title, p.count, sum(1 for r in _active(row) if r.post_id == p.id))
        for p in row.posts
    ]
    return outnumber_problems(demand, when=when)


def _names(s: Session, regs: list[ContestRegistration]) -> dict[int, str]:
    ids = [r.cadre_id for r in regs]
    return {k: v for k, v in s.execute(select(Cadre.id, Cadre.name).where(Cadre.id.in_(ids)))}


def _leave_published(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    problems = [] if row.posts else ["尚未设置竞争岗位"]
    problems += check_parts([ScorePart(p.id, p.name, p.weight) for p in row.parts])
    if problems:
        raise _blocked(Phase.PUBLISHED, problems)
    return [f"开始报名，报名截止 {row.registration_deadline:%Y-%m-%d}"]


def _leave_registration(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    return [f"报名结束，共 {len(_active(row))} 人报名"]


def _leave_qualification(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    """Snapshot every contestant's eligibility; drop those not eligible, with every unmet reason."""
    regs = _active(row)
    facts = load_facts(s, [r.cadre_id for r in regs])
    rules = eligibility_rules(db)
    on = row.eligibility_on
    levels = {p.id: PostLevel(p.level) for p in row.posts}
    dropped = []
    for reg in regs:
        overrides = {
            Rule(o.rule): Override(Rule(o.rule), o.reason, o.actor, o.created_at)
            for o in reg.overrides
        }
        f = with_year_data(db, facts[reg.cadre_id], on.year - 1)
        result = check_eligibility(f, levels[reg.post_id], on, rules, overrides)
        reg.eligible = result.eligible
        reg.eligibility_text = result.text()
        if not result.eligible:
            reg.dropped_phase = Phase.QUALIFICATION.value
            reg.drop_reason = "资格审查未通过：" + "；".join(
                f"{r.rule.value}：{r.text}" for r in result.unmet()
            )
            dropped.append(f.name)
    passed = len(regs) - len(dropped)
    note = f"资格审查（基准日 {on:%Y-%m-%d}）通过 {passed} 人"
    return [note + (f"，未通过 {len(dropped)} 人：{'、'.join(dropped)}" if dropped else "")]


def _leave_recommendation(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    m = s.scalar(select(ContestMeeting).where(ContestMeeting.contest_id == row.id))
    if m is None:
        raise _blocked(
            Phase.RECOMMENDATION, ["尚未录入民主推荐会情况（参会人数、收回票数、有效票数）"]
        )
    regs = _active(row)
    names = _names(s, regs)
    missing = [names.get(r.cadre_id, "") for r in regs if r.votes is None]
    if missing:
        raise _blocked(Phase.RECOMMENDATION, [f"以下竞争者尚未录入得票数：{'、'.join(missing)}"])
    threshold = settings["contest.recommendation_threshold"]
    dropped = []
    for reg in regs:
        outcome = recommendation_outcome(reg.votes or 0, m.valid_ballots, threshold)
        if not outcome.passed:
            reg.dropped_phase = Phase.RECOMMENDATION.value
            reg.drop_reason = outcome.text
            dropped.append(names.get(reg.cadre_id, ""))
    note = (
        f"民主推荐会 {m.held_on:%Y-%m-%d}，参会 {m.participants} 人，"
        f"收回 {m.ballots_cast} 票，有效 {m.valid_ballots} 票"
    )
    if dropped:
        note += f"；得票率低于 {threshold:.0%} 未进入下一环节：{'、'.join(dropped)}"
    return [note]


def _leave_review(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    regs = _active(row)
    names = _names(s, regs)
    missing = [names.get(r.cadre_id, "") for r in regs if r.review_decision is None]
    if missing:
        raise _blocked(Phase.REVIEW, [f"以下竞争者尚未录入组织审定意见：{'、'.join(missing)}"])
    dropped = []
    for reg in regs:
        if reg.review_decision == ReviewDecision.REJECTED.value:
            reg.dropped_phase = Phase.REVIEW.value
            reg.drop_reason = f"组织审定未通过：{reg.review_note}"
            dropped.append(names.get(reg.cadre_id, ""))
    return [
        f"组织审定同意 {len(regs) - len(dropped)} 人"
        + (f"，不同意：{'、'.join(dropped)}" if dropped else "")
    ]


def _leave_exam(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    return ["笔试、演讲答辩结束"]


def _leave_scoring(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    """Every score present; the top of each post proposed (a tie at the cut-off is left open)."""
    regs = _active(row)
    names = _names(s, regs)
    parts = [ScorePart(p.id, p.name, p.weight) for p in row.parts]
    missing = [
        f"{names.get(r.cadre_id, '')}（{'、'.join(p.name for p in parts if p.id not in {sc.part_id for sc in r.scores})}）"
        for r in regs
        if any(p.id not in {sc.part_id for sc in r.scores} for p in parts)
    ]
    if missing:
        raise _blocked(Phase.SCORING, [f"以下竞争者成绩不完整：{'、'.join(missing)}"])
    m = s.scalar(select(ContestMeeting).where(ContestMeeting.contest_id == row.id))
    notes = []
    for post in row.posts:
        group = [r for r in regs if r.post_id == post.id]
        contestants = [
            Contestant(
                r.id,
                names.get(r.cadre_id, ""),
                {sc.part_id: sc.score for sc in r.scores},
                recommendation_rate(r.votes or 0, m.valid_ballots) if m else None,
            )
            for r in group
        ]
        proposal = propose(rank_contestants(contestants, parts), post.count, post.title)
        chosen = set(proposal.proposed)
        for r in group:
            r.proposed = r.id in chosen
            r.proposal_note = "按综合得分排名确定" if r.proposed else ""
        shown = "、".join(names.get(r.cadre_id, "") for r in group if r.proposed) or "暂无"
        notes.append(f"「{post.title}」拟任人选：{shown}")
        if proposal.problem:
            notes.append(proposal.problem)
    return notes


def _leave_proposal(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    regs = _active(row)
    problems = []
    for post in row.posts:
        chosen = [r for r in regs if r.post_id == post.id and r.proposed]
        if len(chosen) != post.count:
            problems.append(
                f"「{post.title}」应确定拟任人选 {post.count} 名，现为 {len(chosen)} 名"
            )
    if problems:
        raise _blocked(Phase.PROPOSAL, problems)
    if row.publicity_start is None:
        row.publicity_start = today
    if row.publicity_end is None:
        days = settings.int("contest.publicity_workdays")
        row.publicity_end = (
            WorkCalendar().add_workdays(row.publicity_start - timedelta(days=1), days).due
        )
    if row.publicity_end < row.publicity_start:
        raise _blocked(Phase.PROPOSAL, ["公示结束日期早于公示开始日期"])
    return [f"公示期 {row.publicity_start:%Y-%m-%d} 至 {row.publicity_end:%Y-%m-%d}"]


def _leave_publicity(
    db: Database, s: Session, row: Contest, today: date, settings: Settings
) -> list[str]:
    """任职: every proposed appointee moves to the post on the effective date, all or none."""
    assert row.publicity_end is not None
    if today <= row.publicity_end:
        raise _blocked(
            Phase.PUBLICITY, [f"公示期至 {row.publicity_end:%Y-%m-%d} 届满，期满后方可办理任职"]
        )
    if row.appointment_on is None:
        row.appointment_on = row.publicity_end + timedelta(days=1)
    if row.appointment_on <= row.publicity_end:
        raise _blocked(Phase.PUBLICITY, ["任职日期应在公示期满之后"])
    posts = {p.id: p for p in row.posts}
    regs = [r for r in _active(row) if r.proposed]
    names = _names(s, regs)
    done = []
    for reg in regs:
        post = posts[reg.post_id]
        cadre = s.get(Cadre, reg.cadre_id)
        assert cadre is not None
        rank_id = post.rank_id if post.rank_id is not None else cadre.rank_id
        posting = apply_move(
            s,
            Move(
                cadre_id=reg.cadre_id,
                effective=row.appointment_on,
                section_id=post.section_id,
                post_title=post.post_title,
                rank_id=rank_id,
                note=f"竞争上岗：{row.title}",
            ),
        )
        reg.appointed_posting_id = posting.id
        done.append(f"{names.get(reg.cadre_id, '')} 任{post.title}")
    return [f"{row.appointment_on:%Y-%m-%d} 起：" + "；".join(done)]


_LEAVE = {
    Phase.PUBLISHED: _leave_published,
    Phase.REGISTRATION: _leave_registration,
    Phase.QUALIFICATION: _leave_qualification,
    Phase.RECOMMENDATION: _leave_recommendation,
    Phase.REVIEW: _leave_review,
    Phase.EXAM: _leave_exam,
    Phase.SCORING: _leave_scoring,
    Phase.PROPOSAL: _leave_proposal,
    Phase.PUBLICITY: _leave_publicity,
}
