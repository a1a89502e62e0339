"""任免审批表 fields: extra cadre columns, the family table and the photo.

The columns live on `cadres` (mixed into `Cadre`); the photo has a table of its
own so that roster queries never drag image bytes along.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from orgdesk.storage.models.base import Base, now


class ApprovalFormColumns:
    """Mixed into `Cadre`: the form fields the department did not keep before."""

    native_place: Mapped[str] = mapped_column(String(200), default="", server_default="")
    birthplace: Mapped[str] = mapped_column(String(200), default="", server_default="")
    party_joined: Mapped[date | None] = mapped_column(Date, nullable=True)
    health: Mapped[str] = mapped_column(String(200), default="", server_default="")
    professional_title: Mapped[str] = mapped_column(String(200), default="", server_default="")
    expertise: Mapped[str] = mapped_column(String(200), default="", server_default="")
    fulltime_education: Mapped[str] = mapped_column(String(200), default="", server_default="")
    fulltime_degree: Mapped[str] = mapped_column(String(200), default="", server_default="")
    fulltime_education_school: Mapped[str] = mapped_column(
        String(200), default="", server_default=""
    )
    fulltime_degree_school: Mapped[str] = mapped_column(String(200), default="", server_default="")
    parttime_education: Mapped[str] = mapped_column(String(200), default="", server_default="")
    parttime_degree: Mapped[str] = mapped_column(String(200), default="", server_default="")
    parttime_education_school: Mapped[str] = mapped_column(
        String(200), default="", server_default=""
    )
    parttime_degree_school: Mapped[str] = mapped_column(String(200), default="", server_default="")
    current_post_text: Mapped[str] = mapped_column(String(200), default="", server_default="")
    proposed_post: Mapped[str] = mapped_column(String(200), default="", server_default="")
    proposed_removal: Mapped[str] = mapped_column(String(200), default="", server_default="")
    rewards: Mapped[str] = mapped_column(Text, default="", server_default="")
    evaluation_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    appointment_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    reporting_unit: Mapped[str] = mapped_column(String(200), default="", server_default="")
    form_filler: Mapped[str] = mapped_column(String(200), default="", server_default="")


class FamilyMemberRow(Base):
    """家庭主要成员及重要社会关系: one row of the form's family table."""

    __tablename__ = "cadre_family_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id", ondelete="CASCADE"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    relation: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(40))
    birth_month: Mapped[date | None] = mapped_column(Date, nullable=True)
    political_status: Mapped[str] = mapped_column(String(40), default="")
    work_unit_post: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (Index("ix_cadre_family_members_cadre_id", "cadre_id"),)


class CadrePhoto(Base):
    """The form's photo (JPG/PNG bytes as chosen or imported)."""

    __tablename__ = "cadre_photos"

    cadre_id: Mapped[int] = mapped_column(
        ForeignKey("cadres.id", ondelete="CASCADE"), primary_key=True
    )
    image: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
