"""One unit of work per user action; online backups that can be trusted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from orgdesk.storage.backup import backups_dir_for, online_backup
from orgdesk.storage.database import Database
from orgdesk.storage.models import Section


def section_names(db: Database) -> set[str]:
    with db.unit_of_work() as uow:
        return set(uow.session.scalars(select(Section.name)))


def test_unit_of_work_commits_when_asked(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.session.add(Section(name="新设科", kind="业务科室"))
        uow.commit()
    assert "新设科" in section_names(db)


def test_unit_of_work_rolls_back_when_not_committed(db: Database) -> None:
    before = section_names(db)
    with db.unit_of_work() as uow:
        uow.session.add(Section(name="未提交科", kind="业务科室"))
        uow.session.flush()  # the row is in the transaction, not yet in the file
        assert uow.session.scalar(select(Section.id).where(Section.name == "未提交科"))
    assert section_names(db) == before


def test_unit_of_work_rolls_back_when_an_action_fails_half_way(db: Database) -> None:
    before = section_names(db)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.unit_of_work() as uow:
        uow.session.add(Section(name="半途科", kind="业务科室"))
        uow.session.flush()
        first = uow.session.scalar(select(Section).where(Section.name == "办公室"))
        first.name = "被改名的办公室"
        uow.session.flush()
        raise Boom
    assert section_names(db) == before


def test_work_committed_before_a_failure_in_a_later_action_is_kept(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.session.add(Section(name="甲科", kind="业务科室"))
        uow.commit()
    with pytest.raises(ZeroDivisionError), db.unit_of_work() as uow:
        uow.session.add(Section(name="乙科", kind="业务科室"))
        uow.session.flush()
        _ = 1 / 0
    names = section_names(db)
    assert "甲科" in names
    assert "乙科" not in names


def test_session_outside_its_block_is_an_error(db: Database) -> None:
    uow = db.unit_of_work()
    with pytest.raises(RuntimeError):
        _ = uow.session
    with uow:
        pass
    with pytest.raises(RuntimeError):
        _ = uow.session


def all_rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


@pytest.mark.sqlite_only  # SQLite online backup API on the file
def test_online_backup_of_an_open_database_is_complete_and_sound(demo_db: Database) -> None:
    source = all_rows(demo_db.path)
    assert len(source["cadres"]) >= 40  # the demo people, plus those later demo steps hire
    dest = online_backup(demo_db.path, "manual")
    assert dest.parent == backups_dir_for(demo_db.path)
    assert dest.exists()
    assert "manual" in dest.name
    assert not list(dest.parent.glob("*.partial"))
    con = sqlite3.connect(dest)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()
    assert all_rows(dest) == source


@pytest.mark.sqlite_only  # SQLite online backup API on the file
def test_online_backup_sees_committed_work_still_in_the_wal(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.session.add(Section(name="刚提交科", kind="业务科室"))
        uow.commit()
    dest = online_backup(db.path, "manual")
    con = sqlite3.connect(dest)
    try:
        assert con.execute("SELECT count(*) FROM sections WHERE name='刚提交科'").fetchone() == (1,)
    finally:
        con.close()


@pytest.mark.sqlite_only  # SQLite online backup API on the file
def test_two_backups_in_the_same_second_do_not_overwrite_each_other(db: Database) -> None:
    first = online_backup(db.path, "manual")
    second = online_backup(db.path, "manual")
    assert first != second
    assert first.exists() and second.exists()


@pytest.mark.sqlite_only  # SQLite online backup API on the file
def test_backup_to_a_chosen_folder(db: Database, tmp_path: Path) -> None:
    dest = online_backup(db.path, "export", dest_dir=tmp_path / "u盘")
    assert dest.parent == tmp_path / "u盘"
    with Database.open(dest, exclusive=False) as copy, copy.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Section)) == 7


def test_text_longer_than_its_column_is_refused_on_both_backends(db: Database) -> None:
    """PostgreSQL would refuse it in English and SQLite would keep it: both refuse it the
    same way, in Chinese, naming the field, and nothing of the unit of work is written."""
    from sqlalchemy import func, select

    from orgdesk.domain.errors import ValidationFailed
    from orgdesk.storage.models import Section

    with pytest.raises(ValidationFailed) as caught, db.unit_of_work() as uow:
        uow.session.add(Section(name="新科室", kind="综合科室", sort_order=99))
        uow.session.add(Section(name="长" * 61, kind="综合科室", sort_order=100))
        uow.commit()
    (problem,) = caught.value.problems
    assert problem.field == "科室名称" and "（科室）" in problem.message
    assert "最多 60 个字，现为 61 个字" in problem.message
    with db.unit_of_work() as uow:
        found = uow.session.scalar(select(func.count(Section.id)).where(Section.name == "新科室"))
        assert found == 0
