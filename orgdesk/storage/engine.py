"""Engines configured the one way OrgDesk uses them, for a SQLite file or a PostgreSQL server.

SQLite: pysqlite does not start a transaction before DDL, so we take over BEGIN
ourselves (SQLAlchemy's documented recipe): every unit of work and every
migration is then truly atomic.  WAL, busy timeout and foreign keys are per
connection pragmas.

PostgreSQL: READ COMMITTED (the server's default), connections checked before
use (a department server may restart while clerks keep OrgDesk open), and the
client's name visible to the administrator in ``pg_stat_activity``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from orgdesk.storage.errors import StorageError
from orgdesk.storage.location import DbLocation, parse_location

CONNECT_TIMEOUT_S = 10
SNAPSHOT_RETRIES = 8  # with doubling pauses from 20 ms: about 2.5 s in all


def sqlite_url(path: Path | str) -> str:
    return f"sqlite+pysqlite:///{Path(path)}"


def make_engine(target: DbLocation | Path | str, *, foreign_keys: bool = True) -> Engine:
    location = parse_location(target)
    if location.path is not None:
        return _sqlite_engine(location.path, foreign_keys=foreign_keys)
    return _postgresql_engine(location)


def _sqlite_engine(path: Path, *, foreign_keys: bool) -> Engine:
    engine = create_engine(
        sqlite_url(path),
        connect_args={"timeout": 10, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _postgresql_engine(location: DbLocation) -> Engine:
    try:
        return create_engine(
            location.url,
            pool_pre_ping=True,
            pool_size=2,
            max_overflow=4,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "OrgDesk"},
        )
    except ModuleNotFoundError as exc:  # psycopg is the optional "pg" extra
        raise StorageError(
            "本程序未安装 PostgreSQL 驱动 psycopg，无法连接部门服务器。"
            "请安装完整版 OrgDesk，或执行 pip install 'orgdesk[pg]'。"
        ) from exc


def connection_problem(location: DbLocation, exc: BaseException) -> StorageError:
    """A Chinese message for a server that cannot be reached or refuses us."""
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = detail[0] if detail else type(exc).__name__
    return StorageError(
        f"无法连接数据库服务器 {location.display}。\n"
        f"请检查服务器地址、端口、数据库名、用户名和密码，以及网络是否连通。\n原因：{first}"
    )


def is_stale_sqlite_snapshot(exc: BaseException) -> bool:
    """SQLite (WAL) refuses to turn a read transaction into a write once another connection
    has committed since it began, or while another holds the write lock ("database is
    locked"; SQLite does not wait in that case, to avoid deadlock).  Running the whole unit
    of work again, after a pause, is the cure: it re-reads what it decides on."""
    orig = getattr(exc, "orig", None)
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)


def is_connection_lost(exc: BaseException) -> bool:
    """The server went away (network, restart) in the middle of an action."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    return isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )
