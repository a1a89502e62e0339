"""竞争上岗 tables: contests, their posts, score parts, registrations, recommendation
meeting, scores, overrides (例外认定), the phase log, and 过渡考核 results per cadre."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orgdesk.storage.models.base import Base, now


class TransitionAssessment(Base):
    """过渡考核: one result (合格/不合格) for one cadre on one date."""

    __tablename__ = "transition_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    assessed_on: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (Index("ix_transition_assessments_cadre_id", "cadre_id"),)


class Contest(Base):
    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    phase: Mapped[str] = mapped_column(String(20))
    announced_on: Mapped[date] = mapped_column(Date)
    registration_deadline: Mapped[date] = mapped_column(Date)
    eligibility_on: Mapped[date] = mapped_column(Date)
    publicity_start: Mapped[date | None] = mapped_column(Date)
    publicity_end: Mapped[date | None] = mapped_column(Date)
    appointment_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    posts: Mapped[list[ContestPost]] = relationship(
        cascade="all, delete-orphan", order_by="ContestPost.sort_order, ContestPost.id"
    )
    parts: Mapped[list[ContestPart]] = relationship(
        cascade="all, delete-orphan", order_by="ContestPart.sort_order, ContestPart.id"
    )
    registrations: Mapped[list[ContestRegistration]] = relationship(
        cascade="all, delete-orphan", order_by="ContestRegistration.id"
    )


class ContestPost(Base):
    """A contested post: where it is, its level, the rank given on appointment, how many."""

    __tablename__ = "contest_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(100))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    post_title: Mapped[str] = mapped_column(String(60))
    is_leadership: Mapped[bool] = mapped_column(Boolean, default=True)
    level: Mapped[str] = mapped_column(String(10))  # PostLevel value
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id", ondelete="SET NULL"))
    count: Mapped[int] = mapped_column(Integer, default=1)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_contest_posts_contest_id", "contest_id"),)


class ContestPart(Base):
    """A score part (笔试, 演讲答辩, 民主测评 …) and its weight."""

    __tablename__ = "contest_parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    weight: Mapped[float] = mapped_column(Float)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_contest_parts_contest_id", "contest_id"),)


class ContestRegistration(Base):
    """One contestant for one post, and what happened to them phase by phase."""

    __tablename__ = "contest_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("contest_posts.id", ondelete="CASCADE"))
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    registered_on: Mapped[date] = mapped_column(Date)
    # 资格审查 snapshot, taken when the phase is left (the live answer before that)
    eligible: Mapped[bool | None] = mapped_column(Boolean)
    eligibility_text: Mapped[str] = mapped_column(Text, default="")
    votes: Mapped[int | None] = mapped_column(Integer)
    review_decision: Mapped[str | None] = mapped_column(String(10))
    review_note: Mapped[str] = mapped_column(Text, default="")
    dropped_phase: Mapped[str | None] = mapped_column(String(20))
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)  # 本人放弃, not a rule
    drop_reason: Mapped[str] = mapped_column(Text, default="")
    proposed: Mapped[bool] = mapped_column(Boolean, default=False)
    proposal_note: Mapped[str] = mapped_column(Text, default="")
    appointed_posting_id: Mapped[int | None] = mapped_column(
        ForeignKey("postings.id", ondelete="SET NULL")
    )

    overrides: Mapped[list[ContestOverride]] = relationship(
        cascade="all, delete-orphan", order_by="ContestOverride.id"
    )
    scores: Mapped[list[ContestScore]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("contest_id", "cadre_id", name="uq_contest_registrations_contest_cadre"),
        Index("ix_contest_registrations_post_id", "post_id"),
        Index("ix_contest_registrations_cadre_id", "cadre_id"),
    )


class ContestOverride(Base):
    """例外认定: an unmet eligibility reason accepted, with who, when and why."""

    __tablename__ = "contest_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("contest_registrations.id", ondelete="CASCADE")
    )
    rule: Mapped[str] = mapped_column(String(20))  # eligibility.Rule value
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (
        UniqueConstraint("registration_id", "rule", name="uq_contest_overrides_registration_rule"),
    )


class ContestMeeting(Base):
    """民主推荐会 of a contest."""

    __tablename__ = "contest_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(
        ForeignKey("contests.id", ondelete="CASCADE"), unique=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    participants: Mapped[int] = mapped_column(Integer)
    ballots_cast: Mapped[int] = mapped_column(Integer)
    valid_ballots: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class ContestScore(Base):
    __tablename__ = "contest_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("contest_registrations.id", ondelete="CASCADE")
    )
    part_id: Mapped[int] = mapped_column(ForeignKey("contest_parts.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        UniqueConstraint("registration_id", "part_id", name="uq_contest_scores_registration_part"),
    )


class ContestPhaseLog(Base):
    """Every phase change: forward (推进) or back (退回), who, when, why."""

    __tablename__ = "contest_phase_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    from_phase: Mapped[str | None] = mapped_column(String(20))
    to_phase: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(4))
    actor: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (Index("ix_contest_phase_log_contest_id", "contest_id"),)
