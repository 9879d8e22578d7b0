"""Which QA records a principal's row scope reaches, as SQL clauses.

- ``QaReview`` (and the findings of a review): ``all``; ``team`` — reviews of the agents of the
  led teams (the team the score was attributed to); ``own`` — an agent's own reviews, and the
  reviews a reviewer wrote; ``assigned`` — reviews of the conversations assigned to the
  reviewer, and those it wrote.
- ``QaDispute``: ``all``; ``team`` — disputes of the led teams' agents; ``own`` — one's own.
- ``QaMetric`` (QA metric keys): ``all``/``aggregate`` — everything, ``team``/``team_aggregate`` —
  the led teams, ``own`` — the agent's own conversations.
"""

from sqlalchemy import ColumnElement, false, or_, select, true

from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.quality.models import QaConversationFact, QaDispute, QaReview
from server.reviews.models import ReviewAssignment


def qa_review_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.OWN) or scope.has(Scope.ASSIGNED):
        parts.append(QaReview.reviewer_id == scope.subject)
    if scope.has(Scope.OWN):
        parts.append(QaReview.agent_id == scope.subject)
    if scope.has(Scope.TEAM):
        parts.append(QaReview.team_id.in_(sorted(scope.team_ids)))
    if scope.has(Scope.ASSIGNED):
        assigned = select(ReviewAssignment.conversation_id).where(ReviewAssignment.reviewer_id == scope.subject)
        parts.append(QaReview.conversation_id.in_(assigned))
    return or_(*parts) if parts else false()


def qa_dispute_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.OWN):
        parts.append(QaDispute.agent_id == scope.subject)
    if scope.has(Scope.TEAM):
        parts.append(QaDispute.team_id.in_(sorted(scope.team_ids)))
    return or_(*parts) if parts else false()


def qa_metric_clause(scope: RowScope) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.TEAM) or scope.has(Scope.TEAM_AGGREGATE):
        parts.append(QaConversationFact.team_id.in_(sorted(scope.team_ids)))
    if scope.has(Scope.OWN):
        parts.append(QaConversationFact.agent_id == scope.subject)
    return or_(*parts) if parts else false()


def conversation_assignable(scope: RowScope) -> ColumnElement[bool]:
    """Sampling candidates a scope may assign: all, or the led teams' conversations."""
    if scope.unrestricted:
        return true()
    if scope.has(Scope.TEAM):
        return QaConversationFact.team_id.in_(sorted(scope.team_ids))
    return false()
