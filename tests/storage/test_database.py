"""Opening a database file: create, migrate, configure, lock, refuse, check."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from orgdesk.domain.settings import SETTINGS
from orgdesk.storage.database import Database, check_database
from orgdesk.storage.errors import DatabaseInUse, SchemaTooNew
from orgdesk.storage.migrate import current_revision, head_revision
from orgdesk.storage.models import Rank, Section, Setting

CJK = re.compile(r"[\u4e00-\u9fff]")


def tables_of(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


# -- (1) a new file is created, migrated and configured --------------------------------


def test_open_creates_and_migrates_new_file(db_path: Path) -> None:
    assert not db_path.exists()
    db = Database.open(db_path)
    try:
        assert db_path.exists()
        assert db.path == db_path.resolve()
        assert current_revision(db_path) == head_revision()
        assert {"cadres", "postings", "sections", "ranks", "posts", "settings"} <= tables_of(
            db_path
        )
        assert db.migration is not None
        assert db.migration.from_revision is None
        assert db.migration.to_revision == head_revision()
        assert db.migration.backup is None  # nothing to back up in a new file
        with db.unit_of_work() as uow:
            assert uow.session.scalar(select(Section.id).limit(1)) is not None
            assert uow.session.scalar(select(Rank.id).limit(1)) is not None
    finally:
        db.close()


def test_open_an_existing_file_at_head_does_not_migrate_or_back_up(db_path: Path) -> None:
    Database.open(db_path).close()
    again = Database.open(db_path)
    try:
        assert again.migration is not None
        assert again.migration.from_revision == head_revision()
        assert again.migration.backup is None
    finally:
        again.close()
    assert not (db_path.parent / "backups").exists()


@pytest.mark.sqlite_only  # SQLite pragmas (PostgreSQL always enforces foreign keys)
def test_sessions_use_wal_and_foreign_keys(db: Database) -> None:
    with db.unit_of_work() as uow:
        assert uow.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert uow.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced_in_a_unit_of_work(db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with db.unit_of_work() as uow, pytest.raises(IntegrityError):
        uow.session.execute(
            text(
                "INSERT INTO postings (cadre_id, unit, post_title, start_date, note) "
                "VALUES (9999, '本部', '科员', '2020-01-01', '')"
            )
        )


def test_settings_table_holds_every_setting_with_its_default(db: Database) -> None:
    with db.unit_of_work() as uow:
        stored = dict(uow.session.execute(select(Setting.key, Setting.value)).all())
    assert set(stored) == {s.key for s in SETTINGS}
    for spec in SETTINGS:
        assert float(stored[spec.key]) == pytest.approx(spec.default), spec.key


def test_a_missing_setting_is_restored_and_a_changed_one_kept(
    fresh_location: Path | str,
) -> None:
    with Database.open(fresh_location) as first, first.unit_of_work() as uow:
        uow.session.execute(text("DELETE FROM settings WHERE key = 'rotation.years'"))
        uow.session.execute(text("UPDATE settings SET value = '5' WHERE key = 'trial.max_months'"))
        uow.commit()
    with Database.open(fresh_location) as db, db.unit_of_work() as uow:
        assert uow.session.get(Setting, "rotation.years").value == "3"
        assert uow.session.get(Setting, "trial.max_months").value == "5"


# -- (3) a newer schema is refused -----------------------------------------------------


def test_schema_newer_than_the_code_is_refused(db_path: Path) -> None:
    Database.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNew) as caught:
        Database.open(db_path)
    message = str(caught.value)
    assert CJK.search(message)
    assert "9999_from_the_future" in message
    assert "更新版本" in message
    # Nothing was touched and the lock was let go.
    assert current_revision(db_path) == "9999_from_the_future"
    assert not (db_path.parent / "backups").exists()
    from orgdesk.storage.lock import DatabaseLock

    lock = DatabaseLock(db_path.resolve())
    lock.acquire()
    lock.release()


# -- (4) one OrgDesk per file ------------------------------------------------------------


def test_second_open_is_refused_while_the_first_is_open(db_path: Path) -> None:
    first = Database.open(db_path)
    try:
        with pytest.raises(DatabaseInUse) as caught:
            Database.open(db_path)
        assert "已被另一个 OrgDesk 打开" in str(caught.value)
        # The refused open must not have released the first one's lock.
        with pytest.raises(DatabaseInUse):
            Database.open(db_path)
    finally:
        first.close()
    second = Database.open(db_path)
    second.close()


def test_non_exclusive_open_does_not_take_the_lock(db_path: Path) -> None:
    with Database.open(db_path):
        reader = Database.open(db_path, exclusive=False)
        reader.close()


# -- (5) orgdesk check ---------------------------------------------------------------------


def test_check_passes_on_a_fresh_database(db_path: Path) -> None:
    Database.open(db_path).close()
    report = check_database(db_path)
    assert report.ok, report.lines
    assert any("完整性检查：通过" in line for line in report.lines)
    assert any("外键检查：通过" in line for line in report.lines)
    assert any(head_revision() in line and "最新" in line for line in report.lines)


def test_check_fails_on_an_empty_database_without_schema(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA user_version = 1")  # a real, valid, empty SQLite file
    con.commit()
    con.close()
    report = check_database(db_path)
    assert not report.ok
    assert any("不是本程序的最新版本" in line for line in report.lines)


def test_check_fails_when_the_schema_stamp_is_behind(db_path: Path) -> None:
    Database.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    report = check_database(db_path)
    assert not report.ok
    assert any("数据结构版本：无" in line for line in report.lines)


def test_check_fails_when_a_foreign_key_is_broken(db_path: Path) -> None:
    Database.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(
        "INSERT INTO postings (cadre_id, unit, post_title, start_date, note) "
        "VALUES (4242, '本部', '科员', '2020-01-01', '')"
    )
    con.commit()
    con.close()
    report = check_database(db_path)
    assert not report.ok
    assert any("外键检查：未通过" in line and "postings" in line for line in report.lines)


def test_check_command_exit_status_follows_the_report(db_path: Path, capsys) -> None:
    from orgdesk.cli.main import main

    Database.open(db_path).close()
    assert main(["check", "--db", str(db_path)]) == 0
    assert "结论：数据库正常" in capsys.readouterr().out

    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(
        "INSERT INTO postings (cadre_id, unit, post_title, start_date, note) "
        "VALUES (4242, '本部', '科员', '2020-01-01', '')"
    )
    con.commit()
    con.close()
    assert main(["check", "--db", str(db_path)]) == 1
    assert "数据库有问题" in capsys.readouterr().out


def test_check_reports_a_missing_file(tmp_path: Path) -> None:
    report = check_database(tmp_path / "nope.db")
    assert not report.ok
    assert "不存在" in report.lines[0]


def test_check_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all " * 100)
    report = check_database(junk)
    assert not report.ok
    assert CJK.search(" ".join(report.lines))
