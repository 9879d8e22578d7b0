"""How a metric value follows from a group's measure sums (and, for percentiles, its values).

Arithmetic is exact: every value is a ratio of two integers, and Python's true division
of integers rounds once, correctly, to the nearest float.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from server.metrics.config import MICROSECONDS
from server.metrics.measures import MEASURES_BY_NAME, Source


@dataclass(frozen=True)
class MetricValue:
    """A value (None when its denominator is empty) and its sample size (the denominator count)."""

    value: float | int | None
    sample_size: int


@dataclass(frozen=True)
class Population:
    """Individual values of a measure, for order statistics: rows with ``count_measure`` = 1."""

    name: str
    source: Source
    value_measure: str
    count_measure: str


FIRST_RESPONSES = Population("first_responses", Source.INTERVAL, "first_response_us", "first_responses")
POPULATIONS = {FIRST_RESPONSES.name: FIRST_RESPONSES}


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


@dataclass(frozen=True)
class Count:
    """An integer count; its sample size is the count itself."""

    measure: str

    def evaluate(self, sums: Mapping[str, int], populations: Mapping[str, np.ndarray]) -> MetricValue:
        count = int(sums[self.measure])
        return MetricValue(count, count)

    @property
    def measures(self) -> tuple[str, ...]:
        return (self.measure,)


@dataclass(frozen=True)
class Mean:
    """``total / count``; durations are summed in microseconds and returned in seconds."""

    total: str
    count: str
    scale: int = 1

    def evaluate(self, sums: Mapping[str, int], populations: Mapping[str, np.ndarray]) -> MetricValue:
        count = int(sums[self.count])
        return MetricValue(_ratio(int(sums[self.total]), count * self.scale), count)

    @property
    def measures(self) -> tuple[str, ...]:
        return (self.total, self.count)


@dataclass(frozen=True)
class Share:
    """``hits / population``, in [0, 1]."""

    hits: str
    population: str

    def evaluate(self, sums: Mapping[str, int], populations: Mapping[str, np.ndarray]) -> MetricValue:
        population = int(sums[self.population])
        return MetricValue(_ratio(int(sums[self.hits]), population), population)

    @property
    def measures(self) -> tuple[str, ...]:
        return (self.hits, self.population)


@dataclass(frozen=True)
class NetPromoter:
    """``100 × (promoters − detractors) / responses``, in [−100, 100]."""

    promoters: str
    detractors: str
    responses: str

    def evaluate(self, sums: Mapping[str, int], populations: Mapping[str, np.ndarray]) -> MetricValue:
        responses = int(sums[self.responses])
        net = int(sums[self.promoters]) - int(sums[self.detractors])
        return MetricValue(_ratio(100 * net, responses), responses)

    @property
    def measures(self) -> tuple[str, ...]:
        return (self.promoters, self.detractors, self.responses)


def percentile(values: np.ndarray, quantile: Fraction) -> Fraction:
    """Linear interpolation between closest ranks (numpy's default, ``percentile_cont``), exactly."""
    rank_numerator = quantile.numerator * (len(values) - 1)
    low, remainder = divmod(rank_numerator, quantile.denominator)
    high = min(low + 1, len(values) - 1)
    low_value, high_value = (int(v) for v in np.partition(values, [low, high])[[low, high]])
    return Fraction(low_value * quantile.denominator + (high_value - low_value) * remainder, quantile.denominator)


@dataclass(frozen=True)
class Percentile:
    """An exact percentile of a population of durations (microseconds), in seconds."""

    population: Population
    quantile: Fraction
    scale: int = MICROSECONDS

    def evaluate(self, sums: Mapping[str, int], populations: Mapping[str, np.ndarray]) -> MetricValue:
        values = populations.get(self.population.name)
        if values is None or len(values) == 0:
            return MetricValue(None, 0)
        exact = percentile(values, self.quantile)
        return MetricValue(exact.numerator / (exact.denominator * self.scale), len(values))

    @property
    def measures(self) -> tuple[str, ...]:
        return (self.population.count_measure,)


Computation = Count | Mean | Share | NetPromoter | Percentile


def sources_of(computation: Computation) -> set[Source]:
    return {MEASURES_BY_NAME[name].source for name in computation.measures}
