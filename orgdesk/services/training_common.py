"""What the training services share: picking cadres in bulk, and who a cadre is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.domain.people import CadreStatus
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Rank, Section
from orgdesk.storage.models.training import Enrolment


class PickKind(StrEnum):
    CADRES = "按人员"
    SECTION = "按科室"
    RANK = "按职级"
    EVERYONE = "全体"
    SESSION = "按培训报名"


@dataclass(frozen=True)
class CadrePick:
    """A bulk choice of cadres: some people, a section, a rank, everyone, or a session's list."""

    kind: PickKind
    ids: tuple[int, ...] = field(default=())

    @classmethod
    def cadres(cls, ids: Iterable[int]) -> CadrePick:
        return cls(PickKind.CADRES, tuple(ids))

    @classmethod
    def section(cls, section_id: int) -> CadrePick:
        return cls(PickKind.SECTION, (section_id,))

    @classmethod
    def rank(cls, rank_id: int) -> CadrePick:
        return cls(PickKind.RANK, (rank_id,))

    @classmethod
    def everyone(cls) -> CadrePick:
        return cls(PickKind.EVERYONE)

    @classmethod
    def session(cls, session_id: int) -> CadrePick:
        return cls(PickKind.SESSION, (session_id,))


def picked_cadre_ids(s: Session, pick: CadrePick) -> list[int]:
    """Ids of the serving cadres (not 已调出) the pick stands for, in roster order."""
    stmt = select(Cadre.id).where(Cadre.status != CadreStatus.LEFT.value)
    if pick.kind is PickKind.CADRES:
        if not pick.ids:
            return []
        stmt = stmt.where(Cadre.id.in_(pick.ids))
    elif pick.kind is PickKind.SECTION:
        stmt = stmt.where(Cadre.section_id.in_(pick.ids))
    elif pick.kind is PickKind.RANK:
        stmt = stmt.where(Cadre.rank_id.in_(pick.ids))
    elif pick.kind is PickKind.SESSION:
        stmt = stmt.where(
            Cadre.id.in_(select(Enrolment.cadre_id).where(Enrolment.session_id.in_(pick.ids)))
        )
    stmt = stmt.order_by(Cadre.section_id, Cadre.name_pinyin, Cadre.id)
    return list(s.scalars(stmt))


@dataclass(frozen=True)
class CadreBrief:
    id: int
    name: str
    section: str
    rank: str
    section_id: int | None = None
    rank_id: int | None = None


def brief_select():  # type: ignore[no-untyped-def]
    return (
        select(
            Cadre.id,
            Cadre.name,
            func.coalesce(Section.name, ""),
            func.coalesce(Rank.name, ""),
            Cadre.section_id,
            Cadre.rank_id,
        )
        .outerjoin(Section, Section.id == Cadre.section_id)
        .outerjoin(Rank, Rank.id == Cadre.rank_id)
    )


def cadre_briefs(s: Session, ids: Iterable[int] | None = None) -> dict[int, CadreBrief]:
    """Name, section and rank of the given cadres (all serving cadres when `ids` is None)."""
    stmt = brief_select()
    if ids is None:
        stmt = stmt.where(Cadre.status != CadreStatus.LEFT.value)
    else:
        stmt = stmt.where(Cadre.id.in_(list(ids)))
    return {row[0]: CadreBrief(*row) for row in s.execute(stmt)}


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def require_text(value: str, label: str, problems: list[FieldProblem], limit: int = 100) -> str:
    text = value.strip()
    if not text:
        problems.append(FieldProblem(label, "不能为空"))
    elif len(text) > limit:
        problems.append(FieldProblem(label, f"不能超过 {limit} 个字"))
    return text


def require_choice(
    value: str, options: Iterable[str], label: str, problems: list[FieldProblem]
) -> str:
    allowed = list(options)
    if value not in allowed:
        problems.append(FieldProblem(label, f"应为 {'、'.join(allowed)} 之一", None, value))
    return value


def raise_if(problems: list[FieldProblem]) -> None:
    failed = ValidationFailed(problems)
    if failed.problems:
        raise failed


def serving_cadres(db: Database) -> list[CadreBrief]:
    """Everyone who can be enrolled, in roster order (for the pick-people list)."""
    stmt = (
        brief_select()
        .where(Cadre.status != CadreStatus.LEFT.value)
        .order_by(Section.sort_order, Cadre.name_pinyin, Cadre.id)
    )
    with db.unit_of_work() as uow:
        return [CadreBrief(*row) for row in uow.session.execute(stmt)]
