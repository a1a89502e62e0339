"""Demo step for 工作台账: a year of items of every kind, run through the real workflow.

Most items are concluded on time with both signatures and 注销; some ran late
with a reason a leader accepted, some are overdue with a reason awaiting review
or sent back, some are still open; first inquiries are partly handled by the
receiver and partly routed to another section's leader.  The invited-people
rosters get a few names.  All in one unit of work, through the same
session-level service functions the tab uses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.ledger import (
    INVITEE_ROLES,
    PUBLIC_BY_DEFAULT,
    SUGGESTION_CATEGORIES,
    SUGGESTION_CHANNELS,
    SUPERVISION_DIRECTIONS,
    SUPERVISION_SOURCES,
    ItemKind,
)
from orgdesk.domain.ledger_input import ItemInput, SuggestionFollowUp
from orgdesk.domain.workdays import WorkCalendar
from orgdesk.services import ledger as svc
from orgdesk.services.ledger_calendar import calendar_in
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.ledger import LedgerInvitee, LedgerItem

if TYPE_CHECKING:
    from orgdesk.services.demo import DemoContext

LEADER = "刘建华（副部长）"
SEND_BACK = "原因说明不具体，请补充客观原因和下一步措施"
CLERK_FALLBACK = "办公室值班员"

# (kind, how many in a year, titles to draw from)
PLAN: tuple[tuple[ItemKind, int, tuple[str, ...]], ...] = (
    (
        ItemKind.WORK,
        40,
        (
            "起草年度干部教育培训计划",
            "整理科级干部任免材料",
            "筹备部务会会议材料",
            "统计党员发展情况",
            "更新干部人事档案目录",
            "撰写基层党建工作调研报告",
            "组织新录用公务员岗前培训",
        ),
    ),
    (
        ItemKind.DOCUMENT,
        50,
        (
            "关于做好年度考核工作的通知",
            "关于报送干部监督信息的函",
            "关于开展党费收缴专项检查的通知",
            "关于推荐优秀年轻干部人选的通知",
            "关于报送人才工作统计报表的通知",
        ),
    ),
    (
        ItemKind.PETITION,
        30,
        (
            "反映某乡镇干部作风问题",
            "咨询公务员遴选报名条件",
            "反映村级换届选举有关问题",
            "要求落实退休干部待遇",
            "反映事业单位招聘程序问题",
        ),
    ),
    (
        ItemKind.FIRST_INQUIRY,
        40,
        (
            "咨询党组织关系转接手续",
            "询问干部档案查阅程序",
            "咨询选调生报名事宜",
            "询问人才引进补贴政策",
            "咨询党员教育培训安排",
        ),
    ),
    (
        ItemKind.SUPERVISION,
        20,
        (
            "督察干部选拔任用工作落实情况",
            "督察基层党组织规范化建设",
            "督察网络信箱反映问题整改",
            "督察窗口服务作风",
        ),
    ),
    (
        ItemKind.SUGGESTION,
        25,
        (
            "建议简化党员组织关系转接材料",
            "建议增加基层干部培训名额",
            "建议公开干部选拔工作流程",
            "建议改进来访接待场所",
            "建议加强年轻干部传帮带",
        ),
    ),
)

PARTIES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
UNITS = ("县人民医院", "县第一中学", "城关镇", "县融媒体中心", "县工商联", "县政协", "东关街道")


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    section_id: int
    post_title: str


def ledger_demo_step(ctx: DemoContext) -> None:
    with ctx.db.unit_of_work() as uow:
        add_ledger_year(uow.session, ctx.rng, ctx.today)
        uow.commit()


def add_ledger_year(s: Session, rng: random.Random, today: date) -> int:
    """Fill the ledger with a year up to `today`; returns the number of items."""
    people = [
        _Person(c.id, c.name, c.section_id, c.post_title)
        for c in s.scalars(
            select(Cadre)
            .where(Cadre.section_id.is_not(None), Cadre.status != "已调出")
            .order_by(Cadre.id)
        )
        if c.section_id is not None
    ]
    if not people:
        return 0
    sections = {sec.id: sec.name for sec in s.scalars(select(Section))}
    by_section: dict[int, list[_Person]] = {}
    for p in people:
        by_section.setdefault(p.section_id, []).append(p)
    leaders = {sid: _leader(ps) for sid, ps in by_section.items()}
    office = next((sid for sid, name in sections.items() if name == "办公室"), None)
    clerk = by_section[office][-1].name if office in by_section else CLERK_FALLBACK
    settings = svc.settings_in(s)
    calendar = calendar_in(s)

    plan = [(kind, title) for kind, n, titles in PLAN for title in _titles(rng, titles, n)]
    rng.shuffle(plan)
    received_days = sorted(
        _workday_on_or_before(calendar, today - timedelta(days=rng.randint(0, 364))) for _ in plan
    )
    count = 0
    for (kind, title), received in zip(plan, received_days, strict=True):
        handler = rng.choice(people)
        data = _input(rng, kind, title, received, handler, people, leaders, sections)
        item = svc.register_item_in(
            s, data, actor=clerk, on=received, settings=settings, calendar=calendar
        )
        assigned_on = received
        if item.section_id is None:  # assign the same or the next working day
            assigned_on = min(calendar.add_workdays(received, rng.randint(0, 1)).due, today)
            who = rng.choice(by_section.get(handler.section_id, [handler]))
            svc.assign_item_in(s, item, who.section_id, who.id, who.name, clerk, assigned_on)
        _progress(s, rng, item, assigned_on, today, calendar, leaders)
        count += 1
    _add_invitees(s, rng, today)
    s.flush()
    return count


def _progress(
    s: Session,
    rng: random.Random,
    item: LedgerItem,
    assigned_on: date,
    today: date,
    calendar: WorkCalendar,
    leaders: dict[int, _Person],
) -> None:
    """Carry an assigned item as far as its age and a roll of the dice allow."""
    handler = item.handler_name
    leader = leaders.get(item.section_id or 0)
    section_signer = leader.name if leader else handler
    due = item.due_on
    started = max(
        assigned_on, min(calendar.add_workdays(assigned_on, rng.randint(0, 1)).due, due, today)
    )
    if rng.random() < 0.95:
        svc.start_item_in(s, item, handler, started)
    roll = rng.random()
    if due >= today:  # not yet due: about half already done
        if roll < 0.5:
            return
        sign_on = _between(rng, started, today)
    elif roll < (0.80 if (today - due).days > 60 else 0.55):  # on time
        sign_on = _between(rng, started, due)
    else:  # ran late; recent ones are still being dealt with
        long_ago = (today - due).days > 60
        fate = rng.random()
        if not long_ago and fate < 0.3:
            return  # overdue, the handler has not written the reason yet
        reason_on = min(calendar.add_workdays(due, rng.randint(1, 3)).due, today)
        svc.write_overdue_reason_in(s, item, handler, reason_on, _reason(rng))
        if long_ago:  # settled by now: accepted (sometimes after a rewrite), then signed
            review_on = _between(rng, reason_on, reason_on + timedelta(days=5))
            if fate < 0.2:
                svc.review_overdue_reason_in(s, item, LEADER, review_on, False, SEND_BACK)
                reason_on = review_on + timedelta(days=rng.randint(1, 4))
                svc.write_overdue_reason_in(s, item, handler, reason_on, _reason(rng))
                review_on = reason_on + timedelta(days=rng.randint(0, 3))
            svc.review_overdue_reason_in(s, item, LEADER, review_on, True, "情况属实，同意")
            sign_on = min(_between(rng, review_on, review_on + timedelta(days=10)), today)
        elif fate < 0.6 or reason_on >= today:
            return  # reason waiting for the leader
        elif fate < 0.75:
            review_on = _between(rng, reason_on, today)
            svc.review_overdue_reason_in(s, item, LEADER, review_on, False, SEND_BACK)
            return
        else:
            review_on = _between(rng, reason_on, today)
            svc.review_overdue_reason_in(s, item, LEADER, review_on, True, "情况属实，同意")
            sign_on = _between(rng, review_on, today)
    _prepare_conclusion(s, rng, item, sign_on)
    svc.sign_by_handler_in(s, item, handler, sign_on, _result(rng, item))
    recent = (today - sign_on).days < 30  # older ones have long been signed and closed
    if not recent or rng.random() < 0.8:
        section_on = min(calendar.add_workdays(sign_on, rng.randint(0, 2)).due, today)
        svc.sign_by_section_in(s, item, section_signer, section_on, "同意办结")
        if not recent or rng.random() < 0.7:
            close_on = min(calendar.add_workdays(section_on, rng.randint(0, 3)).due, today)
            svc.close_item_in(s, item, section_signer, close_on)


def _prepare_conclusion(s: Session, rng: random.Random, item: LedgerItem, on: date) -> None:
    if item.kind == ItemKind.SUGGESTION.value:
        fixed = rng.random() < 0.5
        follow = SuggestionFollowUp(
            category=rng.choice(SUGGESTION_CATEGORIES),
            analysis="建议合理，具有可操作性",
            measure=rng.choice(
                ("修订办事指南并在门户网站公开", "增设接待窗口", "列入年度工作计划")
            ),
            fixed_now=fixed,
            rectify_by=None if fixed else on,
            answer="已电话答复建议人，对方表示满意",
        )
        svc.record_follow_up_in(s, item, item.handler_name, on, follow)


def _input(
    rng: random.Random,
    kind: ItemKind,
    title: str,
    received: date,
    handler: _Person,
    people: list[_Person],
    leaders: dict[int, _Person],
    sections: dict[int, str],
) -> ItemInput:
    data = ItemInput(
        kind=kind, title=title, received_on=received, is_public=PUBLIC_BY_DEFAULT[kind]
    )
    party = rng.choice(PARTIES) + rng.choice(("某", "某某", "先生", "女士"))
    if kind is ItemKind.DOCUMENT:
        data.doc_urgency = rng.choices(("普通", "急件", "特件"), weights=(7, 2, 1))[0]
        data.doc_number = f"市组通〔{received.year}〕{rng.randint(1, 120)}号"
        data.source = "市委组织部"
    elif kind is ItemKind.PETITION:
        data.channel = rng.choice(("来信", "来访"))
        data.party, data.party_contact = party, f"138{rng.randint(10000000, 99999999)}"
    elif kind is ItemKind.SUPERVISION:
        data.supervision_direction = rng.choice(SUPERVISION_DIRECTIONS)
        if data.supervision_direction == "外对内":
            data.supervision_source = rng.choice(SUPERVISION_SOURCES)
    elif kind is ItemKind.SUGGESTION:
        data.channel = rng.choice(SUGGESTION_CHANNELS)
        data.party = party
    elif kind is ItemKind.FIRST_INQUIRY:
        receiver = rng.choice(people)
        data.channel = rng.choice(("来访", "来电"))
        data.party, data.party_contact = party, f"139{rng.randint(10000000, 99999999)}"
        data.receiver_id, data.receiver_name = receiver.id, receiver.name
        data.within_duty = rng.random() < 0.5
        if data.within_duty:
            data.section_id = receiver.section_id
        else:
            others = [sid for sid in leaders if sid != receiver.section_id] or list(leaders)
            target = leaders[rng.choice(others)]
            data.section_id, data.handler_id, data.handler_name = (
                target.section_id,
                target.id,
                target.name,
            )
        data.content = (
            f"{data.party}{data.channel}{title.removeprefix('咨询').removeprefix('询问')}"
        )
    return data


def _leader(people: list[_Person]) -> _Person:
    for title in ("科长", "副科长"):
        for p in people:
            if p.post_title == title:
                return p
    return people[0]


def _titles(rng: random.Random, titles: tuple[str, ...], n: int) -> list[str]:
    return [rng.choice(titles) for _ in range(n)]


def _between(rng: random.Random, a: date, b: date) -> date:
    if b <= a:
        return a
    return a + timedelta(days=rng.randint(0, (b - a).days))


def _workday_on_or_before(calendar: WorkCalendar, day: date) -> date:
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def _reason(rng: random.Random) -> str:
    return rng.choice(
        (
            "需征求多个单位意见，反馈时间较长",
            "当事人外出无法联系，核实工作延后",
            "涉及历史遗留问题，需调阅档案",
            "经办人参加县委巡察工作，办理延误",
        )
    )


def _result(rng: random.Random, item: LedgerItem) -> str:
    if item.kind == ItemKind.PETITION.value:
        return rng.choice(("已书面答复来信人", "已约见来访人当面答复，对方无异议"))
    if item.kind == ItemKind.FIRST_INQUIRY.value:
        return "已电话告知办理流程和所需材料"
    return rng.choice(("已按要求办结", "已报送", "已办理完毕并归档"))


def _add_invitees(s: Session, rng: random.Random, today: date) -> None:
    for role, n in zip(INVITEE_ROLES, (5, 3, 4), strict=True):
        for _ in range(n):
            appointed = date(today.year - 1, 1, 1)
            s.add(
                LedgerInvitee(
                    role=role,
                    name=rng.choice(PARTIES)
                    + rng.choice("建国志红玉兰文斌宇浩")
                    + rng.choice("华明军丽"),
                    unit=rng.choice(UNITS),
                    title=rng.choice(("教师", "医生", "干部", "记者", "个体工商户")),
                    phone=f"137{rng.randint(10000000, 99999999)}",
                    appointed_on=appointed,
                    term_end=date(appointed.year + 3, 12, 31),
                    note="",
                    active=True,
                )
            )
