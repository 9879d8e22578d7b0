"""Metrics by role: which facts a principal's numbers come from, small groups suppressed, agents pseudonymised.

Roles whose ``Metric`` scope shows individuals (all, team, own) get the engine's rows
as they are, limited to their scope, and every row about another agent is audited.
Roles limited to aggregates (aggregate, team_aggregate) never see an agent: agent ids
become stable opaque pseudonyms, no agent filter is accepted, grouping by agent is not
combined with the team (as a dimension or a filter: a pseudonym seen under two teams
would show who moved), and any group whose facts come from fewer than ``k_anonymity``
distinct agents has its values withheld.
"""

import hashlib
import hmac
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.trail import AuditSubject, AuditTrail
from server.authz.guards import require_in_scope, require_rows
from server.authz.policy import INDIVIDUAL_SCOPES, Scope
from server.authz.scoping import RowScope, team_member_ids
from server.config import Settings
from server.errors import Forbidden
from server.metrics.computations import MetricValue
from server.metrics.query import compute_metrics
from server.metrics.request import Dimension, MetricRow, MetricScope, MetricsRequest

PSEUDONYM_PREFIX = "p-"
CONTRIBUTORS_KEY = "conversations"


def pseudonym(agent_id: str, key: str) -> str:
    """A stable opaque id for ``agent_id``: the same agent always maps to it, nobody can map it back."""
    digest = hmac.new(key.encode(), agent_id.encode(), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:16]


@dataclass(frozen=True)
class MetricAccess:
    """How one principal may read metrics."""

    subject: str
    scope: MetricScope | None
    individuals: bool
    minimum_agents: int
    pseudonym_key: str


def access_of(row_scope: RowScope, settings: Settings) -> MetricAccess:
    """The metric access a ``Metric`` row scope grants (individual scopes win over aggregate ones)."""
    individual = row_scope.scopes & INDIVIDUAL_SCOPES
    kinds = individual or row_scope.scopes
    if Scope.ALL in kinds or Scope.AGGREGATE in kinds:
        scope = None
    else:
        agents = frozenset({row_scope.subject}) if Scope.OWN in kinds else None
        teams = row_scope.team_ids if kinds & {Scope.TEAM, Scope.TEAM_AGGREGATE} else None
        scope = MetricScope(agent_ids=agents, team_ids=teams)
    return MetricAccess(
        subject=row_scope.subject,
        scope=scope,
        individuals=bool(individual),
        minimum_agents=settings.k_anonymity,
        pseudonym_key=settings.pseudonym_key,
    )


async def metric_access(context: Any) -> MetricAccess:
    """The caller's metric access; FORBIDDEN (audited) without any ``Metric`` scope."""
    return access_of(await require_rows(context, "Metric"), context.settings)


async def check_request(context: Any, access: MetricAccess, request: MetricsRequest) -> None:
    """Filters must stay inside the scope; aggregate-only roles may not name agents at all."""
    if request.agent_ids is not None and not access.individuals:
        context.audit.denied("Metric", "agent filter needs individual access")
        raise Forbidden("filtering by agent needs access to individual metrics")
    by_team = Dimension.TEAM in request.group_by or request.team_ids is not None
    if Dimension.AGENT in request.group_by and by_team and not access.individuals:
        # A pseudonym seen under two teams would tell who moved where.
        context.audit.denied("Metric", "agent grouping with team needs individual access")
        raise Forbidden("grouping by agent together with a team needs access to individual metrics")
    scope = access.scope
    if scope is None:
        return
    for team_id in sorted(request.team_ids or ()):
        inside = scope.team_ids is not None and team_id in scope.team_ids
        require_in_scope(context, "Team", AuditSubject("team", team_id), inside)
    for agent_id in sorted(request.agent_ids or ()):
        inside = await _agent_visible(context.session, scope, agent_id)
        require_in_scope(context, "Agent", AuditSubject("agent", agent_id), inside)


async def _agent_visible(session: AsyncSession, scope: MetricScope, agent_id: str) -> bool:
    """An agent who is, or once was, in one of the scope's teams (its numbers from that time are the team's)."""
    if scope.agent_ids is not None and agent_id in scope.agent_ids:
        return True
    if scope.team_ids is None:
        return False
    members = team_member_ids(frozenset(scope.team_ids)).subquery()
    statement = select(members.c.agent_id).where(members.c.agent_id == agent_id).limit(1)
    return (await session.execute(statement)).first() is not None


@dataclass(frozen=True)
class ProtectedRow:
    """A metrics row as this principal may see it; ``suppressed`` rows carry no values."""

    dimensions: dict[str, str | None]
    values: dict[str, MetricValue]
    suppressed: bool
    pseudonymous: bool = False
    """Its ``agent_id`` is a pseudonym (aggregate-only access): never a key to look the agent up by."""


def _group_key(dimensions: dict[str, str | None]) -> tuple:
    return tuple(sorted((name, value) for name, value in dimensions.items() if name != "agent_id"))


async def _contributors(session: AsyncSession, request: MetricsRequest, access: MetricAccess, settings: Settings) -> dict[tuple, int]:
    """Distinct agents behind each group of ``request``: the same question asked per agent as well."""
    by_agent = replace(request, group_by=(*request.group_by, Dimension.AGENT), metrics=(CONTRIBUTORS_KEY,))
    counts: dict[tuple, set[str]] = {}
    for row in await compute_metrics(session, by_agent, settings=settings, scope=access.scope):
        agents = counts.setdefault(_group_key(row.dimensions), set())
        if agent_id := row.dimensions.get("agent_id"):
            agents.add(agent_id)
    return {key: len(agents) for key, agents in counts.items()}


async def protect_rows(
    session: AsyncSession,
    request: MetricsRequest,
    rows: list[MetricRow],
    access: MetricAccess,
    *,
    settings: Settings,
    audit: AuditTrail,
) -> list[ProtectedRow]:
    """Rows fit for this principal: audited when individual, pseudonymised and k-suppressed when aggregate-only."""
    if access.individuals:
        for row in rows:
            agent_id = row.dimensions.get("agent_id")
            if agent_id:
                for metric in row.values:
                    audit.read("Metric", AuditSubject("agent", agent_id), f"Metric.{metric}")
        return [ProtectedRow(dict(row.dimensions), dict(row.values), suppressed=False) for row in rows]
    contributors = await _contributors(session, request, access, settings)
    protected = []
    for row in rows:
        dimensions = dict(row.dimensions)
        if agent_id := dimensions.get("agent_id"):
            dimensions["agent_id"] = pseudonym(agent_id, access.pseudonym_key)
        agents = 1 if row.dimensions.get("agent_id") else contributors.get(_group_key(row.dimensions), 0)
        suppressed = agents < access.minimum_agents
        values = {metric: MetricValue(None, 0) for metric in row.values} if suppressed else dict(row.values)
        protected.append(ProtectedRow(dimensions, values, suppressed=suppressed, pseudonymous=True))
    if Dimension.AGENT in request.group_by:
        # Re-sort by pseudonym: the engine's order by agent id would hint at who is who.
        protected.sort(key=lambda row: tuple((value is None, value or "") for value in row.dimensions.values()))
    return protected


async def scoped_metrics(context: Any, request: MetricsRequest) -> list[ProtectedRow]:
    """The metrics answer for the caller: scope, filter checks, the engine, then suppression and pseudonyms."""
    access = await metric_access(context)
    await check_request(context, access, request)
    rows = await compute_metrics(context.session, request, settings=context.settings, scope=access.scope)
    return await protect_rows(context.session, request, rows, access, settings=context.settings, audit=context.audit)
