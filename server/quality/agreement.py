"""Agreement between reviewers (评分一致性): Krippendorff's alpha, the intraclass correlation, each reviewer's bias.

- Krippendorff's alpha (interval and nominal) comes from the maintained ``krippendorff``
  package; missing ratings are allowed. Checked against Krippendorff (2011), *Computing
  Krippendorff's alpha-reliability*, the 4 observers × 12 units example: nominal 0.743,
  interval 0.849.
- ICC(2,1) — two-way random effects, absolute agreement, single rater — and ICC(3,1)
  (consistency) from the two-way ANOVA mean squares of the complete rows, Shrout & Fleiss
  (1979) Table 4: ICC(2,1) = (BMS − EMS) / (BMS + (k − 1)·EMS + k·(JMS − EMS)/n) = 0.29 and
  ICC(3,1) = (BMS − EMS) / (BMS + (k − 1)·EMS) = 0.71 on their 6 targets × 4 judges.
- A reviewer's bias: the mean, over the conversations they scored, of their score minus
  the mean of the other reviewers' scores of that conversation (positive: more lenient).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import krippendorff
import numpy as np

Ratings = Sequence[Sequence[float | None]]
"""Rows are reviewers, columns conversations; None where a reviewer did not score one."""


def _matrix(ratings: Ratings) -> np.ndarray:
    return np.array([[np.nan if value is None else float(value) for value in row] for row in ratings], dtype=float)


def alpha(ratings: Ratings, level: Literal["interval", "nominal"]) -> float | None:
    """Krippendorff's alpha at ``level`` ("interval" or "nominal"); None when there is nothing to compare."""
    matrix = _matrix(ratings)
    pairable = np.sum(np.sum(~np.isnan(matrix), axis=0) >= 2)
    if pairable == 0 or len(np.unique(matrix[~np.isnan(matrix)])) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))


@dataclass(frozen=True)
class Icc:
    """ICC(2,1) (absolute agreement) and ICC(3,1) (consistency) over ``targets`` complete rows."""

    absolute: float
    consistency: float
    targets: int


def icc(ratings: Ratings) -> Icc | None:
    """The intraclass correlations of the conversations every reviewer scored; None with fewer than 2 of them or 2 reviewers."""
    matrix = _matrix(ratings).T
    complete = matrix[~np.isnan(matrix).any(axis=1)]
    n, k = complete.shape if complete.size else (0, len(ratings))
    if n < 2 or k < 2:
        return None
    grand = complete.mean()
    between_targets = k * ((complete.mean(axis=1) - grand) ** 2).sum() / (n - 1)
    between_judges = n * ((complete.mean(axis=0) - grand) ** 2).sum() / (k - 1)
    total = ((complete - grand) ** 2).sum()
    error = (total - between_targets * (n - 1) - between_judges * (k - 1)) / ((n - 1) * (k - 1))
    absolute_denominator = between_targets + (k - 1) * error + k * (between_judges - error) / n
    consistency_denominator = between_targets + (k - 1) * error
    if absolute_denominator == 0 or consistency_denominator == 0:
        return None
    return Icc(
        float((between_targets - error) / absolute_denominator),
        float((between_targets - error) / consistency_denominator),
        int(n),
    )


def reviewer_bias(ratings: Ratings) -> list[float | None]:
    """Per reviewer (row): mean of (own score − mean of the others' scores) over conversations scored by them and another."""
    matrix = _matrix(ratings)
    biases: list[float | None] = []
    for row in range(matrix.shape[0]):
        differences = []
        for column in range(matrix.shape[1]):
            own = matrix[row, column]
            others = np.delete(matrix[:, column], row)
            others = others[~np.isnan(others)]
            if not np.isnan(own) and others.size:
                differences.append(own - others.mean())
        biases.append(float(np.mean(differences)) if differences else None)
    return biases
