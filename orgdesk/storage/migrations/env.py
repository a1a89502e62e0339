"""Alembic environment: always run on a connection handed in by `migrate.py`.

The caller owns the transaction (foreign keys off, one BEGIN … COMMIT), so a
failing revision leaves the file exactly as it was.
"""

from alembic import context

import orgdesk.storage.models  # noqa: F401  (registers every table)
from orgdesk.storage.models.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate`
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url") or "").connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
