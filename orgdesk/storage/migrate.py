"""Bring a database file to the newest schema, safely.

Order (ARCHITECTURE rule 5): refuse a newer schema → online backup → one
transaction with foreign keys off → `PRAGMA foreign_key_check` → commit.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from orgdesk.storage.backup import online_backup
from orgdesk.storage.engine import make_engine, sqlite_url
from orgdesk.storage.errors import MigrationFailed, NotADatabase, SchemaTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


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


def current_revision(db_path: Path) -> str | None:
    """The revision stamped in the file, or None for a new/empty file."""
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


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def upgrade(db_path: Path, *, script_location: Path | None = None) -> MigrationResult:
    """Migrate `db_path` to head; no-op when already there."""
    head = head_revision(script_location)
    current = current_revision(db_path)
    if current == head:
        return MigrationResult(current, head, None)
    if current is not None and current not in known_revisions(script_location):
        raise SchemaTooNew(str(db_path), current)
    backup = online_backup(db_path, "before-migration") if current is not None else None

    engine = make_engine(db_path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                cfg = alembic_config(script_location)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
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


class _ForeignKeysBroken(Exception):
    pass


def _s(path: Path | None) -> str | None:
    return str(path) if path else None


__all__ = ["MigrationResult", "current_revision", "head_revision", "sqlite_url", "upgrade"]
