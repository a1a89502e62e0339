"""One unit of work per user action (cosmicpython's pattern).

Rolls back unless `commit()` was called, so an exception half-way through a
user action leaves the file exactly as it was.  A row changed by another client
since this unit of work read it (optimistic locking, see models with a version
column) surfaces as ConcurrentEdit with a Chinese message, whatever the action.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from orgdesk.storage.engine import is_stale_sqlite_snapshot
from orgdesk.storage.errors import ConcurrentEdit, DatabaseBusy


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

    def commit(self) -> None:
        self.session.commit()
