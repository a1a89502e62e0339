"""Demo step for 人员与试用: intake batches (one per channel), trials in every state, outflows.

Everything goes through the real services, so the demo shows what a clerk
would have produced: candidates judged and scored, 录用 creating cadres and
starting trials, trials ending in 转正 / 延长 / 不予转正, a few cadres 调出.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.intake import ENTRY_DIMENSIONS, Decision, IntakeChannel, Weights
from orgdesk.domain.outflow import DestinationKind, OutflowInput
from orgdesk.domain.people import CadreStatus, RankLevel
from orgdesk.domain.service_length import add_months
from orgdesk.domain.trial import TrialLimits
from orgdesk.services.intake import (
    BatchInput,
    CandidateInput,
    PostInput,
    get_batch,
    save_batch,
    save_candidate,
)
from orgdesk.services.intake_decision import hire_candidate, reject_candidate
from orgdesk.services.outflow import record_outflow
from orgdesk.services.reference import load_settings, reference_data
from orgdesk.services.trial import (
    confirm_trial,
    extend_trial,
    list_trials,
    not_confirm_trial,
    start_trial_in,
)
from orgdesk.storage.models import Cadre, Posting

if TYPE_CHECKING:
    from orgdesk.services.demo import DemoContext

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = (
    "子涵",
    "雨轩",
    "梓萱",
    "浩然",
    "欣怡",
    "思远",
    "嘉诚",
    "俊峰",
    "晓东",
    "佳琪",
    "一鸣",
    "若曦",
)
SPECIALTIES = ("市场营销", "财务管理", "计算机科学与技术", "经济学", "法学", "汉语言文学")
GRADE_POOL = ("优秀", "良好", "良好", "合格")
WEIGHTS = {
    IntakeChannel.OPEN_POST: Weights(0.4, 0.4, 0.2),
    IntakeChannel.PUBLIC_EXAM: Weights(0.5, 0.3, 0.2),
    IntakeChannel.INTERNAL_CONTEST: Weights(0.3, 0.4, 0.3),
    IntakeChannel.TRANSFER: Weights(0.0, 0.6, 0.4),
    IntakeChannel.TRANSFER_LOWER: Weights(0.0, 0.5, 0.5),
}


def personnel_step(ctx: DemoContext) -> None:
    limits = TrialLimits.from_settings(load_settings(ctx.db))
    _trials_for_roster(ctx, limits)
    _intake_batches(ctx)
    _finish_some_trials(ctx, limits)
    _outflows(ctx)


def _trials_for_roster(ctx: DemoContext, limits: TrialLimits) -> None:
    """The roster's 试用期 people get their trial record (start = their current posting)."""
    with ctx.db.unit_of_work() as uow:
        s = uow.session
        rows = s.execute(
            select(Cadre.id, Posting.start_date)
            .join(Posting, Posting.cadre_id == Cadre.id)
            .where(Cadre.status == CadreStatus.TRIAL.value, Posting.end_date.is_(None))
            .order_by(Cadre.id)
        ).all()
        for cadre_id, start in rows:
            months = limits.default_months + (1 if cadre_id % 3 == 0 else 0)
            start_trial_in(s, cadre_id, start, min(months, limits.max_months), limits)
        uow.commit()


def _person(ctx: DemoContext, used: set[str], *, age: int) -> CandidateInput:
    rng = ctx.rng
    birth = date(ctx.today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    while True:
        number = make_id_number("410122", birth, rng.randint(100, 999))
        if number not in used:
            used.add(number)
            break
    grades = {k: rng.choice(GRADE_POOL) for k, _ in ENTRY_DIMENSIONS}
    return CandidateInput(
        name=rng.choice(SURNAMES) + rng.choice(GIVEN),
        id_number=number,
        political_status=rng.choice(("中共党员", "中共党员", "中共预备党员", "共青团员")),
        education=rng.choice(("研究生", "大学本科", "大学本科")),
        degree=rng.choice(("硕士", "学士", "学士")),
        specialty=rng.choice(SPECIALTIES),
        first_employment=date(ctx.today.year - age + 23, 7, 1),
        grades=grades,
        phone=f"138{rng.randint(10000000, 99999999)}",
    )


def _scores(ctx: DemoContext, weights: Weights) -> dict[str, float | None]:
    rng = ctx.rng
    return {
        k: (round(rng.uniform(62, 92), 1) if w > 0 else None) for k, w in weights.as_dict().items()
    }


def _intake_batches(ctx: DemoContext) -> None:
    db, rng, today = ctx.db, ctx.rng, ctx.today
    ref = reference_data(db)
    section = {s.name: s.id for s in ref.sections}
    rank = {r.name: r.id for r in ref.ranks}
    with db.unit_of_work() as uow:
        used = set(uow.session.scalars(select(Cadre.id_number)))
        insiders = uow.session.execute(
            select(Cadre.id_number, Cadre.name)
            .where(Cadre.status == CadreStatus.ACTIVE.value, Cadre.post_title == "科员")
            .order_by(Cadre.id)
            .limit(4)
        ).all()
    # (channel, months ago the trials start, posts: (section, title, rank, headcount))
    plans = [
        (
            IntakeChannel.PUBLIC_EXAM,
            2,
            [("办公室", "科员", "一级科员", 2), ("组织科", "科员", "一级科员", 1)],
        ),
        (IntakeChannel.OPEN_POST, 4, [("人才科", "科员（经济管理方向）", "一级科员", 1)]),
        (IntakeChannel.INTERNAL_CONTEST, 5, [("干部科", "副科长", "副科长", 1)]),
        (IntakeChannel.TRANSFER, 7, [("干部监督科", "科员", "四级主任科员", 1)]),
        (IntakeChannel.TRANSFER_LOWER, 3, [("组织科", "副科长", "副科长", 1)]),
    ]
    for channel, months_ago, posts in plans:
        start = add_months(today, -months_ago)
        weights = WEIGHTS[channel]
        batch_id = save_batch(
            db,
            BatchInput(
                year=start.year,
                title=f"{start.year}年{channel.value.replace('（高职低配）', '')}"
                + ("（高职低配）" if channel is IntakeChannel.TRANSFER_LOWER else ""),
                channel=channel,
                weights=weights,
                posts=[
                    PostInput(title, section.get(sec), rank.get(rk), n)
                    for sec, title, rk, n in posts
                ],
                announced_on=start - timedelta(days=60),
            ),
        )
        detail = get_batch(db, batch_id)
        for post in detail.posts:
            internal = channel is IntakeChannel.INTERNAL_CONTEST
            count = min(len(insiders), post.headcount + 2) if internal else post.headcount + 2
            for n in range(count):
                person = _person(ctx, used, age=rng.randint(24, 40))
                if internal:  # 内部竞争上岗: people already on the roster
                    person.id_number, person.name = insiders[n]
                    person.origin_unit = "本部"
                if channel in (IntakeChannel.TRANSFER, IntakeChannel.TRANSFER_LOWER):
                    person.origin_unit = rng.choice(
                        ("城关镇人民政府", "柳林乡人民政府", "县财政局")
                    )
                    person.origin_post = (
                        "组织委员" if channel is IntakeChannel.TRANSFER_LOWER else "科员"
                    )
                    person.origin_level = (
                        RankLevel.SECTION
                        if channel is IntakeChannel.TRANSFER_LOWER
                        else RankLevel.DEPUTY_SECTION
                    )
                person.post_id = post.id
                person.scores = _scores(ctx, weights)
                if n == count - 1:
                    person.grades["political"] = "不合格" if n % 2 else "合格"
                save_candidate(db, batch_id, person)
        detail = get_batch(db, batch_id)
        for post in detail.posts:
            ranked = sorted(
                (c for c in detail.candidates if c.post_id == post.id),
                key=lambda c: (c.rank or 99, c.data.name),
            )
            hired = 0
            for c in ranked:
                failed = "不合格" in c.data.grades.values()
                if hired < post.headcount and not failed and c.total is not None:
                    hire_candidate(
                        db, c.id, start, 6 if channel is IntakeChannel.TRANSFER else 3, today=today
                    )
                    hired += 1
                elif c.decision is Decision.PENDING:
                    reject_candidate(db, c.id, start)


def _finish_some_trials(ctx: DemoContext, limits: TrialLimits) -> None:
    """Trials in every state: 转正, 延长, 不予转正, overdue, due soon, running."""
    today = ctx.today
    trials = [t for t in list_trials(ctx.db, open_only=True) if t.end_date < today]
    trials.sort(key=lambda t: t.end_date)
    for n, t in enumerate(trials):
        if n % 4 == 0:
            confirm_trial(
                ctx.db,
                t.id,
                t.end_date,
                "试用期内政治坚定，工作积极，考核合格，同意转正。",
                today=today,
            )
        elif n % 4 == 1 and add_months(t.start_date, limits.max_months) > today:
            extend_trial(
                ctx.db, t.id, add_months(t.start_date, limits.max_months), "业务尚不熟练，延长考察"
            )
        elif n % 4 == 2:
            not_confirm_trial(
                ctx.db,
                t.id,
                t.end_date,
                "试用期考核不合格：多次无故缺勤，经教育未改正。",
                today=today,
            )
        # n % 4 == 3: left as it is — an overdue trial the due list shows


def _outflows(ctx: DemoContext) -> None:
    today, rng = ctx.today, ctx.rng
    with ctx.db.unit_of_work() as uow:
        senior = uow.session.execute(
            select(Cadre.id, Posting.start_date)
            .join(Posting, Posting.cadre_id == Cadre.id)
            .where(
                Cadre.status == CadreStatus.ACTIVE.value,
                Posting.end_date.is_(None),
                Posting.start_date < today - timedelta(days=400),
            )
            .order_by(Cadre.id)
        ).all()
    senior = rng.sample(senior, min(4, len(senior)))
    destinations = [
        ("县发展和改革委员会", DestinationKind.ECONOMIC, "副主任", RankLevel.SECTION),
        ("县城市建设投资有限公司", DestinationKind.ENTERPRISE, "副总经理", RankLevel.SECTION),
        ("县纪委监委", DestinationKind.KEY_DEPARTMENT, "科长", RankLevel.SECTION),
        ("市委组织部", DestinationKind.HIGHER_ORGAN, "科员", RankLevel.DEPUTY_SECTION),
    ]
    for (cadre_id, since), (unit, kind, post, level) in zip(senior, destinations, strict=False):
        left_on = max(since + timedelta(days=30), today - timedelta(days=rng.randint(20, 330)))
        record_outflow(
            ctx.db,
            OutflowInput(cadre_id, left_on, unit, kind.value, post, level),
            today=today,
        )
