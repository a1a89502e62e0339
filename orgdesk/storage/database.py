"""The one object that stands for an open OrgDesk database file."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from orgdesk.domain.settings import SETTINGS
from orgdesk.storage.audit import record_event, summary_only
from orgdesk.storage.audit_carry import carry_audit_entries
from orgdesk.storage.backup import online_backup, restore_backup, rotate
from orgdesk.storage.engine import make_engine
from orgdesk.storage.errors import StorageError
from orgdesk.storage.lock import DatabaseLock
from orgdesk.storage.migrate import MigrationResult, current_revision, head_revision, upgrade
from orgdesk.storage.models import Setting
from orgdesk.storage.uow import UnitOfWork


class Database:
    """An open, migrated database file; hands out units of work."""

    def __init__(self, path: Path, engine: Engine, lock: DatabaseLock | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.session_factory: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        self.migration: MigrationResult | None = None

    @classmethod
    def open(cls, path: Path | str, *, exclusive: bool = True, migrate: bool = True) -> Database:
        """Lock (when `exclusive`), migrate to head (backing up first), connect."""
        path = Path(path).expanduser().resolve()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"无法创建数据文件夹 {path.parent}：{exc.strerror}") from exc
        lock = DatabaseLock(path) if exclusive else None
        if lock is not None:
            lock.acquire()
        try:
            result = upgrade(path) if migrate else None
            db = cls(path, make_engine(path), lock)
            db.migration = result
            db._ensure_settings()
            return db
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def backup(self, reason: str = "manual", dest_dir: Path | None = None) -> Path:
        """An online backup of this database (safe while it is open)."""
        return online_backup(self.path, reason, dest_dir)

    def backup_before(self, action: str) -> Path:
        """The automatic safety backup before an import, a plan approval, a restore …

        `action` is "import", "approval", … (the file is named `…-before-<action>.db`);
        old event backups are rotated away (the newest ten of each kind stay).
        Call it before the unit of work that changes the data.
        """
        made = online_backup(self.path, f"before-{action}")
        with self.unit_of_work() as uow:
            stored = {k: v for k, v in uow.session.execute(select(Setting.key, Setting.value))}
        rotate(
            self.path,
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
        self.engine.dispose()
        try:
            safety = restore_backup(backup, self.path)
            upgrade(self.path)
        finally:
            self.engine = make_engine(self.path)
            self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
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

    def _ensure_settings(self) -> None:
        """Every setting is present in the table, stored with its default until changed."""
        with self.unit_of_work() as uow, summary_only():
            have = {k for (k,) in uow.session.query(Setting.key)}
            missing = [s for s in SETTINGS if s.key not in have]
            for spec in missing:
                uow.session.add(Setting(key=spec.key, value=f"{spec.default:g}"))
            if missing:
                uow.session.flush()
                record_event(
                    uow.session,
                    "默认设置",
                    table="settings",
                    note=f"新增 {len(missing)} 项设置，取规则中的默认值",
                )
                uow.commit()


@dataclass
class CheckReport:
    ok: bool
    lines: list[str] = field(default_factory=list)


def check_database(path: Path) -> CheckReport:
    """`orgdesk check`: integrity, foreign keys, schema at the newest revision."""
    report = CheckReport(ok=True)
    if not path.exists():
        return CheckReport(False, [f"数据库文件不存在：{path}"])
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
            names = {n for (n,) in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return CheckReport(False, [f"无法读取数据库：{exc}"])
    if integrity == ["ok"]:
        report.lines.append("完整性检查：通过")
    else:
        report.ok = False
        report.lines.append("完整性检查：未通过 — " + "；".join(integrity[:5]))
    if not fk:
        report.lines.append("外键检查：通过")
    else:
        report.ok = False
        tables = sorted({row[0] for row in fk})
        report.lines.append(f"外键检查：未通过，{len(fk)} 处引用失效（表：{'、'.join(tables)}）")
    if "audit_log" in names:
        guards = {"audit_log_no_update", "audit_log_no_delete"}
        if guards <= names:
            report.lines.append("操作日志保护：正常（只能追加）")
        else:
            report.ok = False
            report.lines.append("操作日志保护：未通过 — 防篡改触发器已被删除，请联系管理员")
    try:
        current = current_revision(path)
    except StorageError as exc:
        return CheckReport(False, [*report.lines, str(exc)])
    head = head_revision()
    if current == head:
        report.lines.append(f"数据结构版本：{current}（最新）")
    else:
        report.ok = False
        shown = current or "无"
        report.lines.append(
            f"数据结构版本：{shown}，不是本程序的最新版本 {head}，请用 OrgDesk 打开一次以升级"
        )
    return report
