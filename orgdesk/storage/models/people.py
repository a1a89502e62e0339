"""Master data shared by every tab: sections, posts, ranks, cadres, postings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orgdesk.storage.models.approval import ApprovalFormColumns
from orgdesk.storage.models.base import Base, now


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Section(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # SectionKind value
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Rank(Base):
    __tablename__ = "ranks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    level: Mapped[int] = mapped_column(Integer)  # RankLevel
    is_leadership: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Post(Base):
    """A post (岗位) in a section; `is_chief` marks the section's head post."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(60))
    level: Mapped[int] = mapped_column(Integer)
    is_leadership: Mapped[bool] = mapped_column(Boolean, default=False)
    is_chief: Mapped[bool] = mapped_column(Boolean, default=False)
    headcount: Mapped[int] = mapped_column(Integer, default=1)


class Cadre(ApprovalFormColumns, Base):
    """组工干部 (R-PPL-1).  section/post/rank mirror the open posting for fast lists."""

    __tablename__ = "cadres"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    name_initials: Mapped[str] = mapped_column(String(40), default="")
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    sex: Mapped[str] = mapped_column(String(2))
    birth_date: Mapped[date] = mapped_column(Date)
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    political_status: Mapped[str] = mapped_column(String(20), default="")
    education: Mapped[str] = mapped_column(String(20), default="")
    degree: Mapped[str] = mapped_column(String(20), default="")
    specialty: Mapped[str] = mapped_column(String(100), default="")
    first_employment: Mapped[date | None] = mapped_column(Date)
    joined_department: Mapped[date | None] = mapped_column(Date)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    post_title: Mapped[str] = mapped_column(String(60), default="")
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="在职")
    phone: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
    # Who saved last (the operator, see storage/operator.py): named when a save is refused.
    updated_by: Mapped[str] = mapped_column(String(80), default="", server_default="")
    # Optimistic locking: every UPDATE says `WHERE version = <the version read>`, so of two
    # clients saving the same cadre the second matches no row and is refused (StaleDataError).
    version: Mapped[int] = mapped_column(Integer, default=1)

    postings: Mapped[list[Posting]] = relationship(
        back_populates="cadre", cascade="all, delete-orphan", order_by="Posting.start_date"
    )

    __table_args__ = (
        Index("ix_cadres_name", "name"),
        Index("ix_cadres_name_initials", "name_initials"),
        Index("ix_cadres_section_id", "section_id"),
        Index("ix_cadres_rank_id", "rank_id"),
        Index("ix_cadres_status", "status"),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Posting(Base):
    """任职经历: one line of a cadre's history, in or outside the department."""

    __tablename__ = "postings"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    unit: Mapped[str] = mapped_column(String(100))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    post_title: Mapped[str] = mapped_column(String(60))
    rank_id: Mapped[int | None] = mapped_column(ForeignKey("ranks.id", ondelete="SET NULL"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    cadre: Mapped[Cadre] = relationship(back_populates="postings")

    __table_args__ = (Index("ix_postings_cadre_id", "cadre_id"),)
