"""Quality inspection tables: rule and scorecard versions, reviews with findings, the per-conversation QA fact,
disputes, sampling plans and runs, calibration sessions and re-scoring jobs."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field


class QaRuleSet(SQLModel, table=True):
    """One saved version of the auto-QA rules (the YAML text as an administrator saved it)."""

    __tablename__ = "qa_rule_set"

    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    source: str = text_field(nullable=False)
    note: str | None = text_field()
    created_by: str = id_field()
    created_at_us: int = instant_field()


class QaScorecard(SQLModel, table=True):
    """One version of a scorecard: dimensions, weights and items as JSON (server/quality/scorecard.py)."""

    __tablename__ = "qa_scorecard"

    scorecard_id: str = id_field(primary_key=True)
    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name_zh: str = text_field(nullable=False)
    name_en: str = text_field(nullable=False)
    definition: str = text_field(nullable=False)
    pass_score: int = Field(default=80)
    created_by: str = id_field()
    created_at_us: int = instant_field()


class QaReview(SQLModel, table=True):
    """A score of one conversation: automatic (by a rule version) or manual (by a reviewer); never rewritten."""

    __tablename__ = "qa_review"
    __table_args__ = (Index("ix_qa_review_conversation", "conversation_id", "created_at_us"),)

    review_id: str = id_field(primary_key=True)
    conversation_id: str = id_field()
    kind: str = label_field(nullable=False, length=16)
    rule_version: int | None = Field(default=None)
    scorecard_id: str = id_field()
    scorecard_version: int = Field()
    score_milli: int = Field()
    """The score × 1000 (0–100 000), rounded half to even; 0 when a critical item failed."""
    critical_failed: bool = Field(default=False)
    compliance_violations: int = Field(default=0)
    negative_sentiment: bool = Field(default=False)
    items: str = text_field(nullable=False)
    annotations: str | None = text_field()
    comment: str | None = text_field()
    reviewer_id: str | None = id_field(nullable=True, index=True)
    agent_id: str | None = id_field(nullable=True, index=True)
    team_id: str | None = id_field(nullable=True)
    calibration_id: str | None = id_field(nullable=True, index=True)
    supersedes: str | None = id_field(nullable=True)
    created_at_us: int = instant_field()


class QaFinding(SQLModel, table=True):
    """A rule that fired in an automatic review, at a message and a span of its text; accepted or overridden later."""

    __tablename__ = "qa_finding"

    finding_id: str = id_field(primary_key=True)
    review_id: str = id_field(index=True)
    conversation_id: str = id_field(index=True)
    rule_id: str = label_field(nullable=False, length=64)
    severity: str = label_field(nullable=False, length=16)
    compliance: bool = Field(default=False)
    message_event_id: str | None = id_field(nullable=True)
    span_start: int | None = Field(default=None)
    span_end: int | None = Field(default=None)
    excerpt: str | None = text_field()
    detail: str | None = text_field()
    verdict: str | None = label_field(length=16)
    verdict_reason: str | None = text_field()
    verdict_by: str | None = id_field(nullable=True)
    verdict_at_us: int | None = instant_field(nullable=True)


class QaConversationFact(SQLModel, table=True):
    """The conversation's final score (manual when one exists, else the latest automatic) with its metric labels."""

    __tablename__ = "qa_conversation_fact"

    conversation_id: str = id_field(primary_key=True)
    review_id: str = id_field()
    manual: bool = Field(default=False)
    agent_id: str | None = id_field(nullable=True, index=True)
    team_id: str | None = id_field(nullable=True, index=True)
    channel: str = label_field(nullable=False)
    category: str = label_field(nullable=False)
    end_us: int = instant_field(index=True)
    score_milli: int = Field()
    critical_failed: bool = Field(default=False)
    compliance_violation: bool = Field(default=False)
    negative_sentiment: bool = Field(default=False)


class QaDispute(SQLModel, table=True):
    """An agent's dispute of a manual review, arbitrated by the managers of the agent's team."""

    __tablename__ = "qa_dispute"

    dispute_id: str = id_field(primary_key=True)
    review_id: str = id_field(index=True)
    conversation_id: str = id_field()
    agent_id: str = id_field(index=True)
    team_id: str | None = id_field(nullable=True, index=True)
    reason: str = text_field(nullable=False)
    opened_by: str = id_field()
    opened_at_us: int = instant_field()
    status: str = label_field(nullable=False, length=16)
    resolution: str | None = text_field()
    resolved_by: str | None = id_field(nullable=True)
    resolved_at_us: int | None = instant_field(nullable=True)
    amended_review_id: str | None = id_field(nullable=True)


class QaSamplingPlan(SQLModel, table=True):
    """How to sample conversations for manual review: strata, risk signals, coverage targets (JSON)."""

    __tablename__ = "qa_sampling_plan"

    plan_id: str = id_field(primary_key=True)
    name: str = text_field(nullable=False)
    definition: str = text_field(nullable=False)
    created_by: str = id_field()
    created_at_us: int = instant_field()


class QaSamplingRun(SQLModel, table=True):
    """One run of a plan over a period: its seed, what it picked and the coverage it reached (JSON)."""

    __tablename__ = "qa_sampling_run"

    run_id: str = id_field(primary_key=True)
    plan_id: str = id_field(index=True)
    from_us: int = instant_field()
    to_us: int = instant_field()
    seed: int = Field()
    picked: str = text_field(nullable=False)
    coverage: str = text_field(nullable=False)
    created_by: str = id_field()
    created_at_us: int = instant_field()


class QaCalibrationSession(SQLModel, table=True):
    """Several reviewers scoring the same conversations; their reviews carry the session's id."""

    __tablename__ = "qa_calibration_session"

    calibration_id: str = id_field(primary_key=True)
    name: str = text_field(nullable=False)
    conversation_ids: str = text_field(nullable=False)
    reviewer_ids: str = text_field(nullable=False)
    scorecard_id: str = id_field()
    scorecard_version: int = Field()
    created_by: str = id_field()
    created_at_us: int = instant_field()


class QaRescoreJob(SQLModel, table=True):
    """A backfill re-scoring the ended conversations of a period with the current rules, with its progress."""

    __tablename__ = "qa_rescore_job"

    job_id: str = id_field(primary_key=True)
    from_us: int = instant_field()
    to_us: int = instant_field()
    total: int = Field(default=0)
    done: int = Field(default=0)
    cursor: str | None = id_field(nullable=True)
    """The last conversation id scored (batches commit with it, so a retried batch does not score twice)."""
    status: str = label_field(nullable=False, length=16)
    requested_by: str = id_field()
    created_at_us: int = instant_field()
    finished_at_us: int | None = instant_field(nullable=True)
