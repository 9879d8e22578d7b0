"""The metrics engine: fact tables kept current by a (deferrable) batch hook, ``metrics`` and ``coachloop metrics``."""

from server.kernel.feature import DeclaredHook, Feature, Ref, ScopedRecord
from server.metrics.commands import register

FEATURE = Feature(
    name="metrics",
    query=Ref("server.metrics.queries:MetricsQuery"),
    tables=(
        Ref("server.metrics.models:metric_conversation"),
        Ref("server.metrics.models:metric_response_interval"),
        Ref("server.metrics.models:metric_kb_search"),
        Ref("server.metrics.models:metric_daily_rollup"),
        Ref("server.metrics.models:metric_agent"),
        Ref("server.metrics.models:metric_state"),
    ),
    hooks=(DeclaredHook("sync_metrics", Ref("server.metrics.sync:sync_metrics"), Ref("server.metrics.upkeep:METRICS_UPKEEP")),),
    cli=(register,),
    scoped_records=(ScopedRecord("Metric", "read", frozenset({"all", "team", "own", "aggregate", "team_aggregate"})),),
)
