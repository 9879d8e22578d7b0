"""Did coaching work? A difference-in-differences estimate for one coached agent against comparable agents. Pure.

Each agent ``i`` has per-conversation values of the plan's metric in a before and an
after window. Its change ``Δᵢ`` is ``log(after mean) − log(before mean)`` for durations
(a relative change, so a team-wide −20 % is the same −20 % for a fast and a slow agent)
and ``after mean − before mean`` for shares and scores (points). Its sampling variance
``vᵢ`` comes from its own conversations (delta method for the log scale).

The model: ``Δᵢ = θ + uᵢ + eᵢ`` for the comparison agents and ``Δ_T = θ + δ + u_T + e_T``
for the coached one, with ``θ`` the change everybody saw (a team-wide rise), ``uᵢ`` an
agent's own drift with variance ``τ²`` and ``eᵢ`` sampling noise with variance ``vᵢ``.

- ``τ²`` is estimated from the comparison agents (DerSimonian–Laird moments);
- ``θ̂`` is their precision-weighted mean change, weights ``1 / (τ² + vᵢ)``;
- ``δ̂ = Δ_T − θ̂``, ``SE² = τ² + v_T + 1 / Σ weights``;
- ``t = δ̂ / SE`` against Student's t with ``J − 1`` degrees of freedom (``J`` comparison
  agents), which gives the p-value and the confidence interval.

As a cross-check the placebo differences are reported: each comparison agent treated as
if it had been coached, against the others. Their rank is a permutation p-value whose
floor is ``1 / (J + 1)``, so with fewer than 19 comparison agents it cannot reach 0.05 and
is shown for reading, never used for the verdict. docs/evaluation.md explains the choice.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import stats

from server.metrics.api import Direction


class Verdict(StrEnum):
    IMPROVED = "improved"
    NO_DETECTABLE_CHANGE = "no_detectable_change"
    WORSENED = "worsened"
    TOO_LITTLE_DATA = "too_little_data"


WITHOUT_SAMPLES = "metric_without_samples"
"""The reason given for a plan on a count or a percentile: no per-conversation values to test."""


class Scale(StrEnum):
    """How an agent's change is measured: relative (durations) or in points (shares, scores)."""

    RATIO = "ratio"
    DIFFERENCE = "difference"


@dataclass(frozen=True)
class AgentSamples:
    """One agent's per-conversation values of the metric in the before and the after window."""

    agent_id: str
    before: np.ndarray
    after: np.ndarray


@dataclass(frozen=True)
class EstimatorPolicy:
    alpha: float = 0.05
    """Significance level; the interval is at 1 − alpha."""
    minimum_items: int = 30
    """Values per window the coached agent and each comparison agent need."""
    minimum_comparison_agents: int = 3
    """Fewer comparison agents than this: too little data."""


@dataclass(frozen=True)
class AgentChange:
    """An agent's two windows: sizes, means, its change on the estimator's scale and that change's sampling variance."""

    agent_id: str
    before_size: int
    after_size: int
    before_mean: float
    after_mean: float
    change: float
    variance: float


@dataclass(frozen=True)
class Estimate:
    """The estimate in the metric's unit and relative to the counterfactual; the interval, the test, the placebo check."""

    verdict: Verdict
    scale: Scale
    coached: AgentChange | None
    comparison: tuple[AgentChange, ...]
    comparison_change: float | None = None
    """θ̂: the comparison agents' weighted mean change, on the estimator's scale."""
    effect_scaled: float | None = None
    """δ̂ on the estimator's scale (log ratio or points)."""
    effect: float | None = None
    """In the metric's unit: the coached agent's after mean minus what it would have been without coaching."""
    effect_relative: float | None = None
    """The same as a fraction of the counterfactual after mean."""
    confidence_low: float | None = None
    confidence_high: float | None = None
    """Interval of ``effect`` in the metric's unit."""
    standard_error: float | None = None
    statistic: float | None = None
    degrees_of_freedom: int | None = None
    p_value: float | None = None
    between_agent_variance: float | None = None
    """τ²: how much agents' changes differ beyond their sampling noise."""
    placebo_as_large: int | None = None
    """Comparison agents whose placebo difference is at least as large (in absolute value) as the coached agent's."""
    placebo_p_value: float | None = None
    reason: str | None = None
    """Why there is no estimate: ``coached_agent_volume``, ``comparison_agents`` or ``metric_without_samples``."""


def scale_for(unit: str) -> Scale:
    """Durations compare relatively; shares, scores and NPS in points."""
    return Scale.RATIO if unit == "seconds" else Scale.DIFFERENCE


def agent_change(samples: AgentSamples, scale: Scale) -> AgentChange | None:
    """The agent's change and its sampling variance; None when a window has fewer than two values or a mean is not positive on the ratio scale."""
    before, after = np.asarray(samples.before, dtype=float), np.asarray(samples.after, dtype=float)
    if len(before) < 2 or len(after) < 2:
        return None
    mean_before, mean_after = float(np.mean(before)), float(np.mean(after))
    var_before, var_after = float(np.var(before, ddof=1)) / len(before), float(np.var(after, ddof=1)) / len(after)
    if scale is Scale.RATIO:
        if mean_before <= 0 or mean_after <= 0:
            return None
        change = math.log(mean_after) - math.log(mean_before)
        variance = var_after / mean_after**2 + var_before / mean_before**2
    else:
        change = mean_after - mean_before
        variance = var_after + var_before
    return AgentChange(samples.agent_id, len(before), len(after), mean_before, mean_after, change, variance)


def between_agent_variance(changes: Sequence[AgentChange]) -> float:
    """τ² by DerSimonian–Laird: the spread of the changes beyond what their sampling variances explain (≥ 0)."""
    variances = np.array([max(change.variance, 1e-300) for change in changes])
    values = np.array([change.change for change in changes])
    weights = 1 / variances
    centre = float(np.sum(weights * values) / np.sum(weights))
    q = float(np.sum(weights * (values - centre) ** 2))
    scaling = float(np.sum(weights) - np.sum(weights**2) / np.sum(weights))
    return max(0.0, (q - (len(changes) - 1)) / scaling) if scaling > 0 else 0.0


def _weighted_change(changes: Sequence[AgentChange], tau2: float) -> tuple[float, float]:
    """θ̂ and its variance 1 / Σ w, with w = 1 / (τ² + v)."""
    weights = np.array([1 / max(tau2 + change.variance, 1e-300) for change in changes])
    values = np.array([change.change for change in changes])
    return float(np.sum(weights * values) / np.sum(weights)), float(1 / np.sum(weights))


def _in_unit(scaled: float, coached: AgentChange, scale: Scale) -> float:
    """An effect on the estimator's scale in the metric's unit, at the coached agent's after mean."""
    if scale is Scale.RATIO:
        return coached.after_mean * (1 - math.exp(-scaled))
    return scaled


def _placebo_count(comparison: Sequence[AgentChange], tau2: float, effect: float) -> int:
    """Comparison agents whose change, against the other comparison agents, is at least |δ̂|."""
    found = 0
    for index, change in enumerate(comparison):
        others = [other for position, other in enumerate(comparison) if position != index]
        placebo = change.change - _weighted_change(others, tau2)[0]
        found += abs(placebo) >= abs(effect) - 1e-12
    return found


def verdict_of(effect: float, p_value: float, direction: Direction, alpha: float) -> Verdict:
    """Improved or worsened when significant at ``alpha``, by the metric's better direction."""
    if p_value >= alpha or effect == 0 or direction is Direction.NEUTRAL:
        return Verdict.NO_DETECTABLE_CHANGE
    better = effect > 0 if direction is Direction.HIGHER else effect < 0
    return Verdict.IMPROVED if better else Verdict.WORSENED


def estimate_effect(
    coached: AgentSamples,
    comparison: Sequence[AgentSamples],
    *,
    direction: Direction,
    scale: Scale,
    policy: EstimatorPolicy = EstimatorPolicy(),
) -> Estimate:
    """The coached agent's change beyond the comparison agents' change, with its test and interval."""
    floor = policy.minimum_items
    treated = agent_change(coached, scale)
    eligible = [
        change for samples in comparison
        if len(samples.before) >= floor and len(samples.after) >= floor
        and (change := agent_change(samples, scale)) is not None
    ]
    if treated is None or treated.before_size < floor or treated.after_size < floor:
        return Estimate(Verdict.TOO_LITTLE_DATA, scale, treated, tuple(eligible), reason="coached_agent_volume")
    if len(eligible) < max(policy.minimum_comparison_agents, 2):
        return Estimate(Verdict.TOO_LITTLE_DATA, scale, treated, tuple(eligible), reason="comparison_agents")
    tau2 = between_agent_variance(eligible)
    theta, theta_variance = _weighted_change(eligible, tau2)
    effect = treated.change - theta
    standard_error = math.sqrt(tau2 + treated.variance + theta_variance)
    degrees = len(eligible) - 1
    if standard_error == 0:
        statistic, p_value = (0.0, 1.0) if effect == 0 else (math.copysign(math.inf, effect), 0.0)
        low = high = effect
    else:
        statistic = effect / standard_error
        p_value = float(2 * stats.t.sf(abs(statistic), degrees))
        margin = float(stats.t.ppf(1 - policy.alpha / 2, degrees)) * standard_error
        low, high = effect - margin, effect + margin
    placebo = _placebo_count(eligible, tau2, effect)
    effect_unit = _in_unit(effect, treated, scale)
    counterfactual = treated.after_mean - effect_unit
    return Estimate(
        verdict_of(effect, p_value, direction, policy.alpha), scale, treated, tuple(eligible),
        comparison_change=theta, effect_scaled=effect, effect=effect_unit,
        effect_relative=effect_unit / counterfactual if counterfactual else None,
        confidence_low=_in_unit(low, treated, scale), confidence_high=_in_unit(high, treated, scale),
        standard_error=standard_error, statistic=statistic, degrees_of_freedom=degrees, p_value=p_value,
        between_agent_variance=tau2, placebo_as_large=placebo, placebo_p_value=(1 + placebo) / (1 + len(eligible)),
    )
