"""One OrgDesk per database file: a lock file beside it, held while open."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from orgdesk.storage.errors import DatabaseInUse


class DatabaseLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._lock = FileLock(str(db_path) + ".lock")

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise DatabaseInUse(str(self.db_path)) from None

    def release(self) -> None:
        self._lock.release()

    @property
    def is_locked(self) -> bool:
        return self._lock.is_locked
