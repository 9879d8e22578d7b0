"""Sampling conversations for manual review (抽检): stratified, risk-based, with coverage targets and balanced assignment.

Pure and reproducible: the same candidates, plan and seed give the same sample.

1. **Per agent and week**: from each (agent, ISO week) stratum, ``per_agent_week`` conversations
   (all of them when it has fewer), spread over channel × category: the stratum's
   conversations are shuffled, then taken round-robin across its channel × category cells.
2. **Overall rate**: while fewer than ⌈``overall_rate`` × candidates⌉ are picked, one more is
   taken from the (channel, category, day) stratum furthest below its proportional share.
3. **Risk on top**: conversations with any risk signal (complaint, low CSAT, long wait, transfer,
   negative sentiment, auto-QA failure), most signals first, up to ``risk_limit``.
4. **Assignment**: in random order, each picked conversation goes to the reviewer with the least
   load (open assignments on conversations outside the run counted), ties by reviewer id.
"""

import math
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

RISK_SIGNALS = ("complaint", "low_csat", "long_wait", "transfer", "negative_sentiment", "auto_qa_failed")


@dataclass(frozen=True)
class Candidate:
    conversation_id: str
    agent_id: str | None
    channel: str
    category: str
    end_us: int
    risks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SamplingPlanRules:
    per_agent_week: int = 2
    overall_rate: float = 0.03
    risk_limit: int = 50
    risk_signals: tuple[str, ...] = RISK_SIGNALS


@dataclass
class Sample:
    picked: dict[str, str] = field(default_factory=dict)
    """conversation id → why: ``stratified``, ``overall`` or ``risk``."""
    assignments: dict[str, str] = field(default_factory=dict)
    """conversation id → reviewer."""


def _week(end_us: int, zone: ZoneInfo) -> str:
    year, week, _ = datetime.fromtimestamp(end_us / 1_000_000, zone).isocalendar()
    return f"{year}-W{week:02d}"


def _day(end_us: int, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(end_us / 1_000_000, zone).date().isoformat()


def _spread(rng: random.Random, stratum: list[Candidate], count: int) -> list[Candidate]:
    """``count`` of ``stratum`` taken round-robin over its channel × category cells, each cell shuffled."""
    cells: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for candidate in stratum:
        cells[(candidate.channel, candidate.category)].append(candidate)
    order = sorted(cells)
    rng.shuffle(order)
    for key in order:
        rng.shuffle(cells[key])
    taken: list[Candidate] = []
    while len(taken) < count:
        for key in order:
            if cells[key] and len(taken) < count:
                taken.append(cells[key].pop())
    return taken


def draw(
    candidates: Sequence[Candidate], plan: SamplingPlanRules, reviewers: Sequence[str], *, seed: int, zone: ZoneInfo,
    load: Mapping[str, int] | None = None,
) -> Sample:
    """The sample of ``candidates`` under ``plan`` for ``seed`` (see the module docstring)."""
    rng = random.Random(seed)
    ordered = sorted(candidates, key=lambda c: c.conversation_id)
    sample = Sample()
    strata: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for candidate in ordered:
        if candidate.agent_id is not None:
            strata[(candidate.agent_id, _week(candidate.end_us, zone))].append(candidate)
    for stratum in sorted(strata):
        for candidate in _spread(rng, strata[stratum], min(plan.per_agent_week, len(strata[stratum]))):
            sample.picked[candidate.conversation_id] = "stratified"
    wanted = math.ceil(plan.overall_rate * len(ordered))
    cells: dict[tuple[str, str, str], list[Candidate]] = defaultdict(list)
    for candidate in ordered:
        cells[(candidate.channel, candidate.category, _day(candidate.end_us, zone))].append(candidate)
    for members in cells.values():
        rng.shuffle(members)
    while len(sample.picked) < min(wanted, len(ordered)):
        def deficit(key: tuple[str, str, str]) -> tuple[float, tuple[str, str, str]]:
            members = cells[key]
            taken = sum(1 for c in members if c.conversation_id in sample.picked)
            return (taken - wanted * len(members) / len(ordered), key)

        open_cells = [cell for cell, members in cells.items() if any(c.conversation_id not in sample.picked for c in members)]
        emptiest = min(open_cells, key=deficit)
        chosen = next(c for c in cells[emptiest] if c.conversation_id not in sample.picked)
        sample.picked[chosen.conversation_id] = "overall"
    risky = [c for c in ordered if c.conversation_id not in sample.picked and c.risks & set(plan.risk_signals)]
    rng.shuffle(risky)
    risky.sort(key=lambda c: -len(c.risks & set(plan.risk_signals)))
    for candidate in risky[:plan.risk_limit]:
        sample.picked[candidate.conversation_id] = "risk"
    loads = {reviewer: (load or {}).get(reviewer, 0) for reviewer in sorted(set(reviewers))}
    order = sorted(sample.picked)
    rng.shuffle(order)
    for conversation_id in order:
        if not loads:
            break
        reviewer = min(loads, key=lambda r: (loads[r], r))
        sample.assignments[conversation_id] = reviewer
        loads[reviewer] += 1
    return sample


@dataclass(frozen=True)
class Coverage:
    candidates: int
    picked: int
    overall_share: float
    agent_weeks: int
    agent_weeks_met: int
    """Agent-weeks with at least ``per_agent_week`` picked, or all their conversations when they had fewer."""
    risk_picked: int


def coverage(candidates: Sequence[Candidate], sample: Sample, plan: SamplingPlanRules, *, zone: ZoneInfo) -> Coverage:
    """How far the sample reaches the plan's targets."""
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for candidate in candidates:
        if candidate.agent_id is not None:
            strata[(candidate.agent_id, _week(candidate.end_us, zone))].append(candidate.conversation_id)
    met = sum(
        1 for members in strata.values()
        if sum(1 for m in members if m in sample.picked) >= min(plan.per_agent_week, len(members))
    )
    return Coverage(
        candidates=len(candidates), picked=len(sample.picked),
        overall_share=len(sample.picked) / len(candidates) if candidates else 0.0,
        agent_weeks=len(strata), agent_weeks_met=met,
        risk_picked=sum(1 for why in sample.picked.values() if why == "risk"),
    )
