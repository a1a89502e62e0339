"""One unit of work per user action (cosmicpython's pattern).

Rolls back unless `commit()` was called, so an exception half-way through a
user action leaves the file exactly as it was.  A row changed by another client
since this unit of work read it (optimistic locking, see models with a version
column) surfaces as ConcurrentEdit with a Chinese message, whatever the action.
"""

from __future__ import annotations

import os
from types import TracebackType

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from orgdesk.storage.engine import is_stale_sqlite_snapshot
from orgdesk.storage.errors import ConcurrentEdit, DatabaseBusy, StorageError
from orgdesk.testhooks import HOLD, hold


class UnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None
        if isinstance(exc, StaleDataError):
            raise ConcurrentEdit("该记录") from exc
        if exc is not None and is_stale_sqlite_snapshot(exc):
            raise DatabaseBusy() from exc
        if isinstance(exc, DBAPIError):
            clear = storage_problem(exc)
            if clear is not None:
                raise clear from exc

    def commit(self) -> None:
        if os.environ.get(HOLD):  # tests that kill OrgDesk with everything flushed, uncommitted
            self.session.flush()
            hold("commit")
        self.session.commit()


def storage_problem(exc: DBAPIError) -> StorageError | None:
    """A database error the clerk can act on, in Chinese (the change was rolled back)."""
    text = str(exc.orig).lower()
    if "full" in text:
        reason = "磁盘空间已满（或数据库已达上限）"
    elif "readonly" in text or "read-only" in text:
        reason = "数据库文件或其所在文件夹是只读的"
    elif "locked" in text or "busy" in text:
        reason = "数据库正被另一个程序写入，请稍后重试"
    elif "disk i/o" in text:
        reason = "读写磁盘出错（U 盘被拔出或磁盘损坏？）"
    elif "operation not permitted" in text or "操作日志" in text:
        reason = str(exc.orig)
    else:
        return None
    return StorageError(f"未能保存，数据没有任何改动：{reason}")
