"""Coaching records: rule versions, remediation actions, coaching plans and their tasks."""

import server.metadata  # noqa: F401  (constraint naming first)
from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field

UNIQUE_KEY_LENGTH = 200


class CoachingRuleVersion(SQLModel, table=True):
    """One stored version of the coaching rules (version 0 is the file's defaults, never stored)."""

    __tablename__ = "coaching_rule_version"

    version: int = Field(primary_key=True)
    document: str = text_field(nullable=False)
    """JSON list of rules, as validated."""
    created_by: str = id_field()
    created_at_us: int = instant_field()


class RemediationAction(SQLModel, table=True):
    """One action a rule took: which rule and version, the numbers that triggered it, what it did."""

    __tablename__ = "remediation_action"
    __table_args__ = (Index("ix_remediation_action_team", "team_id", "created_at_us"),)

    action_id: str = id_field(primary_key=True)
    unique_key: str = Field(unique=True, sa_type=String(UNIQUE_KEY_LENGTH))
    """Rule, action, subject and trigger: a replayed check finds it and adds nothing."""
    rule_id: str = label_field(nullable=False, length=64)
    rule_version: int = Field()
    action_type: str = label_field(nullable=False, length=32)
    agent_id: str | None = id_field(nullable=True, index=True)
    team_id: str | None = id_field(nullable=True)
    category: str | None = label_field()
    goal_id: str | None = id_field(nullable=True)
    check_id: str | None = id_field(nullable=True)
    plan_id: str | None = id_field(nullable=True)
    trigger: str = text_field(nullable=False)
    """JSON: the numbers that met the condition."""
    detail: str = text_field(nullable=False)
    """JSON: what the action chose (path, template ids, hours, …)."""
    status: str = label_field(nullable=False, length=16)
    """``open`` or ``done``."""
    created_at_us: int = instant_field()


class CoachingPlan(SQLModel, table=True):
    """A plan for one agent on one catalogue metric, run by workflow ``plan-<id>`` to its evaluation date."""

    __tablename__ = "coaching_plan"
    __table_args__ = (Index("ix_coaching_plan_metric", "metric_key", "starts_at_us"),)

    plan_id: str = id_field(primary_key=True)
    agent_id: str = id_field(index=True)
    team_id: str = id_field(index=True)
    metric_key: str = label_field(nullable=False, length=64)
    goal_id: str | None = id_field(nullable=True)
    """A goal of server/goals, kept as its id."""
    title: str = text_field(nullable=False)
    note: str | None = text_field()
    status: str = label_field(nullable=False, length=16)
    """``active``, ``ended`` or ``cancelled``."""
    source: str = label_field(nullable=False, length=16)
    """``manager`` or ``rules``."""
    source_key: str | None = Field(default=None, unique=True, sa_type=String(UNIQUE_KEY_LENGTH))
    """For plans a rule opened: the trigger's key, so a replay opens none."""
    created_by: str = id_field()
    starts_at_us: int = instant_field()
    evaluation_at_us: int = instant_field()
    workflow_started_at_us: int | None = instant_field(nullable=True)
    """When ``plan-<id>`` was started; None while the start is pending."""
    ended_at_us: int | None = instant_field(nullable=True)
    created_at_us: int = instant_field()
    updated_at_us: int = instant_field()


class CoachingTask(SQLModel, table=True):
    """One task of a plan, due on a date: acknowledged and completed by the agent, verified by the manager."""

    __tablename__ = "coaching_task"
    __table_args__ = (Index("ix_coaching_task_plan", "plan_id", "position"),)

    task_id: str = id_field(primary_key=True)
    plan_id: str = id_field()
    position: int = Field()
    kind: str = label_field(nullable=False, length=32)
    title: str = text_field(nullable=False)
    detail: str | None = text_field()
    reference: str | None = label_field()
    """A training path, script template or category the task is about."""
    due_at_us: int = instant_field(index=True)
    status: str = label_field(nullable=False, length=16)
    """``open``, ``acknowledged``, ``completed``, ``verified`` or ``cancelled``."""
    evidence: str | None = text_field()
    review_note: str | None = text_field()
    acknowledged_at_us: int | None = instant_field(nullable=True)
    completed_at_us: int | None = instant_field(nullable=True)
    verified_at_us: int | None = instant_field(nullable=True)
    verified_by: str | None = id_field(nullable=True)
    reminded_at_us: int | None = instant_field(nullable=True)
    escalated_at_us: int | None = instant_field(nullable=True)
    created_at_us: int = instant_field()
    updated_at_us: int = instant_field()


class CoachingQaScore(SQLModel, table=True):
    """The latest final QA score of a conversation (from ``quality.scored``), for the QA coaching condition."""

    __tablename__ = "coaching_qa_score"
    __table_args__ = (Index("ix_coaching_qa_score_agent", "agent_id", "scored_at_us"),)

    conversation_id: str = id_field(primary_key=True)
    agent_id: str = id_field()
    team_id: str | None = id_field(nullable=True)
    score: float = Field()
    scored_at_us: int = instant_field()
