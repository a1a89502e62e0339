"""What a database holds, row by row, read past the application — on the SQLite file or
on the test PostgreSQL server alike (first written for the trust tests of issue 9)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Union

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from orgdesk.domain.access import Actor, Role

if TYPE_CHECKING:
    from orgdesk.storage.database import Database

ADMIN = Actor("admin", "管理员", Role.ADMIN, user_id=None)
LEADER = Actor("buzhang", "王部长", Role.LEADER)
PERSONNEL_CLERK = Actor("zhangsan", "张三", Role.CLERK, frozenset({"人员与试用"}))
EVALUATION_CLERK = Actor("lisi", "李四", Role.CLERK, frozenset({"年度考核"}))
TRAINING_CLERK = Actor("wangwu", "王五", Role.CLERK, frozenset({"培训与学分"}))


Target = Union["Database", Path]


@contextmanager
def _reader(target: Target) -> Iterator[Callable[..., list[tuple]]]:
    """`run(sql, params)` through a fresh read-only connection of its own — never the
    application's — to the SQLite file or the server database.  `?` marks a parameter."""
    if isinstance(target, Path):
        con = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            yield lambda sql, params=(): [tuple(r) for r in con.execute(sql, params)]
        finally:
            con.close()
        return
    if target.location.is_sqlite:
        with _reader(target.path) as run:
            yield run
        return
    engine = create_engine(target.location.url, poolclass=NullPool)
    try:
        with engine.connect() as conn:

            def run(sql: str, params: tuple = ()) -> list[tuple]:
                # psycopg's placeholders are %s, so a literal % (LIKE '登录%') is doubled
                sql = sql.replace("%", "%%").replace("?", "%s")
                return [tuple(r) for r in conn.exec_driver_sql(sql, tuple(params))]

            yield run
    finally:
        engine.dispose()


def _tables(target: Target, run: Callable[..., list[tuple]]) -> list[str]:
    if isinstance(target, Path) or target.location.is_sqlite:
        query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    return sorted(name for (name,) in run(query))


def rows(target: Target, sql: str, *params: object) -> list[tuple]:
    """The rows of one query (`?` marks a parameter) through a fresh connection."""
    with _reader(target) as run:
        return run(sql, params)


def snapshot(target: Target, *, with_audit: bool = False) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), read through a fresh connection."""
    with _reader(target) as run:
        tables = [t for t in _tables(target, run) if with_audit or t != "audit_log"]
        return {t: sorted(run(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


def audit(target: Target, where: str = "1=1", params: tuple = ()) -> list[dict]:
    with _reader(target) as run:
        names = [c for (c,) in run(AUDIT_COLUMNS_SQL[_kind(target)])]
        rows = run(f"SELECT * FROM audit_log WHERE {where} ORDER BY id", params)
        return [dict(zip(names, row, strict=True)) for row in rows]


def audit_count(target: Target) -> int:
    with _reader(target) as run:
        return int(run("SELECT count(*) FROM audit_log")[0][0])


AUDIT_COLUMNS_SQL = {
    "sqlite": "SELECT name FROM pragma_table_info('audit_log') ORDER BY cid",
    "postgresql": "SELECT column_name FROM information_schema.columns "
    "WHERE table_name = 'audit_log' AND table_schema = current_schema() ORDER BY ordinal_position",
}


def _kind(target: Target) -> str:
    return "sqlite" if isinstance(target, Path) or target.location.is_sqlite else "postgresql"


def backups_of(database: Database) -> list[Path]:
    """The backup files of this database: beside the SQLite file, or the pg_dump folder."""
    if database.location.is_sqlite:
        folder = database.path.parent / "backups"
    else:
        from orgdesk.storage.pg_backup import server_backups_dir

        folder = server_backups_dir()
    return sorted(folder.glob("*")) if folder.exists() else []


def tamper(database: Database, sql: str) -> None:
    """Run `sql` and commit through a connection of its own, as someone going around
    OrgDesk with a database tool would (raises the driver's error if refused)."""
    engine = create_engine(database.location.url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def cli_db(database: Database) -> str:
    """What a clerk or a script passes as `--db` for this database: the file, or the URL."""
    if database.location.is_sqlite:
        return str(database.path)
    return database.location.url.render_as_string(hide_password=False)


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
