"""What a before/after comparison returns: the test used, both sides, the estimate and the verdict."""

from dataclasses import dataclass
from enum import StrEnum


class StatisticalTest(StrEnum):
    WELCH_T = "welch_t"
    TWO_PROPORTION_Z = "two_proportion_z"


class EffectSizeKind(StrEnum):
    HEDGES_G = "hedges_g"
    COHENS_H = "cohens_h"


class Verdict(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class TestPolicy:
    """Significance level (the CI is at 1 − alpha) and the sample-size floors below which nothing is tested."""

    __test__ = False  # not a pytest test class

    alpha: float = 0.05
    minimum_continuous: int = 20
    """Items per side for a Welch comparison (durations, scores, NPS)."""
    minimum_binary: int = 30
    """Items per side for a two-proportion comparison (shares)."""
    minimum_expected: int = 5
    """Expected successes and failures per side under the pooled share, for the z-test's normal approximation."""


@dataclass(frozen=True)
class SampleSummary:
    """One side: its size, mean (the share for 0/1 outcomes) and sample standard deviation."""

    size: int
    mean: float | None
    standard_deviation: float | None


@dataclass(frozen=True)
class BeforeAfterResult:
    """A comparison of two samples; the difference and the CI are ``after − before``, in the metric's unit."""

    test: StatisticalTest
    verdict: Verdict
    before: SampleSummary
    after: SampleSummary
    difference: float | None
    confidence_low: float | None = None
    confidence_high: float | None = None
    statistic: float | None = None
    p_value: float | None = None
    degrees_of_freedom: float | None = None
    effect_size: float | None = None
    effect_size_kind: EffectSizeKind | None = None
    mann_whitney_u: float | None = None
    mann_whitney_p_value: float | None = None
    minimum_sample_size: int = 0
