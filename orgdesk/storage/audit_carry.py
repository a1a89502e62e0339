"""Keep the 操作日志 whole across a restore.

A restore puts back an older file, whose log ends when that backup was taken.
The entries written since then are still in the safety backup made just
before the restore; they are appended to the restored file, so a restore can
never be used to erase what happened.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, func, select

from orgdesk.storage.models.audit import AuditEntry

_COLUMNS = [c.name for c in AuditEntry.__table__.columns]


def carry_audit_entries(previous: Path, engine: Engine) -> int:
    """Append entries of `previous` newer than the restored log; returns how many."""
    table = AuditEntry.__table__
    with engine.begin() as conn:
        last = conn.execute(select(func.max(table.c.id))).scalar() or 0
        rows = _entries_after(previous, last)
        if rows:
            names = _COLUMNS[1:]  # numbered after the restored file's own entries
            marks = ", ".join("?" for _ in names)
            conn.exec_driver_sql(
                f"INSERT INTO audit_log ({', '.join(names)}) VALUES ({marks})", rows
            )
    return len(rows)


def _entries_after(path: Path, last_id: int) -> list[tuple[object, ...]]:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        has = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit_log'"
        ).fetchone()
        if not has:
            return []
        return con.execute(
            f"SELECT {', '.join(_COLUMNS[1:])} FROM audit_log WHERE id > ? ORDER BY id",
            (last_id,),
        ).fetchall()
    except sqlite3.Error:
        return []
    finally:
        con.close()
