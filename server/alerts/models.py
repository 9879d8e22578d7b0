"""Alert rules, alerts, and the incremental window state the rules are evaluated from.

- ``alert_rule``: a rule (defaults from ``policies/alert-rules.yaml``), versioned on each change;
- ``alert``: one per rule, scope and window it crossed on; at most one not yet resolved per rule and scope;
- ``alert_window``: per scope (organisation, team, agent, channel, category) and 5-minute bucket, the
  sums of every measure of the metric catalogue plus the compliance findings, kept in the ingest
  transaction so every process evaluates the same windows;
- ``alert_contribution``: what each fact row (or finding) last added to ``alert_window``, so a late or
  changed event replaces its old contribution instead of adding twice;
- ``alert_waiting``: the conversations waiting in a queue now (queued, not answered, not ended).
"""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import BigInteger, Column, Float, Index, String, Table, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from server.columns import ID_LENGTH, id_field, instant_field, label_field, text_field
from server.metrics.api import MEASURE_NAMES

BUCKET_US = 300_000_000
"""Window state is kept in 5-minute buckets (UTC-aligned)."""

FINDINGS_MEASURE = "compliance_findings"
WINDOW_MEASURES: tuple[str, ...] = (*MEASURE_NAMES, FINDINGS_MEASURE)


class AlertRule(SQLModel, table=True):
    """A threshold or baseline rule on a metric or a raw event, for one scope kind (optionally one scope)."""

    __tablename__ = "alert_rule"

    rule_id: str = id_field(primary_key=True)
    name: str = text_field(nullable=False)
    name_zh: str = text_field(nullable=False)
    source: str = label_field(nullable=False, length=32)
    """``metric`` or ``compliance_finding``."""
    metric_key: str | None = label_field(length=64)
    scope_kind: str = label_field(nullable=False, length=16)
    scope_id: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True)
    """One team, agent, channel or category; null: each one of that kind separately."""
    team_id: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True, index=True)
    """The team the rule concerns (its managers may edit it); null for rules beyond one team."""
    window: str = label_field(nullable=False, length=16)
    comparator: str = label_field(nullable=False, length=8)
    threshold: float | None = Field(default=None, sa_type=Float, nullable=True)
    deviations: float | None = Field(default=None, sa_type=Float, nullable=True)
    """Set: raise on more than this many standard deviations from the baseline instead of a threshold."""
    min_sample: int = Field(default=1)
    severity: str = label_field(nullable=False, length=16)
    hysteresis: float = Field(default=0.0, sa_type=Float)
    cooldown_minutes: int = Field(default=0)
    enabled: bool = Field(default=True)
    deleted: bool = Field(default=False)
    version: int = Field(default=1)
    updated_by: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True)
    created_at_us: int = instant_field()
    updated_at_us: int = instant_field()


class Alert(SQLModel, table=True):
    """A rule crossed in one scope and window: open → acknowledged → resolved, never deleted."""

    __tablename__ = "alert"
    __table_args__ = (
        UniqueConstraint("rule_id", "scope_kind", "scope_id", "window_end_us", name="uq_alert_rule_scope_window"),
        Index(
            "uq_alert_active", "rule_id", "scope_kind", "scope_id", unique=True,
            sqlite_where=text("state <> 'resolved'"), postgresql_where=text("state <> 'resolved'"),
        ),
        Index("ix_alert_listing", "raised_at_us", "alert_id"),
    )

    alert_id: str = id_field(primary_key=True)
    rule_id: str = id_field(index=True)
    scope_kind: str = label_field(nullable=False, length=16)
    scope_id: str = id_field()
    """The scope's id; ``""`` for the organisation."""
    team_id: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True, index=True)
    agent_id: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True)
    window_start_us: int = instant_field()
    window_end_us: int = instant_field()
    state: str = label_field(nullable=False, length=16)
    severity: str = label_field(nullable=False, length=16)
    value: float | None = Field(default=None, sa_type=Float, nullable=True)
    threshold: float | None = Field(default=None, sa_type=Float, nullable=True)
    baseline_mean: float | None = Field(default=None, sa_type=Float, nullable=True)
    baseline_sd: float | None = Field(default=None, sa_type=Float, nullable=True)
    sample_size: int = Field(default=0)
    last_value: float | None = Field(default=None, sa_type=Float, nullable=True)
    """The value of the latest window evaluated while the alert was not resolved."""
    last_window_end_us: int = instant_field()
    raised_at_us: int = instant_field()
    updated_at_us: int = instant_field()
    acknowledged_by: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True)
    acknowledged_at_us: int | None = instant_field(nullable=True)
    resolved_by: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True)
    resolved_at_us: int | None = instant_field(nullable=True)
    resolution: str | None = label_field(length=16)
    """``recovered``, ``manual`` or ``not_crossed`` (a late event showed the window never crossed)."""
    notes: str = text_field(nullable=False)
    """JSON list of ``{"by", "at_us", "text"}``."""


alert_window = Table(
    "alert_window",
    SQLModel.metadata,
    Column("scope_kind", String(16), primary_key=True),
    Column("scope_id", String(ID_LENGTH), primary_key=True),
    Column("bucket_us", BigInteger, primary_key=True),
    *[Column(name, BigInteger, nullable=False, default=0) for name in WINDOW_MEASURES],
)


class AlertWaiting(SQLModel, table=True):
    """A conversation queued and neither answered nor ended yet, as of the events stored (kept by the batch hook)."""

    __tablename__ = "alert_waiting"

    conversation_id: str = id_field(primary_key=True)
    queued_at_us: int = instant_field(index=True)
    channel: str | None = label_field()
    category: str | None = label_field()


class AlertContribution(SQLModel, table=True):
    """What one fact row (``c:<conversation>``, ``i:<conversation>:<position>``) or finding (``f:<id>``) added."""

    __tablename__ = "alert_contribution"

    source_key: str = Field(primary_key=True, sa_type=String(2 * ID_LENGTH + 16))
    conversation_id: str | None = Field(default=None, sa_type=String(ID_LENGTH), nullable=True, index=True)
    bucket_us: int = instant_field()
    scopes: str = text_field(nullable=False)
    """JSON list of ``[kind, id]`` the contribution was added to."""
    sums: str = text_field(nullable=False)
    """JSON object measure → value (non-zero ones)."""
