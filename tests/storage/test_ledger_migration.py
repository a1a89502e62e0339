"""Revision 0005 (工作台账) upgrades a foundation-only file and keeps its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from orgdesk.storage.database import Database
from orgdesk.storage.engine import make_engine
from orgdesk.storage.migrate import alembic_config, current_revision, head_revision

LEDGER_TABLES = {
    "ledger_items",
    "ledger_events",
    "ledger_signatures",
    "ledger_overdue_reasons",
    "ledger_invitees",
    "calendar_overrides",
}


def test_upgrade_from_foundation_adds_ledger_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(path)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO sections (name, kind, sort_order, active) VALUES ('测试科', '业务科室', 99, 1)"
        )
    engine.dispose()
    assert current_revision(path) == "0001"

    with Database.open(path) as db:
        assert current_revision(path) == head_revision()
        with db.engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert tables >= LEDGER_TABLES
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM sections WHERE name = '测试科'").fetchone() == (1,)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_downgrade_removes_only_ledger_tables(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    Database.open(path).close()
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()
    con = sqlite3.connect(path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()
    assert not LEDGER_TABLES & tables and {"cadres", "sections", "settings"} <= tables
