"""Demo data for 竞争上岗: 过渡考核 results, one finished contest and one in progress.

Everything goes through the same services a clerk's clicks do, so the demo
shows real snapshots, drop-out reasons, the phase log and the appointment in
the posting history.  Until 培训与学分 and 年度考核 are wired into
contest_inputs, their data is absent and the demo clerk overrides it with a
recorded reason, exactly as a real clerk would have to.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from orgdesk.domain.contest import Meeting, Phase, ReviewDecision
from orgdesk.domain.eligibility import AssessmentResult, PostLevel, Rule
from orgdesk.domain.people import CadreStatus
from orgdesk.services.contest_entries import (
    ReviewEntry,
    add_override,
    register,
    save_recommendation,
    save_review,
    save_scores,
)
from orgdesk.services.contest_phases import advance
from orgdesk.services.contest_views import contest_detail
from orgdesk.services.contests import ContestInput, PostSpec, create_contest, default_parts
from orgdesk.services.eligibility import eligibility_list
from orgdesk.services.reference import load_settings, reference_data
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank
from orgdesk.storage.models.contest import TransitionAssessment

if TYPE_CHECKING:
    from orgdesk.services.demo import DemoContext

CLERK = "王干事"
HEAD = "李部长"
YEAR_DATA_REASON = {
    Rule.STUDY: "学分数据尚未录入本系统，经核对纸质学习档案，上年度学分达标",
    Rule.GRADE: "考核等次尚未录入本系统，经核对考核档案，上年度考核为称职以上",
}


def contest_demo_step(ctx: DemoContext) -> None:
    add_assessments(ctx.db, ctx.rng, ctx.today)
    appointed = finished_contest(ctx.db, ctx.rng, ctx.today)
    running_contest(ctx.db, ctx.rng, ctx.today, exclude=appointed)


def add_assessments(db: Database, rng: random.Random, today: date) -> None:
    """过渡考核 for most 科员级 cadres a year after they joined; a few failed once."""
    with db.unit_of_work() as uow:
        s = uow.session
        rows = s.execute(
            select(Cadre.id, Cadre.joined_department)
            .join(Rank, Rank.id == Cadre.rank_id)
            .where(Rank.level == 1, Cadre.status == CadreStatus.ACTIVE.value)
            .order_by(Cadre.id)
        ).all()
        for cadre_id, joined in rows:
            if joined is None or joined > today - timedelta(days=400):
                continue
            roll = rng.random()
            first = joined + timedelta(days=365 + rng.randint(0, 60))
            if roll < 0.08:
                s.add(TransitionAssessment(cadre_id=cadre_id, assessed_on=first, result="不合格"))
                again = first + timedelta(days=365)
                if again <= today and rng.random() < 0.5:
                    s.add(TransitionAssessment(cadre_id=cadre_id, assessed_on=again, result="合格"))
            elif roll < 0.9:
                s.add(
                    TransitionAssessment(
                        cadre_id=cadre_id, assessed_on=first, result=AssessmentResult.PASSED.value
                    )
                )
        uow.commit()


def _candidates(db: Database, level: PostLevel, on: date, before: date) -> list[int]:
    """Cadres whose only unmet reasons are the absent study/grade data, in post before `before`."""
    waivable = {Rule.STUDY, Rule.GRADE}
    ids = [
        row.cadre_id
        for row in eligibility_list(db, level, on)
        if {r.rule for r in row.eligibility.unmet()} <= waivable
    ]
    with db.unit_of_work() as uow:
        late = set(
            uow.session.scalars(
                select(Posting.cadre_id).where(
                    Posting.end_date.is_(None), Posting.start_date >= before
                )
            )
        )
    return [i for i in ids if i not in late]


def _post(db: Database, section: str, title: str, level: PostLevel, count: int = 1) -> PostSpec:
    ref = reference_data(db)
    sec = ref.section_by_name(section) or ref.sections[0]
    rank = next(r for r in ref.ranks if r.level == level.rank_level and r.is_leadership)
    return PostSpec(f"{sec.name}{title}", sec.id, title, level, True, rank.id, count)


def _overrides(db: Database, registration_id: int) -> None:
    for rule, reason in YEAR_DATA_REASON.items():
        add_override(db, registration_id, rule, reason, actor=CLERK)


def finished_contest(db: Database, rng: random.Random, today: date) -> set[int]:
    """A 副科长 contest announced five months ago, taken through to 任职."""
    announced = today - timedelta(days=150)
    deadline = announced + timedelta(days=10)
    appoint_by = announced + timedelta(days=60)
    pool = _candidates(db, PostLevel.DEPUTY, deadline, appoint_by)
    if len(pool) < 4:
        return set()
    chosen = rng.sample(pool, min(5, len(pool)))
    post = _post(db, "干部科", "副科长", PostLevel.DEPUTY)
    contest_id = create_contest(
        db,
        ContestInput(
            title=f"{announced.year}年度干部科副科长竞争上岗",
            announced_on=announced,
            registration_deadline=deadline,
            posts=[post],
            parts=default_parts(load_settings(db)),
            note="公开、平等、竞争、择优",
        ),
        actor=CLERK,
        today=announced,
    )
    advance(db, contest_id, actor=CLERK, today=announced)
    post_id = contest_detail(db, contest_id).posts[0].id
    regs = [register(db, contest_id, cid, post_id, deadline - timedelta(days=2)) for cid in chosen]
    advance(db, contest_id, actor=CLERK, today=deadline)
    for reg in regs:
        _overrides(db, reg)
    advance(db, contest_id, actor=HEAD, today=deadline + timedelta(days=3))

    valid = 46
    votes = {reg: rng.randint(28, 44) for reg in regs}
    votes[regs[-1]] = rng.randint(10, 20)  # one falls below the threshold
    meeting_on = announced + timedelta(days=20)
    save_recommendation(db, contest_id, Meeting(meeting_on, 50, 48, valid), votes)
    advance(db, contest_id, actor=CLERK, today=meeting_on)
    active = [r.id for r in contest_detail(db, contest_id).active()]
    save_review(
        db, contest_id, {r: ReviewEntry(ReviewDecision.APPROVED, "同意参加竞争") for r in active}
    )
    advance(db, contest_id, actor=HEAD, today=meeting_on + timedelta(days=5))
    parts = contest_detail(db, contest_id).parts
    scores = {(r, p.id): float(rng.randint(140, 190)) / 2 for r in active for p in parts}
    save_scores(db, contest_id, scores)
    advance(db, contest_id, actor=CLERK, today=meeting_on + timedelta(days=15))
    advance(db, contest_id, actor=CLERK, today=meeting_on + timedelta(days=18))
    _settle_ties(db, contest_id)
    publicity = meeting_on + timedelta(days=20)
    advance(db, contest_id, actor=HEAD, today=publicity)
    advance(db, contest_id, actor=HEAD, today=publicity + timedelta(days=12))
    detail = contest_detail(db, contest_id)
    assert detail.phase is Phase.APPOINTMENT
    return {r.cadre_id for r in detail.registrations if r.appointed}


def _settle_ties(db: Database, contest_id: int) -> None:
    """A tie at the cut-off is settled as the organization would: the first listed is chosen."""
    from orgdesk.services.contest_entries import set_proposed

    detail = contest_detail(db, contest_id)
    for post in detail.posts:
        group = [r for r in detail.active(post.id)]
        missing = post.count - sum(1 for r in group if r.proposed)
        for r in sorted(group, key=lambda r: (r.place or 99, r.id)):
            if missing <= 0:
                break
            if not r.proposed:
                set_proposed(db, r.id, True, "综合得分并列，经部务会研究确定", actor=HEAD)
                missing -= 1


def running_contest(db: Database, rng: random.Random, today: date, *, exclude: set[int]) -> None:
    """Two posts, registration closed and 资格审查 done: now at 民主推荐 (votes not yet entered)."""
    announced = today - timedelta(days=25)
    deadline = today - timedelta(days=10)
    posts: list[tuple[PostSpec, list[int]]] = []
    chiefs = [c for c in _candidates(db, PostLevel.CHIEF, deadline, today) if c not in exclude]
    if len(chiefs) >= 2:
        posts.append(
            (_post(db, "组织科", "科长", PostLevel.CHIEF), rng.sample(chiefs, min(3, len(chiefs))))
        )
    taken = exclude | {c for _, group in posts for c in group}
    deputies = [c for c in _candidates(db, PostLevel.DEPUTY, deadline, today) if c not in taken]
    if len(deputies) >= 2:
        posts.append(
            (
                _post(db, "人才科", "副科长", PostLevel.DEPUTY),
                rng.sample(deputies, min(4, len(deputies))),
            )
        )
    if not posts:
        return
    contest_id = create_contest(
        db,
        ContestInput(
            title=f"{today.year}年度机关中层职位竞争上岗",
            announced_on=announced,
            registration_deadline=deadline,
            posts=[spec for spec, _ in posts],
            parts=default_parts(load_settings(db)),
        ),
        actor=CLERK,
        today=announced,
    )
    advance(db, contest_id, actor=CLERK, today=announced)
    detail = contest_detail(db, contest_id)
    regs: list[int] = []
    for view, (_, group) in zip(detail.posts, posts, strict=True):
        for cid in group:
            regs.append(
                register(db, contest_id, cid, view.id, deadline - timedelta(days=rng.randint(0, 5)))
            )
    # one more registrant who lacks a qualification, so 资格审查 has something to say
    unqualified = _unqualified(db, deadline, taken | set(deputies))
    if unqualified is not None and detail.posts:
        register(db, contest_id, unqualified, detail.posts[-1].id, deadline)
    advance(db, contest_id, actor=CLERK, today=deadline)
    for reg in regs:
        _overrides(db, reg)
    advance(db, contest_id, actor=HEAD, today=today - timedelta(days=3))


def _unqualified(db: Database, on: date, exclude: set[int]) -> int | None:
    for row in eligibility_list(db, PostLevel.DEPUTY, on):
        unmet = {r.rule for r in row.eligibility.unmet()}
        if (
            row.cadre_id not in exclude
            and Rule.RANK not in unmet
            and unmet & {Rule.TENURE, Rule.TRANSITION}
        ):
            return row.cadre_id
    return None
