"""GraphQL types of the metrics: keys, units, rows with sampled values and links, the catalogue."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info

from server.kernel.language import pick
from server.metrics.buckets import day_start_us
from server.metrics.computations import MetricValue
from server.metrics.definitions import METRICS, METRICS_BY_KEY, Direction, MetricDefinition, Unit
from server.metrics.enums import described_enum, enum_of
from server.metrics.freshness_types import FactsFreshnessType
from server.metrics.links import (
    AGENT_DESCRIPTION, AGENT_ID_DESCRIPTION, TEAM_DESCRIPTION, TEAM_ID_DESCRIPTION, LazyAgent, LazyTeam,
    agent_global_id, load_agent, load_team, team_global_id,
)
from server.metrics.role_access import ProtectedRow
from server.timefmt import from_us

MetricKey = enum_of(
    "MetricKey",
    "A metric of the catalogue (`metricCatalogue`), its key upper-cased. / 指标目录中的指标（键名大写）。",
    {
        definition.key.upper(): (definition.key, f"{definition.label_en}. / {definition.label_zh}。")
        for definition in METRICS
    },
)
UNIT_DESCRIPTIONS = {
    Unit.COUNT: "A count: exact in `count` (Int), also in `value`. / 计数：精确值见 `count`（整数），`value` 中亦有。",
    Unit.SECONDS: "Seconds. / 秒。",
    Unit.SHARE: "A share in [0, 1]. / 比例，取值 0–1。",
    Unit.SCORE: "A score (CSAT 1–5). / 评分（满意度 1–5）。",
    Unit.NPS: "Net promoter score, −100 to 100. / 净推荐值，−100 至 100。",
}
MetricUnit = described_enum(
    Unit,
    "MetricUnit",
    "COUNT, SECONDS, SHARE (0–1), SCORE (CSAT 1–5) or NPS (−100–100). / 单位：计数、秒、比例（0–1）、评分或 NPS。",
    UNIT_DESCRIPTIONS,
)
DIRECTION_DESCRIPTIONS = {
    Direction.HIGHER: "Higher is better. / 越高越好。",
    Direction.LOWER: "Lower is better. / 越低越好。",
    Direction.NEUTRAL: "Neither (a volume). / 中性（量指标）。",
}
MetricDirection = described_enum(
    Direction,
    "MetricDirection",
    "Whether a higher or a lower value is better; NEUTRAL for volumes. / 越高越好、越低越好，或（量）中性。",
    DIRECTION_DESCRIPTIONS,
)
COUNT_DESCRIPTION = (
    "The exact count, for metrics whose unit is COUNT (`conversations`, `handled`); null for every other unit and when "
    "withheld. / 精确计数（单位为 COUNT 的指标）；其他单位或数值被隐藏时为空。"
)


def exact_count(key: str, value: MetricValue) -> int | None:
    """The value as an exact integer when ``key`` is a count metric (None otherwise or when withheld)."""
    if METRICS_BY_KEY[key].unit is not Unit.COUNT or value.value is None:
        return None
    return int(value.value)


@strawberry.type(name="MetricValue", description="One metric of a row. / 一行中的一个指标值。")
class MetricValueType:
    key: MetricKey = strawberry.field(description="Which metric. / 指标。")  # type: ignore[valid-type]
    value: float | None = strawberry.field(
        description="The value in the metric's unit (counts too, as a float); null when its denominator is empty (or "
        "withheld). / 按指标单位的值（计数亦以浮点数给出）；分母为空（或被隐藏）时为空。"
    )
    count: int | None = strawberry.field(description=COUNT_DESCRIPTION)
    sample_size: int = strawberry.field(
        description="Items in the denominator (for counts, the count itself). / 分母中的项数（计数指标即其本身）。"
    )

    @classmethod
    def of(cls, key: str, value: MetricValue) -> "MetricValueType":
        number = None if value.value is None else float(value.value)
        return cls(key=MetricKey(key), value=number, count=exact_count(key, value), sample_size=value.sample_size)


def bucket_start(bucket: str | None, zone: ZoneInfo) -> datetime | None:
    """The instant a bucket starts, in the organisation's zone (an hour's text carries its offset already)."""
    if bucket is None:
        return None
    if "T" in bucket:
        return datetime.fromisoformat(bucket).astimezone(zone)
    return from_us(day_start_us(date.fromisoformat(bucket), zone), zone)


def bucket_date(bucket: str | None) -> date | None:
    """The first local day of a day, week or month bucket (None for hours)."""
    return None if bucket is None or "T" in bucket else date.fromisoformat(bucket)


@strawberry.type(
    name="MetricRow",
    description="One group: the dimension values asked for (others null) and a value per metric asked for. / "
    "一个分组：所请求维度的取值（其余为空）及每个所请求指标的值。",
)
class MetricRowType:
    agent_id: strawberry.ID | None = strawberry.field(description=AGENT_ID_DESCRIPTION)
    agent_pseudonym: str | None = strawberry.field(
        description="Stable opaque stand-in for the agent, for callers with aggregate-only access grouped by agent; null "
        "otherwise. / 坐席的稳定化名（仅汇总权限且按坐席分组时）；否则为空。"
    )
    team_id: strawberry.ID | None = strawberry.field(description=TEAM_ID_DESCRIPTION)
    channel: str | None = strawberry.field(description="The channel, when grouped by channel. / 渠道（按渠道分组时）。")
    category: str | None = strawberry.field(description="The category, when grouped by category. / 类别（按类别分组时）。")
    bucket_start: datetime | None = strawberry.field(
        description="When the time bucket starts (any time dimension), with the organisation's offset. / "
        "时间桶的起始时刻（任一时间粒度），带组织时区偏移。"
    )
    bucket_date: date | None = strawberry.field(
        description="First local day of a DAY, WEEK or MONTH bucket; null for HOUR and without a time dimension. / "
        "日、周、月时间桶的首个本地日期；小时粒度或无时间维度时为空。"
    )
    suppressed: bool = strawberry.field(
        description="Values withheld: the group is too small for an aggregate-only reader. / 分组过小，对仅可看汇总的角色隐藏数值。"
    )
    values: list[MetricValueType] = strawberry.field(description="The metrics asked for, in catalogue order. / 所请求的指标（按目录顺序）。")
    freshness: FactsFreshnessType = strawberry.field(
        description="How current the figures of this answer are (the same on every row). / 本次结果数据的时效（各行相同）。"
    )
    agent_key: strawberry.Private[str | None]
    team_key: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: ProtectedRow, freshness: FactsFreshnessType, zone: ZoneInfo) -> "MetricRowType":
        dimensions = row.dimensions
        agent = None if row.pseudonymous else dimensions.get("agent_id")
        bucket = dimensions.get("bucket")
        return cls(
            agent_id=agent_global_id(agent), agent_pseudonym=dimensions.get("agent_id") if row.pseudonymous else None,
            team_id=team_global_id(dimensions.get("team_id")), channel=dimensions.get("channel"),
            category=dimensions.get("category"), bucket_start=bucket_start(bucket, zone), bucket_date=bucket_date(bucket),
            suppressed=row.suppressed, values=[MetricValueType.of(key, value) for key, value in row.values.items()],
            freshness=freshness, agent_key=agent, team_key=dimensions.get("team_id"),
        )

    @strawberry.field(description=AGENT_DESCRIPTION)
    async def agent(self, info: Info) -> LazyAgent | None:
        return await load_agent(info.context, self.agent_key)

    @strawberry.field(description=TEAM_DESCRIPTION)
    async def team(self, info: Info) -> LazyTeam | None:
        return await load_team(info.context, self.team_key)


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

    @strawberry.field(
        description="Label in the request's language (`Accept-Language`; zh-CN by default). / 按请求语言（`Accept-Language`，"
        "默认 zh-CN）的名称。"
    )
    def label(self, info: Info) -> str:
        return pick(info.context.language, en=self.label_en, zh=self.label_zh)

    @strawberry.field(
        description="Explanation in the request's language (`Accept-Language`; zh-CN by default). / 按请求语言的说明。"
    )
    def explanation(self, info: Info) -> str:
        return pick(info.context.language, en=self.explanation_en, zh=self.explanation_zh)
