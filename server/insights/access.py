"""Who may ask for insights, over which facts: the caller's ``Metric`` access (server/metrics/role_access.py).

Insights name agents (rankings, agent groupings) or pool groups without small-group
suppression (peaks, KB categories, before/after), so they need a role whose ``Metric``
scope shows individuals (all, team, own); aggregate-only roles are refused. The scope
limits every engine query and sample, filters must stay inside it, and every agent an
answer names is recorded in the audit trail.
"""

from collections.abc import Iterable
from typing import Any

from server.audit.trail import AuditSubject
from server.metrics.api import MetricScope, MetricsRequest, check_request, metric_access
from server.errors import Forbidden

METRIC_RECORD = "Metric"


async def insight_scope(context: Any, request: MetricsRequest) -> MetricScope | None:
    """The caller's metric scope for ``request``; FORBIDDEN (audited) without individual metric access."""
    access = await metric_access(context)
    if not access.individuals:
        context.audit.denied(METRIC_RECORD, "insights need individual metric access")
        raise Forbidden("insights need access to individual metrics / 指标洞察需要个人指标的访问权限")
    await check_request(context, access, request)
    return access.scope


def audit_agents(context: Any, agent_ids: Iterable[str | None], metrics: Iterable[str]) -> None:
    """Record that these agents' metrics were returned (one's own reads are not recorded)."""
    keys = tuple(metrics)
    for agent_id in agent_ids:
        if agent_id:
            for key in keys:
                context.audit.read(METRIC_RECORD, AuditSubject("agent", agent_id), f"{METRIC_RECORD}.{key}")
