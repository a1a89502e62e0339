"""录用 / 未录用 for one candidate (R-INT-2, R-INT-3).

录用 is one unit of work: the cadre is created (new person, through the same
`check_cadre` as the form) or moved to the post (existing cadre, `apply_move`),
the trial period starts, and the decision is recorded — all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.intake import (
    Decision,
    HireCheck,
    IntakeChannel,
    Weights,
    hire_problems,
    weighted_total,
)
from orgdesk.domain.people import CadreInput, CadreStatus, RankLevel
from orgdesk.domain.trial import TrialLimits, check_length
from orgdesk.services.intake import candidate_scores, count_hired
from orgdesk.services.people import Move, apply_move, save_cadre_in
from orgdesk.services.reference import load_settings
from orgdesk.services.trial import start_trial_in
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Rank
from orgdesk.storage.models.personnel import IntakeBatch, IntakeCandidate, IntakePost


@dataclass(frozen=True)
class Hired:
    cadre_id: int
    trial_id: int
    created: bool  # a new cadre record (else an existing cadre moved to the post)


@requires(Permission.EDIT, area="人员与试用")
def hire_candidate(
    db: Database,
    candidate_id: int,
    start: date | None,
    months: int,
    *,
    today: date | None = None,
) -> Hired:
    """录用: cadre with the post, trial from `start` for `months`, decision recorded."""
    today = today or date.today()
    limits = TrialLimits.from_settings(load_settings(db))
    if start is None:
        raise ValidationFailed([FieldProblem("到岗日期", "不能为空")])
    reason = check_length(months, limits)
    if reason:
        raise ValidationFailed([FieldProblem("试用期长度", reason, None, str(months))])
    with db.unit_of_work() as uow:
        s = uow.session
        c = s.get(IntakeCandidate, candidate_id)
        if c is None:
            raise NotFound("该考生记录已不存在")
        if c.decision == Decision.HIRED.value:
            raise OrgDeskError(f"「{c.name}」已录用")
        batch = s.get(IntakeBatch, c.batch_id)
        post = s.get(IntakePost, c.post_id) if c.post_id else None
        assert batch is not None
        if post is None:
            raise OrgDeskError(f"「{c.name}」没有报考岗位，不能录用")
        weights = Weights(batch.weight_written, batch.weight_interview, batch.weight_assessment)
        rank = s.get(Rank, post.rank_id) if post.rank_id else None
        check = HireCheck(
            name=c.name,
            grades={
                k: getattr(c, f"grade_{k}")
                for k in ("political", "business", "knowledge", "ability", "experience")
            },
            total=weighted_total(candidate_scores(c), weights),
            weights_need_scores=any(v > 0 for v in weights.as_dict().values()),
            hired_on_post=count_hired(s, post.id),
            headcount=post.headcount,
            channel=IntakeChannel(batch.channel),
            origin_level=RankLevel(c.origin_level) if c.origin_level else None,
            post_level=RankLevel(rank.level) if rank else None,
        )
        problems = hire_problems(check)
        if problems:
            raise ValidationFailed([FieldProblem("", p) for p in problems])

        existing = s.scalar(select(Cadre).where(Cadre.id_number == c.id_number))
        note = f"{batch.year}年{batch.title}（{batch.channel}）录用"
        if existing is None:
            data = CadreInput(
                name=c.name,
                id_number=c.id_number,
                sex=c.sex,
                birth_date=c.birth_date,
                political_status=c.political_status or "中共党员",
                education=c.education,
                degree=c.degree,
                specialty=c.specialty,
                first_employment=c.first_employment or start,
                joined_department=start,
                section_id=post.section_id,
                post_title=post.title,
                rank_id=post.rank_id,
                status=CadreStatus.TRIAL,
                phone=c.phone,
                note=note,
            )
            saved = save_cadre_in(s, data, today=max(today, start))
            cadre_id, created = saved.id, True
        else:
            apply_move(
                s,
                Move(existing.id, start, post.section_id, post.title, post.rank_id, note=note),
            )
            if existing.joined_department is None or existing.status == CadreStatus.LEFT.value:
                existing.joined_department = start
            cadre_id, created = existing.id, False
        trial = start_trial_in(s, cadre_id, start, months, limits, candidate_id=c.id)
        c.cadre_id = cadre_id
        c.decision = Decision.HIRED.value
        c.decided_on = start
        uow.commit()
        return Hired(cadre_id, trial.id, created)


def reject_candidate(db: Database, candidate_id: int, on: date | None = None) -> None:
    """未录用."""
    _set_decision(db, candidate_id, Decision.REJECTED, on or date.today())


def reset_decision(db: Database, candidate_id: int) -> None:
    """Back to 待定 (only from 未录用: a 录用 already created records)."""
    _set_decision(db, candidate_id, Decision.PENDING, None)


def _set_decision(db: Database, candidate_id: int, decision: Decision, on: date | None) -> None:
    with db.unit_of_work() as uow:
        c = uow.session.get(IntakeCandidate, candidate_id)
        if c is None:
            raise NotFound("该考生记录已不存在")
        if c.decision == Decision.HIRED.value:
            raise OrgDeskError(f"「{c.name}」已录用并开始试用期，不能改为{decision.value}")
        c.decision = decision.value
        c.decided_on = on
        uow.commit()
