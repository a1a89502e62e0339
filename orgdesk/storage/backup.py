"""Online backups through SQLite's backup API (never a file copy of a live DB)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from orgdesk.storage.errors import StorageError
from orgdesk.storage.files import atomic_path, ensure_folder, os_error_text
from orgdesk.testhooks import hold


def backups_dir_for(db_path: Path) -> Path:
    """Backups live in a folder beside the database: `<dir>/backups/`."""
    return db_path.parent / "backups"


def online_backup(db_path: Path, reason: str, dest_dir: Path | None = None) -> Path:
    """Write a consistent copy of `db_path`, verify it, and return its path.

    The copy is made under a hidden temporary name and renamed only once it
    passed `integrity_check`, so a crash or a full disk never leaves a file
    that looks like a backup but is not one.
    """
    dest_dir = dest_dir or backups_dir_for(db_path)
    try:
        ensure_folder(dest_dir)
    except OSError as exc:
        raise StorageError(f"无法创建备份文件夹 {dest_dir}：{os_error_text(exc)}") from exc
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = dest_dir / f"{db_path.stem}-{stamp}-{reason}.db"
    n = 1
    while dest.exists():
        n += 1
        dest = dest_dir / f"{db_path.stem}-{stamp}-{reason}-{n}.db"
    with atomic_path(dest) as partial:
        _copy_database(db_path, partial)
    return dest


def _copy_database(db_path: Path, partial: Path) -> None:
    first_step = [True]

    def step(_status: int, _remaining: int, _total: int) -> None:
        if first_step[0]:
            first_step[0] = False
            hold("backup-copying")

    try:
        src = sqlite3.connect(db_path)
    except sqlite3.Error as exc:
        raise StorageError(f"备份失败，无法打开数据库：{exc}") from exc
    try:
        out = sqlite3.connect(partial)
        try:
            src.backup(out, pages=256, progress=step)
            # One self-contained file (no -wal beside it), fit to copy onto a USB stick.
            out.execute("PRAGMA journal_mode=DELETE")
            verdict = out.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            out.close()
    except sqlite3.Error as exc:
        raise StorageError(f"备份失败：{_sqlite_reason(exc)}") from exc
    finally:
        src.close()
    if verdict != "ok":
        raise StorageError(f"备份文件校验未通过：{verdict}")


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return "磁盘空间已满"
    if "readonly" in text or "read-only" in text:
        return "目标位置是只读的"
    if "unable to open" in text:
        return "无法在目标位置创建文件"
    return text


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int


_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z-]+?)(?:-\d+)?\.db$")

REASON_LABELS = {
    "daily": "每日自动备份",
    "before-migration": "升级前",
    "before-import": "导入前",
    "before-approval": "审批前",
    "before-restore": "恢复前",
    "manual": "手动备份",
}


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """Backups of `db_path` in its backup folder, newest first."""
    folder = folder or backups_dir_for(db_path)
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for path in folder.glob("*.db"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != db_path.stem:
            continue
        taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(BackupInfo(path, taken, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def daily_backup(db_path: Path, *, keep_daily: int, keep_monthly: int) -> Path | None:
    """Once a day, on start: a backup if none was taken today, then rotation."""
    today = datetime.now().date()
    if not any(b.reason == "daily" and b.taken.date() == today for b in list_backups(db_path)):
        made: Path | None = online_backup(db_path, "daily")
    else:
        made = None
    rotate(db_path, keep_daily=keep_daily, keep_monthly=keep_monthly)
    return made


def rotate(
    db_path: Path, *, keep_daily: int, keep_monthly: int, keep_events: int = 10
) -> list[Path]:
    """Keep the newest backup of each of the last `keep_daily` days, the first of each of
    the last `keep_monthly` months, and the newest `keep_events` of each event kind."""
    backups = list_backups(db_path)
    keep: set[Path] = set()
    daily = [b for b in backups if b.reason == "daily"]
    days: dict[object, BackupInfo] = {}
    for b in daily:  # newest first → first seen is the newest of its day
        days.setdefault(b.taken.date(), b)
    keep.update(b.path for b in list(days.values())[:keep_daily])
    months: dict[tuple[int, int], BackupInfo] = {}
    for b in reversed(daily):  # oldest first → first seen is the first of its month
        months.setdefault((b.taken.year, b.taken.month), b)
    newest_months = sorted(months, reverse=True)[:keep_monthly]
    keep.update(months[m].path for m in newest_months)
    by_reason: dict[str, list[BackupInfo]] = {}
    for b in backups:
        if b.reason != "daily":
            by_reason.setdefault(b.reason, []).append(b)
    for items in by_reason.values():
        keep.update(b.path for b in items[:keep_events])
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def verify_backup(path: Path) -> None:
    """A backup must be a readable SQLite file that passes integrity_check."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
            has_version = con.execute(
                "SELECT 1 FROM sqlite_master WHERE name='alembic_version'"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path.name} 不是可用的备份文件：{exc}") from exc
    if verdict != "ok":
        raise StorageError(f"备份文件 {path.name} 已损坏：{verdict}")
    if not has_version:
        raise StorageError(f"{path.name} 不是 OrgDesk 的备份文件")


def restore_backup(backup: Path, db_path: Path) -> Path:
    """Replace the database's content with the backup's, after backing up the current state.

    The caller holds the database lock and has closed every other connection.
    Returns the path of the safety backup taken first.
    """
    verify_backup(backup)
    safety = online_backup(db_path, "before-restore") if db_path.exists() else None
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)  # page-by-page copy inside SQLite's own locking: all or nothing
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise StorageError(f"恢复失败，数据库未被修改：{exc}") from exc
    finally:
        src.close()
    if verdict != "ok":
        raise StorageError(f"恢复后的数据库校验未通过：{verdict}")
    return safety or backup
