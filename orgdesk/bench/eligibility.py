"""`orgdesk bench eligibility --size N`: the eligibility of every cadre (CLI / planning view).

Ours: `eligibility_list` for 副科级 posts — load dates, posting history and
过渡考核 of N cadres through SQLAlchemy, then every reason in Chinese.
Baseline: the same rows fetched with plain sqlite3 and nothing computed, so the
ratio is what the ORM load plus the rule engine cost over reading the data.
Also the planning view (eligible now + who reaches the years within a year).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from orgdesk.bench import Figure, best_of

ON = date(2026, 6, 30)
BASE_SQL = (
    "SELECT c.id, c.name, c.first_employment, c.joined_department FROM cadres c "
    "WHERE c.status != '已调出';"
    "SELECT p.cadre_id, p.start_date, p.end_date, p.unit, p.post_title, p.section_id, "
    "r.level, r.is_leadership, r.name, s.name, s.kind FROM postings p "
    "LEFT JOIN ranks r ON r.id = p.rank_id LEFT JOIN sections s ON s.id = p.section_id;"
    "SELECT cadre_id, assessed_on, result FROM transition_assessments"
)


def run(size: int) -> list[Figure | str]:
    from orgdesk.domain.eligibility import PostLevel
    from orgdesk.services.demo import add_people
    from orgdesk.services.demo_contest import add_assessments
    from orgdesk.services.eligibility import eligibility_list, planning_view
    from orgdesk.storage.database import Database

    out: list[Figure | str] = []
    with tempfile.TemporaryDirectory(prefix="orgdesk-bench-") as tmp:
        path = Path(tmp) / "eligibility.db"
        rng = random.Random(7)
        with Database.open(path) as db:
            add_people(db, size, rng, ON)
            add_assessments(db, rng, ON)
        db = Database.open(path)
        raw = sqlite3.connect(path)
        try:

            def base() -> None:
                for statement in BASE_SQL.split(";"):
                    raw.execute(statement).fetchall()

            def ours() -> None:
                eligibility_list(db, PostLevel.DEPUTY, ON)

            def plan() -> None:
                planning_view(db, PostLevel.CHIEF, ON)

            repeat = 3 if size > 5000 else 7
            baseline = best_of(base, repeat)
            out.append(Figure("eligibility-all", best_of(ours, repeat), baseline))
            out.append(Figure("eligibility-planning", best_of(plan, repeat), baseline))
            rows = eligibility_list(db, PostLevel.DEPUTY, ON)
            out.append(
                f"eligibility-rows: {len(rows)} cadres, {sum(len(r.eligibility.reasons) for r in rows)} reasons"
            )
        finally:
            raw.close()
            db.close()
    return out
