"""Reading posting history and secondments in bulk for the 交流轮岗 rules.

A handful of queries per call (never one per cadre), turned into the domain's
plain values.  Used inside a caller's unit of work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.people import CadreStatus, SectionKind
from orgdesk.domain.rotation import Stint
from orgdesk.domain.rotation_gaps import SecondmentSpan
from orgdesk.domain.secondment import SecondmentKind
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank, Section
from orgdesk.storage.models.rotation import Secondment


@dataclass(frozen=True)
class SectionRef:
    id: int
    name: str
    kind: SectionKind
    active: bool = True


@dataclass(frozen=True)
class CadreRef:
    id: int
    name: str
    section_id: int | None
    post_title: str
    rank_id: int | None
    status: str

    @property
    def has_left(self) -> bool:
        return self.status == CadreStatus.LEFT.value


@dataclass(frozen=True)
class CadreChoice:
    """A cadre as a picker shows it: 张三（干部科 科员）."""

    id: int
    name: str
    section: str
    post_title: str

    @property
    def label(self) -> str:
        where = " ".join(x for x in (self.section, self.post_title) if x)
        return f"{self.name}（{where}）" if where else self.name


def sections(s: Session) -> dict[int, SectionRef]:
    rows = s.execute(
        select(Section.id, Section.name, Section.kind, Section.active).order_by(
            Section.sort_order, Section.id
        )
    )
    return {i: SectionRef(i, n, SectionKind(k), a) for i, n, k, a in rows}


def rank_names(s: Session) -> dict[int, str]:
    return dict(s.execute(select(Rank.id, Rank.name)).all())


def cadres(s: Session, *, include_left: bool = False) -> list[CadreRef]:
    stmt = select(
        Cadre.id, Cadre.name, Cadre.section_id, Cadre.post_title, Cadre.rank_id, Cadre.status
    ).order_by(Cadre.name_pinyin, Cadre.id)
    if not include_left:
        stmt = stmt.where(Cadre.status != CadreStatus.LEFT.value)
    return [CadreRef(*row) for row in s.execute(stmt)]


def secondment_posting_ids(s: Session) -> set[int]:
    return {
        pid
        for pid in s.scalars(
            select(Secondment.posting_id).where(Secondment.posting_id.is_not(None))
        )
        if pid is not None
    }


def stints_by_cadre(
    s: Session,
    section_map: dict[int, SectionRef],
    cadre_ids: Iterable[int] | None = None,
    *,
    without_secondment_lines: bool = False,
) -> dict[int, list[Stint]]:
    """Posting history per cadre, oldest first."""
    stmt = select(
        Posting.id,
        Posting.cadre_id,
        Posting.unit,
        Posting.section_id,
        Posting.post_title,
        Posting.start_date,
        Posting.end_date,
        Posting.rank_id,
    ).order_by(Posting.cadre_id, Posting.start_date, Posting.id)
    if cadre_ids is not None:
        stmt = stmt.where(Posting.cadre_id.in_(list(cadre_ids)))
    skip = secondment_posting_ids(s) if without_secondment_lines else set()
    out: dict[int, list[Stint]] = defaultdict(list)
    for pid, cid, unit, sid, title, start, end, rank_id in s.execute(stmt):
        if pid in skip:
            continue
        ref = section_map.get(sid) if sid is not None else None
        out[cid].append(Stint(unit, sid, ref.kind if ref else None, title, start, end, rank_id))
    return out


def spans_by_cadre(
    s: Session, cadre_ids: Iterable[int] | None = None
) -> dict[int, list[SecondmentSpan]]:
    """Secondments per cadre as the rules read them (actual dates where known)."""
    stmt = select(Secondment).order_by(Secondment.planned_start, Secondment.id)
    if cadre_ids is not None:
        stmt = stmt.where(Secondment.cadre_id.in_(list(cadre_ids)))
    out: dict[int, list[SecondmentSpan]] = defaultdict(list)
    for row in s.scalars(stmt):
        out[row.cadre_id].append(span_of(row))
    return out


def span_of(row: Secondment) -> SecondmentSpan:
    return SecondmentSpan(
        kind=SecondmentKind(row.kind),
        host_unit=row.host_unit,
        start=row.actual_start or row.planned_start,
        end=row.actual_end or row.planned_end,
        ended=row.actual_end is not None,
        id=row.id,
    )


def on_secondment(spans: Iterable[SecondmentSpan], on: date) -> SecondmentSpan | None:
    return next((x for x in spans if x.start <= on <= x.end and not x.ended), None) or next(
        (x for x in spans if x.start <= on <= x.end), None
    )


def cadre_choices(db: Database, *, include_left: bool = False) -> list[CadreChoice]:
    """Everyone a picker may offer, sorted by pinyin."""
    with db.unit_of_work() as uow:
        names = {k: v.name for k, v in sections(uow.session).items()}
        return [
            CadreChoice(c.id, c.name, names.get(c.section_id or 0, ""), c.post_title)
            for c in cadres(uow.session, include_left=include_left)
        ]
