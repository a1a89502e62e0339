"""年度考核 tables (R-EVA-1..3): target items, appraisals, honours."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from orgdesk.storage.models.base import Base, now


class TargetItem(Base):
    """One line of the year's plan (目标责任): a section item or a person's item under it.

    `parent_id` links a person's item to the section item it was decomposed
    from (一级负责一级); `cadre_id` is the person responsible.
    """

    __tablename__ = "evaluation_target_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation_target_items.id", ondelete="CASCADE")
    )
    cadre_id: Mapped[int | None] = mapped_column(ForeignKey("cadres.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(Float, default=10.0)
    score: Mapped[float | None] = mapped_column(Float)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)

    __table_args__ = (
        Index("ix_evaluation_target_items_year_section", "year", "section_id"),
        Index("ix_evaluation_target_items_cadre_id", "cadre_id"),
        Index("ix_evaluation_target_items_parent_id", "parent_id"),
    )


class Appraisal(Base):
    """One cadre's 年度考核 for one year: votes, grades and the words on the form."""

    __tablename__ = "evaluation_appraisals"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    votes_excellent: Mapped[int] = mapped_column(Integer, default=0)
    votes_competent: Mapped[int] = mapped_column(Integer, default=0)
    votes_basic: Mapped[int] = mapped_column(Integer, default=0)
    votes_incompetent: Mapped[int] = mapped_column(Integer, default=0)
    voters: Mapped[int] = mapped_column(Integer, default=0)
    proposed_grade: Mapped[str | None] = mapped_column(String(10))
    final_grade: Mapped[str | None] = mapped_column(String(10))
    final_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(40), default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    duties: Mapped[str] = mapped_column(Text, default="")
    self_summary: Mapped[str] = mapped_column(Text, default="")
    training_note: Mapped[str] = mapped_column(Text, default="")
    leader_comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)

    __table_args__ = (
        UniqueConstraint("year", "cadre_id", name="uq_evaluation_appraisals_year_cadre"),
        Index("ix_evaluation_appraisals_cadre_id", "cadre_id"),
    )


class Honour(Base):
    """奖励: an honour (e.g. 优秀组工干部标兵) or a material reward."""

    __tablename__ = "evaluation_honours"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), default="荣誉称号")
    awarded_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_evaluation_honours_year", "year"),)
