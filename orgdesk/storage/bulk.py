"""Insert many rows in one `executemany`, without per-row ORM or Core bookkeeping.

Values go through each column type's own bind processor (so dates and
datetimes are stored exactly as SQLAlchemy stores them elsewhere); only the
per-row dictionary handling of Core is skipped.  Used by the roster import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session


def bulk_insert(
    target: Session | Connection,
    table: Any,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """INSERT every row (values in `columns` order) inside the caller's transaction."""
    conn = target.connection() if isinstance(target, Session) else target
    dialect = conn.dialect
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in columns]
    converted = [
        i for i, p in enumerate(processors) if p is not None
    ]  # most text/integer columns need no conversion
    data: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(row)
        for i in converted:
            value = values[i]
            if value is not None:
                values[i] = processors[i](value)  # type: ignore[misc]
        data.append(tuple(values))
    if not data:
        return 0
    quoted = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    name = dialect.identifier_preparer.format_table(table)
    conn.exec_driver_sql(f"INSERT INTO {name} ({quoted}) VALUES ({marks})", data)
    return len(data)
