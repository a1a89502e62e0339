"""工作台账 services on a real SQLite file: register, workflow, history, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from orgdesk.domain.errors import ValidationFailed
from orgdesk.domain.ledger import ItemKind, WorkflowError
from orgdesk.domain.ledger_input import ItemInput, SuggestionFollowUp
from orgdesk.services import ledger as svc
from orgdesk.services.ledger_detail import item_detail, people, section_leader
from orgdesk.services.reference import change_setting
from orgdesk.storage.models.ledger import LedgerEvent, LedgerItem
from tests.ledger_support import add_staff

CLERK = "办公室 王文书"
LEADER = "刘副部长"


@pytest.fixture
def staff(db):
    """Two sections with a chief and a clerk each; returns {name: (cadre_id, section_id)}."""
    return add_staff(db)


def petition(**kw) -> ItemInput:
    base = dict(
        kind=ItemKind.PETITION,
        title="反映村级换届选举问题",
        received_on=date(2025, 9, 28),
        channel="来信",
        party="王某某",
    )
    base.update(kw)
    return ItemInput(**base)  # type: ignore[arg-type]


def events(db, item_id: int) -> list[tuple[str, str, str]]:
    d = item_detail(db, item_id, date(2025, 10, 1))
    return [(e.actor, e.action, e.to_status) for e in d.events]


def test_register_numbers_and_deadline(db, staff) -> None:
    a = svc.register_item(db, petition(), actor=CLERK, on=date(2025, 9, 28))
    b = svc.register_item(db, petition(title="第二件"), actor=CLERK, on=date(2025, 9, 28))
    doc = svc.register_item(
        db,
        ItemInput(
            kind=ItemKind.DOCUMENT, title="通知", received_on=date(2025, 9, 30), doc_urgency="急件"
        ),
        actor=CLERK,
        on=date(2025, 9, 30),
    )
    assert (a.number, b.number, doc.number) == ("访〔2025〕1号", "访〔2025〕2号", "文〔2025〕1号")
    assert a.due_on == date(2025, 10, 31) and not a.due_estimated
    assert doc.due_on == date(2025, 10, 10)
    assert a.status == "已登记"
    assert events(db, a.id) == [(CLERK, "登记", "已登记")]


def test_register_refuses_bad_input_and_stores_nothing(db) -> None:
    with pytest.raises(ValidationFailed) as caught:
        svc.register_item(db, petition(party="", channel=""), actor=CLERK, on=date(2025, 9, 28))
    assert "「来信来访人」不能为空" in str(caught.value)
    with pytest.raises(ValidationFailed, match="操作人"):
        svc.register_item(db, petition(), actor="  ", on=date(2025, 9, 28))
    with db.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(LedgerItem)) == 0


def test_full_on_time_path_with_both_signatures(db, staff) -> None:
    handler_id, section_id = staff["李干事"]
    item = svc.register_item(db, petition(), actor=CLERK, on=date(2025, 9, 28))
    svc.assign_item(
        db,
        item.id,
        section_id=section_id,
        handler_id=handler_id,
        handler_name="李干事",
        actor=CLERK,
        on=date(2025, 9, 29),
    )
    svc.start_item(db, item.id, actor="李干事", on=date(2025, 9, 30))
    with pytest.raises(WorkflowError, match="答复意见"):
        svc.sign_by_handler(db, item.id, actor="李干事", on=date(2025, 10, 20))
    svc.sign_by_handler(db, item.id, actor="李干事", result="已书面答复", on=date(2025, 10, 20))
    with pytest.raises(WorkflowError, match="须经办人和科室签字后方可注销"):
        svc.close_item(db, item.id, actor=CLERK, on=date(2025, 10, 21))
    svc.sign_by_section(db, item.id, actor="张科长", note="同意", on=date(2025, 10, 21))
    svc.close_item(db, item.id, actor=CLERK, on=date(2025, 10, 22))

    d = item_detail(db, item.id, date(2025, 11, 30))
    assert d.status == "已注销" and d.concluded_on == date(2025, 10, 20)
    assert d.closed_on == date(2025, 10, 22) and d.deadline == "按时办结"
    assert d.section == "干部科" and d.result == "已书面答复"
    assert [(g.role, g.signer, g.signed_on) for g in d.signatures] == [
        ("经办人", "李干事", date(2025, 10, 20)),
        ("科室", "张科长", date(2025, 10, 21)),
    ]
    assert [(e.on_date, e.actor, e.action, e.from_status, e.to_status) for e in d.events] == [
        (date(2025, 9, 28), CLERK, "登记", "已登记", "已登记"),
        (date(2025, 9, 29), CLERK, "交办", "已登记", "已交办"),
        (date(2025, 9, 30), "李干事", "开始办理", "已交办", "办理中"),
        (date(2025, 10, 20), "李干事", "经办人签字", "办理中", "经办人已签"),
        (date(2025, 10, 21), "张科长", "科室签字", "经办人已签", "科室已签"),
        (date(2025, 10, 22), CLERK, "注销", "科室已签", "已注销"),
    ]
    assert d.actions == ()


def test_overdue_reason_send_back_rewrite_accept_then_sign(db, staff) -> None:
    handler_id, section_id = staff["钱干事"]
    item = svc.register_item(
        db,
        petition(section_id=section_id, handler_id=handler_id, handler_name="钱干事"),
        actor=CLERK,
        on=date(2025, 9, 28),
    )
    assert item.status == "已交办"
    late = date(2025, 11, 4)
    with pytest.raises(WorkflowError, match="尚未超期"):
        svc.write_overdue_reason(db, item.id, reason="x", actor="钱干事", on=date(2025, 10, 31))
    with pytest.raises(WorkflowError, match="须先由经办人填写超期说明"):
        svc.sign_by_handler(db, item.id, actor="钱干事", result="已答复", on=late)
    d = item_detail(db, item.id, late)
    assert d.overdue and d.deadline == "超期 2 个工作日"

    svc.write_overdue_reason(db, item.id, reason="当事人外出", actor="钱干事", on=late)
    with pytest.raises(ValidationFailed, match="退回时请写明退回理由"):
        svc.review_overdue_reason(db, item.id, accept=False, actor=LEADER, on=late)
    svc.review_overdue_reason(
        db, item.id, accept=False, comment="请说明下一步措施", actor=LEADER, on=late
    )
    with pytest.raises(WorkflowError, match="须先由经办人填写超期说明"):
        svc.sign_by_handler(db, item.id, actor="钱干事", result="已答复", on=late)
    svc.write_overdue_reason(
        db, item.id, reason="当事人外出，已约定11月5日面谈", actor="钱干事", on=late
    )
    svc.review_overdue_reason(db, item.id, accept=True, actor=LEADER, on=date(2025, 11, 5))
    svc.sign_by_handler(db, item.id, actor="钱干事", result="已面谈答复", on=date(2025, 11, 6))

    d = item_detail(db, item.id, date(2025, 11, 6))
    assert d.overdue_review == "已认可" and d.deadline == "超期办结"
    assert [(r.written_by, r.decision, r.reviewed_by) for r in d.reasons] == [
        ("钱干事", "退回", LEADER),
        ("钱干事", "认可", LEADER),
    ]
    assert d.reasons[0].review_comment == "请说明下一步措施"
    actions = [e.action for e in d.events]
    assert actions == [
        "登记",
        "交办",
        "填写超期说明",
        "退回超期说明",
        "填写超期说明",
        "审核认可超期说明",
        "经办人签字",
    ]


def test_refused_action_changes_nothing(db, staff) -> None:
    item = svc.register_item(db, petition(), actor=CLERK, on=date(2025, 9, 28))
    with db.unit_of_work() as uow:
        before = uow.session.get(LedgerItem, item.id).version  # type: ignore[union-attr]
    with pytest.raises(WorkflowError, match="请先交办"):
        svc.start_item(db, item.id, actor=CLERK, on=date(2025, 9, 29))
    with pytest.raises(ValidationFailed, match="早于登记日期"):
        svc.assign_item(
            db, item.id, section_id=1, handler_name="某", actor=CLERK, on=date(2025, 9, 1)
        )
    with pytest.raises(ValidationFailed, match="经办人"):
        svc.assign_item(
            db, item.id, section_id=1, handler_name=" ", actor=CLERK, on=date(2025, 9, 29)
        )
    with db.unit_of_work() as uow:
        row = uow.session.get(LedgerItem, item.id)
        assert row is not None and row.version == before and row.status == "已登记"
        assert uow.session.scalar(select(func.count()).select_from(LedgerEvent)) == 1


def test_actions_cannot_be_dated_before_the_previous_step(db, staff) -> None:
    section_id = staff["李干事"][1]
    item = svc.register_item(db, petition(), actor=CLERK, on=date(2025, 9, 28))
    svc.assign_item(
        db, item.id, section_id=section_id, handler_name="李干事", actor=CLERK, on=date(2025, 10, 9)
    )
    with pytest.raises(ValidationFailed, match="早于上一步「交办」的日期 2025-10-09"):
        svc.start_item(db, item.id, actor="李干事", on=date(2025, 9, 30))


def test_first_inquiry_within_duty_and_routed(db, staff) -> None:
    receiver_id, receiver_section = staff["李干事"]
    own = ItemInput(
        kind=ItemKind.FIRST_INQUIRY,
        title="咨询选调生报名",
        received_on=date(2025, 9, 29),
        channel="来电",
        party="孙某",
        receiver_id=receiver_id,
        receiver_name="李干事",
        within_duty=True,
        section_id=receiver_section,
    )
    a = svc.register_item(db, own, actor="李干事", on=date(2025, 9, 29))
    d = item_detail(db, a.id, date(2025, 9, 29))
    assert (d.status, d.handler_name, d.section, d.routed_to) == ("已交办", "李干事", "干部科", "")
    assert "首问负责" in d.events[-1].note
    assert d.due_on == date(2025, 10, 13)  # 5 working days across National Day

    leader = section_leader(db, staff["赵科长"][1])
    assert leader is not None and leader.name == "赵科长"
    routed = ItemInput(
        kind=ItemKind.FIRST_INQUIRY,
        title="咨询党组织关系转接",
        received_on=date(2025, 9, 29),
        channel="来访",
        party="周某",
        receiver_id=receiver_id,
        receiver_name="李干事",
        within_duty=False,
        section_id=leader.section_id,
        handler_id=leader.id,
        handler_name=leader.name,
    )
    b = svc.register_item(db, routed, actor="李干事", on=date(2025, 9, 29))
    d = item_detail(db, b.id, date(2025, 9, 29))
    assert (d.handler_name, d.section, d.routed_to) == ("赵科长", "组织科", "组织科 赵科长")
    assert d.receiver_name == "李干事" and d.within_duty is False
    assert "首问转办" in d.events[-1].note and "组织科" in d.events[-1].note


def test_suggestion_needs_follow_up_before_sign(db, staff) -> None:
    handler_id, section_id = staff["钱干事"]
    item = svc.register_item(
        db,
        ItemInput(
            kind=ItemKind.SUGGESTION,
            title="建议公开选拔流程",
            received_on=date(2025, 9, 1),
            channel="意见箱",
            section_id=section_id,
            handler_id=handler_id,
            handler_name="钱干事",
            is_public=True,
        ),
        actor=CLERK,
        on=date(2025, 9, 1),
    )
    with pytest.raises(WorkflowError, match="分析意见、整改措施、立行立改或整改期限、答复情况"):
        svc.sign_by_handler(db, item.id, actor="钱干事", on=date(2025, 9, 10))
    follow = SuggestionFollowUp(
        "干部工作", "建议可行", "在门户网站公开流程", False, date(2025, 9, 20), "已答复"
    )
    svc.record_follow_up(db, item.id, follow, actor="钱干事", on=date(2025, 9, 10))
    svc.sign_by_handler(db, item.id, actor="钱干事", on=date(2025, 9, 10))
    d = item_detail(db, item.id, date(2025, 9, 10))
    assert (d.category, d.measure, d.rectify_by, d.result) == (
        "干部工作",
        "在门户网站公开流程",
        date(2025, 9, 20),
        "已答复",
    )


def test_update_item_recomputes_deadline_and_keeps_assignment(db, staff) -> None:
    handler_id, section_id = staff["李干事"]
    item = svc.register_item(
        db,
        petition(section_id=section_id, handler_id=handler_id, handler_name="李干事"),
        actor=CLERK,
        on=date(2025, 9, 28),
    )
    change_setting(db, "ledger.limit.petition", 15)
    edited = petition(title="更正后的事由", received_on=date(2025, 9, 29))
    saved = svc.update_item(db, item.id, edited, actor=CLERK, on=date(2025, 9, 30))
    d = item_detail(db, item.id, date(2025, 9, 30))
    assert d.title == "更正后的事由" and d.handler_name == "李干事"
    assert saved.due_on == date(2025, 10, 27) and d.limit_days == 15
    assert "期限由 2025-10-31 改为 2025-10-27" in d.events[-1].note


def test_people_lists_leaders_first(db, staff) -> None:
    section_id = staff["张科长"][1]
    assert [p.name for p in people(db, section_id)] == ["张科长", "李干事"]
    assert people(db)[0].label.endswith("）")
