"""GraphQL queries: ``metrics`` (any grouping, within the caller's metric scope) and ``metricCatalogue``."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.metrics.definitions import METRICS
from server.metrics.inputs import FilterArgument, MetricDimension, engine_errors, metrics_request
from server.metrics.role_access import scoped_metrics
from server.metrics.freshness_types import read_freshness
from server.metrics.request import MetricsRequest
from server.metrics.types import MetricDefinitionType, MetricKey, MetricRowType

GroupByArgument = Annotated[
    list[MetricDimension] | None,  # type: ignore[valid-type]
    strawberry.argument(
        description="Dimensions to group by, at most one time bucket (absent: one row for the whole range). / "
        "分组维度，至多一个时间粒度（缺省为整个范围一行）。"
    ),
]
MetricsArgument = Annotated[
    list[MetricKey] | None,  # type: ignore[valid-type]
    strawberry.argument(description="Metrics to compute (absent: all of the catalogue). / 要计算的指标（缺省为目录中全部）。"),
]


async def metric_rows(info: Info, request: MetricsRequest) -> list[MetricRowType]:
    """The caller's rows for ``request``: scope, suppression, pseudonyms and audit as for every metrics answer."""
    context = info.context
    with engine_errors():
        rows = await scoped_metrics(context, request)
    freshness = await read_freshness(context.session, context.settings.zone)
    return [MetricRowType.of(row, freshness, context.settings.zone) for row in rows]


@strawberry.type
class MetricsQuery:
    @strawberry.field(
        description="Metrics of the catalogue over a range, grouped as asked; one row per group with data (exactly one "
        "row without grouping), limited to what the caller may see. The same arguments export as CSV at "
        "`POST /export/metrics.csv`. / 按所请求分组统计的指标：每个有数据的分组一行（不分组时恰好一行），仅含调用者可见的"
        "数据；相同参数可通过 `POST /export/metrics.csv` 导出 CSV。"
    )
    async def metrics(
        self, info: Info, filter: FilterArgument = None, group_by: GroupByArgument = None, metrics: MetricsArgument = None
    ) -> list[MetricRowType]:
        return await metric_rows(info, metrics_request(filter, group_by, metrics))

    @strawberry.field(
        description="Every metric key with its unit, direction, labels, explanations and formula. / "
        "全部指标及其单位、优劣方向、名称、说明与公式。"
    )
    def metric_catalogue(self) -> list[MetricDefinitionType]:
        return [MetricDefinitionType.of(definition) for definition in METRICS]
