"""工作台账 use cases: assign, start, sign, 注销, overdue reasons and review, 纳谏 follow-up.

Every action takes the acting person's name as `actor` (until accounts exist)
and the business date `on` (default today), checks the workflow rules in
`orgdesk.domain.ledger`, changes the item and writes one history line with who
and when — all in one unit of work, so a refused action changes nothing.

The `*_in(session, ...)` variants run inside a caller's unit of work (the demo
builds a year of items in one transaction through them).  Registration lives
in `ledger_register` and is re-exported here, so callers need one module.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.domain.ledger import (
    Action,
    ItemStatus,
    OverdueReview,
    SignatureRole,
    WorkflowError,
    check_action,
    is_overdue,
)
from orgdesk.domain.ledger_input import SuggestionFollowUp, check_follow_up
from orgdesk.services.ledger_common import (
    actor_name,
    add_event,
    assign_to,
    check_date_order,
    get_item,
    move,
    settings_in,
    state_of,
)
from orgdesk.services.ledger_register import (
    RegisteredItem,
    register_item,
    register_item_in,
    update_item,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.ledger import LedgerItem, LedgerOverdueReason, LedgerSignature

__all__ = [
    "RegisteredItem",
    "register_item",
    "register_item_in",
    "settings_in",
    "state_of",
    "update_item",
]

T = TypeVar("T")
MAX_REASON = 2000


# --- the workflow -----------------------------------------------------------


@requires(Permission.EDIT, area="工作台账")
def assign_item(
    db: Database,
    item_id: int,
    *,
    section_id: int,
    handler_name: str,
    handler_id: int | None = None,
    actor: str,
    on: date | None = None,
    note: str = "",
) -> None:
    """交办: name the responsible section and person (谁主管谁负责，责任到人)."""

    def act(s: Session, item: LedgerItem, on: date, actor: str) -> None:
        check_action(state_of(item), Action.ASSIGN, on)
        problems = []
        if s.get(Section, section_id) is None:
            problems.append(FieldProblem("承办科室", "请选择承办科室"))
        if not handler_name.strip():
            problems.append(FieldProblem("经办人", "请指定经办人（责任到人）"))
        if handler_id is not None and s.get(Cadre, handler_id) is None:
            problems.append(FieldProblem("经办人", "所选人员已不存在，请重新选择"))
        if problems:
            raise ValidationFailed(problems)
        assign_item_in(s, item, section_id, handler_id, handler_name.strip(), actor, on, note)

    _run(db, item_id, actor, on, act)


def assign_item_in(
    s: Session,
    item: LedgerItem,
    section_id: int,
    handler_id: int | None,
    handler_name: str,
    actor: str,
    on: date,
    note: str = "",
) -> None:
    check_action(state_of(item), Action.ASSIGN, on)
    assign_to(s, item, section_id, handler_id, handler_name, actor, on, note)


@requires(Permission.EDIT, area="工作台账")
def start_item(db: Database, item_id: int, *, actor: str, on: date | None = None) -> None:
    """开始办理."""
    _run(db, item_id, actor, on, lambda s, item, on, actor: start_item_in(s, item, actor, on))


def start_item_in(s: Session, item: LedgerItem, actor: str, on: date) -> None:
    check_action(state_of(item), Action.START, on)
    move(s, item, Action.START, actor, on, "")


@requires(Permission.EDIT, area="工作台账")
def sign_by_handler(
    db: Database, item_id: int, *, actor: str, result: str = "", on: date | None = None
) -> None:
    """经办人签字: the item is concluded on `on`; `result` is the outcome / answer given."""
    _run(
        db,
        item_id,
        actor,
        on,
        lambda s, item, on, actor: sign_by_handler_in(s, item, actor, on, result),
    )


def sign_by_handler_in(s: Session, item: LedgerItem, actor: str, on: date, result: str) -> None:
    result = result.strip()
    if len(result) > MAX_REASON * 2:
        raise ValidationFailed([FieldProblem("办理结果", f"过长（最多 {MAX_REASON * 2} 个字）")])
    if on < item.received_on:
        raise ValidationFailed(
            [FieldProblem("签字日期", f"早于登记日期 {item.received_on:%Y-%m-%d}")]
        )
    if result:
        item.result = result
    check_action(state_of(item), Action.SIGN_HANDLER, on)
    item.concluded_on = on
    late = is_overdue(item.due_on, on, on)
    s.add(
        LedgerSignature(
            item_id=item.id,
            role=SignatureRole.HANDLER.value,
            signer=actor,
            signed_on=on,
            note=result,
        )
    )
    note = ("超期办结" if late else "按时办结") + (f"：{result}" if result else "")
    move(s, item, Action.SIGN_HANDLER, actor, on, note)


@requires(Permission.EDIT, area="工作台账")
def sign_by_section(
    db: Database, item_id: int, *, actor: str, note: str = "", on: date | None = None
) -> None:
    """科室签字 after the handler."""
    _run(
        db,
        item_id,
        actor,
        on,
        lambda s, item, on, actor: sign_by_section_in(s, item, actor, on, note),
    )


def sign_by_section_in(s: Session, item: LedgerItem, actor: str, on: date, note: str = "") -> None:
    check_action(state_of(item), Action.SIGN_SECTION, on)
    if item.concluded_on is not None and on < item.concluded_on:
        raise ValidationFailed(
            [FieldProblem("签字日期", f"早于经办人签字日期 {item.concluded_on:%Y-%m-%d}")]
        )
    s.add(
        LedgerSignature(
            item_id=item.id,
            role=SignatureRole.SECTION.value,
            signer=actor,
            signed_on=on,
            note=note.strip(),
        )
    )
    move(s, item, Action.SIGN_SECTION, actor, on, note.strip())


@requires(Permission.EDIT, area="工作台账")
def close_item(db: Database, item_id: int, *, actor: str, on: date | None = None) -> None:
    """注销: both signatures are in; the item leaves the working list."""
    _run(db, item_id, actor, on, lambda s, item, on, actor: close_item_in(s, item, actor, on))


def close_item_in(s: Session, item: LedgerItem, actor: str, on: date) -> None:
    check_action(state_of(item), Action.CLOSE, on)
    item.closed_on = on
    move(s, item, Action.CLOSE, actor, on, "")


@requires(Permission.EDIT, area="工作台账")
def write_overdue_reason(
    db: Database, item_id: int, *, reason: str, actor: str, on: date | None = None
) -> None:
    """超期说明 by the handler; it then waits for a department leader's review."""
    _run(
        db,
        item_id,
        actor,
        on,
        lambda s, item, on, actor: write_overdue_reason_in(s, item, actor, on, reason),
    )


def write_overdue_reason_in(
    s: Session, item: LedgerItem, actor: str, on: date, reason: str
) -> None:
    check_action(state_of(item), Action.WRITE_REASON, on)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed([FieldProblem("超期原因", "不能为空")])
    if len(reason) > MAX_REASON:
        raise ValidationFailed([FieldProblem("超期原因", f"过长（最多 {MAX_REASON} 个字）")])
    s.add(LedgerOverdueReason(item_id=item.id, reason=reason, written_by=actor, written_on=on))
    item.overdue_review = OverdueReview.PENDING.value
    add_event(s, item, actor, on, "填写超期说明", ItemStatus(item.status), reason)


@requires(Permission.DECIDE, action="审核超期理由")
def review_overdue_reason(
    db: Database,
    item_id: int,
    *,
    accept: bool,
    comment: str = "",
    actor: str,
    on: date | None = None,
) -> None:
    """部领导审核 the latest overdue reason: accept it, or send it back to be rewritten."""
    _run(
        db,
        item_id,
        actor,
        on,
        lambda s, item, on, actor: review_overdue_reason_in(s, item, actor, on, accept, comment),
    )


def review_overdue_reason_in(
    s: Session, item: LedgerItem, actor: str, on: date, accept: bool, comment: str
) -> None:
    check_action(state_of(item), Action.REVIEW, on)
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationFailed([FieldProblem("审核意见", "退回时请写明退回理由")])
    latest = s.scalar(
        select(LedgerOverdueReason)
        .where(LedgerOverdueReason.item_id == item.id)
        .order_by(LedgerOverdueReason.id.desc())
        .limit(1)
    )
    if latest is None:  # pragma: no cover - PENDING always has a reason
        raise WorkflowError(f"「{item.number}」没有待审核的超期说明")
    latest.decision = "认可" if accept else "退回"
    latest.reviewed_by = actor
    latest.reviewed_on = on
    latest.review_comment = comment
    item.overdue_review = (OverdueReview.ACCEPTED if accept else OverdueReview.SENT_BACK).value
    action = "审核认可超期说明" if accept else "退回超期说明"
    add_event(s, item, actor, on, action, ItemStatus(item.status), comment)


@requires(Permission.EDIT, area="工作台账")
def record_follow_up(
    db: Database,
    item_id: int,
    data: SuggestionFollowUp,
    *,
    actor: str,
    on: date | None = None,
) -> None:
    """纳谏: category, analysis, measure, fixed now or a deadline, and the answer given."""
    _run(
        db,
        item_id,
        actor,
        on,
        lambda s, item, on, actor: record_follow_up_in(s, item, actor, on, data),
    )


def record_follow_up_in(
    s: Session, item: LedgerItem, actor: str, on: date, data: SuggestionFollowUp
) -> None:
    check_action(state_of(item), Action.FOLLOW_UP, on)
    problems = check_follow_up(data, received_on=item.received_on)
    if problems:
        raise ValidationFailed(problems)
    item.category = data.category
    item.analysis = data.analysis
    item.measure = data.measure
    item.fixed_now = data.fixed_now
    item.rectify_by = data.rectify_by
    item.result = data.answer
    plan = (
        "立行立改"
        if data.fixed_now
        else (f"整改期限 {data.rectify_by:%Y-%m-%d}" if data.rectify_by else "整改期限未定")
    )
    add_event(s, item, actor, on, "整改与答复", ItemStatus(item.status), f"{plan}；{data.measure}")


# --- helpers ----------------------------------------------------------------


def _run(
    db: Database,
    item_id: int,
    actor: str,
    on: date | None,
    act: Callable[[Session, LedgerItem, date, str], T],
) -> T:
    on = on or date.today()
    actor = actor_name(actor)
    with db.unit_of_work() as uow:
        s = uow.session
        item = get_item(s, item_id)
        check_date_order(s, item, on)
        result = act(s, item, on, actor)
        item.version += 1
        uow.commit()
        return result
