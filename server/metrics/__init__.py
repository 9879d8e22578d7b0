"""The metrics engine: fact tables kept current by an ingestion batch hook, and the query layer."""

from server.ingestion.hooks import BATCH_HOOKS
from server.metrics.sync import sync_metrics

if sync_metrics not in BATCH_HOOKS:
    BATCH_HOOKS.append(sync_metrics)
