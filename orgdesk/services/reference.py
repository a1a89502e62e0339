"""Sections, ranks and settings: the reference data every tab reads."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.people import RankInfo, RankLevel, SectionInfo, SectionKind
from orgdesk.domain.settings import Settings, check_setting
from orgdesk.storage.database import Database
from orgdesk.storage.models import Rank, Section, Setting


@dataclass(frozen=True)
class ReferenceData:
    sections: list[SectionInfo]
    ranks: list[RankInfo]

    def section(self, section_id: int | None) -> SectionInfo | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def rank(self, rank_id: int | None) -> RankInfo | None:
        return next((r for r in self.ranks if r.id == rank_id), None)

    def section_by_name(self, name: str) -> SectionInfo | None:
        return next((s for s in self.sections if s.name == name), None)

    def rank_by_name(self, name: str) -> RankInfo | None:
        return next((r for r in self.ranks if r.name == name), None)


def reference_data(db: Database) -> ReferenceData:
    with db.unit_of_work() as uow:
        sections = [
            SectionInfo(s.id, s.name, SectionKind(s.kind))
            for s in uow.session.scalars(
                select(Section).where(Section.active).order_by(Section.sort_order, Section.id)
            )
        ]
        ranks = [
            RankInfo(r.id, r.name, RankLevel(r.level), r.is_leadership)
            for r in uow.session.scalars(select(Rank).order_by(Rank.sort_order, Rank.id))
        ]
    return ReferenceData(sections, ranks)


def load_settings(db: Database) -> Settings:
    with db.unit_of_work() as uow:
        stored = {k: float(v) for k, v in uow.session.execute(select(Setting.key, Setting.value))}
    return Settings(stored)


@requires(Permission.SETTINGS)
def change_setting(db: Database, key: str, value: float) -> None:
    reason = check_setting(key, value)
    if reason:
        raise OrgDeskError(reason)
    with db.unit_of_work() as uow:
        row = uow.session.get(Setting, key)
        if row is None:
            uow.session.add(Setting(key=key, value=f"{value:g}"))
        else:
            row.value = f"{value:g}"
        uow.commit()
