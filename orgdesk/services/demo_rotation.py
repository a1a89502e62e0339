"""Demo data for 交流轮岗: secondments of every kind, a draft plan, contact points with
visits, and a year of monthly work-report meetings — through the same services the
window uses, so the demo obeys the same rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from orgdesk.domain.contact_points import (
    Attendance,
    ContactKind,
    ContactPointInput,
    MeetingInput,
    VisitActivity,
    VisitInput,
    months_between,
)
from orgdesk.domain.people import CadreStatus
from orgdesk.domain.rotation import RotationState
from orgdesk.domain.secondment import SecondmentInput, SecondmentKind
from orgdesk.domain.service_length import add_months
from orgdesk.services.contact_points import save_contact_point, save_visit
from orgdesk.services.rotation import rotation_due_list
from orgdesk.services.rotation_plan import MoveInput, create_plan, save_move
from orgdesk.services.secondments import end_secondment, save_secondment
from orgdesk.services.work_meetings import functional_sections, save_meeting
from orgdesk.storage.models import Cadre, Post, Section

if TYPE_CHECKING:
    from orgdesk.services.demo import DemoContext

ACTOR = "演示数据"

# (kind, host unit, post there, months from today to the start, planned months, state, reason)
SECONDMENTS = (
    (SecondmentKind.DOWN, "城关镇人民政府", "党委副书记", -40, 12, "ended", ""),
    (SecondmentKind.DOWN, "东关街道办事处", "党工委副书记", -11, 12, "ongoing", ""),
    (
        SecondmentKind.DOWN,
        "柳林乡王庄村",
        "驻村第一书记",
        -14,
        24,
        "ongoing",
        "乡村振兴驻村帮扶需要，经部务会研究定为两年",
    ),
    (SecondmentKind.DOWN, "县化肥厂有限公司", "党委副书记", -13, 12, "ongoing", ""),
    (SecondmentKind.UP, "市委组织部干部一科", "跟班学习", -26, 6, "ended", ""),
    (SecondmentKind.UP, "省委组织部组织二处", "跟班学习", -3, 9, "ongoing", ""),
    (SecondmentKind.STUDY, "县财政局", "预算股跟岗学习", -18, 4, "ended", ""),
    (SecondmentKind.STUDY, "县人民法院", "跟岗学习", 1, 3, "planned", ""),
    (SecondmentKind.STUDY, "县发展和改革委员会", "跟岗学习", 2, 6, "planned", ""),
)

# (owner section name or None for the department, point name, kind)
CONTACT_POINTS = (
    (None, "城关镇王庄村", ContactKind.VILLAGE),
    (None, "县产业集聚区恒达机械有限公司", ContactKind.ENTERPRISE),
    ("办公室", "东关街道幸福社区", ContactKind.VILLAGE),
    ("综合科", "李庄乡李庄村", ContactKind.VILLAGE),
    ("组织科", "柳林乡人民政府", ContactKind.TOWN),
    ("干部科", "北关街道办事处", ContactKind.TOWN),
    ("人才科", "县高新技术创业园", ContactKind.ENTERPRISE),
    ("干部监督科", "城关镇南街社区", ContactKind.VILLAGE),
)
STALE_POINT = "县高新技术创业园"  # last visited long ago: shows in the due list
FINDINGS = (
    "村“两委”班子团结，换届后运行平稳；党员活动室设施需更新。",
    "企业党组织覆盖到车间班组，流动党员管理台账不全，已督促完善。",
    "社区网格员队伍年龄偏大，建议从大学生村官中补充。",
    "群众反映办事窗口排队时间长，已转相关部门研究。",
    "参加秋收劳动半天，与群众座谈了解种植收益情况。",
)
REPORTS = (
    "完成本月重点工作，下月安排已报部领导",
    "督办事项按期办结，无超期",
    "专题调研已形成初稿",
    "按计划推进，无重大情况",
)
MISSING_SECTION = "干部监督科"  # misses one month, to show in the due list


def rotation_demo_step(ctx: DemoContext) -> None:
    with ctx.db.unit_of_work() as uow:
        s = uow.session
        people = [
            (i, name, sec, post)
            for i, name, sec, post in s.execute(
                select(Cadre.id, Cadre.name, Cadre.section_id, Cadre.post_title)
                .where(Cadre.status == CadreStatus.ACTIVE.value)
                .order_by(Cadre.id)
            )
        ]
        sections = dict(s.execute(select(Section.name, Section.id)).all())
        functional = functional_sections(s)
    if not people:
        return
    _size_posts(ctx)
    _secondments(ctx, people)
    _plan(ctx)
    _contact_points(ctx, people, sections)
    _meetings(ctx, people, functional)


def _size_posts(ctx: DemoContext) -> None:
    """The demo's 科员 posts get the 职数 their sections are staffed to (plus a little
    room), so the plan checks flag real conflicts rather than the demo's shape."""
    with ctx.db.unit_of_work() as uow:
        s = uow.session
        staffed = dict(
            s.execute(
                select(Cadre.section_id, func.count())
                .where(Cadre.post_title == "科员", Cadre.status != CadreStatus.LEFT.value)
                .group_by(Cadre.section_id)
            ).all()
        )
        for post in s.scalars(select(Post).where(Post.title == "科员")):
            post.headcount = max(post.headcount, staffed.get(post.section_id, 0) + 3)
        uow.commit()


def _secondments(ctx: DemoContext, people: list[tuple[int, str, int | None, str]]) -> None:
    chosen = ctx.rng.sample(people, min(len(SECONDMENTS), len(people)))
    for (cid, _name, _sec, _post), spec in zip(chosen, SECONDMENTS, strict=False):
        kind, unit, post, offset, months, state, reason = spec
        start = add_months(ctx.today, offset).replace(day=1)
        end = add_months(start, months) - timedelta(days=1)
        saved = save_secondment(
            ctx.db,
            SecondmentInput(
                cadre_id=cid,
                kind=kind,
                host_unit=unit,
                host_post=post,
                planned_start=start,
                planned_end=end,
                actual_start=start if state != "planned" else None,
                out_of_range_reason=reason,
                note="",
            ),
            actor=ACTOR,
        )
        if state == "ended":
            end_secondment(ctx.db, saved.id, end, actor=ACTOR, today=ctx.today)


def _plan(ctx: DemoContext) -> None:
    plan_id = create_plan(
        ctx.db, ctx.today.year, f"{ctx.today.year}年度组工干部交流轮岗计划", actor=ACTOR
    )
    due = rotation_due_list(ctx.db, ctx.today, states=frozenset({RotationState.OVERDUE}))
    effective = add_months(ctx.today, 2).replace(day=1)
    movers = [r for r in due if r.post_title == "科员" and not r.secondment][:5]
    with ctx.db.unit_of_work() as uow:
        section_ids = [i for i, _ in functional_sections(uow.session)]
    for row in movers:
        targets = [i for i in section_ids if i != row.section_id]
        if not targets:
            continue
        save_move(
            ctx.db,
            plan_id,
            MoveInput(
                cadre_id=row.cadre_id,
                to_section_id=ctx.rng.choice(targets),
                to_post_title="科员",
                effective=effective,
                reason=f"任现岗位已 {row.in_post}，按期轮岗",
            ),
        )
    # A chief moved across leaves the old section without its chief: a warning to review.
    everyone = rotation_due_list(ctx.db, ctx.today)
    chiefs = [r for r in everyone if r.post_title == "科长" and not r.secondment]
    if chiefs:
        chief = chiefs[0]
        deputy_target = next((i for i in section_ids if i != chief.section_id), None)
        if deputy_target is not None:
            save_move(
                ctx.db,
                plan_id,
                MoveInput(
                    cadre_id=chief.cadre_id,
                    to_section_id=deputy_target,
                    to_post_title="副科长",
                    effective=effective,
                    reason="交流任职，丰富岗位经历",
                ),
            )


def _contact_points(
    ctx: DemoContext,
    people: list[tuple[int, str, int | None, str]],
    sections: dict[str, int],
) -> None:
    gap_days = 45
    for owner, name, kind in CONTACT_POINTS:
        owner_id = sections.get(owner) if owner else None
        if owner and owner_id is None:
            continue
        kept_since = add_months(ctx.today, -14)
        point_id = save_contact_point(
            ctx.db,
            ContactPointInput(
                name=name,
                kind=kind,
                owner_section_id=owner_id,
                address=name,
                contact_person=ctx.rng.choice("王李张刘陈杨赵") + ctx.rng.choice(("书记", "主任")),
            ),
            today=kept_since,
        )
        staff = [p[1] for p in people if owner_id is None or p[2] == owner_id] or [people[0][1]]
        last = ctx.today - timedelta(days=130 if name == STALE_POINT else ctx.rng.randint(5, 40))
        day = kept_since + timedelta(days=ctx.rng.randint(5, 30))
        while day <= last:
            visitors = "、".join(ctx.rng.sample(staff, min(len(staff), ctx.rng.randint(1, 3))))
            activity = ctx.rng.choice(list(VisitActivity)[:2] * 3 + [VisitActivity.OTHER])
            save_visit(
                ctx.db,
                VisitInput(
                    contact_point_id=point_id,
                    visit_date=day,
                    visitors=visitors,
                    activity=activity,
                    days=ctx.rng.randint(1, 3),
                    content=f"到{name}{activity.value}",
                    findings=ctx.rng.choice(FINDINGS),
                ),
                actor=ACTOR,
                today=ctx.today,
            )
            day += timedelta(days=gap_days + ctx.rng.randint(-10, 10))
        if day - timedelta(days=gap_days) < last:
            save_visit(
                ctx.db,
                VisitInput(point_id, last, staff[0], VisitActivity.SURVEY, 1, "", FINDINGS[0]),
                actor=ACTOR,
                today=ctx.today,
            )


def _meetings(
    ctx: DemoContext,
    people: list[tuple[int, str, int | None, str]],
    functional: list[tuple[int, str]],
) -> None:
    if not functional:
        return
    leaders = [p for p in people if p[3] in ("科长", "副科长")]
    chair = leaders[0][1] if leaders else people[0][1]
    first = (ctx.today.year - 1, ctx.today.month)
    last_full = add_months(ctx.today.replace(day=1), -1)
    months = months_between(first, (last_full.year, last_full.month))
    skip = months[-2] if len(months) >= 2 else None
    for year, month in months:
        held = date(year, month, min(28, 3 + ctx.rng.randint(0, 6)))
        reports = {
            sid: ctx.rng.choice(REPORTS)
            for sid, name in functional
            if not (name == MISSING_SECTION and (year, month) == skip)
        }
        attendance = {
            p[0]: Attendance.LEAVE
            if p[1] != chair and ctx.rng.random() < 0.08
            else Attendance.PRESENT
            for p in leaders
        }
        save_meeting(
            ctx.db,
            MeetingInput(
                held_on=held,
                chair=chair,
                minutes=f"{year}年{month}月职能科室工作汇报会：各科室汇报本月工作进展、"
                "下月工作重点和面临的问题，会议就跨科室协作事项作了分工。",
                major_matters="" if ctx.rng.random() < 0.8 else "换届考察工作方案需提交部务会研究",
                reports=reports,
                attendance=attendance,
            ),
            actor=ACTOR,
            today=ctx.today,
        )
