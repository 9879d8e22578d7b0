"""coaching: rule versions, remediation actions, coaching plans and tasks, QA scores

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 22:43:01.005717
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('coaching_plan',
    sa.Column('plan_id', sa.String(length=128), nullable=False),
    sa.Column('agent_id', sa.String(length=128), nullable=False),
    sa.Column('team_id', sa.String(length=128), nullable=False),
    sa.Column('metric_key', sa.String(length=64), nullable=False),
    sa.Column('goal_id', sa.String(length=128), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('source_key', sa.String(length=200), nullable=True),
    sa.Column('created_by', sa.String(length=128), nullable=False),
    sa.Column('starts_at_us', sa.BigInteger(), nullable=False),
    sa.Column('evaluation_at_us', sa.BigInteger(), nullable=False),
    sa.Column('workflow_started_at_us', sa.BigInteger(), nullable=True),
    sa.Column('ended_at_us', sa.BigInteger(), nullable=True),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('plan_id', name=op.f('pk_coaching_plan')),
    sa.UniqueConstraint('source_key', name=op.f('uq_coaching_plan_source_key'))
    )
    with op.batch_alter_table('coaching_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_plan_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index('ix_coaching_plan_metric', ['metric_key', 'starts_at_us'], unique=False)
        batch_op.create_index(batch_op.f('ix_coaching_plan_team_id'), ['team_id'], unique=False)

    op.create_table('coaching_qa_score',
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('agent_id', sa.String(length=128), nullable=False),
    sa.Column('team_id', sa.String(length=128), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('scored_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('conversation_id', name=op.f('pk_coaching_qa_score'))
    )
    with op.batch_alter_table('coaching_qa_score', schema=None) as batch_op:
        batch_op.create_index('ix_coaching_qa_score_agent', ['agent_id', 'scored_at_us'], unique=False)

    op.create_table('coaching_rule_version',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=128), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_coaching_rule_version'))
    )
    op.create_table('coaching_task',
    sa.Column('task_id', sa.String(length=128), nullable=False),
    sa.Column('plan_id', sa.String(length=128), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('reference', sa.String(length=128), nullable=True),
    sa.Column('due_at_us', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('acknowledged_at_us', sa.BigInteger(), nullable=True),
    sa.Column('completed_at_us', sa.BigInteger(), nullable=True),
    sa.Column('verified_at_us', sa.BigInteger(), nullable=True),
    sa.Column('verified_by', sa.String(length=128), nullable=True),
    sa.Column('reminded_at_us', sa.BigInteger(), nullable=True),
    sa.Column('escalated_at_us', sa.BigInteger(), nullable=True),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_coaching_task'))
    )
    with op.batch_alter_table('coaching_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_task_due_at_us'), ['due_at_us'], unique=False)
        batch_op.create_index('ix_coaching_task_plan', ['plan_id', 'position'], unique=False)

    op.create_table('remediation_action',
    sa.Column('action_id', sa.String(length=128), nullable=False),
    sa.Column('unique_key', sa.String(length=200), nullable=False),
    sa.Column('rule_id', sa.String(length=64), nullable=False),
    sa.Column('rule_version', sa.Integer(), nullable=False),
    sa.Column('action_type', sa.String(length=32), nullable=False),
    sa.Column('agent_id', sa.String(length=128), nullable=True),
    sa.Column('team_id', sa.String(length=128), nullable=True),
    sa.Column('category', sa.String(length=128), nullable=True),
    sa.Column('goal_id', sa.String(length=128), nullable=True),
    sa.Column('check_id', sa.String(length=128), nullable=True),
    sa.Column('plan_id', sa.String(length=128), nullable=True),
    sa.Column('trigger', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('action_id', name=op.f('pk_remediation_action')),
    sa.UniqueConstraint('unique_key', name=op.f('uq_remediation_action_unique_key'))
    )
    with op.batch_alter_table('remediation_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remediation_action_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index('ix_remediation_action_team', ['team_id', 'created_at_us'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('remediation_action', schema=None) as batch_op:
        batch_op.drop_index('ix_remediation_action_team')
        batch_op.drop_index(batch_op.f('ix_remediation_action_agent_id'))

    op.drop_table('remediation_action')
    with op.batch_alter_table('coaching_task', schema=None) as batch_op:
        batch_op.drop_index('ix_coaching_task_plan')
        batch_op.drop_index(batch_op.f('ix_coaching_task_due_at_us'))

    op.drop_table('coaching_task')
    op.drop_table('coaching_rule_version')
    with op.batch_alter_table('coaching_qa_score', schema=None) as batch_op:
        batch_op.drop_index('ix_coaching_qa_score_agent')

    op.drop_table('coaching_qa_score')
    with op.batch_alter_table('coaching_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coaching_plan_team_id'))
        batch_op.drop_index('ix_coaching_plan_metric')
        batch_op.drop_index(batch_op.f('ix_coaching_plan_agent_id'))

    op.drop_table('coaching_plan')
