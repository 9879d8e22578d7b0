"""metrics: lease of a bulk import that defers the fact upkeep to its end

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 18:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('metric_state') as batch:
        batch.add_column(sa.Column('deferred_by', sa.String(length=36), nullable=True))
        batch.add_column(sa.Column('deferred_until_us', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('metric_state') as batch:
        batch.drop_column('deferred_until_us')
        batch.drop_column('deferred_by')
