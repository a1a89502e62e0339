"""轮岗到期 and 交流建议: who is due to rotate as of a date, and what each cadre lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from orgdesk.domain.rotation import RotationState, assess_rotation
from orgdesk.domain.rotation_gaps import PersonHistory, suggest
from orgdesk.domain.rotation_plan import PlanStatus
from orgdesk.domain.secondment import SecondmentKind
from orgdesk.services.reference import load_settings
from orgdesk.services.rotation_data import (
    cadres,
    on_secondment,
    sections,
    spans_by_cadre,
    stints_by_cadre,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models.rotation import ProposedMove, RotationPlan


@dataclass(frozen=True)
class RotationRow:
    cadre_id: int
    name: str
    section_id: int | None
    section: str
    post_title: str
    since: date
    in_post: str  # "3年2个月"
    months_in_post: int
    due_on: date
    overdue_after: date
    state: RotationState
    rule: str  # 一般岗位 / 首岗（综合科室）
    business_first: bool
    secondment: str  # "下派·城关镇人民政府" while away, else ""
    in_plan: str  # the draft plan that already moves this cadre, else ""
    note: str


def rotation_due_list(
    db: Database,
    on: date,
    *,
    section_id: int | None = None,
    states: frozenset[RotationState] | None = None,
) -> list[RotationRow]:
    """Every active cadre's rotation standing on `on`, most urgent and longest first."""
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        s = uow.session
        section_map = sections(s)
        people = cadres(s)
        ids = [c.id for c in people]
        history = stints_by_cadre(s, section_map, ids)
        spans = spans_by_cadre(s, ids)
        planned = dict(
            s.execute(
                select(ProposedMove.cadre_id, RotationPlan.title)
                .join(RotationPlan, RotationPlan.id == ProposedMove.plan_id)
                .where(RotationPlan.status == PlanStatus.DRAFT.value)
            ).all()
        )
    rows: list[RotationRow] = []
    for person in people:
        assessment = assess_rotation(history.get(person.id, []), on, settings)
        if assessment is None:
            continue
        if states is not None and assessment.state not in states:
            continue
        if section_id is not None and assessment.post.section_id != section_id:
            continue
        away = on_secondment(spans.get(person.id, []), on)
        ref = section_map.get(assessment.post.section_id or 0)
        rows.append(
            RotationRow(
                cadre_id=person.id,
                name=person.name,
                section_id=assessment.post.section_id,
                section=ref.name if ref else "",
                post_title=assessment.post.post_title,
                since=assessment.post.start,
                in_post=assessment.in_post_text,
                months_in_post=assessment.months_in_post,
                due_on=assessment.due_on,
                overdue_after=assessment.overdue_after,
                state=assessment.state,
                rule=assessment.rule_text,
                business_first=assessment.business_first,
                secondment=f"{away.kind.value}·{away.host_unit}" if away else "",
                in_plan=planned.get(person.id, ""),
                note=assessment.note,
            )
        )
    rows.sort(key=lambda r: (r.state, -r.months_in_post, r.name))
    return rows


@dataclass(frozen=True)
class SuggestionRow:
    cadre_id: int
    name: str
    section: str
    post_title: str
    kind: SecondmentKind
    reason: str


def gap_suggestions(
    db: Database, on: date, *, kind: SecondmentKind | None = None
) -> list[SuggestionRow]:
    """缺什么补什么 for every active cadre, grouped by kind then name."""
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        s = uow.session
        section_map = sections(s)
        people = cadres(s)
        history = stints_by_cadre(s, section_map)
        spans = spans_by_cadre(s)
    names = {k: v.name for k, v in section_map.items()}
    out: list[SuggestionRow] = []
    for person in people:
        found = suggest(
            PersonHistory(
                person.id,
                person.name,
                person.post_title,
                tuple(history.get(person.id, [])),
                tuple(spans.get(person.id, [])),
                names,
            ),
            on,
            settings,
        )
        for g in found:
            if kind is None or g.kind is kind:
                out.append(
                    SuggestionRow(
                        person.id,
                        person.name,
                        names.get(person.section_id or 0, ""),
                        person.post_title,
                        g.kind,
                        g.reason,
                    )
                )
    kinds = list(SecondmentKind)
    places = {ref.name: i for i, ref in enumerate(section_map.values())}
    out.sort(key=lambda r: (kinds.index(r.kind), places.get(r.section, len(places)), r.name))
    return out
