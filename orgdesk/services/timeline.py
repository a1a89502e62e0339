"""时间轴: one cadre's picture, and the department's who-was-where by year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orgdesk.domain.errors import NotFound
from orgdesk.domain.timeline import PersonTimeline, WhereRow, build_person_timeline, who_was_where
from orgdesk.services.rotation_data import (
    SectionRef,
    cadres,
    rank_names,
    sections,
    spans_by_cadre,
    stints_by_cadre,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Section


def person_timeline(db: Database, cadre_id: int, on: date) -> PersonTimeline:
    with db.unit_of_work() as uow:
        s = uow.session
        cadre = s.get(Cadre, cadre_id)
        if cadre is None:
            raise NotFound("该人员已不存在（可能已被删除）")
        section_map = sections(s)
        stints = stints_by_cadre(s, section_map, [cadre_id], without_secondment_lines=True)
        spans = spans_by_cadre(s, [cadre_id])
        section = s.get(Section, cadre.section_id) if cadre.section_id else None
        subtitle = " ".join(
            x
            for x in (
                section.name if section else "",
                cadre.post_title,
                f"{cadre.birth_date:%Y年%m月}生",
                f"{cadre.joined_department:%Y年%m月}进入本部" if cadre.joined_department else "",
            )
            if x
        )
        return build_person_timeline(
            cadre.name,
            subtitle,
            stints.get(cadre_id, []),
            spans.get(cadre_id, []),
            {k: v.name for k, v in section_map.items()},
            rank_names(s),
            on,
        )


@dataclass(frozen=True)
class DepartmentView:
    years: list[int]
    sections: dict[int, SectionRef]
    rows: list[WhereRow]


def department_view(
    db: Database, first_year: int, last_year: int, on: date, *, section_id: int | None = None
) -> DepartmentView:
    """Who was in which section at the end of each year (today for the current year).

    With `section_id`, only people who were in that section in any of the years.
    """
    years = list(range(first_year, last_year + 1))
    with db.unit_of_work() as uow:
        s = uow.session
        section_map = sections(s)
        people = cadres(s)
        history = stints_by_cadre(s, section_map, without_secondment_lines=True)
    rows = who_was_where([(c.id, c.name, history.get(c.id, [])) for c in people], years, on)
    if section_id is not None:
        rows = [r for r in rows if section_id in r.cells]
    order = {sid: i for i, sid in enumerate(section_map)}
    rows.sort(key=lambda r: (order.get(r.cells[-1] or -1, len(order)), r.name))
    return DepartmentView(years, section_map, rows)
