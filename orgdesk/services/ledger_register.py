"""登记 and 修改 of ledger items: numbering, the computed deadline, 首问 routing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.domain.ledger import (
    Action,
    DocumentUrgency,
    ItemKind,
    ItemStatus,
    OverdueReview,
    check_action,
    compute_due,
    time_limit,
)
from orgdesk.domain.ledger_input import ItemInput, check_item
from orgdesk.domain.settings import Settings
from orgdesk.domain.workdays import WorkCalendar
from orgdesk.services.ledger_calendar import calendar_in
from orgdesk.services.ledger_common import (
    actor_name,
    add_event,
    assign_to,
    get_item,
    settings_in,
    state_of,
)
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.ledger import LedgerItem


@dataclass(frozen=True)
class RegisteredItem:
    id: int
    number: str
    status: str
    due_on: date
    due_estimated: bool


@requires(Permission.EDIT, area="工作台账")
def register_item(
    db: Database, data: ItemInput, *, actor: str, on: date | None = None
) -> RegisteredItem:
    """登记 (and, when a section and handler are given, 交办 at once)."""
    on = on or date.today()
    actor = actor_name(actor)
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
    add_event(s, item, actor, on, "登记", ItemStatus.REGISTERED, f"办理期限 {due_text}（{how}）")
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
        assign_to(s, item, data.section_id, data.handler_id, data.handler_name, actor, on, note)
    return item


@requires(Permission.EDIT, area="工作台账")
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
    actor = actor_name(actor)
    with db.unit_of_work() as uow:
        s = uow.session
        item = get_item(s, item_id)
        check_action(state_of(item), Action.EDIT, on)
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
        add_event(s, item, actor, on, "修改", ItemStatus(item.status), note)
        uow.commit()
        return RegisteredItem(item.id, item.number, item.status, item.due_on, item.due_estimated)


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
