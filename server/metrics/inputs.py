"""GraphQL inputs of the metrics and insights: the one filter, the one dimension enum, periods, read into engine requests.

A period is calendar days in the organisation's time zone (``from``/``to``, both
included) or instants (``start`` included, ``end`` excluded), or one of each per side;
the engine's range is always ``[lower, upper)`` on the bucketing instant
(docs/decisions.md, "Metric periods").
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Annotated

import strawberry

from server.errors import BadUserInput
from server.kernel.relay import keys_of
from server.metrics.enums import described_enum
from server.metrics.errors import MetricsRequestError
from server.metrics.request import TIME_DIMENSIONS, Dimension, MetricsRequest

RangeBound = date | datetime | None

DIMENSION_DESCRIPTIONS = {
    Dimension.AGENT: "By agent (the final agent; the replying agent for response intervals). / 按坐席（最终坐席；响应间隔按回复坐席）。",
    Dimension.TEAM: "By team (the agent's team at the time). / 按团队（坐席当时所在团队）。",
    Dimension.CHANNEL: "By channel. / 按渠道。",
    Dimension.CATEGORY: "By current category. / 按当前类别。",
    Dimension.HOUR: "By local hour (a time bucket). / 按本地小时（时间粒度）。",
    Dimension.DAY: "By local day (a time bucket). / 按本地日（时间粒度）。",
    Dimension.WEEK: "By local week starting Monday (a time bucket). / 按本地周（周一开始；时间粒度）。",
    Dimension.MONTH: "By local month (a time bucket). / 按本地月（时间粒度）。",
}

MetricDimension = described_enum(
    Dimension,
    "MetricDimension",
    "What rows are grouped by: AGENT, TEAM, CHANNEL, CATEGORY and at most one of HOUR, DAY, WEEK, MONTH "
    "(local buckets; weeks start on Monday). Insights that compare groups take no time bucket. / 分组维度：坐席、团队、"
    "渠道、类别，以及至多一个时间粒度（小时、日、周、月，按组织时区，周从周一开始）；对比类洞察不接受时间粒度。",
    DIMENSION_DESCRIPTIONS,
)


@strawberry.input(
    description="A range of the bucketing instant (a conversation's start, a search's ts). The lower bound is `from` "
    "(a day, from its local midnight) or `start` (an instant, included); the upper bound is `to` (a day, included to "
    "its end) or `end` (an instant, excluded). Each side takes one of its two; an absent side is unbounded. / "
    "分桶时刻（会话开始、搜索时间）的范围。下界为 `from`（日期，自当地零点起）或 `start`（时间点，含）；上界为 `to`"
    "（日期，含当天）或 `end`（时间点，不含）。每侧二选一，缺省表示不限。"
)
class PeriodInput:
    from_: date | None = strawberry.field(
        default=None, name="from", description="First day, included (organisation's time zone). / 起始日（含，组织时区）。"
    )
    to: date | None = strawberry.field(
        default=None, description="Last day, included (organisation's time zone). / 结束日（含，组织时区）。"
    )
    start: datetime | None = strawberry.field(
        default=None, description="First instant, included (instead of `from`). / 起始时间点（含；代替 `from`）。"
    )
    end: datetime | None = strawberry.field(
        default=None, description="Instant the period ends before, excluded (instead of `to`). / 结束时间点（不含；代替 `to`）。"
    )


@strawberry.input(
    description="Which conversations, response intervals and searches count: a period and the teams, agents, channels "
    "and categories to keep (absent: all that the caller may see). / 参与计算的范围：时段以及要保留的团队、坐席、渠道与"
    "类别（缺省为调用者可见的全部）。"
)
class MetricsFilterInput:
    period: PeriodInput | None = strawberry.field(
        default=None, description="The period (absent: all time). / 时段（缺省为全部时间）。"
    )
    team_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these teams (global ids of `Team`). / 仅这些团队（`Team` 的全局 ID）。"
    )
    agent_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these agents (global ids of `Agent`). / 仅这些坐席（`Agent` 的全局 ID）。"
    )
    channels: list[str] | None = strawberry.field(
        default=None, description="Only these channels (normalised as events are). / 仅这些渠道（按事件的规范化方式比较）。"
    )
    categories: list[str] | None = strawberry.field(
        default=None, description="Only these current categories. / 仅这些当前类别。"
    )


FilterArgument = Annotated[
    MetricsFilterInput | None,
    strawberry.argument(description="Which facts count (absent: all the caller may see). / 参与计算的范围（缺省为可见的全部）。"),
]


@contextmanager
def engine_errors() -> Iterator[None]:
    """The engine's request errors (an unknown key, a start after its end) as BAD_USER_INPUT."""
    try:
        yield
    except MetricsRequestError as error:
        raise BadUserInput(error.message, details={"reason": error.code.value}) from error


@dataclass(frozen=True)
class Range:
    """An engine range: ``from_`` inclusive, ``to`` exclusive; a date is its local midnight; None is unbounded."""

    from_: RangeBound = None
    to: RangeBound = None


def _one_of(day: RangeBound, instant: RangeBound, names: tuple[str, str], argument: Sequence[str]) -> None:
    if day is not None and instant is not None:
        path = ".".join(argument)
        raise BadUserInput(
            f"{path}: give `{names[0]}` or `{names[1]}`, not both / {path}：`{names[0]}` 与 `{names[1]}` 只能二选一",
            field=(*argument, names[1]),
        )


def range_of(period: PeriodInput | None, argument: Sequence[str]) -> Range:
    """The engine range of ``period`` (``argument``: its path, named in errors); the last day ``to`` is included."""
    if period is None:
        return Range()
    _one_of(period.from_, period.start, ("from", "start"), argument)
    _one_of(period.to, period.end, ("to", "end"), argument)
    if period.from_ is not None and period.to is not None and period.from_ > period.to:
        path = ".".join(argument)
        raise BadUserInput(
            f"{path}: `from` must not be after `to` (both days are included) / {path}：`from` 不能晚于 `to`（首尾两天均包含）",
            field=(*argument, "from"),
        )
    upper = period.to + timedelta(days=1) if period.to is not None else period.end
    return Range(period.from_ if period.from_ is not None else period.start, upper)


def metrics_request(
    filter: MetricsFilterInput | None,
    group_by: Sequence[Enum] | None = None,
    metrics: Sequence[Enum] | None = None,
    *,
    bucketless: bool = False,
    period: bool = True,
) -> MetricsRequest:
    """The engine's request for these arguments (BAD_USER_INPUT naming the argument at fault).

    ``bucketless``: the question compares groups, so a time dimension in ``groupBy`` is refused.
    ``period``: the filter's period applies (False where the question takes its periods as arguments).
    """
    chosen = filter or MetricsFilterInput()
    dimensions = [Dimension(dimension.value) for dimension in group_by or ()]
    buckets = [dimension for dimension in dimensions if dimension in TIME_DIMENSIONS]
    if bucketless and buckets:
        raise BadUserInput(
            f"groupBy: {buckets[0].name} is a time bucket; this question groups by AGENT, TEAM, CHANNEL or CATEGORY only "
            f"/ groupBy：{buckets[0].name} 是时间粒度，此查询只能按坐席、团队、渠道或类别分组",
            field=("groupBy",),
        )
    if not period and chosen.period is not None:
        raise BadUserInput(
            "filter.period: this question takes its periods as arguments (before, after) / filter.period：此查询的时段由"
            "参数 before、after 给出",
            field=("filter", "period"),
        )
    bounds = range_of(chosen.period, ("filter", "period"))
    with engine_errors():
        return MetricsRequest.of(
            from_=bounds.from_,
            to=bounds.to,
            team_ids=keys_of(chosen.team_ids, "Team", field=("filter", "teamIds")),
            agent_ids=keys_of(chosen.agent_ids, "Agent", field=("filter", "agentIds")),
            channels=chosen.channels,
            categories=chosen.categories,
            group_by=[dimension.value for dimension in dimensions],
            metrics=None if metrics is None else [key.value for key in metrics],
        )
