"""The one object that stands for an open OrgDesk database: a SQLite file or a server database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from orgdesk.domain.settings import SETTINGS
from orgdesk.storage.audit import record_event, summary_only
from orgdesk.storage.audit_carry import carry_audit_entries
from orgdesk.storage.backup import online_backup, restore_backup, rotate
from orgdesk.storage.check import CheckReport, check_database
from orgdesk.storage.engine import connection_problem, make_engine
from orgdesk.storage.errors import StorageError
from orgdesk.storage.length_check import check_lengths
from orgdesk.storage.location import DbLocation, parse_location
from orgdesk.storage.lock import DatabaseLock
from orgdesk.storage.migrate import MigrationResult, upgrade
from orgdesk.storage.models import Setting
from orgdesk.storage.operator import current_operator, stamp_operator
from orgdesk.storage.uow import UnitOfWork

__all__ = ["CheckReport", "Database", "check_database"]


class Database:
    """An open, migrated database; hands out units of work.

    Standalone: a SQLite file, locked while open (one OrgDesk per file).
    Department server: a PostgreSQL database shared by several clerks — no lock;
    concurrent edits are caught by optimistic locking (version columns).
    """

    def __init__(
        self,
        location: DbLocation,
        engine: Engine,
        lock: DatabaseLock | None,
        operator: str | None = None,
    ) -> None:
        self.location = location
        self.engine = engine
        self.operator = operator or current_operator()
        self._lock = lock
        self.session_factory = self._sessions()
        self.migration: MigrationResult | None = None

    @property
    def path(self) -> Path:
        """The SQLite file; a server database has none (file-level tools must not run on it)."""
        if self.location.path is None:
            raise StorageError(
                f"部门服务器模式下没有本机数据库文件（{self.location.display}），此操作只适用于单机版。"
            )
        return self.location.path

    @property
    def is_server(self) -> bool:
        return self.location.is_server

    @classmethod
    def open(
        cls,
        target: DbLocation | Path | str,
        *,
        exclusive: bool = True,
        migrate: bool = True,
        operator: str | None = None,
    ) -> Database:
        """Lock (SQLite, when `exclusive`), migrate to head (backing up first), connect."""
        location = parse_location(target)
        if location.path is None:
            return cls._open_server(location, migrate=migrate, operator=operator)
        path = location.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"无法创建数据文件夹 {path.parent}：{exc.strerror}") from exc
        lock = DatabaseLock(path) if exclusive else None
        if lock is not None:
            lock.acquire()
        try:
            result = upgrade(location) if migrate else None
            db = cls(location, make_engine(location), lock, operator)
            db.migration = result
            db._ensure_settings()
            return db
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_server(cls, location: DbLocation, *, migrate: bool, operator: str | None) -> Database:
        try:  # an unreachable server, a wrong password: a Chinese message, not a traceback
            result = upgrade(location) if migrate else None
        except OperationalError as exc:
            raise connection_problem(location, exc) from exc
        db = cls(location, make_engine(location), None, operator)
        db.migration = result
        try:
            db._ensure_settings()
        except OperationalError as exc:
            db.close()
            raise connection_problem(location, exc) from exc
        return db

    def backup(self, reason: str = "manual", dest_dir: Path | None = None) -> Path:
        """A consistent backup: SQLite's online backup, or pg_dump for a server database.

        On a server without pg_dump on this PC, raises StorageError saying that the
        server's own backups apply.
        """
        if self.location.path is None:
            from orgdesk.storage.pg_backup import pg_dump_backup

            return pg_dump_backup(self.location, reason, dest_dir)
        return online_backup(self.location.path, reason, dest_dir)

    def safety_backup(self, reason: str) -> Path | None:
        """The automatic backup before an import, an approval …: use this, not
        `online_backup(db.path, …)`, so that it also works in department-server mode.

        SQLite: an online backup (raises StorageError when it fails — then do not go on).
        Server: pg_dump when this PC has it; otherwise None, because the server's own
        backups apply and a clerk must not be blocked for want of pg_dump.
        """
        if self.location.path is not None:
            return online_backup(self.location.path, reason)
        from orgdesk.storage.pg_backup import pg_dump_available, pg_dump_backup

        return pg_dump_backup(self.location, reason) if pg_dump_available() else None

    def backup_before(self, action: str) -> Path | None:
        """The automatic safety backup before an import, a plan approval, a restore …

        `action` is "import", "approval", … (the file is named `…-before-<action>.db`);
        old event backups are rotated away (the newest ten of each kind stay).
        Call it before the unit of work that changes the data.
        Server: pg_dump when this PC has it, otherwise None (the server's own backups apply).
        """
        if self.location.path is None:
            return self.safety_backup(f"before-{action}")
        made = online_backup(self.location.path, f"before-{action}")
        with self.unit_of_work() as uow:
            stored = {k: v for k, v in uow.session.execute(select(Setting.key, Setting.value))}
        rotate(
            self.location.path,
            keep_daily=int(float(stored.get("backup.keep_daily", 7))),
            keep_monthly=int(float(stored.get("backup.keep_monthly", 12))),
        )
        return made

    def restore_from(self, backup: Path) -> Path:
        """Replace the content with `backup` (keeping our lock), migrate, reconnect.

        The 操作日志 is append-only, also across a restore: entries written
        after the backup was taken are carried over into the restored file.
        Returns the safety backup of the state before the restore.
        """
        if self.location.path is None:
            raise StorageError(
                "部门服务器模式下不能从本机恢复数据库：恢复会覆盖所有同事的数据。\n"
                "请由服务器管理员用 pg_restore 在服务器上恢复（见 README「部门服务器模式」）。"
            )
        self.engine.dispose()
        try:
            safety = restore_backup(backup, self.location.path)
            upgrade(self.location)
        finally:
            self.engine = make_engine(self.location)
            self.session_factory = self._sessions()
        self._ensure_settings()
        if safety != backup:
            carry_audit_entries(safety, self.engine)
        return safety

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None and self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sessions(self) -> sessionmaker[Session]:
        factory = sessionmaker(
            self.engine, expire_on_commit=False, info={"operator": self.operator}
        )
        event.listen(factory, "before_flush", stamp_operator)
        event.listen(factory, "before_flush", check_lengths)
        return factory

    def _ensure_settings(self) -> None:
        """Every setting is present in the table, stored with its default until changed.

        INSERT … ON CONFLICT DO NOTHING: two clerks opening a server database at once
        must not trip over each other.
        """
        insert = pg_insert if self.is_server else sqlite_insert
        with self.unit_of_work() as uow, summary_only():
            have = {k for (k,) in uow.session.query(Setting.key)}
            missing = [
                {"key": s.key, "value": f"{s.default:g}"} for s in SETTINGS if s.key not in have
            ]
            if missing:
                uow.session.execute(insert(Setting).values(missing).on_conflict_do_nothing())
                record_event(
                    uow.session,
                    "默认设置",
                    table="settings",
                    note=f"新增 {len(missing)} 项设置，取规则中的默认值",
                )
                uow.commit()
