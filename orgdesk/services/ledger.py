"""工作台账 use cases: register, assign, start, sign, 注销, overdue reasons and review.

Every action takes the acting person's name as `actor` (until accounts exist)
and the business date `on` (default today), checks the workflow rules in
`orgdesk.domain.ledger`, changes the item and writes one history line with who
and when — all in one unit of work, so a refused action changes nothing.

The `*_in(session, ...)` variants run inside a caller's unit of work (the demo
builds a year of items in one transaction through them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.ledger import (
    Action,
    DocumentUrgency,
    ItemKind,
    ItemState,
    ItemStatus,
    OverdueReview,
    SignatureRole,
    WorkflowError,
    check_action,
    compute_due,
    is_overdue,
    next_status,
    time_limit,
)
from orgdesk.domain.ledger_input import (
    ItemInput,
    SuggestionFollowUp,
    check_follow_up,
    check_item,
)
from orgdesk.domain.settings import Settings
from orgdesk.domain.workdays import WorkCalendar
from orgdesk.services.ledger_calendar import calendar_in
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit
from orgdesk.storage.models import Cadre, Section, Setting
from orgdesk.storage.models.base import now
from orgdesk.storage.models.ledger import (
    LedgerEvent,
    LedgerItem,
    LedgerOverdueReason,
    LedgerSignature,
)

T = TypeVar("T")
MAX_REASON = 2000


@dataclass(frozen=True)
class RegisteredItem:
    id: int
    number: str
    status: str
    due_on: date
    due_estimated: bool


# --- registering ------------------------------------------------------------


def register_item(
    db: Database, data: ItemInput, *, actor: str, on: date | None = None
) -> RegisteredItem:
    """登记 (and, when a section and handler are given, 交办 at once)."""
    on = on or date.today()
    actor = _actor(actor)
    with db.unit_of_work() as uow:
        s = uow.session
        item = register_item_in(s, data, actor=actor, on=on)
        uow.commit()
        return RegisteredItem(item.id, item.number, item.status, item.due_on, item.due_estimated)


def register_item_in(
    s: Session,
    data: ItemInput,
    *,
    actor: str,
    on: date,
    settings: Settings | None = None,
    calendar: WorkCalendar | None = None,
) -> LedgerItem:
    problems = check_item(data, today=on)
    problems += _check_references(s, data)
    failed = ValidationFailed(problems)
    if failed.problems:
        raise failed
    assert data.received_on is not None
    settings = settings or settings_in(s)
    calendar = calendar or calendar_in(s)
    deadline = compute_due(data.received_on, data.kind, data.doc_urgency, settings, calendar)
    year = data.received_on.year
    seq = (
        s.scalar(
            select(func.max(LedgerItem.number_seq)).where(
                LedgerItem.kind == data.kind.value, LedgerItem.number_year == year
            )
        )
        or 0
    ) + 1
    item = LedgerItem(
        kind=data.kind.value,
        number_year=year,
        number_seq=seq,
        number=f"{data.kind.abbreviation}〔{year}〕{seq}号",
        received_on=data.received_on,
        limit_days=_limit(settings, data),
        due_on=data.due_on or deadline.due,
        due_estimated=False if data.due_on else deadline.estimated,
        due_manual=data.due_on is not None,
        status=ItemStatus.REGISTERED.value,
        status_order=ItemStatus.REGISTERED.order,
        overdue_review=OverdueReview.NONE.value,
        registered_by=actor,
        result="",
        routed_to="",
    )
    _copy_input(item, data)
    s.add(item)
    s.flush()
    due_text = f"{item.due_on:%Y-%m-%d}{'（预估）' if item.due_estimated else ''}"
    how = "指定期限" if item.due_manual else f"{item.limit_days} 个工作日"
    _event(s, item, actor, on, "登记", ItemStatus.REGISTERED, f"办理期限 {due_text}（{how}）")
    if data.section_id is not None:
        if data.kind is ItemKind.FIRST_INQUIRY:
            section = s.get(Section, data.section_id)
            where = section.name if section else ""
            if data.within_duty:
                note = f"首问负责：属首问人职责，由{data.handler_name}（{where}）办理"
            else:
                item.routed_to = f"{where} {data.handler_name}".strip()
                note = f"首问转办：不属首问人职责，转交{where}，由{data.handler_name}负责"
        else:
            note = ""
        _assign(s, item, data.section_id, data.handler_id, data.handler_name, actor, on, note)
    return item


def update_item(
    db: Database,
    item_id: int,
    data: ItemInput,
    *,
    actor: str,
    on: date | None = None,
    expected_version: int | None = None,
) -> RegisteredItem:
    """修改 an open item's registered facts; the deadline follows a changed date or kind."""
    on = on or date.today()
    actor = _actor(actor)
    with db.unit_of_work() as uow:
        s = uow.session
        item = _get(s, item_id)
        check_action(_state(item), Action.EDIT, on)
        if expected_version is not None and item.version != expected_version:
            raise ConcurrentEdit(f"「{item.number}」")
        if data.kind.value != item.kind:
            raise ValidationFailed([FieldProblem("类别", "登记后不能更改类别，请注销后重新登记")])
        # Assignment is its own action; keep what is there.
        data.section_id, data.handler_id, data.handler_name = (
            item.section_id,
            item.handler_id,
            item.handler_name,
        )
        if data.kind is ItemKind.FIRST_INQUIRY:
            data.within_duty = item.within_duty
            data.receiver_id, data.receiver_name = item.receiver_id, item.receiver_name
        problems = check_item(data, today=on) + _check_references(s, data)
        failed = ValidationFailed(problems)
        if failed.problems:
            raise failed
        assert data.received_on is not None
        before_due = item.due_on
        _copy_input(item, data)
        item.received_on = data.received_on
        if data.due_on is not None:
            item.due_on, item.due_estimated, item.due_manual = data.due_on, False, True
        else:
            settings = settings_in(s)
            deadline = compute_due(
                data.received_on, data.kind, data.doc_urgency, settings, calendar_in(s)
            )
            item.limit_days = _limit(settings, data)
            item.due_on, item.due_estimated, item.due_manual = (
                deadline.due,
                deadline.estimated,
                False,
            )
        item.version += 1
        note = "修改登记内容"
        if item.due_on != before_due:
            note += f"；期限由 {before_due:%Y-%m-%d} 改为 {item.due_on:%Y-%m-%d}"
        _event(s, item, actor, on, "修改", ItemStatus(item.status), note)
        uow.commit()
        return RegisteredItem(item.id, item.number, item.status, item.due_on, item.due_estimated)


# --- the workflow -----------------------------------------------------------


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
        check_action(_state(item), Action.ASSIGN, on)
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
    check_action(_state(item), Action.ASSIGN, on)
    _assign(s, item, section_id, handler_id, handler_name, actor, on, note)


def start_item(db: Database, item_id: int, *, actor: str, on: date | None = None) -> None:
    """开始办理."""
    _run(db, item_id, actor, on, lambda s, item, on, actor: start_item_in(s, item, actor, on))


def start_item_in(s: Session, item: LedgerItem, actor: str, on: date) -> None:
    check_action(_state(item), Action.START, on)
    _move(s, item, Action.START, actor, on, "")


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
    check_action(_state(item), Action.SIGN_HANDLER, on)
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
    _move(s, item, Action.SIGN_HANDLER, actor, on, note)


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
    check_action(_state(item), Action.SIGN_SECTION, on)
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
    _move(s, item, Action.SIGN_SECTION, actor, on, note.strip())


def close_item(db: Database, item_id: int, *, actor: str, on: date | None = None) -> None:
    """注销: both signatures are in; the item leaves the working list."""
    _run(db, item_id, actor, on, lambda s, item, on, actor: close_item_in(s, item, actor, on))


def close_item_in(s: Session, item: LedgerItem, actor: str, on: date) -> None:
    check_action(_state(item), Action.CLOSE, on)
    item.closed_on = on
    _move(s, item, Action.CLOSE, actor, on, "")


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
    check_action(_state(item), Action.WRITE_REASON, on)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed([FieldProblem("超期原因", "不能为空")])
    if len(reason) > MAX_REASON:
        raise ValidationFailed([FieldProblem("超期原因", f"过长（最多 {MAX_REASON} 个字）")])
    s.add(LedgerOverdueReason(item_id=item.id, reason=reason, written_by=actor, written_on=on))
    item.overdue_review = OverdueReview.PENDING.value
    _event(s, item, actor, on, "填写超期说明", ItemStatus(item.status), reason)


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
    check_action(_state(item), Action.REVIEW, on)
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
    _event(s, item, actor, on, action, ItemStatus(item.status), comment)


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
    check_action(_state(item), Action.FOLLOW_UP, on)
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
    _event(s, item, actor, on, "整改与答复", ItemStatus(item.status), f"{plan}；{data.measure}")


# --- helpers ----------------------------------------------------------------


def _run(
    db: Database,
    item_id: int,
    actor: str,
    on: date | None,
    act: Callable[[Session, LedgerItem, date, str], T],
) -> T:
    on = on or date.today()
    actor = _actor(actor)
    with db.unit_of_work() as uow:
        s = uow.session
        item = _get(s, item_id)
        _check_date_order(s, item, on)
        result = act(s, item, on, actor)
        item.version += 1
        uow.commit()
        return result


def _check_date_order(s: Session, item: LedgerItem, on: date) -> None:
    """History runs forward: an action is not dated before the step it follows."""
    if on < item.received_on:
        raise ValidationFailed(
            [FieldProblem("日期", f"{on:%Y-%m-%d} 早于登记日期 {item.received_on:%Y-%m-%d}")]
        )
    last = s.execute(
        select(LedgerEvent.on_date, LedgerEvent.action)
        .where(LedgerEvent.item_id == item.id, LedgerEvent.action != "期限调整")
        .order_by(LedgerEvent.on_date.desc(), LedgerEvent.id.desc())
        .limit(1)
    ).first()
    if last is not None and on < last[0]:
        raise ValidationFailed(
            [
                FieldProblem(
                    "日期", f"{on:%Y-%m-%d} 早于上一步「{last[1]}」的日期 {last[0]:%Y-%m-%d}"
                )
            ]
        )


def _actor(actor: str) -> str:
    actor = (actor or "").strip()
    if not actor:
        raise ValidationFailed([FieldProblem("操作人", "请先确定操作人（谁在办理）")])
    return actor[:40]


def _get(s: Session, item_id: int) -> LedgerItem:
    item = s.get(LedgerItem, item_id)
    if item is None:
        raise NotFound("该台账事项已不存在（可能已被删除）")
    return item


def state_of(item: LedgerItem) -> ItemState:
    return _state(item)


def _state(item: LedgerItem) -> ItemState:
    return ItemState(
        number=item.number,
        kind=ItemKind(item.kind),
        status=ItemStatus(item.status),
        due_on=item.due_on,
        concluded_on=item.concluded_on,
        overdue_review=OverdueReview(item.overdue_review),
        result=item.result,
        analysis=item.analysis,
        measure=item.measure,
        fixed_now=item.fixed_now,
        rectify_by=item.rectify_by,
        has_handler=bool(item.handler_name),
    )


def _move(s: Session, item: LedgerItem, action: Action, actor: str, on: date, note: str) -> None:
    """Change status after the caller has checked the action is allowed."""
    target = next_status(_state(item), action)
    _event(s, item, actor, on, action.value, target, note)
    item.status = target.value
    item.status_order = target.order


def _assign(
    s: Session,
    item: LedgerItem,
    section_id: int,
    handler_id: int | None,
    handler_name: str,
    actor: str,
    on: date,
    note: str,
) -> None:
    section = s.get(Section, section_id)
    again = item.section_id is not None
    item.section_id = section_id
    item.handler_id = handler_id
    item.handler_name = handler_name
    target = next_status(_state(item), Action.ASSIGN)
    who = f"{section.name if section else ''} {handler_name}".strip()
    text = f"{'改派' if again else '交办'}至 {who}" + (f"；{note.strip()}" if note.strip() else "")
    _event(s, item, actor, on, "改派" if again else Action.ASSIGN.value, target, text)
    item.status = target.value
    item.status_order = target.order


def _event(
    s: Session,
    item: LedgerItem,
    actor: str,
    on: date,
    action: str,
    to_status: ItemStatus,
    note: str,
) -> None:
    s.add(
        LedgerEvent(
            item_id=item.id,
            on_date=on,
            recorded_at=now(),
            actor=actor,
            action=action,
            from_status=item.status,
            to_status=to_status.value,
            note=note,
        )
    )


def _copy_input(item: LedgerItem, data: ItemInput) -> None:
    for key in (
        "title",
        "content",
        "source",
        "doc_urgency",
        "doc_number",
        "party",
        "party_contact",
        "channel",
        "supervision_direction",
        "supervision_source",
        "receiver_id",
        "receiver_name",
        "within_duty",
        "is_public",
    ):
        setattr(item, key, getattr(data, key))


def _limit(settings: Settings, data: ItemInput) -> int:
    return time_limit(data.kind, data.doc_urgency or DocumentUrgency.NORMAL, settings)


def _check_references(s: Session, data: ItemInput) -> list[FieldProblem]:
    problems = []
    if data.section_id is not None and s.get(Section, data.section_id) is None:
        problems.append(FieldProblem("承办科室", "所选科室已不存在，请重新选择"))
    for cadre_id, label in ((data.handler_id, "经办人"), (data.receiver_id, "首问人")):
        if cadre_id is not None and s.get(Cadre, cadre_id) is None:
            problems.append(FieldProblem(label, "所选人员已不存在，请重新选择"))
    return problems


def settings_in(s: Session) -> Settings:
    stored = {k: float(v) for k, v in s.execute(select(Setting.key, Setting.value))}
    return Settings(stored)
