"""The people the 工作台账 tests work with."""

from __future__ import annotations

from datetime import date

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database

STAFF = (
    ("张科长", "干部科", "科长"),
    ("李干事", "干部科", "科员"),
    ("赵科长", "组织科", "科长"),
    ("钱干事", "组织科", "科员"),
)


def add_staff(
    db: Database, people: tuple[tuple[str, str, str], ...] = STAFF
) -> dict[str, tuple[int, int]]:
    """A chief and a clerk in each of two sections; {name: (cadre_id, section_id)}."""
    ref = reference_data(db)
    found = {}
    for n, (name, section, post) in enumerate(people):
        sec = ref.section_by_name(section)
        assert sec is not None
        saved = save_cadre(
            db,
            CadreInput(
                name=name,
                id_number=make_id_number("410102", date(1980, 1, 1 + n), 11 + 2 * n),
                section_id=sec.id,
                post_title=post,
                joined_department=date(2010, 1, 1),
            ),
            today=date(2025, 1, 1),
        )
        found[name] = (saved.id, sec.id)
    return found
