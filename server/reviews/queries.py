"""Queries on review assignments."""

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import Page, PageArgs
from server.kernel.relay import Connection
from server.reviews.models import ReviewAssignment
from server.reviews.repository import ReviewAssignmentRepository, assignment_sort_key
from server.reviews.types import ReviewAssignmentType


@strawberry.type
class ReviewQuery:
    @strawberry.field(
        description="Review assignments you may see, oldest first. / 你可见的质检分配（按分配时间从早到晚）。"
    )
    async def review_assignments(
        self, info: Info, first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None
    ) -> Connection[ReviewAssignmentType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        scope = await require_rows(context, "ReviewAssignment")
        repository = ReviewAssignmentRepository(context.session, scope)
        page = Page.of(args, await repository.page(args), sort_key=assignment_sort_key)
        zone = context.settings.zone

        async def to_nodes(rows: list[ReviewAssignment]) -> list[ReviewAssignmentType | None]:
            return [ReviewAssignmentType.from_row(row, zone) for row in rows]

        return await page.connection(to_nodes, repository.count)
