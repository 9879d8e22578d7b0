"""access control: policy overrides and revision, audit log, review assignments, customer erasures

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSTGRES_AUDIT_GUARD = """
CREATE FUNCTION audit_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_entry is append-only';
  END IF;
  IF OLD.at_us >= (SELECT purge_before_us FROM audit_purge_horizon WHERE id = 1) THEN
    RAISE EXCEPTION 'audit_entry rows newer than the retention horizon cannot be deleted';
  END IF;
  RETURN OLD;
END $$
"""
POSTGRES_AUDIT_TRIGGER = """
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
FOR EACH ROW EXECUTE FUNCTION audit_entry_guard()
"""
SQLITE_AUDIT_TRIGGERS = (
    """
    CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END
    """,
    """
    CREATE TRIGGER audit_entry_no_early_delete BEFORE DELETE ON audit_entry
    WHEN OLD.at_us >= (SELECT purge_before_us FROM audit_purge_horizon WHERE id = 1)
    BEGIN SELECT RAISE(ABORT, 'audit_entry rows newer than the retention horizon cannot be deleted'); END
    """,
)


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at_us', sa.BigInteger(), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.Column('actor', sa.String(length=128), nullable=False),
    sa.Column('actor_roles', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('object_type', sa.String(length=64), nullable=False),
    sa.Column('subject_kind', sa.String(length=16), nullable=True),
    sa.Column('subject_id', sa.String(length=128), nullable=True),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_at_us'), ['at_us'], unique=False)
        batch_op.create_index('ix_audit_entry_subject', ['subject_kind', 'subject_id', 'at_us'], unique=False)

    audit_purge_horizon = op.create_table('audit_purge_horizon',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purge_before_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_purge_horizon'))
    )
    op.bulk_insert(audit_purge_horizon, [{'id': 1, 'purge_before_us': 0}])
    op.create_table('customer_erasure',
    sa.Column('customer_id', sa.String(length=128), nullable=False),
    sa.Column('requested_by', sa.String(length=128), nullable=False),
    sa.Column('erased_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('customer_id', name=op.f('pk_customer_erasure'))
    )
    op.create_table('policy_override',
    sa.Column('kind', sa.String(length=1), nullable=False),
    sa.Column('subject', sa.String(length=128), nullable=False),
    sa.Column('object', sa.String(length=128), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('effect', sa.String(length=8), nullable=False),
    sa.Column('changed_by', sa.String(length=128), nullable=False),
    sa.Column('changed_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'subject', 'object', 'action', 'scope', name=op.f('pk_policy_override'))
    )
    policy_revision = op.create_table('policy_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_revision'))
    )
    op.bulk_insert(policy_revision, [{'id': 1, 'revision': 0, 'changed_at_us': 0}])
    op.create_table('review_assignment',
    sa.Column('reviewer_id', sa.String(length=128), nullable=False),
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('assigned_by', sa.String(length=128), nullable=False),
    sa.Column('assigned_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('reviewer_id', 'conversation_id', name=op.f('pk_review_assignment'))
    )
    with op.batch_alter_table('review_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_assignment_conversation_id'), ['conversation_id'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute(POSTGRES_AUDIT_GUARD)
        op.execute(POSTGRES_AUDIT_TRIGGER)
    else:
        for statement in SQLITE_AUDIT_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER audit_entry_append_only ON audit_entry')
        op.execute('DROP FUNCTION audit_entry_guard()')
    else:
        op.execute('DROP TRIGGER audit_entry_no_early_delete')
        op.execute('DROP TRIGGER audit_entry_no_update')
    with op.batch_alter_table('review_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_assignment_conversation_id'))

    op.drop_table('review_assignment')
    op.drop_table('policy_revision')
    op.drop_table('policy_override')
    op.drop_table('customer_erasure')
    op.drop_table('audit_purge_horizon')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_subject')
        batch_op.drop_index(batch_op.f('ix_audit_entry_at_us'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_actor'))

    op.drop_table('audit_entry')
