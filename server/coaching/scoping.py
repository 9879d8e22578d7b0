"""Which coaching plans (and so tasks) a principal's row scope reaches, as a SQL clause.

- ``all``: every plan (administrators, HR).
- ``team``: plans of agents of the teams the principal leads and their sub-teams (the plan's team).
- ``own``: the principal's own plans (its subject is the agent id).
"""

from sqlalchemy import ColumnElement, false, or_, true

from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.coaching.models import CoachingPlan


def plan_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.OWN):
        parts.append(CoachingPlan.agent_id == scope.subject)
    if scope.has(Scope.TEAM):
        parts.append(CoachingPlan.team_id.in_(sorted(scope.team_ids)))
    return or_(*parts) if parts else false()
