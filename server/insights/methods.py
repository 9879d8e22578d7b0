"""Which statistical test fits which metric, read from the metric's definition. Pure.

- ``Mean`` (durations in seconds, CSAT) and ``NetPromoter`` (NPS as the mean of
  per-respondent +100/0/−100 scores): Welch's t-test;
- ``Share`` (per-item 0/1 outcomes): the two-proportion z-test;
- ``Count`` and ``Percentile``: no per-item test; a before/after comparison is refused.
"""

from collections.abc import Sequence

from server.errors import BadUserInput
from server.insights.proportions import two_proportion_comparison
from server.insights.results import BeforeAfterResult, StatisticalTest, TestPolicy
from server.insights.statistics import welch_comparison
from server.metrics.api import Mean, MetricDefinition, NetPromoter, Share


def statistical_test_for(definition: MetricDefinition) -> StatisticalTest | None:
    """The test for a metric's per-item samples, or None when the metric has none."""
    computation = definition.computation
    if isinstance(computation, Mean | NetPromoter):
        return StatisticalTest.WELCH_T
    if isinstance(computation, Share):
        return StatisticalTest.TWO_PROPORTION_Z
    return None


def comparable_metric_keys(definitions: Sequence[MetricDefinition]) -> tuple[str, ...]:
    """Keys of the metrics a before/after comparison accepts."""
    return tuple(definition.key for definition in definitions if statistical_test_for(definition) is not None)


def compare_samples(
    definition: MetricDefinition, before: Sequence[float], after: Sequence[float], policy: TestPolicy
) -> BeforeAfterResult:
    """Before/after comparison of a metric's per-item samples with the test its definition calls for."""
    test = statistical_test_for(definition)
    if test is StatisticalTest.WELCH_T:
        return welch_comparison(before, after, definition.direction, policy)
    if test is StatisticalTest.TWO_PROPORTION_Z:
        return two_proportion_comparison([int(v) for v in before], [int(v) for v in after], definition.direction, policy)
    raise BadUserInput(
        f"{definition.key} has no per-item test (counts and percentiles) / 该指标（计数或百分位数）不支持前后对比检验",
        details={"metric": definition.key},
    )
