"""Stored evaluations of ended plans, team reviews, and each team's review schedule (no message text, no customer data)."""

import server.metadata  # noqa: F401  (naming conventions first)
from sqlalchemy import Float, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field


class PlanEvaluation(SQLModel, table=True):
    """Whether one coaching plan worked: the difference-in-differences estimate, its sample sizes and its explanation."""

    __tablename__ = "plan_evaluation"
    __table_args__ = (Index("ix_plan_evaluation_team", "team_id", "evaluated_at_us"),)

    plan_id: str = id_field(primary_key=True)
    """One evaluation per plan: a replayed plan_ended event finds it and writes nothing."""
    agent_id: str = id_field(index=True)
    team_id: str = id_field()
    metric_key: str = label_field(nullable=False, length=64)
    goal_id: str | None = id_field(nullable=True)
    before_start_us: int = instant_field()
    before_end_us: int = instant_field()
    after_start_us: int = instant_field()
    after_end_us: int = instant_field()
    verdict: str = label_field(nullable=False, length=32)
    scale: str = label_field(nullable=False, length=16)
    widened: bool = Field(default=False)
    """The team had too few comparable agents; agents with the same channel mix were added."""
    before_size: int = Field(default=0)
    after_size: int = Field(default=0)
    before_mean: float | None = Field(default=None, sa_type=Float)
    after_mean: float | None = Field(default=None, sa_type=Float)
    comparison_agents: int = Field(default=0)
    comparison_before_size: int = Field(default=0)
    comparison_after_size: int = Field(default=0)
    comparison_change: float | None = Field(default=None, sa_type=Float)
    effect: float | None = Field(default=None, sa_type=Float)
    effect_relative: float | None = Field(default=None, sa_type=Float)
    confidence_low: float | None = Field(default=None, sa_type=Float)
    confidence_high: float | None = Field(default=None, sa_type=Float)
    confidence_level: float = Field(default=0.95, sa_type=Float)
    standard_error: float | None = Field(default=None, sa_type=Float)
    degrees_of_freedom: int | None = Field(default=None)
    p_value: float | None = Field(default=None, sa_type=Float)
    between_agent_variance: float | None = Field(default=None, sa_type=Float)
    placebo_as_large: int | None = Field(default=None)
    placebo_p_value: float | None = Field(default=None, sa_type=Float)
    explanation_zh: str = text_field(nullable=False)
    explanation_en: str = text_field(nullable=False)
    evaluated_at_us: int = instant_field()


class TeamReview(SQLModel, table=True):
    """A team's review of one period: what changed, who improved or declined, knowledge-base needs, sections of other features."""

    __tablename__ = "team_review"
    __table_args__ = (
        UniqueConstraint("team_id", "period_start_us", "period_end_us", name="uq_team_review_period"),
        Index("ix_team_review_list", "created_at_us", "review_id"),
    )

    review_id: str = id_field(primary_key=True)
    """``review-<team>-<period start>-<period end>``: the same period's review is written once."""
    team_id: str = id_field(index=True)
    period_start_us: int = instant_field()
    period_end_us: int = instant_field()
    trigger: str = label_field(nullable=False, length=16)
    """``schedule`` or ``on_demand``."""
    content: str = text_field(nullable=False)
    """JSON: metrics, agents, knowledge-base categories, evaluations, sections (no message text, no customer data)."""
    summary_zh: str = text_field(nullable=False)
    summary_en: str = text_field(nullable=False)
    created_at_us: int = instant_field()


class TeamReviewSchedule(SQLModel, table=True):
    """A team's review cadence when it differs from the deployment's default (COACHLOOP_REVIEW_INTERVAL_DAYS)."""

    __tablename__ = "team_review_schedule"

    team_id: str = id_field(primary_key=True)
    interval_days: int = Field(default=7)
    enabled: bool = Field(default=True)
    updated_at_us: int = instant_field()
