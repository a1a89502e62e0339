"""What the clerk enters during a contest: registrations, overrides, the recommendation
meeting and votes, 组织审定 decisions, scores, and the choice of proposed appointees.

Each function checks that it belongs to the current phase; bad input changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.contest import (
    Meeting,
    Phase,
    ReviewDecision,
    check_meeting,
    check_score,
    check_votes,
)
from orgdesk.domain.eligibility import Rule
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.people import CadreStatus
from orgdesk.services.contests import PhaseError, get_contest_row, require_phase
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from orgdesk.storage.models.base import now
from orgdesk.storage.models.contest import (
    Contest,
    ContestMeeting,
    ContestOverride,
    ContestPart,
    ContestPost,
    ContestRegistration,
    ContestScore,
)

# -- 报名 ---------------------------------------------------------------------------------


@requires(Permission.EDIT, area="竞争上岗")
def register(
    db: Database, contest_id: int, cadre_id: int, post_id: int, registered_on: date | None = None
) -> int:
    """报名: one cadre for one post; each cadre may apply for one post per contest."""
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        require_phase(row, Phase.REGISTRATION, action="报名")
        cadre = s.get(Cadre, cadre_id)
        if cadre is None:
            raise NotFound("该人员已不存在（可能已被删除）")
        if cadre.status == CadreStatus.LEFT.value:
            raise ValidationFailed([FieldProblem("报名人员", f"「{cadre.name}」已调出，不能报名")])
        post = s.get(ContestPost, post_id)
        if post is None or post.contest_id != contest_id:
            raise ValidationFailed([FieldProblem("报名岗位", "请选择本项目的岗位")])
        when = registered_on or date.today()
        if not row.announced_on <= when <= row.registration_deadline:
            raise ValidationFailed(
                [
                    FieldProblem(
                        "报名日期",
                        f"应在发布日期 {row.announced_on:%Y-%m-%d} 至报名截止日期 "
                        f"{row.registration_deadline:%Y-%m-%d} 之间",
                        value=f"{when:%Y-%m-%d}",
                    )
                ]
            )
        clash = next((r for r in row.registrations if r.cadre_id == cadre_id), None)
        if clash is not None:
            taken = s.get(ContestPost, clash.post_id)
            raise ValidationFailed(
                [
                    FieldProblem(
                        "报名人员",
                        f"「{cadre.name}」已报名「{taken.title if taken else ''}」，每人限报一个岗位",
                    )
                ]
            )
        reg = ContestRegistration(
            contest_id=contest_id,
            post_id=post_id,
            cadre_id=cadre_id,
            registered_on=when,
        )
        s.add(reg)
        s.flush()
        uow.commit()
        return reg.id


def _registration(s: Session, registration_id: int) -> tuple[ContestRegistration, Contest]:
    reg = s.get(ContestRegistration, registration_id)
    if reg is None:
        raise NotFound("该报名记录已不存在")
    return reg, get_contest_row(s, reg.contest_id)


@requires(Permission.EDIT, area="竞争上岗")
def unregister(db: Database, registration_id: int) -> None:
    """Remove a registration made in error (only while 报名 is open)."""
    with db.unit_of_work() as uow:
        reg, row = _registration(uow.session, registration_id)
        require_phase(row, Phase.REGISTRATION, action="删除报名")
        uow.session.delete(reg)
        uow.commit()


@requires(Permission.EDIT, area="竞争上岗")
def withdraw(db: Database, registration_id: int, reason: str, *, actor: str) -> None:
    """本人放弃: the contestant leaves, with the reason; R-PRO-4 is checked on leaving the phase."""
    reason = reason.strip()
    if not reason:
        raise ValidationFailed([FieldProblem("放弃原因", "不能为空")])
    with db.unit_of_work() as uow:
        reg, row = _registration(uow.session, registration_id)
        phase = Phase(row.phase)
        if not Phase.QUALIFICATION.order <= phase.order <= Phase.SCORING.order:
            raise PhaseError("「本人放弃」只能在资格审查至综合评分阶段登记；报名阶段请直接删除报名")
        if reg.dropped_phase is not None:
            raise PhaseError("该竞争者已不在竞争中")
        reg.dropped_phase = phase.value
        reg.withdrawn = True
        reg.drop_reason = f"本人放弃：{reason}（{actor}登记）"
        uow.commit()


# -- 例外认定 (R-TRN-5 overrides) ---------------------------------------------------------


@requires(Permission.EDIT, area="竞争上岗")
def add_override(db: Database, registration_id: int, rule: Rule, reason: str, *, actor: str) -> int:
    """Accept one unmet eligibility reason for this contestant; the reason is required."""
    reason = reason.strip()
    problems = []
    if not reason:
        problems.append(FieldProblem("例外认定理由", "不能为空"))
    if not actor.strip():
        problems.append(FieldProblem("认定人", "不能为空"))
    if problems:
        raise ValidationFailed(problems)
    with db.unit_of_work() as uow:
        reg, row = _registration(uow.session, registration_id)
        require_phase(row, Phase.REGISTRATION, Phase.QUALIFICATION, action="例外认定")
        existing = next((o for o in reg.overrides if o.rule == rule.value), None)
        if existing is not None:
            existing.reason, existing.actor, existing.created_at = reason, actor.strip(), now()
            target = existing
        else:
            target = ContestOverride(rule=rule.value, reason=reason, actor=actor.strip())
            reg.overrides.append(target)
        uow.session.flush()
        uow.commit()
        return target.id


@requires(Permission.EDIT, area="竞争上岗")
def remove_override(db: Database, override_id: int) -> None:
    with db.unit_of_work() as uow:
        o = uow.session.get(ContestOverride, override_id)
        if o is None:
            raise NotFound("该例外认定已不存在")
        _reg, row = _registration(uow.session, o.registration_id)
        require_phase(row, Phase.REGISTRATION, Phase.QUALIFICATION, action="撤销例外认定")
        uow.session.delete(o)
        uow.commit()


# -- 民主推荐 (R-PRO-3) -------------------------------------------------------------------


@requires(Permission.EDIT, area="竞争上岗")
def save_recommendation(
    db: Database, contest_id: int, meeting: Meeting, votes: Mapping[int, int | None]
) -> None:
    """The meeting and the votes per contestant; rates and drop-outs follow on leaving the phase."""
    problems = check_meeting(meeting)
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        require_phase(row, Phase.RECOMMENDATION, action="录入民主推荐")
        active = {r.id: r for r in row.registrations if r.dropped_phase is None}
        names = {
            c.id: c.name
            for c in s.scalars(
                select(Cadre).where(Cadre.id.in_([r.cadre_id for r in active.values()]))
            )
        }
        for reg_id, count in votes.items():
            reg = active.get(reg_id)
            if reg is None:
                problems.append(FieldProblem("得票数", "有一名竞争者已不在竞争中，请刷新"))
                continue
            if count is not None:
                problem = check_votes(names.get(reg.cadre_id, ""), count, meeting.valid_ballots)
                if problem is not None:
                    problems.append(problem)
        if problems:
            raise ValidationFailed(problems)
        m = s.scalar(select(ContestMeeting).where(ContestMeeting.contest_id == contest_id))
        if m is None:
            m = ContestMeeting(contest_id=contest_id)
            s.add(m)
        assert meeting.held_on is not None
        m.held_on = meeting.held_on
        m.participants = meeting.participants
        m.ballots_cast = meeting.ballots_cast
        m.valid_ballots = meeting.valid_ballots
        for reg_id, count in votes.items():
            active[reg_id].votes = count
        uow.commit()


# -- 组织审定 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewEntry:
    decision: ReviewDecision | None
    note: str = ""


@requires(Permission.EDIT, area="竞争上岗")
def save_review(db: Database, contest_id: int, decisions: Mapping[int, ReviewEntry]) -> None:
    problems = []
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        require_phase(row, Phase.REVIEW, action="录入组织审定")
        active = {r.id: r for r in row.registrations if r.dropped_phase is None}
        for reg_id, entry in decisions.items():
            if reg_id not in active:
                problems.append(FieldProblem("组织审定", "有一名竞争者已不在竞争中，请刷新"))
            elif entry.decision is ReviewDecision.REJECTED and not entry.note.strip():
                cadre = s.get(Cadre, active[reg_id].cadre_id)
                who = cadre.name if cadre else ""
                problems.append(FieldProblem(f"{who} 审定意见", "「不同意」须写明理由"))
        if problems:
            raise ValidationFailed(problems)
        for reg_id, entry in decisions.items():
            reg = active[reg_id]
            reg.review_decision = entry.decision.value if entry.decision else None
            reg.review_note = entry.note.strip()
        uow.commit()


# -- 评分 (R-PRO-5) -----------------------------------------------------------------------


@requires(Permission.EDIT, area="竞争上岗")
def save_scores(
    db: Database, contest_id: int, scores: Mapping[tuple[int, int], float | None]
) -> None:
    """Scores keyed by (registration id, part id); None clears a cell."""
    problems = []
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        require_phase(row, Phase.EXAM, Phase.SCORING, action="录入成绩")
        active = {r.id: r for r in row.registrations if r.dropped_phase is None}
        parts = {
            p.id: p
            for p in s.scalars(select(ContestPart).where(ContestPart.contest_id == contest_id))
        }
        names = {
            c.id: c.name
            for c in s.scalars(
                select(Cadre).where(Cadre.id.in_([r.cadre_id for r in active.values()]))
            )
        }
        for (reg_id, part_id), score in scores.items():
            reg = active.get(reg_id)
            part = parts.get(part_id)
            if reg is None or part is None:
                problems.append(FieldProblem("成绩", "竞争者或评分部分已变化，请刷新"))
                continue
            problem = check_score(names.get(reg.cadre_id, ""), part.name, score)
            if problem is not None:
                problems.append(problem)
        if problems:
            raise ValidationFailed(problems)
        for (reg_id, part_id), score in scores.items():
            reg = active[reg_id]
            cell = next((sc for sc in reg.scores if sc.part_id == part_id), None)
            if score is None:
                if cell is not None:
                    reg.scores.remove(cell)
            elif cell is None:
                reg.scores.append(ContestScore(part_id=part_id, score=score))
            else:
                cell.score = score
        uow.commit()


# -- 确定拟任人选 -------------------------------------------------------------------------


@requires(Permission.EDIT, area="竞争上岗")
def set_proposed(
    db: Database, registration_id: int, proposed: bool, note: str = "", *, actor: str
) -> None:
    """Change who is proposed for a post (e.g. to settle a tie); the reason is recorded."""
    with db.unit_of_work() as uow:
        reg, row = _registration(uow.session, registration_id)
        require_phase(row, Phase.PROPOSAL, action="调整拟任人选")
        if reg.dropped_phase is not None:
            raise PhaseError("该竞争者已不在竞争中")
        if not note.strip():
            raise ValidationFailed([FieldProblem("调整理由", "不能为空（如：并列经组织研究确定）")])
        reg.proposed = proposed
        reg.proposal_note = f"{note.strip()}（{actor}，{now():%Y-%m-%d}）"
        uow.commit()
