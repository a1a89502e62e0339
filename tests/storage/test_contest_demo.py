"""The demo gains one finished contest and one in progress, built through the services."""

from __future__ import annotations

from orgdesk.domain.contest import Phase
from orgdesk.services.contest_views import contest_detail, list_contests
from orgdesk.services.eligibility import list_assessments
from orgdesk.services.people import get_cadre
from orgdesk.storage.database import Database


def test_demo_has_a_finished_and_a_running_contest(demo_db: Database) -> None:
    contests = list_contests(demo_db)
    phases = sorted(c.phase.order for c in contests)
    assert len(contests) == 2
    assert phases[-1] == Phase.APPOINTMENT.order and phases[0] < Phase.APPOINTMENT.order
    finished = next(c for c in contests if c.phase is Phase.APPOINTMENT)
    detail = contest_detail(demo_db, finished.id)
    [appointed] = [r for r in detail.registrations if r.appointed]
    cadre, _ = get_cadre(demo_db, appointed.cadre_id)
    assert cadre.post_title == "副科长"
    assert any(p.note.startswith("竞争上岗：") for p in cadre.postings)
    assert any(r.dropped_phase is Phase.RECOMMENDATION for r in detail.registrations)
    assert len(detail.log) == 10
    running = contest_detail(demo_db, next(c for c in contests if c is not finished).id)
    assert len(running.active()) > len(running.posts)
    assert list_assessments(demo_db)
