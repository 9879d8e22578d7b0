"""Before/after statistics on per-item samples: the right test per metric, effect size, CI, verdict. Pure.

Every p-value and confidence bound comes from a scipy distribution or test:

- means (durations, CSAT, NPS as per-respondent +100/0/−100 scores): Welch's t-test
  (``scipy.stats.ttest_ind(equal_var=False)``, its CI of the mean difference), Hedges' g,
  and the Mann–Whitney U test reported alongside;
- shares (per-item 0/1 outcomes): the two-proportion z-test with the pooled standard
  error (``scipy.stats.norm``), the Wald CI of the difference, and Cohen's h.

Differences are always ``after − before``.
"""

import math
import warnings
from collections.abc import Sequence

import numpy as np
from scipy import special, stats

from server.insights.results import (
    BeforeAfterResult, EffectSizeKind, SampleSummary, StatisticalTest, TestPolicy, Verdict,
)
from server.metrics.api import Direction


def _finite(value: float | np.floating | None) -> float | None:
    """A plain float, or None for a missing, infinite or NaN result."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def summary(values: np.ndarray) -> SampleSummary:
    """Size, mean and sample standard deviation (ddof = 1) of one side."""
    size = len(values)
    mean = float(np.mean(values)) if size else None
    deviation = float(np.std(values, ddof=1)) if size > 1 else None
    return SampleSummary(size, mean, deviation)


def verdict_of(difference: float | None, p_value: float | None, direction: Direction, alpha: float) -> Verdict:
    """IMPROVED or WORSENED when significant at ``alpha``, judged by the metric's direction."""
    if difference is None or p_value is None or p_value >= alpha or difference == 0:
        return Verdict.NO_SIGNIFICANT_CHANGE
    if direction is Direction.NEUTRAL:
        raise ValueError("a metric without a better direction has no verdict")
    better = difference > 0 if direction is Direction.HIGHER else difference < 0
    return Verdict.IMPROVED if better else Verdict.WORSENED


def hedges_g(before: np.ndarray, after: np.ndarray) -> float | None:
    """Standardised mean difference with the pooled SD and the exact small-sample correction."""
    degrees = len(before) + len(after) - 2
    if degrees < 2:
        return None
    pooled_variance = ((len(before) - 1) * np.var(before, ddof=1) + (len(after) - 1) * np.var(after, ddof=1)) / degrees
    if pooled_variance == 0:
        return None
    correction = math.exp(special.gammaln(degrees / 2) - special.gammaln((degrees - 1) / 2)) / math.sqrt(degrees / 2)
    return _finite(correction * (np.mean(after) - np.mean(before)) / math.sqrt(pooled_variance))


def _not_enough(test: StatisticalTest, before: np.ndarray, after: np.ndarray, minimum: int) -> BeforeAfterResult:
    sides = summary(before), summary(after)
    difference = None if sides[0].mean is None or sides[1].mean is None else sides[1].mean - sides[0].mean
    return BeforeAfterResult(test, Verdict.NOT_ENOUGH_DATA, *sides, difference, minimum_sample_size=minimum)


def welch_comparison(
    before: Sequence[float], after: Sequence[float], direction: Direction, policy: TestPolicy
) -> BeforeAfterResult:
    """Welch's t-test of the means (verdict), Hedges' g, CI of the difference; Mann–Whitney U reported too."""
    earlier, later = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    minimum = max(policy.minimum_continuous, 2)
    if len(earlier) < minimum or len(later) < minimum:
        return _not_enough(StatisticalTest.WELCH_T, earlier, later, minimum)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # constant samples: scipy returns nan/inf, mapped to None
        welch = stats.ttest_ind(later, earlier, equal_var=False)
        interval = welch.confidence_interval(1 - policy.alpha)
        ranks = stats.mannwhitneyu(later, earlier, alternative="two-sided")
    difference = float(np.mean(later) - np.mean(earlier))
    p_value = _finite(welch.pvalue)
    return BeforeAfterResult(
        StatisticalTest.WELCH_T,
        verdict_of(difference, p_value, direction, policy.alpha),
        summary(earlier),
        summary(later),
        difference,
        confidence_low=_finite(interval.low),
        confidence_high=_finite(interval.high),
        statistic=_finite(welch.statistic),
        p_value=p_value,
        degrees_of_freedom=_finite(welch.df),
        effect_size=hedges_g(earlier, later),
        effect_size_kind=EffectSizeKind.HEDGES_G,
        mann_whitney_u=_finite(ranks.statistic),
        mann_whitney_p_value=_finite(ranks.pvalue),
        minimum_sample_size=minimum,
    )
