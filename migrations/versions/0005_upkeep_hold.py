"""metrics: the upkeep lease is held by a live process, not until a clock time

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00.000000

``deferred_until_us`` (a lease expiry) becomes ``deferred_since_us`` (when the lease
was taken); whether its holder lives is asked of a lock (server/metrics/hold.py). A
lease left by an older version is dropped: its facts are marked owed, so the next
query rebuilds them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('metric_state') as batch:
        batch.alter_column('deferred_until_us', new_column_name='deferred_since_us', existing_type=sa.BigInteger())
    op.execute("UPDATE metric_state SET event_seq = NULL, deferred_by = NULL, deferred_since_us = NULL WHERE deferred_by IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('metric_state') as batch:
        batch.alter_column('deferred_since_us', new_column_name='deferred_until_us', existing_type=sa.BigInteger())
