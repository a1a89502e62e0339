"""Bring a database to the newest schema, safely — the same alembic revisions on both backends.

SQLite file (ARCHITECTURE rule 5): refuse a newer schema → online backup → one
transaction with foreign keys off → `PRAGMA foreign_key_check` → commit.

PostgreSQL server: DDL is transactional, so the whole upgrade is one transaction
that either commits at head or leaves the database untouched.  Several clerks may
start OrgDesk at the same moment: an advisory lock lets exactly one of them
migrate while the others wait and then find the schema at head.  A pg_dump backup
is taken first when pg_dump is installed on this PC; otherwise the server's own
backups apply (the result says so).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError

from orgdesk.storage.backup import online_backup
from orgdesk.storage.engine import connection_problem, make_engine, sqlite_url
from orgdesk.storage.errors import MigrationFailed, NotADatabase, SchemaTooNew
from orgdesk.storage.location import DbLocation, parse_location

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock key: "OrgDesk migrations" (any constant unique to us).
MIGRATION_LOCK_KEY = 0x0D6D_1A7E


def alembic_config(script_location: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return cfg


def head_revision(script_location: Path | None = None) -> str:
    script = ScriptDirectory.from_config(alembic_config(script_location))
    head = script.get_current_head()
    assert head is not None
    return head


def known_revisions(script_location: Path | None = None) -> set[str]:
    script = ScriptDirectory.from_config(alembic_config(script_location))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(target: DbLocation | Path | str) -> str | None:
    """The revision stamped in the database, or None for a new/empty one."""
    location = parse_location(target)
    if location.path is not None:
        return _sqlite_revision(location.path)
    engine = make_engine(location)
    try:
        with engine.connect() as conn:
            return _revision_on(conn, location)
    except OperationalError as exc:
        raise connection_problem(location, exc) from exc
    finally:
        engine.dispose()


def _sqlite_revision(db_path: Path) -> str | None:
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            has = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has:
                tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise NotADatabase(str(db_path), "其中的数据表不是 OrgDesk 创建的")
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatabase(str(db_path), str(exc)) from exc


def _revision_on(conn: Connection, location: DbLocation) -> str | None:
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise NotADatabase(location.display, "其中的数据表不是 OrgDesk 创建的")
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def upgrade(
    target: DbLocation | Path | str, *, script_location: Path | None = None
) -> MigrationResult:
    """Migrate the database to head; no-op when already there."""
    location = parse_location(target)
    if location.path is None:
        return _upgrade_server(location, script_location)
    db_path = location.path
    head = head_revision(script_location)
    current = current_revision(location)
    if current == head:
        return MigrationResult(current, head, None)
    if current is not None and current not in known_revisions(script_location):
        raise SchemaTooNew(str(db_path), current)
    backup = online_backup(db_path, "before-migration") if current is not None else None

    engine = make_engine(location, foreign_keys=False)
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                run_alembic(conn, script_location)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise _ForeignKeysBroken(
                        f"外键检查发现 {len(broken)} 处不一致（如表 {broken[0][0]}）"
                    )
                trans.commit()
            except Exception as exc:
                trans.rollback()
                reason = str(exc) if isinstance(exc, _ForeignKeysBroken) else repr(exc)
                raise MigrationFailed(str(db_path), reason, _s(backup)) from exc
    finally:
        engine.dispose()
    return MigrationResult(current, head, backup)


def _upgrade_server(location: DbLocation, script_location: Path | None) -> MigrationResult:
    from orgdesk.storage.pg_backup import pg_dump_available, pg_dump_backup

    head = head_revision(script_location)
    engine = make_engine(location)
    try:
        with engine.connect() as conn:
            current = _revision_on(conn, location)
            conn.rollback()
            if current == head:
                return MigrationResult(current, head, None)
            trans = conn.begin()
            try:
                # Another OrgDesk may be migrating right now: wait for it, then look again.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
                current = _revision_on(conn, location)
                if current == head:
                    trans.commit()
                    return MigrationResult(current, head, None)
                if current is not None and current not in known_revisions(script_location):
                    raise SchemaTooNew(location.display, current)
                backup = None
                if current is not None and pg_dump_available():
                    backup = pg_dump_backup(location, "before-migration")
                try:
                    run_alembic(conn, script_location)
                except Exception as exc:
                    raise MigrationFailed(location.display, repr(exc), _s(backup)) from exc
                trans.commit()
            except BaseException:
                trans.rollback()
                raise
    except OperationalError as exc:
        raise connection_problem(location, exc) from exc
    finally:
        engine.dispose()
    return MigrationResult(current, head, backup)


def run_alembic(conn: Connection, script_location: Path | None) -> None:
    cfg = alembic_config(script_location)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


class _ForeignKeysBroken(Exception):
    pass


def _s(path: Path | None) -> str | None:
    return str(path) if path else None


__all__ = ["MigrationResult", "current_revision", "head_revision", "sqlite_url", "upgrade"]
