"""A move approved for a later date shows in the roster on that date, not before."""

from __future__ import annotations

from datetime import date, timedelta

from orgdesk.services.people import Move, apply_move, get_cadre, sync_current_posts
from orgdesk.services.reference import reference_data
from orgdesk.services.roster import RosterFilter, RosterQuery
from orgdesk.storage.database import Database


def test_a_future_move_waits_for_its_date(demo_db: Database) -> None:
    ref = reference_data(demo_db)
    row = RosterQuery(demo_db).page(RosterFilter(), limit=1)[0]
    target = next(s for s in ref.sections if s.name != row.section)
    today = date(2026, 7, 1)
    effective = today + timedelta(days=30)
    with demo_db.unit_of_work() as uow:
        apply_move(
            uow.session,
            Move(row.id, effective, target.id, "科员", None),
            today=today,
        )
        uow.commit()
    data, _ = get_cadre(demo_db, row.id)
    assert data.postings[-1].start_date == effective  # the history knows at once
    assert sync_current_posts(demo_db, today) == 0
    assert data.section_id != target.id  # …the roster does not, yet
    assert sync_current_posts(demo_db, effective) == 1
    moved, _ = get_cadre(demo_db, row.id)
    assert (moved.section_id, moved.post_title) == (target.id, "科员")
    assert sync_current_posts(demo_db, effective) == 0
