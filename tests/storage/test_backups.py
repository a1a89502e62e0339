"""Backups: rotation, listing, restore with a safety backup first (issue 9)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from orgdesk.domain.errors import OrgDeskError
from orgdesk.storage.backup import (
    backups_dir_for,
    daily_backup,
    list_backups,
    online_backup,
    restore_backup,
    rotate,
)
from orgdesk.storage.database import Database


def _section_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM sections").fetchone()[0]
    finally:
        con.close()


def _fake(db_path: Path, when: datetime, reason: str) -> Path:
    folder = backups_dir_for(db_path)
    folder.mkdir(exist_ok=True)
    path = folder / f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-{reason}.db"
    path.write_bytes(b"")
    return path


@pytest.mark.sqlite_only  # backups/restore of the SQLite file itself
def test_daily_backup_once_a_day(db: Database) -> None:
    first = daily_backup(db.path, keep_daily=7, keep_monthly=12)
    second = daily_backup(db.path, keep_daily=7, keep_monthly=12)
    assert first is not None and first.exists()
    assert second is None
    assert [b.reason for b in list_backups(db.path)] == ["daily"]


def test_rotation_keeps_last_days_and_first_of_each_month(db_path: Path) -> None:
    db_path.write_bytes(b"")
    start = datetime(2025, 1, 1, 9, 0, 0)
    made = [_fake(db_path, start + timedelta(days=i), "daily") for i in range(120)]
    events = [_fake(db_path, start + timedelta(minutes=i), "before-import") for i in range(15)]
    rotate(db_path, keep_daily=7, keep_monthly=3, keep_events=10)
    left = {b.path for b in list_backups(db_path)}
    assert set(made[-7:]) <= left
    firsts = {p for p in made if p.name.split("-")[1].endswith("01")}
    newest_three_months = sorted(firsts)[-3:]
    assert set(newest_three_months) <= left
    assert len([p for p in left if p in made]) == 10  # 7 newest days + 1 Feb, 1 Mar, 1 Apr
    assert len([p for p in left if p in events]) == 10
    assert set(events[-10:]) <= left


@pytest.mark.sqlite_only  # backups/restore of the SQLite file itself
def test_restore_replaces_content_after_a_safety_backup(db: Database) -> None:
    before = online_backup(db.path, "manual")
    with db.unit_of_work() as uow:
        uow.session.execute(
            text(
                "INSERT INTO sections(name, kind, sort_order, active) VALUES ('新科室','业务科室',9,1)"
            )
        )
        uow.commit()
    changed = _section_count(db.path)
    safety = db.restore_from(before)
    assert _section_count(db.path) == changed - 1
    assert "before-restore" in safety.name
    assert _section_count(safety) == changed  # the state before the restore is kept


@pytest.mark.sqlite_only  # backups/restore of the SQLite file itself
def test_restore_refuses_a_file_that_is_not_a_backup(db: Database, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    before = _section_count(db.path)
    with pytest.raises(OrgDeskError, match="备份"):
        restore_backup(junk, db.path)
    assert _section_count(db.path) == before


def test_backup_to_unwritable_folder_is_a_chinese_message(db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(OrgDeskError, match="无法创建备份文件夹"):
        db.backup("manual", blocker / "sub")
