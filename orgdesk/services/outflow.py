"""高出 (R-INT-4): record a cadre leaving the department, or undo a mistaken record.

Leaving closes the open posting the day before and adds a closing posting
line at the destination, so 任职经历 shows where the cadre went.  The cadre
becomes 已调出: off the active roster, with every record kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import extract, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.outflow import DestinationKind, OutflowInput, check_outflow
from orgdesk.domain.people import RANK_LEVEL_LABELS, CadreStatus, RankLevel
from orgdesk.domain.trial import OPEN_TRIAL_STATUSES
from orgdesk.services.people import Move, apply_move
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank, Section
from orgdesk.storage.models.personnel import Outflow, TrialPeriod


@dataclass(frozen=True)
class OutflowRow:
    id: int
    cadre_id: int
    name: str
    left_on: date
    destination_unit: str
    destination_kind: DestinationKind
    post_title: str
    rank_level: RankLevel
    from_section: str
    from_post: str
    from_rank: str
    from_level: RankLevel | None
    note: str

    @property
    def rank_label(self) -> str:
        return RANK_LEVEL_LABELS[self.rank_level]

    @property
    def promoted(self) -> bool:
        """高出 in the article's sense: placed at a higher level than held here."""
        return self.from_level is not None and self.rank_level > self.from_level


@requires(Permission.EDIT, area="人员与试用")
def record_outflow(db: Database, data: OutflowInput, *, today: date | None = None) -> int:
    """登记调出: nothing is written when anything is wrong."""
    today = today or date.today()
    problems = check_outflow(data, today=today)
    with db.unit_of_work() as uow:
        s = uow.session
        cadre = s.get(Cadre, data.cadre_id)
        if cadre is None:
            raise NotFound("该人员已不存在（可能已被删除）")
        if cadre.status == CadreStatus.LEFT.value:
            problems.append(FieldProblem("人员", f"「{cadre.name}」已是调出状态"))
        running = s.scalar(
            select(TrialPeriod.end_date).where(
                TrialPeriod.cadre_id == cadre.id, TrialPeriod.status.in_(OPEN_TRIAL_STATUSES)
            )
        )
        if running is not None:
            problems.append(
                FieldProblem("人员", f"「{cadre.name}」仍在试用期内，请先办理转正或不予转正")
            )
        if problems:
            raise ValidationFailed(problems)
        assert data.left_on is not None and data.rank_level is not None
        section = s.get(Section, cadre.section_id) if cadre.section_id else None
        rank = s.get(Rank, cadre.rank_id) if cadre.rank_id else None
        row = Outflow(
            cadre_id=cadre.id,
            left_on=data.left_on,
            destination_unit=data.destination_unit,
            destination_kind=data.destination_kind,
            post_title=data.post_title,
            rank_level=int(data.rank_level),
            from_section=section.name if section else "",
            from_post=cadre.post_title,
            from_rank=rank.name if rank else "",
            from_level=rank.level if rank else None,
            note=data.note.strip(),
        )
        s.add(row)
        apply_move(
            s,
            Move(
                cadre_id=cadre.id,
                effective=data.left_on,
                section_id=None,
                post_title=data.post_title,
                rank_id=None,
                unit=data.destination_unit,
                note=f"调出（{data.destination_kind}，{RANK_LEVEL_LABELS[data.rank_level]}）",
            ),
        )
        cadre.status = CadreStatus.LEFT.value
        s.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="人员与试用")
def undo_outflow(db: Database, outflow_id: int) -> None:
    """撤销调出 recorded by mistake: reopen the home posting, drop the closing line."""
    with db.unit_of_work() as uow:
        s = uow.session
        row = s.get(Outflow, outflow_id)
        if row is None:
            raise NotFound("该调出记录已不存在")
        cadre = s.get(Cadre, row.cadre_id)
        assert cadre is not None
        later = s.scalar(
            select(Posting.id).where(Posting.cadre_id == cadre.id, Posting.start_date > row.left_on)
        )
        if later is not None or cadre.status != CadreStatus.LEFT.value:
            raise OrgDeskError(f"「{cadre.name}」调出后已有新的任职记录，不能撤销这条调出")
        for posting in list(cadre.postings):
            if posting.start_date == row.left_on and posting.end_date is None:
                cadre.postings.remove(posting)
            elif posting.end_date == row.left_on - timedelta(days=1):
                posting.end_date = None
        cadre.status = CadreStatus.ACTIVE.value
        cadre.version += 1
        s.delete(row)
        uow.commit()


def list_outflows(db: Database, year: int | None = None) -> list[OutflowRow]:
    stmt = (
        select(
            Outflow.id,
            Outflow.cadre_id,
            Cadre.name,
            Outflow.left_on,
            Outflow.destination_unit,
            Outflow.destination_kind,
            Outflow.post_title,
            Outflow.rank_level,
            Outflow.from_section,
            Outflow.from_post,
            Outflow.from_rank,
            Outflow.from_level,
            Outflow.note,
        )
        .join(Cadre, Cadre.id == Outflow.cadre_id)
        .order_by(Outflow.left_on.desc(), Cadre.name_pinyin)
    )
    if year is not None:
        stmt = stmt.where(extract("year", Outflow.left_on) == year)
    with db.engine.connect() as conn:
        return [
            OutflowRow(
                id=r.id,
                cadre_id=r.cadre_id,
                name=r.name,
                left_on=r.left_on,
                destination_unit=r.destination_unit,
                destination_kind=DestinationKind(r.destination_kind),
                post_title=r.post_title,
                rank_level=RankLevel(r.rank_level),
                from_section=r.from_section,
                from_post=r.from_post,
                from_rank=r.from_rank,
                from_level=RankLevel(r.from_level) if r.from_level is not None else None,
                note=r.note,
            )
            for r in conn.execute(stmt)
        ]
