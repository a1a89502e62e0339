"""The ledger workflow (R-TSK-1), first-inquiry routing (R-TSK-2) and input checks."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesk.domain.ledger import (
    Action,
    ItemKind,
    ItemState,
    ItemStatus,
    OverdueReview,
    WorkflowError,
    allowed_actions,
    check_action,
    missing_for_conclusion,
    next_status,
    refusal,
)
from orgdesk.domain.ledger_input import (
    InviteeInput,
    ItemInput,
    SuggestionFollowUp,
    check_follow_up,
    check_invitee,
    check_item,
)

DUE = date(2025, 10, 31)
BEFORE = date(2025, 10, 20)
AFTER = date(2025, 11, 5)


def state(status: ItemStatus, **kw) -> ItemState:
    base = ItemState(number="事〔2025〕1号", kind=ItemKind.WORK, status=status, due_on=DUE)
    return replace(base, **kw)


def test_on_time_path_register_to_close() -> None:
    s = state(ItemStatus.REGISTERED)
    assert allowed_actions(s, BEFORE) == [Action.ASSIGN, Action.EDIT]
    for action, expected in (
        (Action.ASSIGN, ItemStatus.ASSIGNED),
        (Action.START, ItemStatus.IN_PROGRESS),
        (Action.SIGN_HANDLER, ItemStatus.HANDLER_SIGNED),
        (Action.SIGN_SECTION, ItemStatus.SECTION_SIGNED),
        (Action.CLOSE, ItemStatus.CLOSED),
    ):
        check_action(s, action, BEFORE)
        s = replace(s, status=next_status(s, action))
        if action is Action.SIGN_HANDLER:
            s = replace(s, concluded_on=BEFORE)
        assert s.status is expected
    assert allowed_actions(s, AFTER) == []


def test_reassigning_keeps_the_status() -> None:
    s = state(ItemStatus.IN_PROGRESS)
    assert next_status(s, Action.ASSIGN) is ItemStatus.IN_PROGRESS
    assert refusal(state(ItemStatus.HANDLER_SIGNED), Action.ASSIGN, BEFORE) is not None


def test_order_is_enforced() -> None:
    with pytest.raises(WorkflowError, match="请先交办"):
        check_action(state(ItemStatus.REGISTERED), Action.START, BEFORE)
    with pytest.raises(WorkflowError, match="须经办人先签字"):
        check_action(state(ItemStatus.IN_PROGRESS), Action.SIGN_SECTION, BEFORE)
    with pytest.raises(WorkflowError, match="须经办人和科室签字后方可注销"):
        check_action(state(ItemStatus.HANDLER_SIGNED), Action.CLOSE, BEFORE)
    with pytest.raises(WorkflowError, match="经办人已签字"):
        check_action(state(ItemStatus.HANDLER_SIGNED), Action.SIGN_HANDLER, BEFORE)
    # Signing straight from 已交办 is allowed (the work may be done at once).
    check_action(state(ItemStatus.ASSIGNED), Action.SIGN_HANDLER, BEFORE)


def test_overdue_needs_reason_then_leader_review() -> None:
    s = state(ItemStatus.IN_PROGRESS)
    assert refusal(s, Action.WRITE_REASON, DUE) is not None  # due today is not late
    with pytest.raises(WorkflowError, match="须先由经办人填写超期说明并经部领导审核认可"):
        check_action(s, Action.SIGN_HANDLER, AFTER)
    assert Action.WRITE_REASON in allowed_actions(s, AFTER)
    assert Action.REVIEW not in allowed_actions(s, AFTER)

    pending = replace(s, overdue_review=OverdueReview.PENDING)
    assert Action.REVIEW in allowed_actions(pending, AFTER)
    assert Action.WRITE_REASON not in allowed_actions(pending, AFTER)
    assert Action.SIGN_HANDLER not in allowed_actions(pending, AFTER)

    sent_back = replace(s, overdue_review=OverdueReview.SENT_BACK)
    assert Action.WRITE_REASON in allowed_actions(sent_back, AFTER)
    assert Action.SIGN_HANDLER not in allowed_actions(sent_back, AFTER)

    accepted = replace(s, overdue_review=OverdueReview.ACCEPTED)
    assert Action.SIGN_HANDLER in allowed_actions(accepted, AFTER)
    assert Action.WRITE_REASON not in allowed_actions(accepted, AFTER)


def test_no_reason_for_concluded_items() -> None:
    signed = state(ItemStatus.HANDLER_SIGNED, concluded_on=BEFORE)
    assert "已办结" in (refusal(signed, Action.WRITE_REASON, AFTER) or "")


def test_petition_needs_an_answer_and_suggestion_a_rectification() -> None:
    petition = state(ItemStatus.IN_PROGRESS, kind=ItemKind.PETITION)
    assert missing_for_conclusion(petition) == ["答复意见（群众来信来访须答复后办结）"]
    with pytest.raises(WorkflowError, match="答复意见"):
        check_action(petition, Action.SIGN_HANDLER, BEFORE)
    check_action(replace(petition, result="已当面答复"), Action.SIGN_HANDLER, BEFORE)

    suggestion = state(ItemStatus.IN_PROGRESS, kind=ItemKind.SUGGESTION)
    assert missing_for_conclusion(suggestion) == [
        "分析意见",
        "整改措施",
        "立行立改或整改期限",
        "答复情况",
    ]
    done = replace(suggestion, analysis="属实", measure="调整", fixed_now=True, result="已答复")
    assert missing_for_conclusion(done) == []
    dated = replace(done, fixed_now=False, rectify_by=date(2025, 12, 1))
    assert missing_for_conclusion(dated) == []
    assert Action.FOLLOW_UP in allowed_actions(suggestion, BEFORE)
    assert Action.FOLLOW_UP not in allowed_actions(petition, BEFORE)


statuses = st.sampled_from(list(ItemStatus))
reviews = st.sampled_from(list(OverdueReview))
days = st.dates(min_value=date(2025, 9, 1), max_value=date(2025, 12, 31))


@settings(max_examples=300, deadline=None)
@given(status=statuses, review=reviews, on=days, action=st.sampled_from(list(Action)))
def test_law_allowed_actions_never_leave_a_closed_item_or_skip_signatures(
    status: ItemStatus, review: OverdueReview, on: date, action: Action
) -> None:
    s = state(status, overdue_review=review, result="答复", kind=ItemKind.WORK)
    if refusal(s, action, on) is None:
        target = next_status(s, action)
        assert status is not ItemStatus.CLOSED or action is Action.REVIEW
        assert target.order >= status.order
        assert target.order - status.order <= 1 or (
            status is ItemStatus.ASSIGNED and target is ItemStatus.HANDLER_SIGNED
        )
        if action is Action.SIGN_HANDLER and on > DUE:
            assert review is OverdueReview.ACCEPTED


# --- input ------------------------------------------------------------------

TODAY = date(2026, 6, 30)


def item(kind: ItemKind, **kw) -> ItemInput:
    return ItemInput(kind=kind, title="  测试事项 ", received_on=date(2026, 6, 1), **kw)


def labels(problems) -> list[str]:
    return [p.field for p in problems]


def test_check_item_tidies_and_accepts_a_plain_work_item() -> None:
    data = item(ItemKind.WORK)
    assert check_item(data, today=TODAY) == []
    assert data.title == "测试事项"


def test_check_item_required_fields_per_kind() -> None:
    assert labels(check_item(item(ItemKind.PETITION), today=TODAY)) == ["来信/来访", "来信来访人"]
    ok = item(ItemKind.PETITION, channel="来信", party="王某某")
    assert check_item(ok, today=TODAY) == []
    problems = check_item(item(ItemKind.SUPERVISION, supervision_direction="外对内"), today=TODAY)
    assert labels(problems) == ["外部来源"]
    ok_sup = item(ItemKind.SUPERVISION, supervision_direction="上对下", supervision_source="信访")
    assert check_item(ok_sup, today=TODAY) == [] and ok_sup.supervision_source == ""
    assert labels(check_item(item(ItemKind.SUGGESTION, channel="微信"), today=TODAY)) == [
        "纳谏渠道"
    ]
    doc = item(ItemKind.DOCUMENT)
    assert check_item(doc, today=TODAY) == [] and doc.doc_urgency == "普通"


def test_check_item_dates_and_responsibility() -> None:
    future = ItemInput(kind=ItemKind.WORK, title="x", received_on=date(2026, 7, 1))
    assert [str(p) for p in check_item(future, today=TODAY)] == [
        "「登记日期」（2026-07-01）不能晚于今天"
    ]
    assert labels(check_item(item(ItemKind.WORK, due_on=date(2026, 5, 1)), today=TODAY)) == [
        "办理期限"
    ]
    assert labels(check_item(item(ItemKind.WORK, section_id=3), today=TODAY)) == ["经办人"]
    assert labels(check_item(item(ItemKind.WORK, handler_name="张三"), today=TODAY)) == ["承办科室"]
    blank = ItemInput(kind=ItemKind.WORK, title=" ", received_on=None)
    assert labels(check_item(blank, today=TODAY)) == ["事由", "登记日期"]


def test_first_inquiry_within_duty_is_the_receivers() -> None:
    data = item(
        ItemKind.FIRST_INQUIRY,
        channel="来电",
        party="李某",
        receiver_id=7,
        receiver_name="张三",
        within_duty=True,
        section_id=2,
    )
    assert check_item(data, today=TODAY) == []
    assert (data.handler_id, data.handler_name) == (7, "张三")


def test_first_inquiry_outside_duty_must_be_routed_to_a_person() -> None:
    data = item(
        ItemKind.FIRST_INQUIRY,
        channel="来访",
        party="李某",
        receiver_name="张三",
        within_duty=False,
    )
    assert labels(check_item(data, today=TODAY)) == ["转办科室", "转办对象"]
    data.section_id, data.handler_name = 4, "王科长"
    assert check_item(data, today=TODAY) == []
    unanswered = item(ItemKind.FIRST_INQUIRY, channel="来访", party="李某")
    assert labels(check_item(unanswered, today=TODAY)) == ["首问人", "是否属本人职责"]


def test_follow_up_and_invitee_checks() -> None:
    f = SuggestionFollowUp("工作作风", " 分析 ", "措施", True, date(2026, 1, 1), "答复")
    assert check_follow_up(f, received_on=date(2026, 6, 1)) == [] and f.rectify_by is None
    late = SuggestionFollowUp("", "a", "b", False, date(2026, 5, 1), "c")
    assert labels(check_follow_up(late, received_on=date(2026, 6, 1))) == ["整改期限"]
    assert check_invitee(InviteeInput("特邀监督员", "赵某")) == []
    bad = InviteeInput("监督员", "", appointed_on=date(2026, 1, 1), term_end=date(2025, 1, 1))
    assert labels(check_invitee(bad)) == ["类别", "姓名", "任期届满"]


def test_ledger_domain_imports_no_qt_or_sqlalchemy() -> None:
    code = (
        "import sys, orgdesk.domain.ledger, orgdesk.domain.ledger_input\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sqlalchemy') or m.startswith(('orgdesk.storage', 'orgdesk.services', "
        "'orgdesk.ui'))]\n"
        "assert not bad, bad\n"
    )
    import os

    import orgdesk

    root = os.path.dirname(os.path.dirname(os.path.abspath(orgdesk.__file__)))
    env = dict(os.environ, PYTHONPATH=root)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
