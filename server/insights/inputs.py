"""GraphQL inputs of the insights beyond the metrics' own filter: the options of a before/after test, periods read.

The filter, the dimensions and the periods are the metrics' (``MetricsFilterInput``,
``MetricDimension``, ``PeriodInput``): insights ask the same engine the same way.
"""

from typing import Annotated

import strawberry

from server.errors import BadUserInput
from server.insights.periods import Period
from server.insights.results import TestPolicy
from server.metrics.api import PeriodInput, range_of

PeriodArgument = Annotated[
    PeriodInput | None,
    strawberry.argument(description="The period (absent: all time). / 时段（缺省为全部时间）。"),
]
BeforeArgument = Annotated[
    PeriodInput, strawberry.argument(description="The earlier period, with both bounds. / 之前时段（须有起止）。")
]
AfterArgument = Annotated[
    PeriodInput, strawberry.argument(description="The later period, with both bounds. / 之后时段（须有起止）。")
]


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
    """The engine range ``period`` asks for (BAD_USER_INPUT naming ``argument`` when a side is given twice)."""
    bounds = range_of(period, (argument,))
    return Period(bounds.from_, bounds.to)
