"""Per-request dataloader for review assignments by key; one scoped statement per batch."""

from server.authz.scoping import RowScope
from server.org.loaders import ScopedLoader
from server.reviews.models import ReviewAssignment
from server.reviews.repository import ReviewAssignmentRepository


class ReviewAssignmentByKeyLoader(ScopedLoader):
    """Assignments by ``(reviewer_id, conversation_id)``; those outside the read scope load as None."""

    obj = "ReviewAssignment"

    async def load_batch(self, scope: RowScope, keys: list[tuple[str, str]]) -> list[ReviewAssignment | None]:
        found = {
            (row.reviewer_id, row.conversation_id): row
            for row in await ReviewAssignmentRepository(self.context.session, scope).by_keys(sorted(set(keys)))
        }
        return [found.get(key) for key in keys]
