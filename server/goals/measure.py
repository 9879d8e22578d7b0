"""A goal's numbers from the metrics engine: its scope's value, each team's and each agent's, over a window.

Agents and teams are those the engine credits (the team at the conversation's end), so a
goal's parts add up to exactly what the metrics screens show for the same filters.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import led_team_ids
from server.config import Settings
from server.goals.allocation import Combination
from server.goals.models import Goal
from server.metrics.api import Count, Mean, MetricRow, MetricsRequest, NetPromoter, Share, compute_metrics, metric_definition
from server.timefmt import from_us

ORGANISATION, TEAM, AGENT = "organisation", "team", "agent"


@dataclass(frozen=True)
class Measured:
    """A value (None without a sample) and its volume (the metric's denominator; a count's own value)."""

    value: float | None
    volume: int


@dataclass(frozen=True)
class ScopeNumbers:
    whole: Measured
    teams: dict[str, Measured]
    agents: dict[tuple[str, str], Measured]
    """(team, agent) → the agent's numbers credited to that team."""


def combination_of(metric_key: str) -> Combination:
    """How parts of ``metric_key`` combine: counts add, percentiles do not combine, the rest are weighted means."""
    computation = metric_definition(metric_key).computation
    if isinstance(computation, Count):
        return Combination.SUM
    if isinstance(computation, Mean | Share | NetPromoter):
        return Combination.WEIGHTED
    return Combination.NONE


def decomposable(metric_key: str) -> bool:
    """Whether agents and teams have values of the metric (abandonment and self-service have none)."""
    return not metric_definition(metric_key).unattributed_population


async def scope_team_ids(session: AsyncSession, goal: Goal) -> frozenset[str] | None:
    """The teams a team goal covers (the team and its sub-teams); None for other scopes."""
    if goal.scope_kind != TEAM or goal.team_id is None:
        return None
    return await led_team_ids(session, [goal.team_id])


def _labels(text: str | None) -> list[str] | None:
    return None if text is None else list(json.loads(text))


def _measured(row: MetricRow, key: str) -> Measured:
    value = row.values[key]
    return Measured(None if value.value is None else float(value.value), value.sample_size)


async def measure(
    session: AsyncSession,
    settings: Settings,
    goal: Goal,
    from_: date | datetime,
    to: date | datetime,
    *,
    team_ids: frozenset[str] | None,
    with_parts: bool,
) -> ScopeNumbers:
    """The goal's metric over ``[from_, to)`` for its scope and, with ``with_parts``, per team and per agent."""
    key = goal.metric_key

    def request(group_by: tuple[str, ...]) -> MetricsRequest:
        return MetricsRequest.of(
            from_=from_, to=to, team_ids=team_ids, agent_ids=[goal.agent_id] if goal.scope_kind == AGENT and goal.agent_id is not None else None,
            channels=_labels(goal.channels), categories=_labels(goal.categories), group_by=group_by, metrics=[key],
        )

    [whole] = await compute_metrics(session, request(()), settings=settings)
    teams: dict[str, Measured] = {}
    agents: dict[tuple[str, str], Measured] = {}
    if with_parts:
        for row in await compute_metrics(session, request(("team",)), settings=settings):
            if row.dimensions["team_id"] is not None:
                teams[row.dimensions["team_id"]] = _measured(row, key)
        for row in await compute_metrics(session, request(("team", "agent")), settings=settings):
            team, agent = row.dimensions["team_id"], row.dimensions["agent_id"]
            if team is not None and agent is not None:
                agents[(team, agent)] = _measured(row, key)
    return ScopeNumbers(_measured(whole, key), teams, agents)


def instant(settings: Settings, instant_us: int) -> datetime:
    """An instant as an aware datetime in the organisation's zone, for a metrics range."""
    return from_us(instant_us, settings.zone)
