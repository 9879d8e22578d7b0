"""Queries on review assignments."""

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.pagination import PageRequest
from server.reviews.repository import ReviewAssignmentRepository
from server.reviews.types import ReviewAssignmentType


@strawberry.type
class ReviewQuery:
    @strawberry.field(description="Review assignments you may see. / 你可见的质检分配。")
    async def review_assignments(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> list[ReviewAssignmentType]:
        context = info.context
        page = PageRequest.of(context.settings, first, after)
        scope = await require_rows(context, "ReviewAssignment")
        rows = await ReviewAssignmentRepository(context.session, scope).page(limit=page.limit, offset=page.offset)
        return [ReviewAssignmentType.from_row(row) for row in rows]
