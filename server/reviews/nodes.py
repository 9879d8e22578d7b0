"""Review assignments by key, for ``node(id:)``: scoped like ``reviewAssignments``, refusals audited."""

from typing import Any

from server.authz.guards import record_hidden, require_rows
from server.audit.trail import AuditSubject
from server.reviews.keys import split_assignment_key
from server.reviews.loaders import ReviewAssignmentByKeyLoader
from server.reviews.repository import assignment_exists
from server.reviews.types import ReviewAssignmentType
from server.kernel.relay import NodeType


async def load_review_assignment_node(context: Any, key: str) -> ReviewAssignmentType | None:
    """The assignment ``key`` if the caller may see it (FORBIDDEN without any ReviewAssignment read scope)."""
    await require_rows(context, "ReviewAssignment")
    parts = split_assignment_key(key)
    if parts is None:
        return None
    found = await context.loader(ReviewAssignmentByKeyLoader).load(parts)
    if found is None:
        record_hidden(
            context, "ReviewAssignment", AuditSubject("conversation", parts[1]),
            await assignment_exists(context.session, *parts),
        )
        return None
    return ReviewAssignmentType.from_row(found, context.settings.zone)


NODE_TYPES = (NodeType("ReviewAssignment", load_review_assignment_node),)
"""What ``node(id:)`` resolves for this feature (declared in module.py)."""
