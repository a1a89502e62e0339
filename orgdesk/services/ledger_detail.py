"""One ledger item in full (the detail pane), and the people the dialogs offer.

Returns plain data: the item's facts, its history with who and when, its
signatures, its overdue reasons with their reviews, and which actions the
workflow allows today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, select

from orgdesk.domain.errors import NotFound
from orgdesk.domain.ledger import Action, ItemKind, deadline_text, is_overdue, refusals
from orgdesk.domain.ledger_input import ItemInput
from orgdesk.domain.people import CadreStatus
from orgdesk.services.ledger import state_of
from orgdesk.services.ledger_calendar import calendar_in
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.ledger import (
    LedgerEvent,
    LedgerItem,
    LedgerOverdueReason,
    LedgerSignature,
)


@dataclass(frozen=True)
class EventLine:
    on_date: date
    recorded_at: datetime
    actor: str
    action: str
    from_status: str
    to_status: str
    note: str


@dataclass(frozen=True)
class SignatureLine:
    role: str
    signer: str
    signed_on: date
    note: str


@dataclass(frozen=True)
class ReasonLine:
    reason: str
    written_by: str
    written_on: date
    decision: str
    reviewed_by: str
    reviewed_on: date | None
    review_comment: str


@dataclass(frozen=True)
class ItemDetail:
    id: int
    version: int
    number: str
    kind: str
    title: str
    content: str
    source: str
    received_on: date
    limit_days: int
    due_on: date
    due_estimated: bool
    due_manual: bool
    section_id: int | None
    section: str
    handler_id: int | None
    handler_name: str
    status: str
    concluded_on: date | None
    closed_on: date | None
    overdue_review: str
    is_public: bool
    result: str
    doc_urgency: str
    doc_number: str
    party: str
    party_contact: str
    channel: str
    supervision_direction: str
    supervision_source: str
    receiver_name: str
    within_duty: bool | None
    routed_to: str
    category: str
    analysis: str
    measure: str
    fixed_now: bool
    rectify_by: date | None
    registered_by: str
    overdue: bool
    deadline: str
    actions: tuple[Action, ...]
    blocked: tuple[tuple[Action, str], ...]  # why each other action is not possible now
    events: tuple[EventLine, ...]
    signatures: tuple[SignatureLine, ...]
    reasons: tuple[ReasonLine, ...]

    def as_input(self) -> ItemInput:
        """The registered facts, for the edit dialog."""
        return ItemInput(
            kind=ItemKind(self.kind),
            title=self.title,
            received_on=self.received_on,
            content=self.content,
            source=self.source,
            doc_urgency=self.doc_urgency,
            doc_number=self.doc_number,
            party=self.party,
            party_contact=self.party_contact,
            channel=self.channel,
            supervision_direction=self.supervision_direction,
            supervision_source=self.supervision_source,
            receiver_name=self.receiver_name,
            within_duty=self.within_duty,
            section_id=self.section_id,
            handler_id=self.handler_id,
            handler_name=self.handler_name,
            is_public=self.is_public,
            due_on=self.due_on if self.due_manual else None,
        )


def item_detail(db: Database, item_id: int, on: date | None = None) -> ItemDetail:
    on = on or date.today()
    with db.unit_of_work() as uow:
        s = uow.session
        item = s.get(LedgerItem, item_id)
        if item is None:
            raise NotFound("该台账事项已不存在（可能已被删除）")
        section = s.get(Section, item.section_id) if item.section_id is not None else None
        events = s.scalars(
            select(LedgerEvent)
            .where(LedgerEvent.item_id == item_id)
            .order_by(LedgerEvent.on_date, LedgerEvent.id)
        )
        signatures = s.scalars(
            select(LedgerSignature)
            .where(LedgerSignature.item_id == item_id)
            .order_by(LedgerSignature.id)
        )
        reasons = s.scalars(
            select(LedgerOverdueReason)
            .where(LedgerOverdueReason.item_id == item_id)
            .order_by(LedgerOverdueReason.id)
        )
        state = state_of(item)
        refused = refusals(state, on)
        calendar = calendar_in(s)
        return ItemDetail(
            id=item.id,
            version=item.version,
            number=item.number,
            kind=item.kind,
            title=item.title,
            content=item.content,
            source=item.source,
            received_on=item.received_on,
            limit_days=item.limit_days,
            due_on=item.due_on,
            due_estimated=item.due_estimated,
            due_manual=item.due_manual,
            section_id=item.section_id,
            section=section.name if section else "",
            handler_id=item.handler_id,
            handler_name=item.handler_name,
            status=item.status,
            concluded_on=item.concluded_on,
            closed_on=item.closed_on,
            overdue_review=item.overdue_review,
            is_public=item.is_public,
            result=item.result,
            doc_urgency=item.doc_urgency,
            doc_number=item.doc_number,
            party=item.party,
            party_contact=item.party_contact,
            channel=item.channel,
            supervision_direction=item.supervision_direction,
            supervision_source=item.supervision_source,
            receiver_name=item.receiver_name,
            within_duty=item.within_duty,
            routed_to=item.routed_to,
            category=item.category,
            analysis=item.analysis,
            measure=item.measure,
            fixed_now=item.fixed_now,
            rectify_by=item.rectify_by,
            registered_by=item.registered_by,
            overdue=is_overdue(item.due_on, item.concluded_on, on),
            deadline=deadline_text(item.due_on, item.concluded_on, on, calendar),
            actions=tuple(a for a, why in refused.items() if why is None),
            blocked=tuple((a, why) for a, why in refused.items() if why is not None),
            events=tuple(
                EventLine(
                    e.on_date, e.recorded_at, e.actor, e.action, e.from_status, e.to_status, e.note
                )
                for e in events
            ),
            signatures=tuple(
                SignatureLine(g.role, g.signer, g.signed_on, g.note) for g in signatures
            ),
            reasons=tuple(
                ReasonLine(
                    r.reason,
                    r.written_by,
                    r.written_on,
                    r.decision,
                    r.reviewed_by,
                    r.reviewed_on,
                    r.review_comment,
                )
                for r in reasons
            ),
        )


@dataclass(frozen=True)
class Person:
    """A cadre as the ledger's dialogs offer them: name, section, post."""

    id: int
    name: str
    section_id: int | None
    section: str
    post_title: str

    @property
    def label(self) -> str:
        where = "，".join(x for x in (self.section, self.post_title) if x)
        return f"{self.name}（{where}）" if where else self.name


def people(db: Database, section_id: int | None = None) -> list[Person]:
    """Serving cadres, section leaders first (科长, 副科长), then by pinyin."""
    leader_first = case(
        (Cadre.post_title == "科长", 0),
        (Cadre.post_title.like("%科长%"), 1),
        (Cadre.post_title.like("%部长%"), 1),
        else_=2,
    )
    stmt = (
        select(Cadre.id, Cadre.name, Cadre.section_id, Section.name, Cadre.post_title)
        .outerjoin(Section, Section.id == Cadre.section_id)
        .where(Cadre.status != CadreStatus.LEFT.value)
    )
    if section_id is not None:
        stmt = stmt.where(Cadre.section_id == section_id).order_by(leader_first, Cadre.name_pinyin)
    else:
        stmt = stmt.order_by(Section.sort_order, leader_first, Cadre.name_pinyin)
    with db.engine.connect() as conn:
        return [Person(i, n, sid, sec or "", post) for i, n, sid, sec, post in conn.execute(stmt)]


def section_leader(db: Database, section_id: int) -> Person | None:
    """Whom a routed first inquiry names by default: the section's head (or deputy)."""
    found = people(db, section_id)
    return found[0] if found else None
