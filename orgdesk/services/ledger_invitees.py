"""特邀监督员、研究员、评论员: the rosters the department keeps for openness (R-TSK-7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import NotFound, ValidationFailed
from orgdesk.domain.ledger import INVITEE_ROLES
from orgdesk.domain.ledger_input import InviteeInput, check_invitee
from orgdesk.services.records import row_to_save
from orgdesk.storage.database import Database
from orgdesk.storage.models.ledger import LedgerInvitee


@dataclass(frozen=True)
class Invitee:
    id: int
    role: str
    name: str
    unit: str
    title: str
    phone: str
    appointed_on: date | None
    term_end: date | None
    note: str
    active: bool

    def as_input(self) -> InviteeInput:
        return InviteeInput(
            self.role,
            self.name,
            self.unit,
            self.title,
            self.phone,
            self.appointed_on,
            self.term_end,
            self.note,
            self.active,
        )


def list_invitees(db: Database, role: str | None = None) -> list[Invitee]:
    role_order = case({r: i for i, r in enumerate(INVITEE_ROLES)}, value=LedgerInvitee.role)
    stmt = select(LedgerInvitee).order_by(LedgerInvitee.active.desc(), role_order, LedgerInvitee.id)
    if role:
        stmt = stmt.where(LedgerInvitee.role == role)
    with db.unit_of_work() as uow:
        return [
            Invitee(
                r.id,
                r.role,
                r.name,
                r.unit,
                r.title,
                r.phone,
                r.appointed_on,
                r.term_end,
                r.note,
                r.active,
            )
            for r in uow.session.scalars(stmt)
        ]


@requires(Permission.EDIT, area="工作台账")
def save_invitee(db: Database, data: InviteeInput, invitee_id: int | None = None) -> int:
    problems = check_invitee(data)
    if problems:
        raise ValidationFailed(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        row = row_to_save(s, LedgerInvitee, invitee_id, "该特邀人员已不存在（可能已被删除）")
        for key in (
            "role",
            "name",
            "unit",
            "title",
            "phone",
            "appointed_on",
            "term_end",
            "note",
            "active",
        ):
            setattr(row, key, getattr(data, key))
        s.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="工作台账")
def delete_invitee(db: Database, invitee_id: int) -> None:
    with db.unit_of_work() as uow:
        row = uow.session.get(LedgerInvitee, invitee_id)
        if row is None:
            raise NotFound("该特邀人员已不存在（可能已被删除）")
        uow.session.delete(row)
        uow.commit()
