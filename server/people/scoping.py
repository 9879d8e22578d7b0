"""Which directory users a principal's row scope on ``User`` reaches, as a SQL clause.

- ``all``: everyone (administrators, HR).
- ``team``: the people of the teams the principal leads and their sub-teams: users linked
  to an agent of those teams, users who lead one of them, and the principal itself.
- ``own``: the principal's own record.
"""

from sqlalchemy import ColumnElement, false, or_, select, true

from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.org.models import Agent
from server.people.models import DirectoryUser, TeamLead


def user_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.OWN) or scope.has(Scope.TEAM):
        parts.append(DirectoryUser.user_id == scope.subject)
    if scope.has(Scope.TEAM):
        teams = sorted(scope.team_ids)
        parts.append(DirectoryUser.agent_id.in_(select(Agent.agent_id).where(Agent.team_id.in_(teams))))
        parts.append(DirectoryUser.user_id.in_(select(TeamLead.user_id).where(TeamLead.team_id.in_(teams))))
    return or_(*parts) if parts else false()
