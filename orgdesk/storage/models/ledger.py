"""工作台账 tables: items of every kind, their history, signatures, overdue reasons,
the invited-people rosters and the clerk's calendar overrides (R-TSK-1..7).

One table holds every kind of item: kind-specific columns are blank for the
other kinds.  That keeps the 100,000-row ledger one indexed query away from
the screen, with no join per kind.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from orgdesk.storage.models.base import Base, now


class LedgerItem(Base):
    __tablename__ = "ledger_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # ItemKind value
    number_year: Mapped[int] = mapped_column(Integer)
    number_seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(30))  # e.g. 访〔2026〕12号
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    received_on: Mapped[date] = mapped_column(Date)
    limit_days: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    due_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    due_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("cadres.id", ondelete="SET NULL"))
    handler_name: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(10))  # ItemStatus value
    status_order: Mapped[int] = mapped_column(Integer, default=0)  # for sorting
    concluded_on: Mapped[date | None] = mapped_column(Date)  # 经办人签字日期
    closed_on: Mapped[date | None] = mapped_column(Date)  # 注销日期
    overdue_review: Mapped[str] = mapped_column(String(10), default="")  # OverdueReview value
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str] = mapped_column(Text, default="")  # 办理结果 / 答复意见
    # 公文
    doc_urgency: Mapped[str] = mapped_column(String(10), default="")
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    # 信访 / 首问登记 / 意见建议: who came, and how
    party: Mapped[str] = mapped_column(String(60), default="")
    party_contact: Mapped[str] = mapped_column(String(60), default="")
    channel: Mapped[str] = mapped_column(String(20), default="")
    # 督察事项
    supervision_direction: Mapped[str] = mapped_column(String(10), default="")
    supervision_source: Mapped[str] = mapped_column(String(10), default="")
    # 首问登记
    receiver_id: Mapped[int | None] = mapped_column(ForeignKey("cadres.id", ondelete="SET NULL"))
    receiver_name: Mapped[str] = mapped_column(String(40), default="")
    within_duty: Mapped[bool | None] = mapped_column(Boolean)
    routed_to: Mapped[str] = mapped_column(String(100), default="")
    # 意见建议
    category: Mapped[str] = mapped_column(String(20), default="")
    analysis: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    fixed_now: Mapped[bool] = mapped_column(Boolean, default=False)
    rectify_by: Mapped[date | None] = mapped_column(Date)

    registered_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        UniqueConstraint("kind", "number_year", "number_seq", name="uq_ledger_items_number"),
        Index("ix_ledger_items_due_on", "due_on"),
        Index("ix_ledger_items_kind_due_on", "kind", "due_on"),
        Index("ix_ledger_items_section_due_on", "section_id", "due_on"),
        Index("ix_ledger_items_handler_id", "handler_id"),
        Index("ix_ledger_items_status", "status"),
        Index("ix_ledger_items_received_on", "received_on"),
        Index("ix_ledger_items_concluded_on", "concluded_on"),
        Index("ix_ledger_items_receiver_id", "receiver_id"),
    )


class LedgerEvent(Base):
    """One change of an item, with who and when (kept for ever)."""

    __tablename__ = "ledger_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("ledger_items.id", ondelete="CASCADE"))
    on_date: Mapped[date] = mapped_column(Date)  # the business date of the action
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(10), default="")
    to_status: Mapped[str] = mapped_column(String(10), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_ledger_events_item_id", "item_id"),)


class LedgerSignature(Base):
    """经办人 / 科室 sign-off (R-TSK-1)."""

    __tablename__ = "ledger_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("ledger_items.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))  # SignatureRole value
    signer: Mapped[str] = mapped_column(String(40))
    signed_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_ledger_signatures_item_id", "item_id"),)


class LedgerOverdueReason(Base):
    """超期说明 by the handler and the department leader's review of it."""

    __tablename__ = "ledger_overdue_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("ledger_items.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(40))
    written_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    decision: Mapped[str] = mapped_column(String(10), default="")  # "", 认可, 退回
    reviewed_by: Mapped[str] = mapped_column(String(40), default="")
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    review_comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_ledger_overdue_reasons_item_id", "item_id"),)


class LedgerInvitee(Base):
    """特邀监督员 / 特邀研究员 / 特邀评论员 (R-TSK-7)."""

    __tablename__ = "ledger_invitees"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    appointed_on: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CalendarOverrideRow(Base):
    """One range of a 国务院节假日安排 notice as the clerk typed it (R-TSK-4)."""

    __tablename__ = "calendar_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))  # 休息 / 调休上班
    name: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (Index("ix_calendar_overrides_start_date", "start_date"),)
