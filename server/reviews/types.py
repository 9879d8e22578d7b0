"""GraphQL types of review assignments."""

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.conversations import types as conversation_types
from server.conversations.loaders import ConversationByIdLoader
from server.reviews.models import ReviewAssignment
from server.timefmt import format_instant

if TYPE_CHECKING:
    from server.conversations.types import ConversationType

LazyConversation = Annotated["ConversationType", strawberry.lazy("server.conversations.types")]


@strawberry.type(name="ReviewAssignment", description="A conversation assigned to a QA reviewer. / 分配给质检员的会话。")
class ReviewAssignmentType:
    reviewer_id: strawberry.ID = strawberry.field(description="Reviewer subject id. / 质检员 ID。")
    conversation_id: strawberry.ID = strawberry.field(description="Conversation id. / 会话 ID。")
    assigned_by: str = strawberry.field(description="Who assigned it. / 分配人。")
    assigned_at_us: strawberry.Private[int]

    @classmethod
    def from_row(cls, assignment: ReviewAssignment) -> "ReviewAssignmentType":
        return cls(
            reviewer_id=strawberry.ID(assignment.reviewer_id),
            conversation_id=strawberry.ID(assignment.conversation_id),
            assigned_by=assignment.assigned_by,
            assigned_at_us=assignment.assigned_at_us,
        )

    @strawberry.field(description="When (RFC 3339). / 分配时间。")
    def assigned_at(self, info: Info) -> str:
        return format_instant(self.assigned_at_us, info.context.settings.zone)

    @strawberry.field(description="The conversation, when visible to you. / 会话（如可见）。")
    async def conversation(self, info: Info) -> LazyConversation | None:
        summary = await info.context.loader(ConversationByIdLoader).load(self.conversation_id)
        return conversation_types.ConversationType.from_summary(summary) if summary else None
