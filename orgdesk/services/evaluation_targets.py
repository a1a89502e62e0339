"""目标责任 (R-EVA-1): the year's plan decomposed section → person, scored at year end."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.evaluation import TargetScore, check_target, target_score
from orgdesk.domain.text import LONG_TEXT, check_text
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.evaluation import TargetItem

SECTION_LEVEL = "科室目标"
PERSON_LEVEL = "个人目标"


@dataclass(frozen=True)
class TargetRow:
    id: int
    year: int
    section_id: int | None
    section: str
    parent_id: int | None
    cadre_id: int | None
    cadre_name: str
    title: str
    measures: str
    weight: float
    score: float | None

    @property
    def level(self) -> str:
        return SECTION_LEVEL if self.parent_id is None else PERSON_LEVEL


@dataclass
class TargetInput:
    year: int
    section_id: int | None
    title: str
    weight: float
    cadre_id: int | None = None
    parent_id: int | None = None
    measures: str = ""
    score: float | None = None


def list_targets(db: Database, year: int, section_id: int | None = None) -> list[TargetRow]:
    """Section items, each followed by the person items decomposed from it."""
    stmt = (
        select(TargetItem, func.coalesce(Section.name, ""), func.coalesce(Cadre.name, ""))
        .outerjoin(Section, Section.id == TargetItem.section_id)
        .outerjoin(Cadre, Cadre.id == TargetItem.cadre_id)
        .where(TargetItem.year == year)
        .order_by(Section.sort_order, TargetItem.sort_order, TargetItem.id)
    )
    if section_id is not None:
        stmt = stmt.where(TargetItem.section_id == section_id)
    with db.unit_of_work() as uow:
        flat = [_row(item, sec, who) for item, sec, who in uow.session.execute(stmt)]
    children: dict[int, list[TargetRow]] = defaultdict(list)
    for r in flat:
        if r.parent_id is not None:
            children[r.parent_id].append(r)
    ordered: list[TargetRow] = []
    known = {r.id for r in flat}
    for r in flat:
        if r.parent_id is None:
            ordered.append(r)
            ordered.extend(children.get(r.id, []))
        elif r.parent_id not in known:  # parent filtered out: still show the item
            ordered.append(r)
    return ordered


def _row(item: TargetItem, section: str, who: str) -> TargetRow:
    return TargetRow(
        item.id,
        item.year,
        item.section_id,
        section,
        item.parent_id,
        item.cadre_id,
        who,
        item.title,
        item.measures,
        item.weight,
        item.score,
    )


@requires(Permission.EDIT, area="年度考核")
def save_target(db: Database, data: TargetInput, target_id: int | None = None) -> int:
    """Add or change one item; nothing is written when anything is wrong."""
    problems = check_target(data.title, data.weight, data.score)
    problems += check_text("目标内容", data.title.strip(), limit=LONG_TEXT, multiline=True)
    problems += check_text("措施", data.measures.strip(), limit=LONG_TEXT, multiline=True)
    with db.unit_of_work() as uow:
        s = uow.session
        problems += _check_links(s, data, target_id)
        if problems:
            raise ValidationFailed(problems)
        if target_id is None:
            item = TargetItem(year=data.year)
            item.sort_order = (
                s.scalar(
                    select(func.max(TargetItem.sort_order)).where(TargetItem.year == data.year)
                )
                or 0
            ) + 1
            s.add(item)
        else:
            found = s.get(TargetItem, target_id)
            if found is None:
                raise NotFound("该目标已不存在（可能已被删除）")
            item = found
        item.section_id = data.section_id
        item.parent_id = data.parent_id
        item.cadre_id = data.cadre_id
        item.title = data.title.strip()
        item.measures = data.measures.strip()
        item.weight = float(data.weight)
        item.score = None if data.score is None else float(data.score)
        s.flush()
        uow.commit()
        return item.id


def _check_links(s: Session, data: TargetInput, target_id: int | None) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if data.section_id is None or s.get(Section, data.section_id) is None:
        problems.append(FieldProblem("科室", "请选择科室"))
    if data.cadre_id is not None and s.get(Cadre, data.cadre_id) is None:
        problems.append(FieldProblem("责任人", "所选人员已不存在"))
    if data.parent_id is not None:
        parent = s.get(TargetItem, data.parent_id)
        if parent is None or parent.year != data.year:
            problems.append(FieldProblem("上级目标", "所选科室目标已不存在"))
        elif parent.parent_id is not None:
            problems.append(FieldProblem("上级目标", "只能分解自科室目标（一级负责一级）"))
        elif parent.section_id != data.section_id:
            problems.append(FieldProblem("上级目标", "应与本目标属于同一科室"))
        elif target_id is not None and parent.id == target_id:
            problems.append(FieldProblem("上级目标", "不能选择本目标自身"))
        if data.cadre_id is None:
            problems.append(FieldProblem("责任人", "个人目标必须有责任人"))
    if target_id is not None and data.parent_id is not None:
        has_children = s.scalar(
            select(func.count()).select_from(TargetItem).where(TargetItem.parent_id == target_id)
        )
        if has_children:
            problems.append(FieldProblem("上级目标", "该科室目标下已有个人目标，不能改为个人目标"))
    return problems


@requires(Permission.EDIT, area="年度考核")
def delete_target(db: Database, target_id: int) -> None:
    """Remove an item (a section item takes its person items with it)."""
    with db.unit_of_work() as uow:
        s = uow.session
        item = s.get(TargetItem, target_id)
        if item is None:
            raise NotFound("该目标已不存在（可能已被删除）")
        for child in s.scalars(select(TargetItem).where(TargetItem.parent_id == target_id)):
            s.delete(child)
        s.flush()  # children first: the database would cascade them behind the ORM's back
        s.delete(item)
        uow.commit()


def person_target_scores(s: Session, year: int) -> dict[int, float | None]:
    """目标得分 per responsible cadre for `year` (weighted mean of the scored items)."""
    items: dict[int, list[TargetScore]] = defaultdict(list)
    rows: Any = s.execute(
        select(TargetItem.cadre_id, TargetItem.weight, TargetItem.score).where(
            TargetItem.year == year, TargetItem.cadre_id.is_not(None)
        )
    )
    for cadre_id, weight, score in rows:
        items[cadre_id].append(TargetScore(weight, score))
    return {cid: target_score(lst) for cid, lst in items.items()}


def weight_totals(rows: list[TargetRow]) -> dict[int, float]:
    """Σ权重 of the person items per responsible cadre (the tab warns when it is not 100)."""
    totals: dict[int, float] = defaultdict(float)
    for r in rows:
        if r.parent_id is not None and r.cadre_id is not None:
            totals[r.cadre_id] += r.weight
    return dict(totals)


@dataclass(frozen=True)
class CadreChoice:
    id: int
    name: str
    section_id: int | None
    section: str


def cadre_choices(db: Database) -> list[CadreChoice]:
    """Cadres a clerk can pick as responsible person or honour recipient (not 已调出)."""
    with db.unit_of_work() as uow:
        rows: Any = uow.session.execute(
            select(Cadre.id, Cadre.name, Cadre.section_id, func.coalesce(Section.name, ""))
            .outerjoin(Section, Section.id == Cadre.section_id)
            .where(Cadre.status != "已调出")
            .order_by(Section.sort_order, Cadre.name_pinyin)
        )
        return [CadreChoice(*r) for r in rows]
