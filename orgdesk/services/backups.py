"""备份与恢复 as user actions: who may, and what the 操作日志 says about it.

The mechanics are in storage.backup / Database; the automatic safety backup
before an import or a plan approval is `backup_before(db, "import")` — call it
before the unit of work that changes the data.
"""

from __future__ import annotations

from pathlib import Path

from orgdesk.domain.access import Permission, require
from orgdesk.services.audit import log_event, log_export
from orgdesk.storage.database import Database


def backup_now(db: Database, dest_dir: Path | None = None) -> Path:
    """手动备份: into the backup folder (any user), or elsewhere (a USB stick: administrator)."""
    if dest_dir is None:
        require(Permission.BACKUP)
    else:
        require(Permission.BACKUP_ELSEWHERE)
    made = db.backup("manual", dest_dir)
    if dest_dir is None:
        log_event(db, "备份", f"手动备份 → {made}")
    else:
        log_export(db, "整个数据库（备份）", made, count=1, unit="份")
    return made


def restore_database(db: Database, backup: Path) -> Path:
    """从备份恢复 (administrator only); returns the safety backup of the state before."""
    require(Permission.RESTORE)
    safety = db.restore_from(Path(backup))
    log_event(db, "恢复", f"从备份 {Path(backup).name} 恢复；恢复前的数据已备份为 {safety}")
    return safety


def backup_before(db: Database, action: str) -> Path | None:
    """The automatic safety backup before `action` ("import", "approval", …); no permission.

    None on a department server when this PC has no pg_dump (the server's own backups apply).
    """
    return db.backup_before(action)
