"""evaluation: plan evaluations, team reviews and their schedules

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 22:09:12.543687
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('plan_evaluation',
    sa.Column('plan_id', sa.String(length=128), nullable=False),
    sa.Column('agent_id', sa.String(length=128), nullable=False),
    sa.Column('team_id', sa.String(length=128), nullable=False),
    sa.Column('metric_key', sa.String(length=64), nullable=False),
    sa.Column('goal_id', sa.String(length=128), nullable=True),
    sa.Column('before_start_us', sa.BigInteger(), nullable=False),
    sa.Column('before_end_us', sa.BigInteger(), nullable=False),
    sa.Column('after_start_us', sa.BigInteger(), nullable=False),
    sa.Column('after_end_us', sa.BigInteger(), nullable=False),
    sa.Column('verdict', sa.String(length=32), nullable=False),
    sa.Column('scale', sa.String(length=16), nullable=False),
    sa.Column('widened', sa.Boolean(), nullable=False),
    sa.Column('before_size', sa.Integer(), nullable=False),
    sa.Column('after_size', sa.Integer(), nullable=False),
    sa.Column('before_mean', sa.Float(), nullable=True),
    sa.Column('after_mean', sa.Float(), nullable=True),
    sa.Column('comparison_agents', sa.Integer(), nullable=False),
    sa.Column('comparison_before_size', sa.Integer(), nullable=False),
    sa.Column('comparison_after_size', sa.Integer(), nullable=False),
    sa.Column('comparison_change', sa.Float(), nullable=True),
    sa.Column('effect', sa.Float(), nullable=True),
    sa.Column('effect_relative', sa.Float(), nullable=True),
    sa.Column('confidence_low', sa.Float(), nullable=True),
    sa.Column('confidence_high', sa.Float(), nullable=True),
    sa.Column('confidence_level', sa.Float(), nullable=False),
    sa.Column('standard_error', sa.Float(), nullable=True),
    sa.Column('degrees_of_freedom', sa.Integer(), nullable=True),
    sa.Column('p_value', sa.Float(), nullable=True),
    sa.Column('between_agent_variance', sa.Float(), nullable=True),
    sa.Column('placebo_as_large', sa.Integer(), nullable=True),
    sa.Column('placebo_p_value', sa.Float(), nullable=True),
    sa.Column('explanation_zh', sa.Text(), nullable=False),
    sa.Column('explanation_en', sa.Text(), nullable=False),
    sa.Column('evaluated_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('plan_id', name=op.f('pk_plan_evaluation'))
    )
    with op.batch_alter_table('plan_evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_evaluation_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index('ix_plan_evaluation_team', ['team_id', 'evaluated_at_us'], unique=False)

    op.create_table('team_review',
    sa.Column('review_id', sa.String(length=128), nullable=False),
    sa.Column('team_id', sa.String(length=128), nullable=False),
    sa.Column('period_start_us', sa.BigInteger(), nullable=False),
    sa.Column('period_end_us', sa.BigInteger(), nullable=False),
    sa.Column('trigger', sa.String(length=16), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('summary_zh', sa.Text(), nullable=False),
    sa.Column('summary_en', sa.Text(), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('review_id', name=op.f('pk_team_review')),
    sa.UniqueConstraint('team_id', 'period_start_us', 'period_end_us', name='uq_team_review_period')
    )
    with op.batch_alter_table('team_review', schema=None) as batch_op:
        batch_op.create_index('ix_team_review_list', ['created_at_us', 'review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_review_team_id'), ['team_id'], unique=False)

    op.create_table('team_review_schedule',
    sa.Column('team_id', sa.String(length=128), nullable=False),
    sa.Column('interval_days', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('team_id', name=op.f('pk_team_review_schedule'))
    )


def downgrade() -> None:
    op.drop_table('team_review_schedule')
    with op.batch_alter_table('team_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_review_team_id'))
        batch_op.drop_index('ix_team_review_list')

    op.drop_table('team_review')
    with op.batch_alter_table('plan_evaluation', schema=None) as batch_op:
        batch_op.drop_index('ix_plan_evaluation_team')
        batch_op.drop_index(batch_op.f('ix_plan_evaluation_agent_id'))

    op.drop_table('plan_evaluation')
