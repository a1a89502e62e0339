"""The roster (人员名册) as SQL: counted, filtered, sorted and paged in the database.

The table model asks for one page at a time; nothing here materialises the
whole table, so 50,000 cadres cost what one screenful costs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from orgdesk.domain.idcard import normalize_id_number
from orgdesk.domain.names import normalize_name
from orgdesk.domain.people import CadreStatus
from orgdesk.domain.trial import OPEN_TRIAL_STATUSES
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Rank, Section
from orgdesk.storage.models.personnel import TrialPeriod
from orgdesk.storage.text_match import contains_any_case, escape_like


@dataclass(frozen=True)
class RosterFilter:
    text: str = ""
    section_id: int | None = None
    rank_id: int | None = None
    include_left: bool = False


@dataclass(frozen=True)
class RosterRow:
    id: int
    name: str
    sex: str
    birth_date: date
    section: str
    post_title: str
    rank: str
    education: str
    political_status: str
    joined_department: date | None
    status: str
    id_number: str
    trial_end: date | None = None  # end of the open 试用期, if any (not a column)


# (key, 中文表头) in display order; keys are RosterRow fields.
ROSTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "姓名"),
    ("sex", "性别"),
    ("birth_date", "出生日期"),
    ("section", "科室"),
    ("post_title", "职务"),
    ("rank", "职级"),
    ("education", "学历"),
    ("political_status", "政治面貌"),
    ("joined_department", "进入本部时间"),
    ("status", "状态"),
    ("id_number", "身份证号"),
)

_SORT_COLUMNS: dict[str, Any] = {
    "name": Cadre.name_pinyin,
    "sex": Cadre.sex,
    "birth_date": Cadre.birth_date,
    "section": Section.sort_order,
    "post_title": Cadre.post_title,
    "rank": Rank.sort_order,
    "education": Cadre.education,
    "political_status": Cadre.political_status,
    "joined_department": Cadre.joined_department,
    "status": Cadre.status,
    "id_number": Cadre.id_number,
}

_ID_LIKE = re.compile(r"^[0-9Xx０-９ｘＸ]+$")
_LATIN = re.compile(r"^[A-Za-z]+$")


def _where(f: RosterFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not f.include_left:
        conditions.append(Cadre.status != CadreStatus.LEFT.value)
    if f.section_id is not None:
        conditions.append(Cadre.section_id == f.section_id)
    if f.rank_id is not None:
        conditions.append(Cadre.rank_id == f.rank_id)
    text = f.text.strip()
    if text:
        if _ID_LIKE.match(text):
            needle = escape_like(normalize_id_number(text))
            conditions.append(Cadre.id_number.like(f"%{needle}%", escape="\\"))
        elif _LATIN.match(text):
            needle = escape_like(text.lower())
            conditions.append(
                or_(
                    Cadre.name_initials.like(f"{needle}%", escape="\\"),
                    Cadre.name_pinyin.like(f"{needle}%", escape="\\"),
                )
            )
        else:
            conditions.append(contains_any_case(Cadre.name, normalize_name(text)))
    return conditions


def _trial_end() -> Any:
    """End of the cadre's open trial; evaluated only for the rows of the page."""
    return (
        select(TrialPeriod.end_date)
        .where(TrialPeriod.cadre_id == Cadre.id, TrialPeriod.status.in_(OPEN_TRIAL_STATUSES))
        .order_by(TrialPeriod.end_date)
        .limit(1)
        .scalar_subquery()
    )


def _base() -> Select:
    return (
        select(
            Cadre.id,
            Cadre.name,
            Cadre.sex,
            Cadre.birth_date,
            func.coalesce(Section.name, ""),
            Cadre.post_title,
            func.coalesce(Rank.name, ""),
            Cadre.education,
            Cadre.political_status,
            Cadre.joined_department,
            Cadre.status,
            Cadre.id_number,
            _trial_end(),
        )
        .outerjoin(Section, Section.id == Cadre.section_id)
        .outerjoin(Rank, Rank.id == Cadre.rank_id)
    )


class RosterQuery:
    """Count and page the roster for one filter and sort order."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def count(self, f: RosterFilter) -> int:
        stmt = select(func.count()).select_from(Cadre).where(*_where(f))
        with self._db.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def page(
        self,
        f: RosterFilter,
        *,
        sort_key: str = "section",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[RosterRow]:
        column = _SORT_COLUMNS.get(sort_key, Section.sort_order)
        order: list[ColumnElement[Any]] = [column.desc() if descending else column.asc()]
        if sort_key == "section":
            order += [Rank.level.desc(), Rank.is_leadership.desc()]
        order += [Cadre.name_pinyin.asc(), Cadre.id.asc()]
        stmt = _base().where(*_where(f)).order_by(*order).offset(offset).limit(limit)
        with self._db.engine.connect() as conn:
            return [RosterRow(*row) for row in conn.execute(stmt)]
