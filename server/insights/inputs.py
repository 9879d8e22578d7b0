"""GraphQL inputs of the insights: grouping, filters and periods, read into engine requests.

Metric keys and range bounds are the metrics engine's (``MetricKey``, ``parse_range_bound``).
The filter has no range of its own: each insight takes its periods as separate arguments.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum

import strawberry

from server.errors import BadUserInput
from server.insights.periods import Period
from server.insights.results import TestPolicy
from server.metrics.api import MetricKey, MetricsRequest, MetricsRequestError, parse_range_bound


@contextmanager
def engine_errors() -> Iterator[None]:
    """The engine's request errors (an unreadable bound, a start after its end) as BAD_USER_INPUT."""
    try:
        yield
    except MetricsRequestError as error:
        raise BadUserInput(error.message, details={"reason": error.code.value}) from error


@strawberry.enum(description="What comparison rows are grouped by. / 对比结果的分组维度。")
class InsightDimension(Enum):
    AGENT = "agent"
    TEAM = "team"
    CHANNEL = "channel"
    CATEGORY = "category"


@strawberry.input(description="Which conversations, intervals and searches count. / 参与计算的范围筛选。")
class InsightFilterInput:
    team_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Only these teams. / 仅这些团队。")
    agent_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Only these agents. / 仅这些坐席。")
    channels: list[str] | None = strawberry.field(default=None, description="Only these channels. / 仅这些渠道。")
    categories: list[str] | None = strawberry.field(default=None, description="Only these categories. / 仅这些类别。")


@strawberry.input(
    description="A range on the bucketing instant: `from` inclusive, `to` exclusive; `YYYY-MM-DD` or RFC 3339 "
    "(without offset: the organisation's time zone). Null is unbounded. / 时间范围：含起点、不含终点；"
    "可为日期或 RFC 3339 时间（不带偏移时按组织时区），为空表示不限。"
)
class PeriodInput:
    from_: str | None = strawberry.field(default=None, name="from", description="Start (inclusive). / 起点（含）。")
    to: str | None = strawberry.field(default=None, description="End (exclusive). / 终点（不含）。")


@strawberry.input(description="Significance level and sample-size floors of a before/after test. / 前后对比检验的显著性水平与最小样本量。")
class BeforeAfterOptionsInput:
    alpha: float = strawberry.field(
        default=0.05, description="Significance level; the CI is at 1 − alpha. / 显著性水平；置信区间为 1 − alpha。"
    )
    minimum_continuous: int = strawberry.field(
        default=20, description="Items per side for Welch's test (durations, CSAT, NPS). / Welch 检验每侧最少样本数（时长、满意度、NPS）。"
    )
    minimum_binary: int = strawberry.field(
        default=30, description="Items per side for the two-proportion test (rates). / 两比例检验每侧最少样本数（比率）。"
    )
    minimum_expected: int = strawberry.field(
        default=5, description="Expected successes and failures per side for the z-test. / z 检验每侧预期成功与失败数的下限。"
    )

    def policy(self) -> TestPolicy:
        if not 0 < self.alpha < 1 or min(self.minimum_continuous, self.minimum_binary, self.minimum_expected) < 0:
            raise BadUserInput("alpha must be in (0, 1) and minimums ≥ 0 / alpha 须在 (0, 1) 之间，最小样本量不能为负")
        return TestPolicy(self.alpha, self.minimum_continuous, self.minimum_binary, self.minimum_expected)


def period_of(period: PeriodInput | None, argument: str) -> Period:
    """The range ``period`` asks for, bounds read as the metrics filter reads them (BAD_USER_INPUT if unreadable)."""
    if period is None:
        return Period()
    with engine_errors():
        return Period(parse_range_bound(period.from_, f"{argument}.from"), parse_range_bound(period.to, f"{argument}.to"))


def metrics_request(
    filter: InsightFilterInput | None,
    metrics: list[MetricKey] | None = None,  # type: ignore[valid-type]
    group_by: list[InsightDimension] | None = None,
) -> MetricsRequest:
    """The engine's request for these filters, keys and grouping (its errors as BAD_USER_INPUT)."""
    chosen = filter or InsightFilterInput()
    with engine_errors():
        return MetricsRequest.of(
            team_ids=chosen.team_ids, agent_ids=chosen.agent_ids, channels=chosen.channels, categories=chosen.categories,
            group_by=[dimension.value for dimension in group_by or ()],
            metrics=[key.value for key in metrics] if metrics is not None else None,
        )
