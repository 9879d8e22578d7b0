"""Review assignments, read through the principal's scope."""

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope, review_clause
from server.kernel.keyset import code_point_order
from server.kernel.paging import PageArgs, SortKey, SortValue
from server.reviews.models import ReviewAssignment


def assignment_sort_key(assignment: ReviewAssignment) -> tuple[SortValue, ...]:
    """An assignment's values in ``ReviewAssignmentRepository.order``."""
    return (assignment.assigned_at_us, assignment.reviewer_id, assignment.conversation_id)


class ReviewAssignmentRepository:
    """Review assignments the scope reaches, oldest first."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def readable_statement(self) -> Select:
        return select(ReviewAssignment).where(
            review_clause(self.scope, ReviewAssignment.reviewer_id, ReviewAssignment.conversation_id)
        )

    def order(self) -> list[SortKey]:
        """Oldest first, then reviewer and conversation by code point (the key: a total order)."""
        return [
            SortKey(ReviewAssignment.assigned_at_us),
            SortKey(code_point_order(self.session, ReviewAssignment.reviewer_id)),
            SortKey(code_point_order(self.session, ReviewAssignment.conversation_id)),
        ]

    async def page(self, args: PageArgs) -> list[ReviewAssignment]:
        """One page (with a spare row) in reading order."""
        statement = args.bounded(self.readable_statement(), self.order())
        return list((await self.session.execute(statement)).scalars().all())

    async def count(self) -> int:
        statement = select(func.count()).select_from(self.readable_statement().subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def by_keys(self, keys: list[tuple[str, str]]) -> list[ReviewAssignment]:
        """Readable assignments among ``(reviewer_id, conversation_id)`` keys."""
        if not keys:
            return []
        wanted = or_(*(
            and_(ReviewAssignment.reviewer_id == reviewer, ReviewAssignment.conversation_id == conversation)
            for reviewer, conversation in keys
        ))
        return list((await self.session.execute(self.readable_statement().where(wanted))).scalars().all())

    async def get(self, reviewer_id: str, conversation_id: str) -> ReviewAssignment | None:
        return await self.session.get(ReviewAssignment, (reviewer_id, conversation_id))


async def assignment_exists(session: AsyncSession, reviewer_id: str, conversation_id: str) -> bool:
    """Whether an assignment is stored at all (for auditing refused look-ups; never shown)."""
    statement = select(exists().where(
        ReviewAssignment.reviewer_id == reviewer_id, ReviewAssignment.conversation_id == conversation_id
    ))
    return bool((await session.execute(statement)).scalar_one())
