"""The ledger (工作台账) as SQL: filtered, counted, sorted and paged in the database.

Like the roster, nothing here materialises the whole table: the model asks for
the counts once per filter and for one page of rows at a time.  "Overdue"
depends on the day you look (`on`), so it is a parameter of every query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, case, extract, func, or_, select

from orgdesk.domain.ledger import OverdueReview, week_bounds
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.ledger import LedgerItem
from orgdesk.storage.text_match import contains_any_case

ACTIVE = "未注销"  # the working list: anything still needing a step, signatures included
OPEN = "未办结"  # the handler has not signed yet: the clock is running
REVIEW_PENDING = "超期说明待审核"


@dataclass(frozen=True)
class LedgerFilter:
    text: str = ""
    kind: str | None = None
    section_id: int | None = None
    handler_id: int | None = None
    status: str | None = None  # an ItemStatus value, ACTIVE, OPEN or REVIEW_PENDING
    overdue: bool = False
    due_this_week: bool = False
    year: int | None = None  # year received
    public_only: bool = False


@dataclass(frozen=True)
class LedgerRow:
    id: int
    number: str
    kind: str
    title: str
    section: str
    handler_name: str
    received_on: date
    due_on: date
    status: str
    overdue_review: str
    concluded_on: date | None
    due_estimated: bool
    is_public: bool


@dataclass(frozen=True)
class LedgerCounts:
    total: int = 0
    open: int = 0
    overdue: int = 0  # open and past due as of `on`
    due_this_week: int = 0
    review_pending: int = 0


# (key, 中文表头) in display order.  "deadline" is computed from due_on in the model.
LEDGER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "编号"),
    ("kind", "类别"),
    ("title", "事由"),
    ("section", "承办科室"),
    ("handler_name", "经办人"),
    ("received_on", "登记日期"),
    ("due_on", "办理期限"),
    ("deadline", "时限"),
    ("status", "状态"),
    ("overdue_review", "超期说明"),
)

_SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "number": (LedgerItem.number_year, LedgerItem.kind, LedgerItem.number_seq),
    "kind": (LedgerItem.kind,),
    "title": (LedgerItem.title,),
    "section": (Section.sort_order,),
    "handler_name": (LedgerItem.handler_name,),
    "received_on": (LedgerItem.received_on,),
    "due_on": (LedgerItem.due_on,),
    # 时限: what still runs first (open items by due date), then what is concluded.
    "deadline": (LedgerItem.concluded_on.is_not(None), LedgerItem.due_on),
    "status": (LedgerItem.status_order,),
    "overdue_review": (LedgerItem.overdue_review,),
}


def overdue_condition(on: date) -> ColumnElement[bool]:
    """Past due as of `on`: open and due before it, or concluded after the due date."""
    return LedgerItem.due_on < func.coalesce(LedgerItem.concluded_on, on)


def where(f: LedgerFilter, on: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.kind:
        conditions.append(LedgerItem.kind == f.kind)
    if f.section_id is not None:
        conditions.append(LedgerItem.section_id == f.section_id)
    if f.handler_id is not None:
        conditions.append(LedgerItem.handler_id == f.handler_id)
    if f.status == ACTIVE:
        conditions.append(LedgerItem.closed_on.is_(None))
    elif f.status == OPEN:
        conditions.append(LedgerItem.concluded_on.is_(None))
    elif f.status == REVIEW_PENDING:
        conditions.append(LedgerItem.overdue_review == OverdueReview.PENDING.value)
    elif f.status:
        conditions.append(LedgerItem.status == f.status)
    if f.overdue:
        conditions.append(overdue_condition(on))
    if f.due_this_week:
        monday, sunday = week_bounds(on)
        conditions.append(LedgerItem.concluded_on.is_(None))
        conditions.append(LedgerItem.due_on.between(monday, sunday))
    if f.year is not None:
        conditions.append(LedgerItem.received_on.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    if f.public_only:
        conditions.append(LedgerItem.is_public.is_(True))
    text = f.text.strip()
    if text:
        conditions.append(
            or_(
                contains_any_case(LedgerItem.title, text),
                contains_any_case(LedgerItem.number, text),
                contains_any_case(LedgerItem.party, text),
                contains_any_case(LedgerItem.handler_name, text),
            )
        )
    return conditions


@lru_cache(maxsize=64)
# Building a statement costs about a millisecond; the same filter is asked for
# again and again while the clerk scrolls, so statements are kept (they are immutable).
def counts_statement(f: LedgerFilter, on: date) -> Select:
    monday, sunday = week_bounds(on)
    is_open = LedgerItem.concluded_on.is_(None)
    return (
        select(
            func.count(),
            func.coalesce(func.sum(case((is_open, 1), else_=0)), 0),
            func.coalesce(func.sum(case((is_open & (LedgerItem.due_on < on), 1), else_=0)), 0),
            func.coalesce(
                func.sum(case((is_open & LedgerItem.due_on.between(monday, sunday), 1), else_=0)),
                0,
            ),
            func.coalesce(
                func.sum(
                    case((LedgerItem.overdue_review == OverdueReview.PENDING.value, 1), else_=0)
                ),
                0,
            ),
        )
        .select_from(LedgerItem)
        .where(*where(f, on))
    )


@lru_cache(maxsize=256)
def page_statement(
    f: LedgerFilter, on: date, *, sort_key: str, descending: bool, offset: int, limit: int
) -> Select:
    columns = _SORT_COLUMNS.get(sort_key, _SORT_COLUMNS["due_on"])
    order = [c.desc() if descending else c.asc() for c in columns]
    order.append(LedgerItem.id.desc() if descending else LedgerItem.id.asc())
    return (
        select(
            LedgerItem.id,
            LedgerItem.number,
            LedgerItem.kind,
            LedgerItem.title,
            func.coalesce(Section.name, ""),
            LedgerItem.handler_name,
            LedgerItem.received_on,
            LedgerItem.due_on,
            LedgerItem.status,
            LedgerItem.overdue_review,
            LedgerItem.concluded_on,
            LedgerItem.due_estimated,
            LedgerItem.is_public,
        )
        .outerjoin(Section, Section.id == LedgerItem.section_id)
        .where(*where(f, on))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )


class LedgerQuery:
    """Count and page the ledger for one filter, sort order and day."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def counts(self, f: LedgerFilter, on: date) -> LedgerCounts:
        with self._db.engine.connect() as conn:
            row = conn.execute(counts_statement(f, on)).one()
        return LedgerCounts(*(int(v) for v in row))

    def page(
        self,
        f: LedgerFilter,
        on: date,
        *,
        sort_key: str = "due_on",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[LedgerRow]:
        stmt = page_statement(
            f, on, sort_key=sort_key, descending=descending, offset=offset, limit=limit
        )
        with self._db.engine.connect() as conn:
            return [LedgerRow(*row) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class HandlerChoice:
    id: int
    name: str
    section: str


def handler_choices(db: Database) -> list[HandlerChoice]:
    """People who handle at least one item (for the 经办人 filter)."""
    stmt = (
        select(
            LedgerItem.handler_id,
            func.max(LedgerItem.handler_name),
            func.coalesce(func.max(Section.name), ""),
        )
        .outerjoin(Section, Section.id == LedgerItem.section_id)
        .outerjoin(Cadre, Cadre.id == LedgerItem.handler_id)
        .where(LedgerItem.handler_id.is_not(None))
        .group_by(LedgerItem.handler_id)
        .order_by(func.max(Cadre.name_pinyin))
    )
    with db.engine.connect() as conn:
        return [HandlerChoice(i, n, sec) for i, n, sec in conn.execute(stmt) if i is not None]


def received_years(db: Database) -> list[int]:
    """Years that have items, newest first (for the 年度 filter)."""
    stmt = select(func.distinct(extract("year", LedgerItem.received_on)))
    with db.engine.connect() as conn:
        return sorted((int(y) for (y,) in conn.execute(stmt) if y), reverse=True)
