"""goals: targets, their parts and milestone checks

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 22:12:29.482521
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('goal',
    sa.Column('goal_id', sa.String(length=128), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('metric_key', sa.String(length=64), nullable=False),
    sa.Column('better', sa.String(length=32), nullable=False),
    sa.Column('target_kind', sa.String(length=16), nullable=False),
    sa.Column('target_input', sa.Float(), nullable=False),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('team_id', sa.String(length=128), nullable=True),
    sa.Column('agent_id', sa.String(length=128), nullable=True),
    sa.Column('channels', sa.Text(), nullable=True),
    sa.Column('categories', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('owner_id', sa.String(length=128), nullable=False),
    sa.Column('tolerance', sa.Float(), nullable=False),
    sa.Column('cadence_s', sa.Integer(), nullable=False),
    sa.Column('minimum_sample', sa.Integer(), nullable=False),
    sa.Column('baseline_days', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('baseline_volume', sa.Integer(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('shortfall', sa.Float(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('workflow_started_at_us', sa.BigInteger(), nullable=True),
    sa.Column('created_by', sa.String(length=128), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.Column('closed_at_us', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('goal_id', name=op.f('pk_goal'))
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_team_id'), ['team_id'], unique=False)

    op.create_table('goal_check',
    sa.Column('check_id', sa.String(length=128), nullable=False),
    sa.Column('goal_id', sa.String(length=128), nullable=False),
    sa.Column('check_key', sa.String(length=64), nullable=False),
    sa.Column('milestone', sa.Integer(), nullable=True),
    sa.Column('part_key', sa.String(length=128), nullable=False),
    sa.Column('window_start_us', sa.BigInteger(), nullable=False),
    sa.Column('window_end_us', sa.BigInteger(), nullable=False),
    sa.Column('expected', sa.Float(), nullable=True),
    sa.Column('actual', sa.Float(), nullable=True),
    sa.Column('sample_size', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('consecutive_behind', sa.Integer(), nullable=False),
    sa.Column('checked_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('check_id', name=op.f('pk_goal_check')),
    sa.UniqueConstraint('goal_id', 'check_key', 'part_key', name='uq_goal_check_once')
    )
    with op.batch_alter_table('goal_check', schema=None) as batch_op:
        batch_op.create_index('ix_goal_check_part', ['goal_id', 'part_key', 'checked_at_us'], unique=False)

    op.create_table('goal_part',
    sa.Column('goal_id', sa.String(length=128), nullable=False),
    sa.Column('part_key', sa.String(length=128), nullable=False),
    sa.Column('part_kind', sa.String(length=16), nullable=False),
    sa.Column('parent_key', sa.String(length=128), nullable=True),
    sa.Column('team_id', sa.String(length=128), nullable=False),
    sa.Column('agent_id', sa.String(length=128), nullable=True),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('volume', sa.Integer(), nullable=False),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('rule', sa.String(length=16), nullable=False),
    sa.Column('capped', sa.Boolean(), nullable=False),
    sa.Column('shortfall', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('goal_id', 'part_key', name=op.f('pk_goal_part'))
    )
    with op.batch_alter_table('goal_part', schema=None) as batch_op:
        batch_op.create_index('ix_goal_part_agent', ['agent_id', 'goal_id'], unique=False)
        batch_op.create_index('ix_goal_part_team', ['team_id', 'goal_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('goal_part', schema=None) as batch_op:
        batch_op.drop_index('ix_goal_part_team')
        batch_op.drop_index('ix_goal_part_agent')

    op.drop_table('goal_part')
    with op.batch_alter_table('goal_check', schema=None) as batch_op:
        batch_op.drop_index('ix_goal_check_part')

    op.drop_table('goal_check')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_team_id'))
        batch_op.drop_index(batch_op.f('ix_goal_status'))
        batch_op.drop_index(batch_op.f('ix_goal_owner_id'))
        batch_op.drop_index(batch_op.f('ix_goal_agent_id'))

    op.drop_table('goal')
