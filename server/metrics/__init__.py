"""The metrics engine: fact tables kept current by an ingestion batch hook, and the query layer."""

from server.ingestion.hooks import BATCH_HOOKS, DEFERRABLE
from server.metrics.sync import sync_metrics
from server.metrics.upkeep import MetricsUpkeep

if sync_metrics not in BATCH_HOOKS:
    BATCH_HOOKS.append(sync_metrics)
    DEFERRABLE[sync_metrics] = MetricsUpkeep()
