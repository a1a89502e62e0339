"""Insert many rows in one `executemany`, without per-row ORM or Core bookkeeping.

Values go through each column type's own bind processor (so dates and
datetimes are stored exactly as SQLAlchemy stores them elsewhere); only the
per-row dictionary handling of Core is skipped.  Used by the roster import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Date
from sqlalchemy.orm import Session

_SAMPLE_DAY = date(985, 3, 1)


def _processor(column_type: Any, dialect: Any) -> Any:
    """The column's bind processor; for dates `date.isoformat` when it stores the same text."""
    processor = column_type._cached_bind_processor(dialect)
    if (
        processor is not None
        and isinstance(column_type, Date)
        and processor(_SAMPLE_DAY) == _SAMPLE_DAY.isoformat()
    ):
        return date.isoformat
    return processor


def bulk_insert(
    target: Session | Connection,
    table: Any,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """INSERT every row (values in `columns` order) inside the caller's transaction."""
    conn = target.connection() if isinstance(target, Session) else target
    dialect = conn.dialect
    processors = [_processor(table.c[name].type, dialect) for name in columns]
    converted = [i for i, p in enumerate(processors) if p is not None]  # text/integers: as is
    data: list[tuple[Any, ...]] = []
    last_in: list[Any] = [None] * len(columns)  # a time stamp repeats on every row:
    last_out: list[Any] = [None] * len(columns)  # convert it once
    for row in rows:
        values = list(row)
        for i in converted:
            value = values[i]
            if value is None:
                continue
            if value is last_in[i]:
                values[i] = last_out[i]
            else:
                values[i] = last_out[i] = processors[i](value)  # type: ignore[misc]
                last_in[i] = value
        data.append(tuple(values))
    if not data:
        return 0
    quoted = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"  # SQLite; psycopg (server mode)
    marks = ", ".join(mark for _ in columns)
    name = dialect.identifier_preparer.format_table(table)
    conn.exec_driver_sql(f"INSERT INTO {name} ({quoted}) VALUES ({marks})", data)
    return len(data)
