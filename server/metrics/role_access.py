"""Metrics by role: which facts a principal's numbers come from, small groups suppressed, agents pseudonymised.

Roles whose ``Metric`` scope shows individuals (all, team, own) get the engine's rows
as they are, limited to their scope, and every row about another agent is audited.
Roles limited to aggregates (aggregate, team_aggregate) never see an agent: agent ids
become stable opaque pseudonyms, no agent filter is accepted, grouping by agent is not
combined with the team (as a dimension or a filter: a pseudonym seen under two teams
would show who moved), and any group whose facts come from fewer than ``k_anonymity``
distinct agents has its values withheld — with secondary suppression, so that no
combination of shown numbers gives a withheld one away (server/metrics/suppression.py).
Aggregate-only readers therefore ask whole local days and no hour buckets.
"""

import hashlib
import hmac
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.trail import AuditSubject, AuditTrail
from server.authz.guards import require_in_scope, require_rows
from server.authz.policy import INDIVIDUAL_SCOPES, Scope
from server.authz.scoping import RowScope, team_member_ids
from server.config import Settings
from server.errors import Forbidden
from server.metrics.buckets import local_day_if_boundary, local_instant_us
from server.metrics.computations import MetricValue
from server.metrics.query import compute_metrics
from server.metrics.request import ROW_KEYS, Dimension, MetricRow, MetricScope, MetricsRequest
from server.metrics.suppression import Blocks, Cell, build_blocks, whole_months, withheld_rows

PSEUDONYM_PREFIX = "p-"
CONTRIBUTORS_KEY = "conversations"
CELL_DIMENSIONS = (Dimension.AGENT, Dimension.TEAM, Dimension.CHANNEL, Dimension.CATEGORY, Dimension.DAY)
"""A question asked per agent and per cell (server/metrics/suppression.py): who is behind each cell."""


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
    if not access.individuals:
        _require_cells(context, request)
    scope = access.scope
    if scope is None:
        return
    for team_id in sorted(request.team_ids or ()):
        inside = scope.team_ids is not None and team_id in scope.team_ids
        require_in_scope(context, "Team", AuditSubject("team", team_id), inside)
    for agent_id in sorted(request.agent_ids or ()):
        inside = await _agent_visible(context.session, scope, agent_id)
        require_in_scope(context, "Agent", AuditSubject("agent", agent_id), inside)


def _require_cells(context: Any, request: MetricsRequest) -> None:
    """Aggregate-only questions are sums of whole cells: whole local days, no hour buckets (FORBIDDEN, audited, otherwise)."""
    if request.time_dimension is Dimension.HOUR:
        context.audit.denied("Metric", "hour buckets need individual access")
        raise Forbidden(
            "hour buckets need access to individual metrics; group by day, week or month",
            message_zh="按小时分组需要查看个人指标的权限；请按日、周或月分组",
        )
    zone = context.settings.zone
    for name, bound in (("from", request.from_), ("to", request.to)):
        if _whole_day(bound, zone) is None and bound is not None:
            context.audit.denied("Metric", f"{name} inside a day needs individual access")
            raise Forbidden(
                f"{name}: ranges inside a day need access to individual metrics; give a date or a local midnight",
                message_zh=f"{name}：不在整日边界的时间范围需要查看个人指标的权限；请给出日期或当地零点",
            )


def _whole_day(bound: date | datetime | None, zone: ZoneInfo) -> date | None:
    """The local day a range bound starts, or None when it is absent or inside a day."""
    if bound is None:
        return None
    if isinstance(bound, datetime):
        return local_day_if_boundary(local_instant_us(bound, zone), zone)
    return bound


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


async def _agents_by_cell(
    session: AsyncSession, request: MetricsRequest, access: MetricAccess, settings: Settings
) -> dict[Cell, frozenset[str]]:
    """The cells ``request``'s range and filters cover, each with the distinct agents behind it."""
    per_cell = replace(request, group_by=CELL_DIMENSIONS, metrics=(CONTRIBUTORS_KEY,))
    agents: dict[Cell, set[str]] = {}
    for row in await compute_metrics(session, per_cell, settings=settings, scope=access.scope):
        dimensions = row.dimensions
        day = dimensions["bucket"]
        assert day is not None
        cell = Cell(day, dimensions.get("team_id"), dimensions.get("channel"), dimensions.get("category"))
        found = agents.setdefault(cell, set())
        if agent_id := dimensions.get("agent_id"):
            found.add(agent_id)
    return {cell: frozenset(names) for cell, names in agents.items()}


async def _blocks(session: AsyncSession, request: MetricsRequest, access: MetricAccess, settings: Settings) -> Blocks:
    """The blocks of every month ``request`` touches: built from the data and the reader's scope, never from the question."""
    first, last = whole_months(_whole_day(request.from_, settings.zone), _whole_day(request.to, settings.zone))
    months = MetricsRequest(from_=first, to=last, metrics=(CONTRIBUTORS_KEY,))
    return build_blocks(await _agents_by_cell(session, months, access, settings), access.minimum_agents)


def _row_key(row: MetricRow, group_by: tuple[Dimension, ...]) -> tuple[str | None, ...]:
    return tuple(row.dimensions.get(ROW_KEYS[dimension]) for dimension in group_by)


async def protect_rows(
    session: AsyncSession,
    request: MetricsRequest,
    rows: list[MetricRow],
    access: MetricAccess,
    *,
    settings: Settings,
    audit: AuditTrail,
) -> list[ProtectedRow]:
    """Rows fit for this principal: audited when individual; pseudonymised, k-suppressed and secondarily suppressed when aggregate-only."""
    if access.individuals:
        for row in rows:
            agent_id = row.dimensions.get("agent_id")
            if agent_id:
                for metric in row.values:
                    audit.read("Metric", AuditSubject("agent", agent_id), f"Metric.{metric}")
        return [ProtectedRow(dict(row.dimensions), dict(row.values), suppressed=False) for row in rows]
    blocks = await _blocks(session, request, access, settings)
    grouping = tuple(dimension for dimension in request.group_by if dimension is not Dimension.AGENT)
    withheld = withheld_rows(
        blocks, await _agents_by_cell(session, request, access, settings), grouping, (_row_key(row, grouping) for row in rows),
    )
    protected = []
    for row, cuts_a_block in zip(rows, withheld, strict=True):
        dimensions = dict(row.dimensions)
        if agent_id := dimensions.get("agent_id"):
            dimensions["agent_id"] = pseudonym(agent_id, access.pseudonym_key)
            suppressed = access.minimum_agents > 1
        else:
            suppressed = cuts_a_block
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
