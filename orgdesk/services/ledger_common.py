"""Shared steps of the 工作台账 services: history lines, status moves, who and when.

Kept apart so registration (ledger_register) and the workflow actions (ledger)
write history the same way.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.ledger import (
    Action,
    ItemKind,
    ItemState,
    ItemStatus,
    OverdueReview,
    next_status,
)
from orgdesk.domain.settings import Settings
from orgdesk.storage.models import Section, Setting
from orgdesk.storage.models.base import now
from orgdesk.storage.models.ledger import LedgerEvent, LedgerItem


def check_date_order(s: Session, item: LedgerItem, on: date) -> None:
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


def actor_name(actor: str) -> str:
    actor = (actor or "").strip()
    if not actor:
        raise ValidationFailed([FieldProblem("操作人", "请先确定操作人（谁在办理）")])
    return actor[:40]


def get_item(s: Session, item_id: int) -> LedgerItem:
    item = s.get(LedgerItem, item_id)
    if item is None:
        raise NotFound("该台账事项已不存在（可能已被删除）")
    return item


def state_of(item: LedgerItem) -> ItemState:
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


def move(s: Session, item: LedgerItem, action: Action, actor: str, on: date, note: str) -> None:
    """Change status after the caller has checked the action is allowed."""
    target = next_status(state_of(item), action)
    add_event(s, item, actor, on, action.value, target, note)
    item.status = target.value
    item.status_order = target.order


def assign_to(
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
    target = next_status(state_of(item), Action.ASSIGN)
    who = f"{section.name if section else ''} {handler_name}".strip()
    text = f"{'改派' if again else '交办'}至 {who}" + (f"；{note.strip()}" if note.strip() else "")
    add_event(s, item, actor, on, "改派" if again else Action.ASSIGN.value, target, text)
    item.status = target.value
    item.status_order = target.order


def add_event(
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


def settings_in(s: Session) -> Settings:
    stored = {k: float(v) for k, v in s.execute(select(Setting.key, Setting.value))}
    return Settings(stored)
