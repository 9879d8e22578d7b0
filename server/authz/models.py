"""Policy changes made at run time, stored over the default policy file, and their revision."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import Integer, String
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field


class PolicyOverride(SQLModel, table=True):
    """A rule granted or revoked over ``policies/policy.csv``; the latest change of a rule wins."""

    __tablename__ = "policy_override"

    kind: str = Field(primary_key=True, sa_type=String(1))
    subject: str = id_field(primary_key=True)
    object: str = id_field(primary_key=True)
    action: str = Field(primary_key=True, sa_type=String(16))
    scope: str = Field(primary_key=True, sa_type=String(16))
    effect: str = Field(sa_type=String(8))
    changed_by: str = id_field()
    changed_at_us: int = instant_field()


class PolicyRevision(SQLModel, table=True):
    """A single row whose number grows with every policy change; processes poll it to reload."""

    __tablename__ = "policy_revision"

    id: int = Field(primary_key=True, sa_type=Integer)
    revision: int = Field(sa_type=Integer)
    changed_at_us: int = instant_field()
