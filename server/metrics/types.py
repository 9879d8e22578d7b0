"""GraphQL types of the metrics: keys, dimensions, filter, rows with sampled values, the catalogue."""

from enum import Enum

import strawberry

from server.metrics.computations import MetricValue
from server.metrics.freshness_types import FactsFreshnessType
from server.metrics.definitions import METRICS, Direction, MetricDefinition, Unit
from server.metrics.request import Dimension

MetricKey = strawberry.enum(
    Enum("MetricKey", {definition.key.upper(): definition.key for definition in METRICS}),  # type: ignore[misc]
    name="MetricKey",
    description="A metric of the catalogue (`metricCatalogue`), its key upper-cased. / 指标目录中的指标（键名大写）。",
)
MetricDimension = strawberry.enum(
    Enum("MetricDimension", {dimension.name: dimension.value for dimension in Dimension}),  # type: ignore[misc]
    name="MetricDimension",
    description="What rows are grouped by: AGENT, TEAM, CHANNEL, CATEGORY and at most one of HOUR, DAY, WEEK, MONTH "
    "(local buckets; weeks start on Monday). / 分组维度：坐席、团队、渠道、类别，以及至多一个时间粒度（小时、日、周、月，"
    "按组织时区，周从周一开始）。",
)
MetricUnit = strawberry.enum(
    Enum("MetricUnit", {unit.name: unit.value for unit in Unit}),  # type: ignore[misc]
    name="MetricUnit",
    description="COUNT, SECONDS, SHARE (0–1), SCORE (CSAT 1–5) or NPS (−100–100). / 单位：计数、秒、比例（0–1）、评分或 NPS。",
)
MetricDirection = strawberry.enum(
    Enum("MetricDirection", {direction.name: direction.value for direction in Direction}),  # type: ignore[misc]
    name="MetricDirection",
    description="Whether a higher or a lower value is better; NEUTRAL for volumes. / 越高越好、越低越好，或（量）中性。",
)


@strawberry.input(
    name="MetricsFilter",
    description="Which conversations, response intervals and searches count. `from` (inclusive) and `to` (exclusive) "
    "apply to the bucketing instant (a conversation's start, a search's ts): `YYYY-MM-DD` or RFC 3339; without offset "
    "they are in the organisation's time zone. / 参与计算的范围：`from`（含）与 `to`（不含）作用于分桶时刻（会话开始、"
    "搜索时间），可为日期或 RFC 3339 时间，不带偏移时按组织时区。",
)
class MetricsFilter:
    from_: str | None = strawberry.field(default=None, name="from", description="Start (inclusive). / 起点（含）。")
    to: str | None = strawberry.field(default=None, description="End (exclusive). / 终点（不含）。")
    team_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Only these teams. / 仅这些团队。")
    agent_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Only these agents. / 仅这些坐席。")
    channels: list[str] | None = strawberry.field(default=None, description="Only these channels. / 仅这些渠道。")
    categories: list[str] | None = strawberry.field(default=None, description="Only these categories. / 仅这些类别。")


@strawberry.type(name="MetricValue", description="One metric of a row. / 一行中的一个指标值。")
class MetricValueType:
    key: MetricKey = strawberry.field(description="Which metric. / 指标。")  # type: ignore[valid-type]
    value: float | None = strawberry.field(
        description="The value in the metric's unit; null when its denominator is empty (or withheld). / "
        "按指标单位的值；分母为空（或被隐藏）时为空。"
    )
    sample_size: int = strawberry.field(
        description="Items in the denominator (for counts, the count itself). / 分母中的项数（计数指标即其本身）。"
    )

    @classmethod
    def of(cls, key: str, value: MetricValue) -> "MetricValueType":
        number = None if value.value is None else float(value.value)
        return cls(key=MetricKey(key), value=number, sample_size=value.sample_size)


@strawberry.type(
    name="MetricRow",
    description="One group: the dimension values asked for (others null) and a value per metric asked for. / "
    "一个分组：所请求维度的取值（其余为空）及每个所请求指标的值。",
)
class MetricRowType:
    agent_id: strawberry.ID | None = strawberry.field(description="The agent, when grouped by agent. / 坐席（按坐席分组时）。")
    team_id: strawberry.ID | None = strawberry.field(
        description="The team, when grouped by team; null also for agents without a team. / 团队（按团队分组时；无团队的坐席为空）。"
    )
    channel: str | None = strawberry.field(description="The channel, when grouped by channel. / 渠道（按渠道分组时）。")
    category: str | None = strawberry.field(description="The category, when grouped by category. / 类别（按类别分组时）。")
    bucket: str | None = strawberry.field(
        description="Start of the time bucket: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:00:00±HH:MM` for hours. / "
        "时间桶的起点：日期，或小时桶的 `YYYY-MM-DDTHH:00:00±HH:MM`。"
    )
    suppressed: bool = strawberry.field(
        description="Values withheld: the group is too small for an aggregate-only reader. / 分组过小，对仅可看汇总的角色隐藏数值。"
    )
    values: list[MetricValueType] = strawberry.field(description="The metrics asked for, in catalogue order. / 所请求的指标（按目录顺序）。")
    freshness: FactsFreshnessType = strawberry.field(
        description="How current the figures of this answer are (the same on every row). / 本次结果数据的时效（各行相同）。"
    )


@strawberry.type(name="MetricDefinition", description="A metric of the catalogue. / 指标目录中的一项。")
class MetricDefinitionType:
    key: MetricKey = strawberry.field(description="The key (upper-cased). / 指标键。")  # type: ignore[valid-type]
    unit: MetricUnit = strawberry.field(description="Unit of the values. / 单位。")  # type: ignore[valid-type]
    direction: MetricDirection = strawberry.field(description="Which way is better. / 优劣方向。")  # type: ignore[valid-type]
    label_zh: str = strawberry.field(description="Chinese label. / 中文名称。")
    label_en: str = strawberry.field(description="English label. / 英文名称。")
    explanation_zh: str = strawberry.field(description="Plain-language explanation in Chinese. / 中文说明。")
    explanation_en: str = strawberry.field(description="Plain-language explanation in English. / 英文说明。")
    formula: str = strawberry.field(description="How it is computed. / 计算公式。")

    @classmethod
    def of(cls, definition: MetricDefinition) -> "MetricDefinitionType":
        return cls(
            key=MetricKey(definition.key), unit=MetricUnit(definition.unit.value),
            direction=MetricDirection(definition.direction.value), label_zh=definition.label_zh,
            label_en=definition.label_en, explanation_zh=definition.explanation_zh,
            explanation_en=definition.explanation_en, formula=definition.formula,
        )
