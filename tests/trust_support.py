"""Helpers shared by the trust tests (issue 9): what a database holds, row by row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from orgdesk.domain.access import Actor, Role

ADMIN = Actor("admin", "管理员", Role.ADMIN, user_id=None)
LEADER = Actor("buzhang", "王部长", Role.LEADER)
PERSONNEL_CLERK = Actor("zhangsan", "张三", Role.CLERK, frozenset({"人员与试用"}))
EVALUATION_CLERK = Actor("lisi", "李四", Role.CLERK, frozenset({"年度考核"}))
TRAINING_CLERK = Actor("wangwu", "王五", Role.CLERK, frozenset({"培训与学分"}))


def snapshot(path: Path, *, with_audit: bool = False) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), read through a fresh connection."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
            if with_audit or name != "audit_log"
        ]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def audit(path: Path, where: str = "1=1", params: tuple = ()) -> list[dict]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return [
            dict(r)
            for r in con.execute(f"SELECT * FROM audit_log WHERE {where} ORDER BY id", params)
        ]
    finally:
        con.close()


def audit_count(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    finally:
        con.close()


def copy_database(template: Path, dest: Path) -> Path:
    """A private copy of a prepared database (SQLite's backup API: consistent, fast)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(template)
    out = sqlite3.connect(dest)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    return dest
