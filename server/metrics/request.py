"""A metrics question (range, filters, grouping, keys), who may see what, and the answer's rows."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from server.ingestion.fields import normalise_label
from server.metrics.computations import MetricValue
from server.metrics.definitions import METRIC_KEYS, METRICS_BY_KEY
from server.metrics.errors import MetricsErrorCode, MetricsRequestError


class Dimension(StrEnum):
    """What rows can be grouped by: who, where, what, and at most one time bucket."""

    AGENT = "agent"
    TEAM = "team"
    CHANNEL = "channel"
    CATEGORY = "category"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


TIME_DIMENSIONS = (Dimension.HOUR, Dimension.DAY, Dimension.WEEK, Dimension.MONTH)
ATTRIBUTION_DIMENSIONS = (Dimension.AGENT, Dimension.TEAM)
LABEL_DIMENSIONS = (Dimension.CHANNEL, Dimension.CATEGORY)
ROW_KEYS = {
    Dimension.AGENT: "agent_id", Dimension.TEAM: "team_id", Dimension.CHANNEL: "channel", Dimension.CATEGORY: "category",
    **{dimension: "bucket" for dimension in TIME_DIMENSIONS},
}
FACT_COLUMNS = {
    Dimension.AGENT: "agent_id", Dimension.TEAM: "team_id", Dimension.CHANNEL: "channel", Dimension.CATEGORY: "category",
    **{dimension: f"bucket_{dimension.value}" for dimension in TIME_DIMENSIONS},
}
DIMENSION_ORDER = tuple(Dimension)


def parse_dimensions(names: Iterable[str]) -> tuple[Dimension, ...]:
    """Dimensions by name (case-insensitive), in canonical order; at most one time bucket."""
    found = set()
    for name in names:
        try:
            found.add(Dimension(name.strip().lower()))
        except ValueError:
            known = ", ".join(dimension.value for dimension in Dimension)
            raise MetricsRequestError(MetricsErrorCode.UNKNOWN_DIMENSION, f"unknown dimension {name!r} (known: {known})") from None
    buckets = [dimension.value for dimension in TIME_DIMENSIONS if dimension in found]
    if len(buckets) > 1:
        raise MetricsRequestError(
            MetricsErrorCode.MULTIPLE_TIME_BUCKETS, f"at most one time bucket may be grouped by, got {', '.join(buckets)}"
        )
    return tuple(dimension for dimension in DIMENSION_ORDER if dimension in found)


def parse_range_bound(text: str | None, name: str) -> date | datetime | None:
    """``YYYY-MM-DD`` (a local date) or an ISO 8601 timestamp, with or without offset; None stays None."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise MetricsRequestError(
            MetricsErrorCode.INVALID_RANGE, f"{name}: {text!r} is neither a date (YYYY-MM-DD) nor an ISO 8601 timestamp"
        ) from None


def parse_metric_keys(keys: Iterable[str] | None) -> tuple[str, ...]:
    """Metric keys in catalogue order; all of them when None."""
    if keys is None:
        return METRIC_KEYS
    wanted = {key.strip().lower() for key in keys}
    unknown = sorted(wanted - set(METRICS_BY_KEY))
    if unknown:
        raise MetricsRequestError(MetricsErrorCode.UNKNOWN_METRIC, f"unknown metric key(s): {', '.join(unknown)}")
    return tuple(key for key in METRIC_KEYS if key in wanted)


@dataclass(frozen=True)
class MetricScope:
    """What a principal may see: facts attributed to one of ``agent_ids`` or ``team_ids``; None = no limit."""

    agent_ids: frozenset[str] | None = None
    team_ids: frozenset[str] | None = None

    @property
    def restricted(self) -> bool:
        return self.agent_ids is not None or self.team_ids is not None


def _frozen(values: Iterable[str] | None, normalise: bool = False) -> frozenset[str] | None:
    if values is None:
        return None
    return frozenset(normalise_label(value) if normalise else value for value in values)


@dataclass(frozen=True)
class MetricsRequest:
    """``from_`` inclusive, ``to`` exclusive, on the bucketing instant; a date or naive datetime is local time."""

    from_: date | datetime | None = None
    to: date | datetime | None = None
    team_ids: frozenset[str] | None = None
    agent_ids: frozenset[str] | None = None
    channels: frozenset[str] | None = None
    categories: frozenset[str] | None = None
    group_by: tuple[Dimension, ...] = ()
    metrics: tuple[str, ...] = field(default=METRIC_KEYS)

    @classmethod
    def of(
        cls,
        *,
        from_: date | datetime | None = None,
        to: date | datetime | None = None,
        team_ids: Iterable[str] | None = None,
        agent_ids: Iterable[str] | None = None,
        channels: Iterable[str] | None = None,
        categories: Iterable[str] | None = None,
        group_by: Iterable[str] = (),
        metrics: Iterable[str] | None = None,
    ) -> "MetricsRequest":
        """A validated request from plain values (raises MetricsRequestError)."""
        return cls(
            from_=from_, to=to, team_ids=_frozen(team_ids), agent_ids=_frozen(agent_ids),
            channels=_frozen(channels, normalise=True), categories=_frozen(categories, normalise=True),
            group_by=parse_dimensions(group_by), metrics=parse_metric_keys(metrics),
        )

    def validated(self) -> "MetricsRequest":
        """The same request with dimensions and keys checked and put in canonical order."""
        return replace(self, group_by=parse_dimensions(self.group_by), metrics=parse_metric_keys(self.metrics))

    @property
    def time_dimension(self) -> Dimension | None:
        return next((dimension for dimension in self.group_by if dimension in TIME_DIMENSIONS), None)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(ROW_KEYS[dimension] for dimension in self.group_by)


@dataclass(frozen=True)
class MetricRow:
    """One group: its dimension values (row keys such as ``agent_id``) and a value per asked key."""

    dimensions: dict[str, str | None]
    values: dict[str, MetricValue]

    def record(self) -> dict[str, object]:
        """The spec's row object: dimension keys, then metric keys in catalogue order."""
        return {**self.dimensions, **{key: value.value for key, value in self.values.items()}}
