"""GraphQL queries: ``metrics`` (any grouping, within the caller's metric scope) and ``metricCatalogue``."""

import strawberry
from strawberry.types import Info

from server.metrics.role_access import ProtectedRow, scoped_metrics
from server.errors import BadUserInput
from server.metrics.definitions import METRICS
from server.metrics.errors import MetricsRequestError
from server.metrics.freshness_types import FactsFreshnessType, read_freshness
from server.metrics.request import MetricsRequest, parse_range_bound
from server.metrics.types import (
    MetricDefinitionType, MetricDimension, MetricKey, MetricRowType, MetricsFilter, MetricValueType,
)


def request_of(
    filter: MetricsFilter | None, group_by: list[MetricDimension] | None, metrics: list[MetricKey] | None  # type: ignore[valid-type]
) -> MetricsRequest:
    """The engine request for the arguments (raises MetricsRequestError)."""
    given = filter or MetricsFilter()
    return MetricsRequest.of(
        from_=parse_range_bound(given.from_, "from"),
        to=parse_range_bound(given.to, "to"),
        team_ids=given.team_ids,
        agent_ids=given.agent_ids,
        channels=given.channels,
        categories=given.categories,
        group_by=[dimension.value for dimension in group_by or ()],
        metrics=None if metrics is None else [key.value for key in metrics],
    )


def row_type(row: ProtectedRow, freshness: FactsFreshnessType) -> MetricRowType:
    dimensions = row.dimensions
    return MetricRowType(
        agent_id=dimensions.get("agent_id"), team_id=dimensions.get("team_id"), channel=dimensions.get("channel"),
        category=dimensions.get("category"), bucket=dimensions.get("bucket"), suppressed=row.suppressed,
        values=[MetricValueType.of(key, value) for key, value in row.values.items()], freshness=freshness,
    )


@strawberry.type
class MetricsQuery:
    @strawberry.field(
        description="Metrics of the catalogue over a range, grouped as asked; one row per group with data (exactly one "
        "row without grouping), limited to what the caller may see. / 按所请求分组统计的指标：每个有数据的分组一行"
        "（不分组时恰好一行），仅含调用者可见的数据。"
    )
    async def metrics(
        self,
        info: Info,
        filter: MetricsFilter | None = None,
        group_by: list[MetricDimension] | None = None,  # type: ignore[valid-type]
        metrics: list[MetricKey] | None = None,  # type: ignore[valid-type]
    ) -> list[MetricRowType]:
        try:
            request = request_of(filter, group_by, metrics)
            rows = await scoped_metrics(info.context, request)
        except MetricsRequestError as error:
            raise BadUserInput(error.message, details={"reason": error.code.value}) from error
        freshness = await read_freshness(info.context.session, info.context.settings.zone)
        return [row_type(row, freshness) for row in rows]

    @strawberry.field(
        description="Every metric key with its unit, direction, labels, explanations and formula. / "
        "全部指标及其单位、优劣方向、名称、说明与公式。"
    )
    def metric_catalogue(self) -> list[MetricDefinitionType]:
        return [MetricDefinitionType.of(definition) for definition in METRICS]
