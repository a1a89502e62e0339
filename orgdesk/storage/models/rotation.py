"""交流轮岗: secondments, yearly rotation plans, contact points, work-report meetings."""

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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orgdesk.storage.models.base import Base, now


class Secondment(Base):
    """挂职锻炼 (R-ROT-1).  `posting_id` is the history line written when it ended."""

    __tablename__ = "secondments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # SecondmentKind value
    host_unit: Mapped[str] = mapped_column(String(100))
    host_post: Mapped[str] = mapped_column(String(60))
    planned_start: Mapped[date] = mapped_column(Date)
    planned_end: Mapped[date] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_end: Mapped[date | None] = mapped_column(Date)
    out_of_range_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("postings.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    ended_by: Mapped[str] = mapped_column(String(40), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        Index("ix_secondments_cadre_id", "cadre_id"),
        Index("ix_secondments_planned_end", "planned_end"),
    )


class RotationPlan(Base):
    """年度交流计划: a draft until approved; approval applies its moves."""

    __tablename__ = "rotation_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default="草稿")  # PlanStatus value
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    approved_by: Mapped[str] = mapped_column(String(40), default="")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    moves: Mapped[list[ProposedMove]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="(ProposedMove.sort_order, ProposedMove.id)",
    )


class ProposedMove(Base):
    """One line of a plan: person → section/post on a date.  `from_*` are frozen at approval."""

    __tablename__ = "rotation_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("rotation_plans.id", ondelete="CASCADE"))
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    to_section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="SET NULL")
    )
    to_post_title: Mapped[str] = mapped_column(String(60))
    to_rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id", ondelete="SET NULL"))
    effective: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    from_section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="SET NULL")
    )
    from_post_title: Mapped[str] = mapped_column(String(60), default="")
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("postings.id", ondelete="SET NULL"))

    plan: Mapped[RotationPlan] = relationship(back_populates="moves")

    __table_args__ = (
        Index("ix_rotation_moves_plan_id", "plan_id"),
        Index("ix_rotation_moves_cadre_id", "cadre_id"),
    )


class ContactPoint(Base):
    """基层工作联系点 of the department (owner_section_id NULL) or of a section."""

    __tablename__ = "contact_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20))  # ContactKind value
    owner_section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="SET NULL")
    )
    address: Mapped[str] = mapped_column(String(100), default="")
    contact_person: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    kept_since: Mapped[date] = mapped_column(Date)


class ContactVisit(Base):
    """One visit to a contact point: 蹲点调查 / 参加劳动 / 其他, and what was found."""

    __tablename__ = "contact_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_point_id: Mapped[int] = mapped_column(
        ForeignKey("contact_points.id", ondelete="CASCADE")
    )
    visit_date: Mapped[date] = mapped_column(Date)
    visitors: Mapped[str] = mapped_column(String(200))
    activity: Mapped[str] = mapped_column(String(10))  # VisitActivity value
    days: Mapped[int] = mapped_column(Integer, default=1)
    content: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (Index("ix_contact_visits_point_date", "contact_point_id", "visit_date"),)


class WorkReportMeeting(Base):
    """职能科室工作汇报会 (R-ROT-6): one a month, minuted."""

    __tablename__ = "work_report_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(Date)
    chair: Mapped[str] = mapped_column(String(40))
    minutes: Mapped[str] = mapped_column(Text)
    major_matters: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    reports: Mapped[list[MeetingReport]] = relationship(cascade="all, delete-orphan")
    attendance: Mapped[list[MeetingAttendance]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (Index("ix_work_report_meetings_held_on", "held_on"),)


class MeetingReport(Base):
    """What one section reported at one meeting."""

    __tablename__ = "meeting_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("work_report_meetings.id", ondelete="CASCADE")
    )
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("meeting_id", "section_id"),)


class MeetingAttendance(Base):
    __tablename__ = "meeting_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("work_report_meetings.id", ondelete="CASCADE")
    )
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10))  # Attendance value

    __table_args__ = (UniqueConstraint("meeting_id", "cadre_id"),)
