"""The goals tables: a goal, its parts (teams and agents with their allocated targets), its checks."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from datetime import date

from sqlalchemy import Float, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field


class Goal(SQLModel, table=True):
    """A target on a catalogue metric over a period, for the organisation, a team (with sub-teams) or an agent."""

    __tablename__ = "goal"

    goal_id: str = id_field(primary_key=True)
    name: str = text_field(nullable=False)
    metric_key: str = label_field(nullable=False, length=64)
    better: str = label_field(nullable=False, length=32)
    """``higher_is_better`` or ``lower_is_better``: the metric's own direction, or the one given for a volume."""
    target_kind: str = label_field(nullable=False, length=16)
    """``absolute``, ``change`` (in the metric's unit; shares as fractions) or ``change_percent``."""
    target_input: float = Field(sa_type=Float)
    scope_kind: str = label_field(nullable=False, length=16)
    """``organisation``, ``team`` or ``agent``."""
    team_id: str | None = id_field(nullable=True, index=True)
    agent_id: str | None = id_field(nullable=True, index=True)
    channels: str | None = text_field()
    """JSON list, or null for every channel."""
    categories: str | None = text_field()
    start_date: date
    end_date: date
    """Inclusive; the period ends at local midnight after it."""
    owner_id: str = id_field(index=True)
    tolerance: float = Field(default=0.0, sa_type=Float)
    cadence_s: int = Field(default=604_800, sa_type=Integer)
    minimum_sample: int = Field(default=30, sa_type=Integer)
    baseline_days: int = Field(default=28, sa_type=Integer)
    status: str = label_field(nullable=False, length=16, index=True)
    baseline: float | None = Field(default=None, sa_type=Float)
    baseline_volume: int | None = Field(default=None, sa_type=Integer)
    target: float | None = Field(default=None, sa_type=Float)
    """The resolved target of the whole scope."""
    shortfall: float | None = Field(default=None, sa_type=Float)
    """How far the parts' combined targets stay from ``target`` because of the caps (0 when none)."""
    revision: int = Field(default=1, sa_type=Integer)
    workflow_started_at_us: int | None = instant_field(nullable=True)
    created_by: str = id_field()
    created_at_us: int = instant_field()
    updated_at_us: int = instant_field()
    closed_at_us: int | None = instant_field(nullable=True)


class GoalPart(SQLModel, table=True):
    """A team or an agent's share of a goal: its baseline, volume and allocated target."""

    __tablename__ = "goal_part"
    __table_args__ = (Index("ix_goal_part_agent", "agent_id", "goal_id"), Index("ix_goal_part_team", "team_id", "goal_id"))

    goal_id: str = id_field(primary_key=True)
    part_key: str = id_field(primary_key=True)
    """``team:<team>`` or ``agent:<team>:<agent>`` (an agent's numbers credited to that team)."""
    part_kind: str = label_field(nullable=False, length=16)
    parent_key: str | None = id_field(nullable=True)
    team_id: str = id_field()
    agent_id: str | None = id_field(nullable=True)
    baseline: float | None = Field(default=None, sa_type=Float)
    volume: int = Field(default=0, sa_type=Integer)
    target: float = Field(sa_type=Float)
    rule: str = label_field(nullable=False, length=16)
    """How the target was set: ``allocated``, ``kept``, ``capped``, ``low_volume``, ``percentile``, ``count``."""
    capped: bool = Field(default=False)
    shortfall: float | None = Field(default=None, sa_type=Float)


class GoalCheck(SQLModel, table=True):
    """One check of one part (or the goal itself, part ``goal``) at a milestone or on demand."""

    __tablename__ = "goal_check"
    __table_args__ = (
        UniqueConstraint("goal_id", "check_key", "part_key", name="uq_goal_check_once"),
        Index("ix_goal_check_part", "goal_id", "part_key", "checked_at_us"),
    )

    check_id: str = id_field(primary_key=True)
    goal_id: str = id_field()
    check_key: str = label_field(nullable=False, length=64)
    """``m<k>`` for milestone k (1-based), ``now-<instant>`` on demand."""
    milestone: int | None = Field(default=None, sa_type=Integer)
    part_key: str = id_field()
    window_start_us: int = instant_field()
    window_end_us: int = instant_field()
    expected: float | None = Field(default=None, sa_type=Float)
    actual: float | None = Field(default=None, sa_type=Float)
    sample_size: int = Field(default=0, sa_type=Integer)
    status: str = label_field(nullable=False, length=24)
    consecutive_behind: int = Field(default=0, sa_type=Integer)
    checked_at_us: int = instant_field()


GOAL_PART = "goal"
"""The ``part_key`` of a check on the goal's whole scope."""
