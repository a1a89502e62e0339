"""Read and write a cadre's 任免审批表信息 inside the caller's unit of work."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.approval_form import TEXT_FIELDS, ApprovalDetails, FamilyMember
from orgdesk.storage.models import Cadre
from orgdesk.storage.models.approval import CadrePhoto, FamilyMemberRow


def load_details(s: Session, row: Cadre) -> ApprovalDetails:
    details = ApprovalDetails(party_joined=row.party_joined)
    for key in TEXT_FIELDS:
        setattr(details, key, getattr(row, key) or "")
    details.family = [
        FamilyMember(m.relation, m.name, m.birth_month, m.political_status, m.work_unit_post)
        for m in s.scalars(
            select(FamilyMemberRow)
            .where(FamilyMemberRow.cadre_id == row.id)
            .order_by(FamilyMemberRow.sort_order, FamilyMemberRow.id)
        )
    ]
    details.photo = s.scalar(select(CadrePhoto.image).where(CadrePhoto.cadre_id == row.id))
    return details


def store_details(s: Session, row: Cadre, details: ApprovalDetails) -> None:
    """Overwrite the stored 任免审批表信息 of `row` (already flushed, so it has an id)."""
    for key in TEXT_FIELDS:
        setattr(row, key, getattr(details, key))
    row.party_joined = details.party_joined
    # Row by row through the ORM (not a bulk delete and re-insert), so that the
    # 操作日志 records exactly which family member changed, and how.
    existing = list(
        s.scalars(
            select(FamilyMemberRow)
            .where(FamilyMemberRow.cadre_id == row.id)
            .order_by(FamilyMemberRow.sort_order, FamilyMemberRow.id)
        )
    )
    for order, m in enumerate(details.family):
        target = existing[order] if order < len(existing) else None
        if target is None:
            target = FamilyMemberRow(cadre_id=row.id)
            s.add(target)
        target.sort_order = order
        target.relation = m.relation
        target.name = m.name
        target.birth_month = m.birth_month
        target.political_status = m.political_status
        target.work_unit_post = m.work_unit_post
    for gone in existing[len(details.family) :]:
        s.delete(gone)
    photo = s.get(CadrePhoto, row.id)
    if details.photo is None:
        if photo is not None:
            s.delete(photo)
    elif photo is None:
        s.add(CadrePhoto(cadre_id=row.id, image=details.photo))
    elif photo.image != details.photo:
        photo.image = details.photo
    s.flush()
