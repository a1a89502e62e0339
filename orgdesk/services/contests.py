"""竞争上岗 use cases: set up a contest, register contestants, enter what each phase produces.

Phase changes (and what happens on leaving each phase) are in contest_phases.py.
Every function is one user action in one unit of work and returns plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.contest import (
    ContestDates,
    Phase,
    ScorePart,
    check_dates,
    check_parts,
)
from orgdesk.domain.eligibility import PostLevel
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.settings import Settings
from orgdesk.storage.database import Database
from orgdesk.storage.models import Rank, Section
from orgdesk.storage.models.base import now
from orgdesk.storage.models.contest import (
    Contest,
    ContestPart,
    ContestPhaseLog,
    ContestPost,
)


class PhaseError(OrgDeskError):
    """The action does not belong to the contest's current phase."""


# -- input shapes ------------------------------------------------------------------------


@dataclass
class PostSpec:
    title: str
    section_id: int | None
    post_title: str
    level: PostLevel
    is_leadership: bool = True
    rank_id: int | None = None  # rank given on appointment; None keeps the cadre's own
    count: int = 1
    id: int | None = None


@dataclass
class PartSpec:
    name: str
    weight: float
    id: int | None = None


@dataclass
class ContestInput:
    title: str
    announced_on: date | None
    registration_deadline: date | None
    eligibility_on: date | None = None  # default: the registration deadline
    posts: list[PostSpec] = field(default_factory=list)
    parts: list[PartSpec] = field(default_factory=list)
    publicity_start: date | None = None
    publicity_end: date | None = None
    appointment_on: date | None = None
    note: str = ""


def default_parts(settings: Settings) -> list[PartSpec]:
    return [
        PartSpec("笔试", settings["contest.weight.written"]),
        PartSpec("演讲答辩", settings["contest.weight.speech"]),
        PartSpec("民主测评", settings["contest.weight.evaluation"]),
    ]


# -- helpers -----------------------------------------------------------------------------


def get_contest_row(s: Session, contest_id: int) -> Contest:
    row = s.get(Contest, contest_id)
    if row is None:
        raise NotFound("该竞争上岗项目已不存在")
    return row


def require_phase(row: Contest, *phases: Phase, action: str) -> None:
    if Phase(row.phase) not in phases:
        allowed = "、".join(p.value for p in phases)
        raise PhaseError(f"「{action}」只能在{allowed}阶段进行；当前处于{row.phase}阶段")


def log_phase(
    s: Session,
    contest_id: int,
    from_phase: Phase | None,
    to: Phase,
    actor: str,
    reason: str,
    on: date | None = None,
) -> None:
    """One line of the phase log; `on` dates it (the clock time is the real one)."""
    back = from_phase is not None and to.order < from_phase.order
    s.add(
        ContestPhaseLog(
            contest_id=contest_id,
            from_phase=from_phase.value if from_phase else None,
            to_phase=to.value,
            direction="退回" if back else "推进",
            actor=actor.strip() or "（未署名）",
            reason=reason,
            at=datetime.combine(on, now().time()) if on else now(),
        )
    )


# -- set up ------------------------------------------------------------------------------


def _check_input(s: Session, data: ContestInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    data.title = data.title.strip()
    if not data.title:
        problems.append(FieldProblem("标题", "不能为空"))
    if data.eligibility_on is None:
        data.eligibility_on = data.registration_deadline
    problems += check_dates(
        ContestDates(
            data.announced_on,
            data.registration_deadline,
            data.eligibility_on,
            data.publicity_start,
            data.publicity_end,
            data.appointment_on,
        )
    )
    sections = set(s.scalars(select(Section.id)))
    ranks = set(s.scalars(select(Rank.id)))
    for n, post in enumerate(data.posts, start=1):
        where = f"岗位第 {n} 行"
        post.title = post.title.strip()
        post.post_title = post.post_title.strip()
        if not post.title:
            problems.append(FieldProblem(where, "「岗位名称」不能为空"))
        if post.section_id is None or post.section_id not in sections:
            problems.append(FieldProblem(where, "「科室」请选择任职科室"))
        if not post.post_title:
            problems.append(FieldProblem(where, "「职务」不能为空"))
        if post.rank_id is not None and post.rank_id not in ranks:
            problems.append(FieldProblem(where, "「任职职级」已不存在，请重新选择"))
        if post.rank_id is None and post.level is not PostLevel.SAME:
            problems.append(FieldProblem(where, "「任职职级」请选择任职后的职级"))
        if post.count < 1:
            problems.append(FieldProblem(where, "「职位数」至少为 1", value=str(post.count)))
    for message in check_parts(
        [ScorePart(0, p.name, p.weight) for p in data.parts] if data.parts else []
    ):
        problems.append(FieldProblem("评分部分", message))
    return problems


@requires(Permission.EDIT, area="竞争上岗")
def create_contest(
    db: Database, data: ContestInput, *, actor: str, today: date | None = None
) -> int:
    """发布: a new contest, in its first phase, with the log saying who published it."""
    with db.unit_of_work() as uow:
        s = uow.session
        problems = _check_input(s, data)
        if problems:
            raise ValidationFailed(problems)
        assert data.announced_on and data.registration_deadline and data.eligibility_on
        row = Contest(
            title=data.title,
            phase=Phase.PUBLISHED.value,
            announced_on=data.announced_on,
            registration_deadline=data.registration_deadline,
            eligibility_on=data.eligibility_on,
            note=data.note,
        )
        s.add(row)
        s.flush()
        _apply_dates(row, data)
        _apply_posts(s, row, data.posts)
        _apply_parts(s, row, data.parts)
        log_phase(s, row.id, None, Phase.PUBLISHED, actor, "发布竞争上岗公告", today)
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="竞争上岗")
def update_contest(
    db: Database, contest_id: int, data: ContestInput, *, expected_version: int | None = None
) -> None:
    """Edit a contest.  Posts only while 发布/报名; score parts until 笔试/演讲答辩; not after 任职."""
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        if expected_version is not None and row.version != expected_version:
            raise OrgDeskError("该项目已被他人修改，请关闭后重新打开")
        phase = Phase(row.phase)
        if phase is Phase.APPOINTMENT:
            raise PhaseError("已任职的项目不能再修改")
        problems = _check_input(s, data)
        if problems:
            raise ValidationFailed(problems)
        current = {p.id: p for p in row.posts}
        if phase.order > Phase.REGISTRATION.order and _posts_changed(current, data.posts):
            raise PhaseError("报名结束后不能再修改竞争岗位")
        parts_now = [(p.id, p.name, p.weight) for p in row.parts]
        parts_new = [(p.id, p.name.strip(), p.weight) for p in data.parts]
        if phase.order > Phase.EXAM.order and parts_now != parts_new:
            raise PhaseError("综合评分开始后不能再修改评分部分和权重")
        assert data.announced_on and data.registration_deadline and data.eligibility_on
        row.title = data.title
        row.announced_on = data.announced_on
        row.registration_deadline = data.registration_deadline
        row.eligibility_on = data.eligibility_on
        row.note = data.note
        _apply_dates(row, data)
        _apply_posts(s, row, data.posts)
        _apply_parts(s, row, data.parts)
        row.version += 1
        uow.commit()


def _posts_changed(current: dict[int, ContestPost], posts: list[PostSpec]) -> bool:
    if {p.id for p in posts} != set(current):
        return True
    for p in posts:
        old = current[p.id] if p.id is not None else None
        if old is None or (
            old.title,
            old.section_id,
            old.post_title,
            old.level,
            old.is_leadership,
            old.rank_id,
            old.count,
        ) != (
            p.title,
            p.section_id,
            p.post_title,
            p.level.value,
            p.is_leadership,
            p.rank_id,
            p.count,
        ):
            return True
    return False


def _apply_dates(row: Contest, data: ContestInput) -> None:
    row.publicity_start = data.publicity_start
    row.publicity_end = data.publicity_end
    row.appointment_on = data.appointment_on


def _apply_posts(s: Session, row: Contest, posts: list[PostSpec]) -> None:
    existing = {p.id: p for p in row.posts}
    kept = []
    for order, spec in enumerate(posts):
        target = existing.get(spec.id) if spec.id is not None else None
        if target is None:
            target = ContestPost(contest_id=row.id)
        target.title = spec.title
        target.section_id = spec.section_id
        target.post_title = spec.post_title
        target.level = spec.level.value
        target.is_leadership = spec.is_leadership
        target.rank_id = spec.rank_id
        target.count = spec.count
        target.sort_order = order
        kept.append(target)
    removed = [p for p in row.posts if p not in kept]
    if any(r.post_id == p.id for p in removed for r in row.registrations):
        raise ValidationFailed([FieldProblem("竞争岗位", "已有人报名的岗位不能删除")])
    row.posts = kept
    s.flush()


def _apply_parts(s: Session, row: Contest, parts: list[PartSpec]) -> None:
    existing = {p.id: p for p in row.parts}
    kept = []
    for order, spec in enumerate(parts):
        target = existing.get(spec.id) if spec.id is not None else None
        if target is None:
            target = ContestPart(contest_id=row.id)
        target.name = spec.name.strip()
        target.weight = spec.weight
        target.sort_order = order
        kept.append(target)
    row.parts = kept
    s.flush()


@requires(Permission.EDIT, area="竞争上岗")
def delete_contest(db: Database, contest_id: int) -> None:
    """Only a contest still at 发布 with nobody registered can be deleted."""
    with db.unit_of_work() as uow:
        row = get_contest_row(uow.session, contest_id)
        if Phase(row.phase) is not Phase.PUBLISHED or row.registrations:
            raise PhaseError("只有处于发布阶段且无人报名的项目可以删除")
        uow.session.delete(row)
        uow.commit()
