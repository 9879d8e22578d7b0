"""Master data: teams, agents with their team membership over time, customers."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field


class Team(SQLModel, table=True):
    """A team as of its latest ``team.upserted``."""

    __tablename__ = "team"

    team_id: str = id_field(primary_key=True)
    name: str = text_field(nullable=False)
    parent_team_id: str | None = id_field(nullable=True, index=True)
    ts_us: int = instant_field()
    event_id: str = id_field()


class Agent(SQLModel, table=True):
    """An agent as of its latest ``agent.upserted``; the team over time is in AgentMembership."""

    __tablename__ = "agent"

    agent_id: str = id_field(primary_key=True)
    name: str = text_field(nullable=False)
    team_id: str = id_field(index=True)
    email: str | None = text_field()
    hire_date: date | None = Field(default=None)
    active: bool = Field(default=True)
    ts_us: int = instant_field()
    event_id: str = id_field()


class AgentMembership(SQLModel, table=True):
    """One ``agent.upserted``: from ``valid_from_us`` on, the agent belongs to ``team_id``."""

    __tablename__ = "agent_membership"
    __table_args__ = (Index("ix_agent_membership_timeline", "agent_id", "valid_from_us"),)

    event_id: str = id_field(primary_key=True)
    agent_id: str = id_field()
    team_id: str = id_field()
    valid_from_us: int = instant_field()


class AgentStatusChange(SQLModel, table=True):
    """One ``agent.status_changed`` (stored and shown, not computed on)."""

    __tablename__ = "agent_status"
    __table_args__ = (Index("ix_agent_status_timeline", "agent_id", "ts_us"),)

    event_id: str = id_field(primary_key=True)
    agent_id: str = id_field()
    status: str = label_field(nullable=False, length=16)
    ts_us: int = instant_field()


class Customer(SQLModel, table=True):
    """A customer; personal data lives apart in CustomerPersonal so it can be masked and purged."""

    __tablename__ = "customer"

    customer_id: str = id_field(primary_key=True)
    ts_us: int = instant_field()
    event_id: str = id_field()


class CustomerPersonal(SQLModel, table=True):
    """A customer's personal data as of the latest ``customer.upserted``."""

    __tablename__ = "customer_personal"

    customer_id: str = id_field(primary_key=True)
    name: str | None = text_field()
    phone: str | None = text_field()
    email: str | None = text_field()
    ts_us: int = instant_field()
    event_id: str = id_field()
