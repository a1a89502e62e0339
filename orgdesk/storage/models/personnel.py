"""人员与试用: intake batches with posts and candidates, trial periods, outflows (R-INT-1..4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orgdesk.storage.models.base import Base, now


class IntakeBatch(Base):
    """招录批次: one channel, its posts, candidates and the weights of their scores."""

    __tablename__ = "intake_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(30))  # IntakeChannel value
    announced_on: Mapped[date | None] = mapped_column(Date)
    weight_written: Mapped[float] = mapped_column(Float)
    weight_interview: Mapped[float] = mapped_column(Float)
    weight_assessment: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    posts: Mapped[list[IntakePost]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="IntakePost.id"
    )
    candidates: Mapped[list[IntakeCandidate]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="IntakeCandidate.id"
    )

    __table_args__ = (Index("ix_intake_batches_year", "year"),)


class IntakePost(Base):
    """A post offered by a batch, and how many people it takes."""

    __tablename__ = "intake_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("intake_batches.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(60))
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id", ondelete="SET NULL"))
    headcount: Mapped[int] = mapped_column(Integer, default=1)

    batch: Mapped[IntakeBatch] = relationship(back_populates="posts")

    __table_args__ = (Index("ix_intake_posts_batch_id", "batch_id"),)


class IntakeCandidate(Base):
    """考生: a new person or an existing cadre, judged, scored and decided on."""

    __tablename__ = "intake_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("intake_batches.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("intake_posts.id", ondelete="SET NULL"))
    cadre_id: Mapped[int | None] = mapped_column(ForeignKey("cadres.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(18))
    sex: Mapped[str] = mapped_column(String(2), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    political_status: Mapped[str] = mapped_column(String(20), default="")
    education: Mapped[str] = mapped_column(String(20), default="")
    degree: Mapped[str] = mapped_column(String(20), default="")
    specialty: Mapped[str] = mapped_column(String(100), default="")
    first_employment: Mapped[date | None] = mapped_column(Date)
    origin_unit: Mapped[str] = mapped_column(String(100), default="")
    origin_post: Mapped[str] = mapped_column(String(60), default="")
    origin_level: Mapped[int | None] = mapped_column(Integer)  # RankLevel
    phone: Mapped[str] = mapped_column(String(30), default="")
    grade_political: Mapped[str] = mapped_column(String(6), default="")
    grade_business: Mapped[str] = mapped_column(String(6), default="")
    grade_knowledge: Mapped[str] = mapped_column(String(6), default="")
    grade_ability: Mapped[str] = mapped_column(String(6), default="")
    grade_experience: Mapped[str] = mapped_column(String(6), default="")
    score_written: Mapped[float | None] = mapped_column(Float)
    score_interview: Mapped[float | None] = mapped_column(Float)
    score_assessment: Mapped[float | None] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(6), default="待定")  # Decision value
    decided_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    batch: Mapped[IntakeBatch] = relationship(back_populates="candidates")

    __table_args__ = (
        Index("ix_intake_candidates_batch_id", "batch_id"),
        Index("ix_intake_candidates_cadre_id", "cadre_id"),
        Index("uq_intake_candidates_batch_id_number", "batch_id", "id_number", unique=True),
    )


class TrialPeriod(Base):
    """试用期 (R-INT-3): start, length, current end, and how it ended."""

    __tablename__ = "trial_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake_candidates.id", ondelete="SET NULL")
    )
    start_date: Mapped[date] = mapped_column(Date)
    months: Mapped[int] = mapped_column(Integer)
    planned_end: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)  # after any 延长
    status: Mapped[str] = mapped_column(String(6))  # TrialStatus value
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    evaluation: Mapped[str] = mapped_column(Text, default="")  # 转正评语
    reason: Mapped[str] = mapped_column(Text, default="")  # 不予转正理由
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        Index("ix_trial_periods_cadre_id", "cadre_id"),
        Index("ix_trial_periods_status_end", "status", "end_date"),
    )


class Outflow(Base):
    """高出 (R-INT-4): where a cadre went, as what, and what they were here."""

    __tablename__ = "outflows"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    left_on: Mapped[date] = mapped_column(Date)
    destination_unit: Mapped[str] = mapped_column(String(100))
    destination_kind: Mapped[str] = mapped_column(String(10))  # DestinationKind value
    post_title: Mapped[str] = mapped_column(String(60))
    rank_level: Mapped[int] = mapped_column(Integer)  # RankLevel given there
    from_section: Mapped[str] = mapped_column(String(60), default="")
    from_post: Mapped[str] = mapped_column(String(60), default="")
    from_rank: Mapped[str] = mapped_column(String(40), default="")
    from_level: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (
        Index("ix_outflows_cadre_id", "cadre_id"),
        Index("ix_outflows_left_on", "left_on"),
    )
