"""Which reviews and evaluations a principal's row scope reaches, as SQL clauses.

- ``TeamReview``: ``all`` every team's; ``team`` the teams the principal leads and their sub-teams.
- ``PlanEvaluation``: ``all`` every plan's; ``team`` the plans of those teams; ``own`` the agent's
  own plans. ``aggregate`` (analysts) reaches no row: only the counts of ``coachingEvaluationSummary``.
"""

from sqlalchemy import ColumnElement, false, or_, true

from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.evaluation.models import PlanEvaluation, TeamReview

REVIEW_TYPE, EVALUATION_TYPE = "TeamReview", "PlanEvaluation"


def shows_rows(scope: RowScope) -> bool:
    """Whether the scope reaches individual rows (not only aggregates)."""
    return bool(scope.scopes & {Scope.ALL, Scope.TEAM, Scope.OWN})


def review_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.has(Scope.ALL):
        return true()
    if scope.has(Scope.TEAM):
        return TeamReview.team_id.in_(sorted(scope.team_ids))
    return false()


def evaluation_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.has(Scope.ALL):
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.TEAM):
        parts.append(PlanEvaluation.team_id.in_(sorted(scope.team_ids)))
    if scope.has(Scope.OWN):
        parts.append(PlanEvaluation.agent_id == scope.subject)
    return or_(*parts) if parts else false()
