"""The metrics engine's public interface: what insights, retention, and later coaching and alerts import.

Everything else under ``server/metrics/`` is the engine's inside (facts, rollups,
upkeep, storage) and may change without the features above it noticing;
``tests/test_package_graph.py`` checks that they import only this module.
"""

from server.metrics.buckets import buckets_of, local_instant_us
from server.metrics.computations import Count, Mean, MetricValue, NetPromoter, Share
from server.metrics.definitions import (
    METRICS_BY_KEY, QA_METRICS, QA_METRICS_BY_KEY, Direction, MetricDefinition, metric_definition,
)
from server.metrics.enums import described_enum
from server.metrics.errors import MetricsRequestError
from server.metrics.freshness_types import FactsFreshnessType, read_freshness
from server.metrics.inputs import (
    FilterArgument, MetricDimension, MetricsFilterInput, PeriodInput, Range, engine_errors, metrics_request, range_of,
)
from server.metrics.measures import MEASURES, Source
from server.metrics.models import metric_conversation, metric_response_interval
from server.metrics.links import LazyAgent, LazyTeam, agent_global_id, load_agent, load_team, team_global_id
from server.metrics.query import compute_metrics
from server.metrics.request import Dimension, MetricRow, MetricScope, MetricsRequest, parse_range_bound
from server.metrics.role_access import check_request, metric_access
from server.metrics.samples import metric_samples
from server.metrics.types import MetricKey, exact_count

MEASURE_NAMES: tuple[str, ...] = tuple(measure.name for measure in MEASURES)
"""Every measure the metric facts carry, in catalogue order (the sums a window of any metric needs)."""

__all__ = [
    "MEASURE_NAMES",
    "Source",
    "metric_conversation",
    "metric_response_interval",
    "METRICS_BY_KEY",
    "QA_METRICS",
    "QA_METRICS_BY_KEY",
    "Count",
    "Dimension",
    "Direction",
    "FactsFreshnessType",
    "FilterArgument",
    "LazyAgent",
    "LazyTeam",
    "Mean",
    "MetricDefinition",
    "MetricDimension",
    "MetricKey",
    "MetricRow",
    "MetricScope",
    "MetricsFilterInput",
    "MetricsRequest",
    "MetricsRequestError",
    "MetricValue",
    "NetPromoter",
    "PeriodInput",
    "Range",
    "Share",
    "agent_global_id",
    "buckets_of",
    "check_request",
    "compute_metrics",
    "described_enum",
    "engine_errors",
    "exact_count",
    "load_agent",
    "load_team",
    "local_instant_us",
    "metric_access",
    "metric_definition",
    "metric_samples",
    "metrics_request",
    "parse_range_bound",
    "range_of",
    "read_freshness",
    "team_global_id",
]
