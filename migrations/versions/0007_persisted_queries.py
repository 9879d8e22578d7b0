"""persisted queries: GraphQL documents by SHA-256, stored automatically or allow-listed by admins

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'persisted_query',
        sa.Column('sha256_hash', sa.String(length=64), nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('operation_name', sa.String(length=256), nullable=True),
        sa.Column('allow_listed', sa.Boolean(), nullable=False),
        sa.Column('created_at_us', sa.BigInteger(), nullable=False),
        sa.Column('registered_by', sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint('sha256_hash', name=op.f('pk_persisted_query')),
    )
    op.create_index(op.f('ix_persisted_query_allow_listed'), 'persisted_query', ['allow_listed'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_persisted_query_allow_listed'), table_name='persisted_query')
    op.drop_table('persisted_query')
