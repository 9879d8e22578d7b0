"""Which goals and goal parts a principal's row scopes reach, as SQL clauses.

``Goal`` (read):
- ``all``: every goal; ``aggregate``: every goal but those set on one agent (and no agent's part, see below).
- ``team``: goals on a team the principal leads (or a sub-team), on an agent of such a team, and
  goals with a part in such a team (an organisation's goal, a parent team's goal).
- ``own``: the agent's own goals and the goals it has a part of.

``Goal`` (write): ``all``, or ``team``: goals on the led teams and their agents (not the organisation's).

``GoalPart`` (read): ``all``; ``aggregate``: team parts only; ``team``: parts in the led teams;
``own``: the agent's own parts.
"""

from sqlalchemy import ColumnElement, false, or_, select, true

from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.goals.models import Goal, GoalPart
from server.org.models import Agent

TEAM_PART = "team"
AGENT_SCOPE = "agent"


def _agents_of(team_ids: frozenset[str]):  # noqa: ANN202  (a SQL subquery)
    return select(Agent.agent_id).where(Agent.team_id.in_(sorted(team_ids)))


def goal_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.has(Scope.ALL):
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.AGGREGATE):
        parts.append(Goal.scope_kind != AGENT_SCOPE)
    if scope.has(Scope.TEAM):
        teams = sorted(scope.team_ids)
        parts.append(Goal.team_id.in_(teams))
        parts.append(Goal.agent_id.in_(_agents_of(scope.team_ids)))
        parts.append(Goal.goal_id.in_(select(GoalPart.goal_id).where(GoalPart.team_id.in_(teams))))
    if scope.has(Scope.OWN):
        parts.append(Goal.agent_id == scope.subject)
        parts.append(Goal.goal_id.in_(select(GoalPart.goal_id).where(GoalPart.agent_id == scope.subject)))
    return or_(*parts) if parts else false()


def goal_write_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.has(Scope.ALL):
        return true()
    if scope.has(Scope.TEAM):
        return or_(Goal.team_id.in_(sorted(scope.team_ids)), Goal.agent_id.in_(_agents_of(scope.team_ids)))
    return false()


def part_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.has(Scope.ALL):
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.AGGREGATE):
        parts.append(GoalPart.part_kind == TEAM_PART)
    if scope.has(Scope.TEAM):
        parts.append(GoalPart.team_id.in_(sorted(scope.team_ids)))
    if scope.has(Scope.OWN):
        parts.append(GoalPart.agent_id == scope.subject)
    return or_(*parts) if parts else false()
