"""The append-only audit log: individual-level reads, denied attempts, policy changes."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import BigInteger, Index, Integer
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field


class AuditEntry(SQLModel, table=True):
    """One audited event; rows are never updated (a database trigger refuses it)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_subject", "subject_kind", "subject_id", "at_us"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=BigInteger().with_variant(Integer, "sqlite"))
    at_us: int = instant_field(index=True)
    request_id: str = label_field(nullable=False, length=64)
    actor: str = id_field(index=True)
    actor_roles: str = text_field(nullable=False)
    action: str = label_field(nullable=False, length=32)
    object_type: str = label_field(nullable=False, length=64)
    subject_kind: str | None = label_field(length=16)
    subject_id: str | None = id_field(nullable=True)
    fields: str = text_field(nullable=False)
    detail: str | None = text_field()


class AuditPurgeHorizon(SQLModel, table=True):
    """A single row: audit entries older than ``purge_before_us`` may be deleted by retention, no others."""

    __tablename__ = "audit_purge_horizon"

    id: int = Field(primary_key=True, sa_type=Integer)
    purge_before_us: int = Field(sa_type=BigInteger)
