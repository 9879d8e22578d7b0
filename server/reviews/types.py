"""GraphQL types of review assignments, and the inputs and payloads of their mutations."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info

from server.conversations import types as conversation_types
from server.conversations.loaders import ConversationByIdLoader
from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.reviews.keys import assignment_global_id
from server.reviews.models import ReviewAssignment
from server.timefmt import from_us

if TYPE_CHECKING:
    from server.conversations.types import ConversationType

LazyConversation = Annotated["ConversationType", strawberry.lazy("server.conversations.types")]


@strawberry.type(name="ReviewAssignment", description="A conversation assigned to a QA reviewer. / 分配给质检员的会话。")
class ReviewAssignmentType(Node):
    reviewer_id: str = strawberry.field(
        description="The reviewer's subject (sign-in identity). / 质检员的登录主体标识。"
    )
    assigned_by: str = strawberry.field(description="Subject of who assigned it. / 分配人的登录主体标识。")
    assigned_at: datetime = strawberry.field(description="When it was assigned. / 分配时间。")
    conversation_key: strawberry.Private[str]

    @classmethod
    def from_row(cls, assignment: ReviewAssignment, zone: ZoneInfo) -> "ReviewAssignmentType":
        return cls(
            id=assignment_global_id(assignment.reviewer_id, assignment.conversation_id),
            reviewer_id=assignment.reviewer_id,
            assigned_by=assignment.assigned_by,
            assigned_at=from_us(assignment.assigned_at_us, zone),
            conversation_key=assignment.conversation_id,
        )

    @strawberry.field(description="Global id of the conversation. / 会话的全局 ID。")
    def conversation_id(self) -> strawberry.ID:
        return to_global_id("Conversation", self.conversation_key)

    @strawberry.field(description="The conversation, when visible to you. / 会话（如可见）。")
    async def conversation(self, info: Info) -> LazyConversation | None:
        summary = await info.context.loader(ConversationByIdLoader).load(self.conversation_key)
        return conversation_types.ConversationType.from_summary(summary) if summary else None


@strawberry.input(description="Who should review which conversation. / 指定质检员与会话。")
class AssignReviewInput:
    reviewer_id: str = strawberry.field(
        description="The reviewer's subject (sign-in identity). / 质检员的登录主体标识。"
    )
    conversation_id: strawberry.ID = strawberry.field(
        description="Global id of a conversation in your scope. / 你范围内会话的全局 ID。"
    )


@strawberry.type(description="Result of assignReview. / assignReview 的结果。")
class AssignReviewPayload(Payload):
    review_assignment: ReviewAssignmentType | None = strawberry.field(
        default=None, description="The assignment (the existing one if it was made before). / 分配记录（已存在时返回原记录）。"
    )


@strawberry.input(description="The review assignment to withdraw. / 要撤回的质检分配。")
class UnassignReviewInput:
    review_assignment_id: strawberry.ID = strawberry.field(
        description="Global id of the assignment. / 质检分配的全局 ID。"
    )


@strawberry.type(description="Result of unassignReview. / unassignReview 的结果。")
class UnassignReviewPayload(Payload):
    unassigned_review_assignment_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the withdrawn assignment. / 已撤回分配的全局 ID。"
    )
    conversation: LazyConversation | None = strawberry.field(
        default=None, description="The conversation it concerned, when visible to you. / 相关会话（如可见）。"
    )
