"""`orgdesk bench roster --size N`: open and filter the roster model vs raw sqlite3.

"Open" = count the active roster and fetch the first screenful (40 rows, every
column) through `RosterModel`, as the view does when the tab appears.
"Filter" = the same after typing a surname into the search box.
The baseline runs the equivalent SQL directly through `sqlite3` on the same file.
Memory: peak Python allocations while opening and scrolling 20,000 rows,
at N/10 and at N cadres — flat means the model does not materialise the table.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import tracemalloc
from datetime import date
from pathlib import Path

from orgdesk.bench import Figure, best_of

VISIBLE_ROWS = 40
BASE_SQL = """
SELECT c.id, c.name, c.sex, c.birth_date, coalesce(s.name, ''), c.post_title,
       coalesce(r.name, ''), c.education, c.political_status, c.joined_department,
       c.status, c.id_number,
       (SELECT t.end_date FROM trial_periods t WHERE t.cadre_id = c.id
        AND t.status IN ('试用中', '已延长') ORDER BY t.end_date LIMIT 1)
FROM cadres c LEFT JOIN sections s ON s.id = c.section_id LEFT JOIN ranks r ON r.id = c.rank_id
WHERE c.status != '已调出' {extra}
ORDER BY s.sort_order, r.level DESC, r.is_leadership DESC, c.name_pinyin, c.id LIMIT 200 OFFSET 0
"""


def make_database(path: Path, size: int, seed: int = 7) -> None:
    from orgdesk.services.demo import add_people
    from orgdesk.storage.database import Database

    with Database.open(path) as db:
        add_people(db, size, random.Random(seed), date(2026, 6, 30))


def run(size: int) -> list[Figure | str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from orgdesk.services.roster import RosterFilter, RosterQuery
    from orgdesk.storage.database import Database
    from orgdesk.ui.roster_model import RosterModel

    _app = QCoreApplication.instance() or QCoreApplication([])
    out: list[Figure | str] = []
    with tempfile.TemporaryDirectory(prefix="orgdesk-bench-") as tmp:
        path = Path(tmp) / "roster.db"
        make_database(path, size)
        db = Database.open(path)
        raw = sqlite3.connect(path)
        try:
            query = RosterQuery(db)

            def touch(model: RosterModel) -> None:
                for row in range(min(VISIBLE_ROWS, model.rowCount())):
                    for column in range(model.columnCount()):
                        model.data(model.index(row, column))

            def ours_open() -> None:
                touch(RosterModel(query))

            def base_open() -> None:
                raw.execute("SELECT count(*) FROM cadres WHERE status != '已调出'").fetchone()
                raw.execute(BASE_SQL.format(extra="")).fetchall()

            model = RosterModel(query)

            def ours_filter() -> None:
                model.set_filter(RosterFilter(text="张"))
                touch(model)

            like = "AND c.name LIKE '%张%' ESCAPE '\\'"

            def base_filter() -> None:
                raw.execute(
                    "SELECT count(*) FROM cadres c WHERE c.status != '已调出' " + like
                ).fetchone()
                raw.execute(BASE_SQL.format(extra=like)).fetchall()

            out.append(Figure("roster-open", best_of(ours_open), best_of(base_open)))
            out.append(Figure("roster-filter", best_of(ours_filter), best_of(base_filter)))
        finally:
            raw.close()
            db.close()
        big = _peak_scroll_memory(path)
        small_path = Path(tmp) / "small.db"
        make_database(small_path, max(size // 10, 1))
        small = _peak_scroll_memory(small_path)
        out.append(
            f"roster-memory: peak at {size} cadres={big / 1e6:.2f} MB, "
            f"at {max(size // 10, 1)} cadres={small / 1e6:.2f} MB, ratio={big / small:.2f}"
        )
    return out


def _peak_scroll_memory(path: Path) -> int:
    from orgdesk.services.roster import RosterQuery
    from orgdesk.storage.database import Database
    from orgdesk.ui.roster_model import RosterModel

    with Database.open(path) as db:
        tracemalloc.start()
        model = RosterModel(RosterQuery(db))
        for row in range(0, min(model.rowCount(), 20_000), 37):
            model.data(model.index(row, 0))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak
