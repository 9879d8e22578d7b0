"""The metrics engine: fact tables kept current by a (deferrable) batch hook, ``metrics`` and ``coachloop metrics``."""

from server.ingestion.hooks import DeclaredHook
from server.kernel.feature import Feature, ScopedRecord
from server.metrics.cli import register
from server.metrics.models import (
    metric_agent, metric_conversation, metric_daily_rollup, metric_kb_search, metric_response_interval, metric_state,
)
from server.metrics.queries import MetricsQuery
from server.metrics.sync import sync_metrics
from server.metrics.upkeep import MetricsUpkeep

FEATURE = Feature(
    name="metrics",
    query=MetricsQuery,
    tables=(metric_conversation, metric_response_interval, metric_kb_search, metric_daily_rollup, metric_agent, metric_state),
    hooks=(DeclaredHook("sync_metrics", sync_metrics, MetricsUpkeep()),),
    cli=(register,),
    scoped_records=(ScopedRecord("Metric", "read", frozenset({"all", "team", "own", "aggregate", "team_aggregate"})),),
)
