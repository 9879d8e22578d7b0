"""Splitting a goal's target among its parts: pure arithmetic, no database (docs/goals.md, Decomposition).

Values are worked in the "better" orientation (lower-is-better metrics are negated), so
"better" is always "larger". For means, shares and the NPS each part weighs its volume
(the metric's denominator over the baseline) and the volume-weighted mean of the parts'
targets equals the parent's target, unless the caps make it unreachable: then the
remaining ``shortfall`` is reported. Counts are split in proportion to the baselines;
percentiles do not combine, so every part gets the parent's target.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

SHORTFALL_EPSILON = 1e-9
"""A shortfall smaller than this is rounding, not a cap."""


class Combination(StrEnum):
    """How parts combine into their parent for a metric."""

    WEIGHTED = "weighted"
    """Means, shares, NPS: the mean of the parts weighted by their denominators."""
    SUM = "sum"
    """Counts: the sum of the parts."""
    NONE = "none"
    """Percentiles: parts do not combine."""


class Rule(StrEnum):
    """Why a part got its target."""

    ALLOCATED = "allocated"
    KEPT = "kept"
    CAPPED = "capped"
    LOW_VOLUME = "low_volume"
    PERCENTILE = "percentile"
    COUNT = "count"


@dataclass(frozen=True)
class PartBaseline:
    """A part before allocation: its baseline value (None when it had no sample) and volume."""

    key: str
    baseline: float | None
    volume: int


@dataclass(frozen=True)
class PartTarget:
    key: str
    target: float
    rule: Rule

    @property
    def capped(self) -> bool:
        return self.rule is Rule.CAPPED


@dataclass(frozen=True)
class Allocation:
    """The parts' targets, in input order, and how far their combination stays from the parent's target (≥ 0)."""

    parts: tuple[PartTarget, ...]
    shortfall: float


def best_tenth(values: Sequence[float], *, higher_is_better: bool) -> float | None:
    """What the best tenth of ``values`` achieve: the 90th percentile (10th when lower is better); None when empty."""
    if not values:
        return None
    return float(np.percentile(np.array(values, dtype=np.float64), 90 if higher_is_better else 10))


def combine(targets: Sequence[float], volumes: Sequence[int], combination: Combination) -> float | None:
    """The parent value the parts' values make together (None for percentiles or no volume)."""
    if combination is Combination.SUM:
        return math.fsum(targets)
    total = sum(volumes)
    if combination is Combination.NONE or total == 0:
        return None
    return math.fsum(value * volume for value, volume in zip(targets, volumes, strict=True)) / total


def allocate(
    target: float,
    parts: Sequence[PartBaseline],
    *,
    higher_is_better: bool,
    combination: Combination,
    cap: float | None = None,
    minimum_volume: int = 0,
) -> Allocation:
    """Each part's target so that together they make ``target`` (see the module docstring and docs/goals.md)."""
    if combination is Combination.NONE:
        return Allocation(tuple(PartTarget(part.key, target, Rule.PERCENTILE) for part in parts), 0.0)
    if combination is Combination.SUM:
        return _split_count(target, parts)
    sign = 1.0 if higher_is_better else -1.0
    oriented_cap = None if cap is None else sign * cap
    oriented_parts = [PartBaseline(part.key, None if part.baseline is None else sign * part.baseline, part.volume) for part in parts]
    oriented = _allocate_weighted(sign * target, oriented_parts, oriented_cap, minimum_volume)
    return Allocation(
        tuple(PartTarget(part.key, sign * value, rule) for part, (value, rule) in zip(parts, oriented[0], strict=True)),
        oriented[1],
    )


def _split_count(target: float, parts: Sequence[PartBaseline]) -> Allocation:
    baselines = [part.baseline or 0.0 for part in parts]
    total = math.fsum(baselines)
    if not parts:
        return Allocation((), 0.0)
    shares = [value / total for value in baselines] if total > 0 else [1.0 / len(parts)] * len(parts)
    return Allocation(tuple(PartTarget(part.key, target * share, Rule.COUNT) for part, share in zip(parts, shares, strict=True)), 0.0)


def _known(part: PartBaseline) -> float:
    assert part.baseline is not None
    return part.baseline


def _allocate_weighted(
    target: float, parts: Sequence[PartBaseline], cap: float | None, minimum_volume: int
) -> tuple[list[tuple[float, Rule]], float]:
    """Targets (oriented: larger is better) and the shortfall; parts far from the target carry more."""
    results: list[tuple[float, Rule]] = [(target, Rule.LOW_VOLUME)] * len(parts)
    total_volume = sum(part.volume for part in parts)
    if total_volume == 0:
        return results, 0.0
    free: list[int] = []
    for index, part in enumerate(parts):
        if part.baseline is None or part.volume < minimum_volume or part.volume == 0:
            continue
        if part.baseline >= target:
            results[index] = (part.baseline, Rule.KEPT)
        else:
            free.append(index)
    baseline = {i: _known(parts[i]) for i in free}
    # The improvement the free parts must bring, as a volume-weighted sum of gaps.
    remaining = math.fsum(parts[i].volume * (target - baseline[i]) for i in free)
    remaining -= math.fsum(parts[i].volume * (value - target) for i, (value, rule) in enumerate(results) if rule is Rule.KEPT)
    if remaining <= 0:
        # The parts already make the target together: nobody is asked to get worse.
        for i in free:
            results[i] = (baseline[i], Rule.KEPT)
        return results, 0.0
    active = list(free)
    while active:
        gaps = {i: target - baseline[i] for i in active}
        factor = remaining / math.fsum(parts[i].volume * gaps[i] for i in active)
        limit = {i: math.inf if cap is None else max(cap, baseline[i]) for i in active}
        over = [i for i in active if baseline[i] + factor * gaps[i] > limit[i]]
        if not over:
            for i in active:
                results[i] = (baseline[i] + factor * gaps[i], Rule.ALLOCATED)
            return results, 0.0
        for i in over:
            results[i] = (limit[i], Rule.CAPPED)
            remaining -= parts[i].volume * (limit[i] - baseline[i])
        active = [i for i in active if i not in over]
    return results, remaining / total_volume


@dataclass(frozen=True)
class Decomposition:
    """Team targets, each team's agent targets, and the shortfall of the agents' combination against the goal's target."""

    teams: Allocation
    agents: dict[str, Allocation]
    shortfall: float


def decompose(
    target: float,
    teams: Sequence[PartBaseline],
    agents: Mapping[str, Sequence[PartBaseline]],
    *,
    higher_is_better: bool,
    combination: Combination,
    cap: float | None,
    minimum_volume: int,
) -> Decomposition:
    """Scope → teams → agents: each team's target is then split among the agents credited to it."""
    options = {"higher_is_better": higher_is_better, "combination": combination, "cap": cap, "minimum_volume": minimum_volume}
    team_allocation = allocate(target, teams, **options)  # type: ignore[arg-type]
    agent_allocations = {
        team.key: allocate(team_target.target, agents.get(team.key, ()), **options)  # type: ignore[arg-type]
        for team, team_target in zip(teams, team_allocation.parts, strict=True)
    }
    targets = [part.target for team in teams for part in agent_allocations[team.key].parts]
    volumes = [part.volume for team in teams for part in agents.get(team.key, ())]
    combined = combine(targets, volumes, combination)
    if combined is None or combination is Combination.NONE:
        return Decomposition(team_allocation, agent_allocations, 0.0)
    sign = 1.0 if higher_is_better else -1.0
    shortfall = sign * (target - combined)
    return Decomposition(team_allocation, agent_allocations, shortfall if shortfall > SHORTFALL_EPSILON else 0.0)
