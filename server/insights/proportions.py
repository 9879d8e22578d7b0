"""The two-proportion z-test on per-item 0/1 outcomes, with Cohen's h and the CI of the difference. Pure.

z uses the pooled share's standard error (the null hypothesis of equal shares); the
CI uses the unpooled (Wald) standard error; both read ``scipy.stats.norm``.
"""

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from server.insights.results import BeforeAfterResult, EffectSizeKind, SampleSummary, StatisticalTest, TestPolicy, Verdict
from server.insights.statistics import summary, verdict_of
from server.metrics.api import Direction


def cohens_h(before_share: float, after_share: float) -> float:
    """Difference of arcsine-square-root transformed shares."""
    return 2 * math.asin(math.sqrt(after_share)) - 2 * math.asin(math.sqrt(before_share))


def _enough(sizes: tuple[int, int], pooled: float, policy: TestPolicy) -> bool:
    minimum = policy.minimum_expected
    return all(
        size >= policy.minimum_binary and size * pooled >= minimum and size * (1 - pooled) >= minimum for size in sizes
    )


def _not_enough(sides: tuple[SampleSummary, SampleSummary], difference: float | None, policy: TestPolicy) -> BeforeAfterResult:
    return BeforeAfterResult(
        StatisticalTest.TWO_PROPORTION_Z, Verdict.NOT_ENOUGH_DATA, *sides, difference,
        minimum_sample_size=policy.minimum_binary,
    )


def two_proportion_comparison(
    before: Sequence[int], after: Sequence[int], direction: Direction, policy: TestPolicy
) -> BeforeAfterResult:
    """Two-sided z-test of equal shares; NOT_ENOUGH_DATA below the floors of ``policy``."""
    earlier, later = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    sides = summary(earlier), summary(later)
    if not len(earlier) or not len(later):
        return _not_enough(sides, None, policy)
    share_before, share_after = float(np.mean(earlier)), float(np.mean(later))
    difference = share_after - share_before
    pooled = float((np.sum(earlier) + np.sum(later)) / (len(earlier) + len(later)))
    if not _enough((len(earlier), len(later)), pooled, policy):
        return _not_enough(sides, difference, policy)
    pooled_error = math.sqrt(pooled * (1 - pooled) * (1 / len(earlier) + 1 / len(later)))
    statistic = difference / pooled_error
    p_value = float(2 * stats.norm.sf(abs(statistic)))
    wald_error = math.sqrt(share_before * (1 - share_before) / len(earlier) + share_after * (1 - share_after) / len(later))
    margin = float(stats.norm.ppf(1 - policy.alpha / 2)) * wald_error
    return BeforeAfterResult(
        StatisticalTest.TWO_PROPORTION_Z,
        verdict_of(difference, p_value, direction, policy.alpha),
        *sides,
        difference,
        confidence_low=difference - margin,
        confidence_high=difference + margin,
        statistic=statistic,
        p_value=p_value,
        effect_size=cohens_h(share_before, share_after),
        effect_size_kind=EffectSizeKind.COHENS_H,
        minimum_sample_size=policy.minimum_binary,
    )
