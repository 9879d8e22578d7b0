"""Review assignments, read through the principal's scope."""

from sqlalchemy import Select, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope, review_clause
from server.reviews.models import ReviewAssignment


class ReviewAssignmentRepository:
    """Review assignments the scope reaches, oldest first."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def readable_statement(self) -> Select:
        return select(ReviewAssignment).where(
            review_clause(self.scope, ReviewAssignment.reviewer_id, ReviewAssignment.conversation_id)
        )

    async def page(self, *, limit: int, offset: int) -> list[ReviewAssignment]:
        statement = self.readable_statement().order_by(
            ReviewAssignment.assigned_at_us, ReviewAssignment.reviewer_id, ReviewAssignment.conversation_id
        )
        return list((await self.session.execute(statement.limit(limit).offset(offset))).scalars().all())

    async def get(self, reviewer_id: str, conversation_id: str) -> ReviewAssignment | None:
        return await self.session.get(ReviewAssignment, (reviewer_id, conversation_id))
