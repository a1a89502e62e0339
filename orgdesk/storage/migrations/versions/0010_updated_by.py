"""cadres.updated_by: who saved last, named when a concurrent save is refused

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cadres", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("updated_by", sa.String(length=80), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("cadres", schema=None) as batch_op:
        batch_op.drop_column("updated_by")
