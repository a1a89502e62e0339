"""培训与学分 (R-TRN-1..4): syllabus, reading list, plans, sessions, exams, notes, activities.

No table holds a credit total: the account is derived from these records.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from orgdesk.storage.models.base import Base


class Syllabus(Base):
    """培训大纲: one per year."""

    __tablename__ = "syllabi"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(100))
    goals: Mapped[str] = mapped_column(Text, default="")


class SyllabusSubject(Base):
    __tablename__ = "syllabus_subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    syllabus_id: Mapped[int] = mapped_column(ForeignKey("syllabi.id", ondelete="CASCADE"))
    subject_group: Mapped[str] = mapped_column(String(20))  # SubjectGroup
    name: Mapped[str] = mapped_column(String(100))
    requirement: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_syllabus_subjects_syllabus_id", "syllabus_id"),)


class ReadingItem(Base):
    """必读书目; `note_due` set means a 学习心得 is required by that day."""

    __tablename__ = "reading_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    syllabus_id: Mapped[int] = mapped_column(ForeignKey("syllabi.id", ondelete="CASCADE"))
    subject_group: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100), default="")
    note_due: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_reading_items_syllabus_id", "syllabus_id"),)


class ReadingAudience(Base):
    """Who must read an item: a section or a rank per row; no rows means everyone."""

    __tablename__ = "reading_audience"

    id: Mapped[int] = mapped_column(primary_key=True)
    reading_id: Mapped[int] = mapped_column(ForeignKey("reading_items.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id", ondelete="CASCADE"))

    __table_args__ = (Index("ix_reading_audience_reading_id", "reading_id"),)


class TrainingPlan(Base):
    """培训计划: 近期 (a year) or 长远 (several years), with its goals."""

    __tablename__ = "training_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(10))  # PlanTerm
    title: Mapped[str] = mapped_column(String(100))
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    goals: Mapped[str] = mapped_column(Text, default="")


class TrainingSession(Base):
    """A course or session under a plan, with dates, hours, credits and the four modes."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("training_plans.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(100))
    subject_group: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    credits: Mapped[float | None] = mapped_column(Float)  # None: by the hour rule
    duty_mode: Mapped[str] = mapped_column(String(10))
    group_mode: Mapped[str] = mapped_column(String(10))
    setting_mode: Mapped[str] = mapped_column(String(10))
    delivery_mode: Mapped[str] = mapped_column(String(10))
    place: Mapped[str] = mapped_column(String(100), default="")
    note_due: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        Index("ix_training_sessions_plan_id", "plan_id"),
        Index("ix_training_sessions_end_date", "end_date"),
    )


class Enrolment(Base):
    """A cadre enrolled in a session; `attended` None until attendance is recorded."""

    __tablename__ = "training_enrolments"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    attended: Mapped[bool | None] = mapped_column(Boolean)

    __table_args__ = (
        UniqueConstraint("session_id", "cadre_id", name="uq_training_enrolments_session_cadre"),
        Index("ix_training_enrolments_cadre_id", "cadre_id"),
    )


class Exam(Base):
    """定期考试: one sitting with its pass mark."""

    __tablename__ = "training_exams"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    held_on: Mapped[date] = mapped_column(Date)
    subject_group: Mapped[str] = mapped_column(String(20))
    full_mark: Mapped[float] = mapped_column(Float, default=100)
    pass_mark: Mapped[float] = mapped_column(Float)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL")
    )

    __table_args__ = (Index("ix_training_exams_held_on", "held_on"),)


class ExamScore(Base):
    """A candidate of a sitting; `score` None until entered, `absent` for 缺考."""

    __tablename__ = "training_exam_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("training_exams.id", ondelete="CASCADE"))
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    score: Mapped[float | None] = mapped_column(Float)
    absent: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        UniqueConstraint("exam_id", "cadre_id", name="uq_training_exam_scores_exam_cadre"),
        Index("ix_training_exam_scores_cadre_id", "cadre_id"),
    )


class StudyNote(Base):
    """学习心得 handed in, about a reading item or a session (exactly one of the two)."""

    __tablename__ = "study_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    reading_id: Mapped[int | None] = mapped_column(
        ForeignKey("reading_items.id", ondelete="CASCADE")
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE")
    )
    submitted_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (
        UniqueConstraint("cadre_id", "reading_id", name="uq_study_notes_cadre_reading"),
        UniqueConstraint("cadre_id", "session_id", name="uq_study_notes_cadre_session"),
        Index("ix_study_notes_reading_id", "reading_id"),
        Index("ix_study_notes_session_id", "session_id"),
    )


class Activity(Base):
    """R-TRN-4: 演讲比赛, 读书笔记展示, 专业理论知识测试, 优秀论文评比."""

    __tablename__ = "training_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(100))
    held_on: Mapped[date] = mapped_column(Date)
    organizer: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (Index("ix_training_activities_held_on", "held_on"),)


class ActivityEntryRow(Base):
    __tablename__ = "training_activity_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("training_activities.id", ondelete="CASCADE")
    )
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    placing: Mapped[str] = mapped_column(String(10))  # Placing
    work_title: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (
        UniqueConstraint("activity_id", "cadre_id", name="uq_training_activity_entries_pair"),
        Index("ix_training_activity_entries_cadre_id", "cadre_id"),
    )
