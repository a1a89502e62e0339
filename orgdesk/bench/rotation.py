"""`orgdesk bench rotation --size N`: the 轮岗到期 list vs a per-cadre baseline.

Ours: `rotation_due_list` reads the history in a handful of bulk queries and
applies the pure domain rules.  Baseline (same run, same file):
the obvious ORM way, one cadre at a time through `Cadre.postings` (N+1 queries),
with the same rules applied, so only the data access differs.  The time of
`gap_suggestions` (no baseline) is printed as a comment line.
"""

from __future__ import annotations

import random
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import select

from orgdesk.bench import Figure, best_of

ON = date(2026, 6, 30)


def run(size: int) -> list[Figure | str]:
    from orgdesk.domain.people import SectionKind
    from orgdesk.domain.rotation import Stint, assess_rotation
    from orgdesk.services.demo import add_people
    from orgdesk.services.reference import load_settings
    from orgdesk.services.rotation import gap_suggestions, rotation_due_list
    from orgdesk.storage.database import Database
    from orgdesk.storage.models import Cadre, Section

    out: list[Figure | str] = []
    with tempfile.TemporaryDirectory(prefix="orgdesk-bench-") as tmp:
        path = Path(tmp) / "rotation.db"
        with Database.open(path) as db:
            add_people(db, size, random.Random(11), ON)
        db = Database.open(path)
        try:
            settings = load_settings(db)

            def baseline() -> int:
                due = 0
                with db.unit_of_work() as uow:
                    s = uow.session
                    kinds = {
                        i: SectionKind(k) for i, k in s.execute(select(Section.id, Section.kind))
                    }
                    for cadre in s.scalars(select(Cadre).where(Cadre.status != "已调出")):
                        history = [
                            Stint(
                                p.unit,
                                p.section_id,
                                kinds.get(p.section_id) if p.section_id else None,
                                p.post_title,
                                p.start_date,
                                p.end_date,
                                p.rank_id,
                            )
                            for p in cadre.postings  # one query per cadre
                        ]
                        found = assess_rotation(history, ON, settings)
                        due += found is not None and found.state.value < 2
                return due

            ours_due = sum(r.state.value < 2 for r in rotation_due_list(db, ON))
            assert ours_due == baseline(), "ours and the baseline disagree"
            out.append(f"# {size} cadres, {ours_due} due or overdue on {ON}")
            out.append(
                Figure(
                    "due_list_seconds",
                    best_of(lambda: rotation_due_list(db, ON), repeat=3),
                    best_of(baseline, repeat=3),
                )
            )
            suggestions = gap_suggestions(db, ON)
            seconds = best_of(lambda: gap_suggestions(db, ON), repeat=3)
            out.append(f"# gap_suggestions: {len(suggestions)} suggestions in {seconds:.3f}s")
        finally:
            db.close()
    return out
