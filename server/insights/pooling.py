"""Re-aggregate engine rows (e.g. hour buckets into a weekday × hour cell) with the engine's own formulas. Pure.

Every measure is an integer sum and every value is ``computation(sums)`` with its
denominator as the sample size, so a row's value × sample size recovers its sums
exactly; pooled rows are then evaluated by the definition's ``computation``.
Percentiles cannot be pooled from values and are refused.
"""

from collections import Counter
from collections.abc import Iterable

from server.metrics.api import Count, Mean, MetricDefinition, MetricValue, NetPromoter, Share


def measure_sums(definition: MetricDefinition, value: MetricValue) -> Counter[str]:
    """The measure sums a row's value of ``definition`` was computed from."""
    computation, size = definition.computation, value.sample_size
    if isinstance(computation, Count):
        return Counter({computation.measure: int(value.value or 0)})
    if value.value is None or size == 0:
        return Counter()
    if isinstance(computation, Mean):
        return Counter({computation.total: round(value.value * size * computation.scale), computation.count: size})
    if isinstance(computation, Share):
        return Counter({computation.hits: round(value.value * size), computation.population: size})
    if isinstance(computation, NetPromoter):
        return Counter({computation.promoters: round(value.value * size / 100), computation.responses: size})
    raise ValueError(f"{definition.key} cannot be pooled from its values")


def pooled(definition: MetricDefinition, values: Iterable[MetricValue]) -> MetricValue:
    """The value of ``definition`` over the union of the rows that gave ``values``."""
    sums: Counter[str] = Counter()
    for value in values:
        sums.update(measure_sums(definition, value))
    return definition.computation.evaluate(sums, {})
