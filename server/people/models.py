"""Stored people: a user per token subject, their roles, the teams they lead, reviewer pools, preferences."""

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field

ROLE_LENGTH = 64


class DirectoryUser(SQLModel, table=True):
    """One person, keyed by the subject of their token (``sub``); contact fields are personal data."""

    __tablename__ = "directory_user"

    user_id: str = id_field(primary_key=True)
    display_name: str = text_field(nullable=False)
    email: str | None = text_field()
    phone: str | None = text_field()
    language: str = label_field(nullable=False, length=8)
    """``zh-CN`` or ``en``."""
    time_zone: str | None = label_field(length=64)
    """IANA zone of quiet hours; the deployment's zone when empty."""
    quiet_start_minute: int | None = Field(default=None)
    quiet_end_minute: int | None = Field(default=None)
    """Quiet hours as minutes after local midnight; the window may wrap past midnight."""
    agent_id: str | None = id_field(nullable=True, index=True)
    active: bool = Field(default=True)
    source: str = label_field(nullable=False, length=16)
    """Where the record came from first: ``admin``, ``import`` or ``token``."""
    created_at_us: int = instant_field()
    updated_at_us: int = instant_field()


class UserRole(SQLModel, table=True):
    """A role the directory grants a user."""

    __tablename__ = "user_role"

    __table_args__ = (Index("ix_user_role_role", "role"),)

    user_id: str = id_field(primary_key=True)
    role: str = Field(primary_key=True, sa_type=String(ROLE_LENGTH))


class TeamLead(SQLModel, table=True):
    """A team a user leads (and so every team below it)."""

    __tablename__ = "team_lead"
    __table_args__ = (Index("ix_team_lead_team", "team_id"),)

    user_id: str = id_field(primary_key=True)
    team_id: str = id_field(primary_key=True)


class ReviewerPoolMember(SQLModel, table=True):
    """A user in a QA reviewer pool."""

    __tablename__ = "reviewer_pool_member"
    __table_args__ = (Index("ix_reviewer_pool_member_user", "user_id"),)

    pool: str = id_field(primary_key=True)
    user_id: str = id_field(primary_key=True)


class NotificationPreference(SQLModel, table=True):
    """Whether a kind of notification is forwarded to a user's webhooks (in-app is always on)."""

    __tablename__ = "notification_preference"

    user_id: str = id_field(primary_key=True)
    kind: str = id_field(primary_key=True)
    webhook: bool = Field(default=True)
