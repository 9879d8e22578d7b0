"""alerts: rules, alerts, their window state, what each fact row contributed to it, and the conversations waiting

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 22:57:16.204120
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('alert',
    sa.Column('alert_id', sa.String(length=128), nullable=False),
    sa.Column('rule_id', sa.String(length=128), nullable=False),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope_id', sa.String(length=128), nullable=False),
    sa.Column('team_id', sa.String(length=128), nullable=True),
    sa.Column('agent_id', sa.String(length=128), nullable=True),
    sa.Column('window_start_us', sa.BigInteger(), nullable=False),
    sa.Column('window_end_us', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('threshold', sa.Float(), nullable=True),
    sa.Column('baseline_mean', sa.Float(), nullable=True),
    sa.Column('baseline_sd', sa.Float(), nullable=True),
    sa.Column('sample_size', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Float(), nullable=True),
    sa.Column('last_window_end_us', sa.BigInteger(), nullable=False),
    sa.Column('raised_at_us', sa.BigInteger(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.Column('acknowledged_by', sa.String(length=128), nullable=True),
    sa.Column('acknowledged_at_us', sa.BigInteger(), nullable=True),
    sa.Column('resolved_by', sa.String(length=128), nullable=True),
    sa.Column('resolved_at_us', sa.BigInteger(), nullable=True),
    sa.Column('resolution', sa.String(length=16), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('alert_id', name=op.f('pk_alert')),
    sa.UniqueConstraint('rule_id', 'scope_kind', 'scope_id', 'window_end_us', name='uq_alert_rule_scope_window')
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index('ix_alert_listing', ['raised_at_us', 'alert_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_rule_id'), ['rule_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_team_id'), ['team_id'], unique=False)
        batch_op.create_index('uq_alert_active', ['rule_id', 'scope_kind', 'scope_id'], unique=True, sqlite_where=sa.text("state <> 'resolved'"), postgresql_where=sa.text("state <> 'resolved'"))

    op.create_table('alert_contribution',
    sa.Column('source_key', sa.String(length=272), nullable=False),
    sa.Column('conversation_id', sa.String(length=128), nullable=True),
    sa.Column('bucket_us', sa.BigInteger(), nullable=False),
    sa.Column('scopes', sa.Text(), nullable=False),
    sa.Column('sums', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('source_key', name=op.f('pk_alert_contribution'))
    )
    with op.batch_alter_table('alert_contribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_contribution_conversation_id'), ['conversation_id'], unique=False)

    op.create_table('alert_rule',
    sa.Column('rule_id', sa.String(length=128), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('metric_key', sa.String(length=64), nullable=True),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope_id', sa.String(length=128), nullable=True),
    sa.Column('team_id', sa.String(length=128), nullable=True),
    sa.Column('window', sa.String(length=16), nullable=False),
    sa.Column('comparator', sa.String(length=8), nullable=False),
    sa.Column('threshold', sa.Float(), nullable=True),
    sa.Column('deviations', sa.Float(), nullable=True),
    sa.Column('min_sample', sa.Integer(), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('hysteresis', sa.Float(), nullable=False),
    sa.Column('cooldown_minutes', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', sa.String(length=128), nullable=True),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('rule_id', name=op.f('pk_alert_rule'))
    )
    with op.batch_alter_table('alert_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_rule_team_id'), ['team_id'], unique=False)

    op.create_table('alert_waiting',
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('queued_at_us', sa.BigInteger(), nullable=False),
    sa.Column('channel', sa.String(length=128), nullable=True),
    sa.Column('category', sa.String(length=128), nullable=True),
    sa.PrimaryKeyConstraint('conversation_id', name=op.f('pk_alert_waiting'))
    )
    with op.batch_alter_table('alert_waiting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_waiting_queued_at_us'), ['queued_at_us'], unique=False)

    op.create_table('alert_window',
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope_id', sa.String(length=128), nullable=False),
    sa.Column('bucket_us', sa.BigInteger(), nullable=False),
    sa.Column('conversations', sa.BigInteger(), nullable=False),
    sa.Column('handled', sa.BigInteger(), nullable=False),
    sa.Column('handle_us', sa.BigInteger(), nullable=False),
    sa.Column('queue_waits', sa.BigInteger(), nullable=False),
    sa.Column('queue_wait_us', sa.BigInteger(), nullable=False),
    sa.Column('service_level_population', sa.BigInteger(), nullable=False),
    sa.Column('service_level_met', sa.BigInteger(), nullable=False),
    sa.Column('abandon_population', sa.BigInteger(), nullable=False),
    sa.Column('abandoned', sa.BigInteger(), nullable=False),
    sa.Column('transferred', sa.BigInteger(), nullable=False),
    sa.Column('transits', sa.BigInteger(), nullable=False),
    sa.Column('transit_us', sa.BigInteger(), nullable=False),
    sa.Column('fcr_population', sa.BigInteger(), nullable=False),
    sa.Column('fcr_resolved', sa.BigInteger(), nullable=False),
    sa.Column('repeated', sa.BigInteger(), nullable=False),
    sa.Column('self_service_population', sa.BigInteger(), nullable=False),
    sa.Column('self_served', sa.BigInteger(), nullable=False),
    sa.Column('csat_responses', sa.BigInteger(), nullable=False),
    sa.Column('csat_sum', sa.BigInteger(), nullable=False),
    sa.Column('csat_top2', sa.BigInteger(), nullable=False),
    sa.Column('nps_responses', sa.BigInteger(), nullable=False),
    sa.Column('nps_promoters', sa.BigInteger(), nullable=False),
    sa.Column('nps_detractors', sa.BigInteger(), nullable=False),
    sa.Column('response_intervals', sa.BigInteger(), nullable=False),
    sa.Column('response_us', sa.BigInteger(), nullable=False),
    sa.Column('first_responses', sa.BigInteger(), nullable=False),
    sa.Column('first_response_us', sa.BigInteger(), nullable=False),
    sa.Column('kb_searches', sa.BigInteger(), nullable=False),
    sa.Column('kb_hits', sa.BigInteger(), nullable=False),
    sa.Column('kb_time_to_hit_us', sa.BigInteger(), nullable=False),
    sa.Column('compliance_findings', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('scope_kind', 'scope_id', 'bucket_us', name=op.f('pk_alert_window'))
    )


def downgrade() -> None:
    op.drop_table('alert_window')
    with op.batch_alter_table('alert_waiting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_waiting_queued_at_us'))

    op.drop_table('alert_waiting')
    with op.batch_alter_table('alert_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_rule_team_id'))

    op.drop_table('alert_rule')
    with op.batch_alter_table('alert_contribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_contribution_conversation_id'))

    op.drop_table('alert_contribution')
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index('uq_alert_active', sqlite_where=sa.text("state <> 'resolved'"), postgresql_where=sa.text("state <> 'resolved'"))
        batch_op.drop_index(batch_op.f('ix_alert_team_id'))
        batch_op.drop_index(batch_op.f('ix_alert_rule_id'))
        batch_op.drop_index('ix_alert_listing')

    op.drop_table('alert')
