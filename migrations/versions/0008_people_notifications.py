"""people and notifications: the directory, the outbox, in-app notifications, webhooks and their deliveries

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 17:58:33.038120
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('directory_user',
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.Column('display_name', sa.Text(), nullable=False),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('phone', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('time_zone', sa.String(length=64), nullable=True),
    sa.Column('quiet_start_minute', sa.Integer(), nullable=True),
    sa.Column('quiet_end_minute', sa.Integer(), nullable=True),
    sa.Column('agent_id', sa.String(length=128), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_directory_user'))
    )
    with op.batch_alter_table('directory_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_user_agent_id'), ['agent_id'], unique=False)

    op.create_table('notification',
    sa.Column('notification_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('outbox_id', sa.String(length=128), nullable=False),
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('subject_kind', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.String(length=128), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('read_at_us', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('notification_id', name=op.f('pk_notification')),
    sa.UniqueConstraint('outbox_id', 'user_id', name='uq_notification_outbox_user')
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_inbox', ['user_id', 'created_at_us', 'notification_id'], unique=False)

    op.create_table('notification_preference',
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=128), nullable=False),
    sa.Column('webhook', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_preference'))
    )
    op.create_table('outbox_entry',
    sa.Column('outbox_id', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('subject_kind', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.String(length=128), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('dedup_key', sa.String(length=200), nullable=True),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('fallback', sa.Boolean(), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('outbox_id', name=op.f('pk_outbox_entry')),
    sa.UniqueConstraint('dedup_key', name=op.f('uq_outbox_entry_dedup_key'))
    )
    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_entry_created_at_us'), ['created_at_us'], unique=False)

    op.create_table('outbox_recipient',
    sa.Column('outbox_id', sa.String(length=128), nullable=False),
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('outbox_id', 'user_id', name=op.f('pk_outbox_recipient'))
    )
    op.create_table('reviewer_pool_member',
    sa.Column('pool', sa.String(length=128), nullable=False),
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('pool', 'user_id', name=op.f('pk_reviewer_pool_member'))
    )
    with op.batch_alter_table('reviewer_pool_member', schema=None) as batch_op:
        batch_op.create_index('ix_reviewer_pool_member_user', ['user_id'], unique=False)

    op.create_table('team_lead',
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.Column('team_id', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'team_id', name=op.f('pk_team_lead'))
    )
    with op.batch_alter_table('team_lead', schema=None) as batch_op:
        batch_op.create_index('ix_team_lead_team', ['team_id'], unique=False)

    op.create_table('user_role',
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'role', name=op.f('pk_user_role'))
    )
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.create_index('ix_user_role_role', ['role'], unique=False)

    op.create_table('webhook_delivery',
    sa.Column('delivery_id', sa.String(length=128), nullable=False),
    sa.Column('outbox_id', sa.String(length=128), nullable=False),
    sa.Column('webhook_id', sa.String(length=128), nullable=False),
    sa.Column('user_id', sa.String(length=128), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('not_before_us', sa.BigInteger(), nullable=False),
    sa.Column('last_attempt_at_us', sa.BigInteger(), nullable=True),
    sa.Column('last_status_code', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('delivered_at_us', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('delivery_id', name=op.f('pk_webhook_delivery')),
    sa.UniqueConstraint('outbox_id', 'webhook_id', 'user_id', name='uq_webhook_delivery_target')
    )
    with op.batch_alter_table('webhook_delivery', schema=None) as batch_op:
        batch_op.create_index('ix_webhook_delivery_status', ['status', 'created_at_us'], unique=False)
        batch_op.create_index(batch_op.f('ix_webhook_delivery_webhook_id'), ['webhook_id'], unique=False)

    op.create_table('webhook_endpoint',
    sa.Column('webhook_id', sa.String(length=128), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('kinds', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('updated_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('webhook_id', name=op.f('pk_webhook_endpoint'))
    )
    op.create_table('webhook_secret',
    sa.Column('secret_id', sa.String(length=128), nullable=False),
    sa.Column('webhook_id', sa.String(length=128), nullable=False),
    sa.Column('secret', sa.Text(), nullable=False),
    sa.Column('created_at_us', sa.BigInteger(), nullable=False),
    sa.Column('expires_at_us', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('secret_id', name=op.f('pk_webhook_secret'))
    )
    with op.batch_alter_table('webhook_secret', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webhook_secret_webhook_id'), ['webhook_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('webhook_secret', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webhook_secret_webhook_id'))

    op.drop_table('webhook_secret')
    op.drop_table('webhook_endpoint')
    with op.batch_alter_table('webhook_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webhook_delivery_webhook_id'))
        batch_op.drop_index('ix_webhook_delivery_status')

    op.drop_table('webhook_delivery')
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.drop_index('ix_user_role_role')

    op.drop_table('user_role')
    with op.batch_alter_table('team_lead', schema=None) as batch_op:
        batch_op.drop_index('ix_team_lead_team')

    op.drop_table('team_lead')
    with op.batch_alter_table('reviewer_pool_member', schema=None) as batch_op:
        batch_op.drop_index('ix_reviewer_pool_member_user')

    op.drop_table('reviewer_pool_member')
    op.drop_table('outbox_recipient')
    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_entry_created_at_us'))

    op.drop_table('outbox_entry')
    op.drop_table('notification_preference')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_inbox')

    op.drop_table('notification')
    with op.batch_alter_table('directory_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_user_agent_id'))

    op.drop_table('directory_user')
