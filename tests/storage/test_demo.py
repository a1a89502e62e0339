"""build_demo: a deterministic, realistic department."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from orgdesk.domain.idcard import parse_id_number
from orgdesk.domain.names import name_initials
from orgdesk.domain.people import SectionKind
from orgdesk.services.demo import build_demo
from orgdesk.storage.database import Database, check_database
from orgdesk.storage.models import Cadre, Posting, Section

DEMO_TODAY = date(2026, 6, 30)  # as in the demo_db fixture


def people_of(db: Database) -> list[tuple]:
    with db.unit_of_work() as uow:
        return list(
            uow.session.execute(
                select(
                    Cadre.name,
                    Cadre.id_number,
                    Cadre.section_id,
                    Cadre.rank_id,
                    Cadre.status,
                    Cadre.joined_department,
                ).order_by(Cadre.id)
            ).all()
        )


def postings_of(db: Database) -> list[tuple]:
    with db.unit_of_work() as uow:
        return list(
            uow.session.execute(
                select(
                    Posting.cadre_id,
                    Posting.unit,
                    Posting.section_id,
                    Posting.post_title,
                    Posting.start_date,
                    Posting.end_date,
                ).order_by(Posting.id)
            ).all()
        )


def test_same_seed_and_day_give_the_same_department(demo_db: Database, tmp_path: Path) -> None:
    with build_demo(tmp_path / "again.db", people=40, seed=1, today=DEMO_TODAY) as again:
        assert people_of(again) == people_of(demo_db)
        assert postings_of(again) == postings_of(demo_db)


def test_another_seed_gives_other_people(demo_db: Database, tmp_path: Path) -> None:
    with build_demo(tmp_path / "other.db", people=40, seed=2, today=DEMO_TODAY) as other:
        assert [p[:2] for p in people_of(other)] != [p[:2] for p in people_of(demo_db)]


def test_demo_has_the_people_asked_for_with_valid_unique_ids(demo_db: Database) -> None:
    people = people_of(demo_db)
    assert len(people) >= 40  # the 40 asked for, plus the intake batches' hires
    numbers = [p[1] for p in people]
    assert len(set(numbers)) == len(people)
    for number in numbers:
        assert parse_id_number(number, today=DEMO_TODAY).number == number


def test_demo_has_sections_of_all_three_kinds(demo_db: Database) -> None:
    with demo_db.unit_of_work() as uow:
        kinds = set(uow.session.scalars(select(Section.kind)))
    assert kinds == {k.value for k in SectionKind}


def test_a_small_demo_still_staffs_every_section(demo_db: Database) -> None:
    """40 people are spread over all seven sections, not poured into the first three."""
    with demo_db.unit_of_work() as uow:
        staffed = dict(
            uow.session.execute(
                select(Section.name, func.count(Cadre.id))
                .outerjoin(Cadre, Cadre.section_id == Section.id)
                .group_by(Section.id)
            ).all()
        )
    empty = sorted(name for name, n in staffed.items() if n == 0)
    assert empty == [], f"sections without anyone: {empty}"
    with demo_db.unit_of_work() as uow:
        kinds_used = set(
            uow.session.scalars(
                select(Section.kind).join(Cadre, Cadre.section_id == Section.id).distinct()
            )
        )
    assert kinds_used == {k.value for k in SectionKind}


def test_demo_names_include_the_rare_characters(demo_db: Database) -> None:
    names = "".join(p[0] for p in people_of(demo_db))
    for ch in "堃䶮珺喆":
        assert ch in names, ch
    with demo_db.unit_of_work() as uow:
        rows = uow.session.execute(select(Cadre.name, Cadre.name_initials)).all()
    for name, initials in rows:
        assert initials == name_initials(name)
        assert initials  # even 䶮 must not leave a name unsearchable


def test_demo_has_cadres_on_trial(demo_db: Database) -> None:
    trial = [p for p in people_of(demo_db) if p[4] == "试用期"]
    assert 1 <= len(trial) <= len(people_of(demo_db)) // 4
    for person in trial:
        assert (DEMO_TODAY - person[5]).days <= 366  # joined recently (some trials overdue)


def test_demo_posting_histories_span_a_decade(demo_db: Database) -> None:
    postings = postings_of(demo_db)
    by_cadre: dict[int, list[tuple]] = {}
    for line in postings:
        by_cadre.setdefault(line[0], []).append(line)
    assert len(by_cadre) >= 40
    earliest = min(line[4] for line in postings)
    assert (DEMO_TODAY - earliest).days >= 10 * 365
    assert max(len(lines) for lines in by_cadre.values()) >= 3
    left = {p[0] for p in people_ids_left(demo_db)}
    for cadre_id, lines in by_cadre.items():
        open_in_department = [p for p in lines if p[5] is None and p[2] is not None]
        assert len(open_in_department) == (0 if cadre_id in left else 1)
        for line in lines:
            assert line[5] is None or line[5] >= line[4]
            assert line[4] <= DEMO_TODAY


def test_each_cadre_mirrors_the_open_posting(demo_db: Database) -> None:
    with demo_db.unit_of_work() as uow:
        rows = uow.session.execute(
            select(Cadre.section_id, Cadre.post_title, Posting.section_id, Posting.post_title)
            .join(Posting, Posting.cadre_id == Cadre.id)
            .where(Posting.end_date.is_(None), Posting.section_id.is_not(None))
        ).all()
    assert len(rows) >= 40 - len(people_ids_left(demo_db))
    for cadre_section, cadre_post, section, post in rows:
        assert (cadre_section, cadre_post) == (section, post)


def test_demo_database_passes_the_check(demo_db: Database) -> None:
    assert check_database(demo_db.location).ok


def test_demo_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        build_demo(path, people=5, seed=1, today=date(2026, 6, 30))
    assert path.read_bytes() == b"precious"


def test_default_demo_size(fresh_location: Path | str) -> None:
    with build_demo(fresh_location, seed=7, today=DEMO_TODAY) as db, db.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Cadre)) >= 120


def people_ids_left(db: Database) -> list[tuple[int]]:
    with db.unit_of_work() as uow:
        return [(i,) for i in uow.session.scalars(select(Cadre.id).where(Cadre.status == "已调出"))]
