"""Revision 0004 upgrades a foundation-only file with data in it, and can be undone."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from orgdesk.storage.database import Database
from orgdesk.storage.migrate import MIGRATIONS_DIR, alembic_config, current_revision, upgrade

ROTATION_TABLES = {
    "secondments",
    "rotation_plans",
    "rotation_moves",
    "contact_points",
    "contact_visits",
    "work_report_meetings",
    "meeting_reports",
    "meeting_attendance",
}


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def foundation_only(tmp_path: Path) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    for revision in (folder / "versions").glob("*.py"):
        if not revision.name.startswith("0001"):
            revision.unlink()
    return folder


def test_upgrade_from_foundation_keeps_people_and_adds_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade(path, script_location=foundation_only(tmp_path))
    assert current_revision(path) == "0001"
    assert not tables(path) & ROTATION_TABLES
    con = sqlite3.connect(path)  # the 0001 schema, written as that version would have
    with con:
        con.execute(
            "INSERT INTO cadres (name, name_initials, name_pinyin, id_number, sex, birth_date,"
            " ethnicity, political_status, education, degree, specialty, post_title, status,"
            " phone, note, created_at, updated_at, version)"
            " VALUES ('张三', 'zs', 'zhangsan', '11010519491231002X', '女', '1949-12-31', '汉族',"
            " '中共党员', '', '', '', '科员', '在职', '', '', '2020-01-01 00:00:00',"
            " '2020-01-01 00:00:00', 1)"
        )
    con.close()
    result = upgrade(path)
    assert result.from_revision == "0001" and result.backup is not None
    assert tables(path) >= ROTATION_TABLES
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT name FROM cadres").fetchall() == [("张三",)]
    finally:
        con.close()


def test_downgrade_removes_only_the_rotation_tables(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Database.open(path).close()
    assert tables(path) >= ROTATION_TABLES
    engine_url = f"sqlite:///{path}"
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", engine_url)
    engine = create_engine(engine_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004-1")
    engine.dispose()
    left = tables(path)
    assert not left & ROTATION_TABLES
    assert {"cadres", "postings", "posts"} <= left
