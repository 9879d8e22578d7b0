"""Inputs and results of the retention flow (plain dataclasses, as Temporal serialises them)."""

from dataclasses import dataclass, field

DAY_SECONDS = 86_400


@dataclass
class RetentionRunInput:
    """One application of policies/retention.yaml as of ``now_us`` (microseconds since the epoch)."""

    now_us: int


@dataclass
class RetentionRunResult:
    now_us: int
    messages_anonymised: int = 0
    comments_anonymised: int = 0
    customers_anonymised: int = 0
    search_queries_anonymised: int = 0
    raw_events_scrubbed: int = 0
    audit_entries_purged: int = 0


@dataclass
class RetentionScheduleInput:
    """Apply retention every ``interval_seconds``; ``runs`` bounds the number of runs (None: for ever)."""

    interval_seconds: int = DAY_SECONDS
    runs: int | None = None
    runs_per_history: int = 30
    """After this many runs the workflow continues as new, so its history stays short."""
    results: list[RetentionRunResult] = field(default_factory=list)
    """Results carried over a continue-as-new (only while ``runs`` is bounded)."""
