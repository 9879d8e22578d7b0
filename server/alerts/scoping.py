"""Which alerts and rules a principal's row scope reaches, as SQL clauses.

- ``all``: every alert and rule (administrators);
- ``team``: alerts and rules of the teams the principal leads and their sub-teams
  (a team's alerts, and the alerts of its agents);
- ``own``: the alerts on the principal's own agent.
"""

from sqlalchemy import ColumnElement, false, or_, true
from sqlmodel import col

from server.alerts.models import Alert, AlertRule
from server.authz.policy import Scope
from server.authz.scoping import RowScope

ALERT_TYPE, RULE_TYPE = "Alert", "AlertRule"


def alert_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.TEAM):
        parts.append(Alert.team_id.in_(sorted(scope.team_ids)))  # type: ignore[union-attr]
    if scope.has(Scope.OWN):
        parts.append(col(Alert.agent_id) == scope.subject)
    return or_(*parts) if parts else false()


def rule_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    if scope.has(Scope.TEAM):
        return AlertRule.team_id.in_(sorted(scope.team_ids))  # type: ignore[union-attr]
    return false()
