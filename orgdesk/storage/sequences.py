"""PostgreSQL sequences after rows were written with explicit ids (demo data, `orgdesk copy`).

SQLite hands out max(id)+1 by itself; a PostgreSQL identity/serial column keeps its
own counter, which explicit-id inserts do not advance — the next normal insert would
then collide.  `reset_sequences` moves every counter past the largest id.
"""

from __future__ import annotations

from sqlalchemy import Connection, Integer, text

from orgdesk.storage.models.base import Base


def reset_sequences(conn: Connection) -> int:
    """Set each table's id sequence to max(id); returns how many were reset (0 on SQLite)."""
    if conn.dialect.name != "postgresql":
        return 0
    count = 0
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        seq = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar()
        if seq is None:
            continue
        conn.execute(
            text(
                f'SELECT setval(:seq, COALESCE((SELECT max("{pk[0].name}") FROM "{table.name}"), 0) + 1, false)'
            ),
            {"seq": seq},
        )
        count += 1
    return count
