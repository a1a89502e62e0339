"""`orgdesk bench ledger --size N`: filter and sort the ledger model vs raw sqlite3.

Each figure = what the 工作台账 tab does when the clerk changes a filter or
clicks a column header: the counts line (total / open / overdue / due this
week / awaiting review) plus the first screenful (40 rows, every column,
including the 「时限」 text) through `LedgerModel` and `LedgerQuery`.  The
baseline runs the same two SQL statements, written by hand, through
`sqlite3` on the same file in the same run, the two timed turn about.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from orgdesk.bench import Figure

VISIBLE_ROWS = 40
ON = date(2026, 6, 30)
MONDAY, SUNDAY = date(2026, 6, 29), date(2026, 7, 5)

COUNTS_SQL = """
SELECT count(*),
  coalesce(sum(CASE WHEN i.concluded_on IS NULL THEN 1 ELSE 0 END), 0),
  coalesce(sum(CASE WHEN i.concluded_on IS NULL AND i.due_on < :on THEN 1 ELSE 0 END), 0),
  coalesce(sum(CASE WHEN i.concluded_on IS NULL AND i.due_on BETWEEN :mon AND :sun
                    THEN 1 ELSE 0 END), 0),
  coalesce(sum(CASE WHEN i.overdue_review = '待审核' THEN 1 ELSE 0 END), 0)
FROM ledger_items i WHERE {where}
"""
PAGE_SQL = """
SELECT i.id, i.number, i.kind, i.title, coalesce(s.name, ''), i.handler_name, i.received_on,
       i.due_on, i.status, i.overdue_review, i.concluded_on, i.due_estimated, i.is_public
FROM ledger_items i LEFT JOIN sections s ON s.id = i.section_id
WHERE {where} ORDER BY {order} LIMIT 200 OFFSET 0
"""


def interleaved(ours: Callable[[], object], base: Callable[[], object], repeat: int = 9):  # type: ignore[no-untyped-def]
    """Median times of ours and the baseline, run turn about (after a warm-up of each).

    Two cores are shared with other work; alternating keeps a busy moment from
    landing on one side only.
    """
    ours()
    base()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        ours()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        base()
        b.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def make_database(path: Path, size: int, seed: int = 11) -> None:
    """`size` items over five years, every kind and status, in one transaction."""
    from sqlalchemy import insert, select

    from orgdesk.domain.ledger import ItemKind, ItemStatus, OverdueReview, WorkdayCounter
    from orgdesk.domain.workdays import WorkCalendar
    from orgdesk.services.demo import add_people
    from orgdesk.storage.database import Database
    from orgdesk.storage.models import Cadre
    from orgdesk.storage.models.ledger import LedgerItem

    rng = random.Random(seed)
    calendar = WorkCalendar()
    counter = WorkdayCounter(calendar)
    limits = {k: rng.choice((1, 2, 5, 10, 15, 20)) for k in ItemKind}
    with Database.open(path) as db:
        add_people(db, 200, rng, ON)
        with db.unit_of_work() as uow:
            s = uow.session
            people = list(s.execute(select(Cadre.id, Cadre.name, Cadre.section_id)))
            rows: list[dict] = []
            seq: dict[tuple[str, int], int] = {}
            kinds = list(ItemKind)
            statuses = list(ItemStatus)
            for n in range(size):
                kind = rng.choice(kinds)
                received = ON - timedelta(days=rng.randint(0, 5 * 365))
                due = calendar.add_workdays(received, limits[kind]).due
                status = rng.choices(statuses, weights=(1, 2, 3, 1, 1, 12))[0]
                concluded = None
                closed = None
                if not status.is_open:
                    concluded = received + timedelta(days=rng.randint(0, 40))
                    concluded = min(concluded, ON)
                    if status is ItemStatus.CLOSED:
                        closed = min(concluded + timedelta(days=rng.randint(0, 5)), ON)
                late = counter.workdays_between(due, concluded or ON) > 0
                review = rng.choice(list(OverdueReview)) if late else OverdueReview.NONE
                key = (kind.value, received.year)
                seq[key] = seq.get(key, 0) + 1
                cadre_id, name, section_id = rng.choice(people)
                rows.append(
                    {
                        "kind": kind.value,
                        "number_year": received.year,
                        "number_seq": seq[key],
                        "number": f"{kind.abbreviation}〔{received.year}〕{seq[key]}号",
                        "title": f"事项 {n} "
                        + rng.choice(("干部", "党建", "人才", "培训", "信访")),
                        "content": "",
                        "source": "",
                        "received_on": received,
                        "limit_days": limits[kind],
                        "due_on": due,
                        "due_estimated": False,
                        "due_manual": False,
                        "section_id": section_id,
                        "handler_id": cadre_id,
                        "handler_name": name,
                        "status": status.value,
                        "status_order": status.order,
                        "concluded_on": concluded,
                        "closed_on": closed,
                        "overdue_review": review.value,
                        "is_public": rng.random() < 0.3,
                        "result": "",
                    }
                )
                if len(rows) == 5000:
                    s.execute(insert(LedgerItem), rows)
                    rows = []
            if rows:
                s.execute(insert(LedgerItem), rows)
            uow.commit()
    con = sqlite3.connect(path)
    con.execute("ANALYZE")
    con.close()


def run(size: int) -> list[Figure | str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from orgdesk.domain.ledger import WorkdayCounter
    from orgdesk.services.ledger_calendar import load_calendar
    from orgdesk.services.ledger_query import ACTIVE, OPEN, LedgerFilter, LedgerQuery
    from orgdesk.storage.database import Database
    from orgdesk.ui.ledger_model import LedgerModel

    _app = QCoreApplication.instance() or QCoreApplication([])
    out: list[Figure | str] = []
    with tempfile.TemporaryDirectory(prefix="orgdesk-bench-") as tmp:
        path = Path(tmp) / "ledger.db"
        make_database(path, size)
        db = Database.open(path)
        raw = sqlite3.connect(path)
        try:
            query = LedgerQuery(db)
            counter = WorkdayCounter(load_calendar(db))
            model = LedgerModel(query, counter, ON)
            section_id, handler_id = raw.execute(
                "SELECT section_id, handler_id FROM ledger_items "
                "GROUP BY handler_id ORDER BY count(*) DESC LIMIT 1"
            ).fetchone()
            params = {"on": ON.isoformat(), "mon": MONDAY.isoformat(), "sun": SUNDAY.isoformat()}

            def touch() -> None:
                for row in range(min(VISIBLE_ROWS, model.rowCount())):
                    for column in range(model.columnCount()):
                        model.data(model.index(row, column))

            def ours(f: LedgerFilter, column: str, descending: bool) -> Callable[[], None]:
                from PySide6.QtCore import Qt

                from orgdesk.services.ledger_query import LEDGER_COLUMNS

                index = [k for k, _ in LEDGER_COLUMNS].index(column)
                order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

                def go() -> None:
                    model.sort(index, order)
                    model.set_filter(f)
                    touch()

                return go

            def base(where: str, order: str) -> Callable[[], None]:
                def go() -> None:
                    raw.execute(COUNTS_SQL.format(where=where), params).fetchone()
                    raw.execute(PAGE_SQL.format(where=where, order=order), params).fetchall()

                return go

            cases = (
                (
                    "ledger-working-list",  # what the tab shows first: 未注销, most urgent first
                    LedgerFilter(status=ACTIVE),
                    ("deadline", False),
                    "i.closed_on IS NULL",
                    "i.concluded_on IS NOT NULL, i.due_on, i.id",
                ),
                (
                    "ledger-all",
                    LedgerFilter(),
                    ("due_on", False),
                    "1",
                    "i.due_on, i.id",
                ),
                (
                    "ledger-kind-overdue",
                    LedgerFilter(kind="信访", overdue=True),
                    ("handler_name", True),
                    "i.kind = '信访' AND i.due_on < coalesce(i.concluded_on, :on)",
                    "i.handler_name DESC, i.id DESC",
                ),
                (
                    "ledger-section-open",
                    LedgerFilter(section_id=section_id, status=OPEN),
                    ("received_on", True),
                    f"i.section_id = {section_id} AND i.concluded_on IS NULL",
                    "i.received_on DESC, i.id DESC",
                ),
                (
                    "ledger-handler-status",
                    LedgerFilter(handler_id=handler_id, status="已注销"),
                    ("number", False),
                    f"i.handler_id = {handler_id} AND i.status = '已注销'",
                    "i.number_year, i.kind, i.number_seq, i.id",
                ),
                (
                    "ledger-due-this-week",
                    LedgerFilter(due_this_week=True),
                    ("status", False),
                    "i.concluded_on IS NULL AND i.due_on BETWEEN :mon AND :sun",
                    "i.status_order, i.id",
                ),
                (
                    "ledger-text",
                    LedgerFilter(text="党建"),
                    ("due_on", True),
                    "(i.title LIKE '%党建%' ESCAPE '\\' OR i.number LIKE '%党建%' ESCAPE '\\' "
                    "OR i.party LIKE '%党建%' ESCAPE '\\' "
                    "OR i.handler_name LIKE '%党建%' ESCAPE '\\')",
                    "i.due_on DESC, i.id DESC",
                ),
            )
            for name, f, (column, descending), where_sql, order_sql in cases:
                ours_fn = ours(f, column, descending)
                ours_fn()
                shown = model.rowCount()
                out.append(Figure(name, *interleaved(ours_fn, base(where_sql, order_sql))))
                out.append(f"  {name}: {shown} matching items")
        finally:
            raw.close()
            db.close()
    return out
