"""``node(id:)`` for team reviews and plan evaluations, through the same row scopes as their queries."""

from typing import Any

from server.evaluation.repository import ScopedEvaluations, ScopedReviews
from server.evaluation.scoping import EVALUATION_TYPE, REVIEW_TYPE, shows_rows
from server.evaluation.types import PlanEvaluationType, TeamReviewType
from server.kernel.relay import NodeType


async def _row_scope(context: Any, record: str) -> Any:
    if context.authorization is None:
        return None
    scope = await context.authorization.row_scope(context.session, record)
    return scope if shows_rows(scope) else None


async def load_review(context: Any, key: str) -> TeamReviewType | None:
    scope = await _row_scope(context, REVIEW_TYPE)
    row = await ScopedReviews(context.session, scope).by_id(key) if scope is not None else None
    return TeamReviewType.from_row(row) if row is not None else None


async def load_evaluation(context: Any, key: str) -> PlanEvaluationType | None:
    scope = await _row_scope(context, EVALUATION_TYPE)
    row = await ScopedEvaluations(context.session, scope).by_plan(key) if scope is not None else None
    return PlanEvaluationType.from_row(row) if row is not None else None


NODES = (NodeType(REVIEW_TYPE, load_review), NodeType(EVALUATION_TYPE, load_evaluation))
