"""Small builders for the 交流轮岗 storage and UI tests: real cadres through real services."""

from __future__ import annotations

from datetime import date

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput, PostingInput
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database
from orgdesk.storage.models import Post

TODAY = date(2026, 6, 30)


def section_id(db: Database, name: str) -> int:
    found = reference_data(db).section_by_name(name)
    assert found is not None, name
    return found.id


def rank_id(db: Database, name: str) -> int:
    found = reference_data(db).rank_by_name(name)
    assert found is not None, name
    return found.id


def add_person(
    db: Database,
    n: int,
    name: str,
    section: str,
    post: str,
    since: date,
    *,
    earlier: tuple[tuple[str, date, date], ...] = (),
    rank: str = "一级科员",
) -> int:
    """A cadre whose current post began on `since`, after the `earlier` (section, from, to)."""
    postings = [
        PostingInput("本部", "科员", a, b, section_id(db, sec), rank_id(db, "一级科员"))
        for sec, a, b in earlier
    ]
    postings.append(
        PostingInput("本部", post, since, None, section_id(db, section), rank_id(db, rank))
    )
    first = min(p.start_date for p in postings if p.start_date)
    saved = save_cadre(
        db,
        CadreInput(
            name=name,
            id_number=make_id_number("410102", date(1985, 1, 1 + n), 11 + 2 * n),
            section_id=section_id(db, section),
            post_title=post,
            rank_id=rank_id(db, rank),
            first_employment=first,
            joined_department=first,
            postings=postings,
        ),
        today=TODAY,
    )
    return saved.id


def add_posts(db: Database) -> None:
    """科长 (1 seat, chief) and 科员 (5 seats) in every section, as the foundation demo does."""
    with db.unit_of_work() as uow:
        for sec in reference_data(db).sections:
            uow.session.add(
                Post(section_id=sec.id, title="科长", level=3, is_leadership=True, is_chief=True)
            )
            uow.session.add(Post(section_id=sec.id, title="科员", level=1, headcount=5))
        uow.commit()
