"""Online backups through SQLite's backup API (never a file copy of a live DB)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from orgdesk.storage.errors import StorageError


def backups_dir_for(db_path: Path) -> Path:
    """Backups live in a folder beside the database: `<dir>/backups/`."""
    return db_path.parent / "backups"


def online_backup(db_path: Path, reason: str, dest_dir: Path | None = None) -> Path:
    """Write a consistent copy of `db_path`, verify it, and return its path."""
    dest_dir = dest_dir or backups_dir_for(db_path)
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份文件夹 {dest_dir}：{exc.strerror}") from exc
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = dest_dir / f"{db_path.stem}-{stamp}-{reason}.db"
    n = 1
    while dest.exists():
        n += 1
        dest = dest_dir / f"{db_path.stem}-{stamp}-{reason}-{n}.db"
    partial = dest.with_suffix(".partial")
    src = sqlite3.connect(db_path)
    try:
        out = sqlite3.connect(partial)
        try:
            src.backup(out)
            verdict = out.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            out.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"备份失败：{exc}") from exc
    finally:
        src.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise StorageError(f"备份文件校验未通过：{verdict}")
    partial.replace(dest)
    return dest
