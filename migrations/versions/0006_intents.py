"""intents: work a committed transaction asked for, completed once after the commit

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'intent',
        sa.Column('intent_id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('created_at_us', sa.BigInteger(), nullable=False),
        sa.Column('completed_at_us', sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint('intent_id', name=op.f('pk_intent')),
    )
    op.create_index(op.f('ix_intent_created_at_us'), 'intent', ['created_at_us'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_intent_created_at_us'), table_name='intent')
    op.drop_table('intent')
