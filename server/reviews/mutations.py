"""Mutations on review assignments (managers for their teams, admins for all)."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import require_rows
from server.conversations.loaders import ConversationByIdLoader
from server.conversations.types import ConversationType
from server.errors import Forbidden
from server.kernel.payloads import payload_mutation
from server.kernel.relay import from_global_id
from server.reviews.keys import assignment_global_id, assignment_key_of
from server.reviews.service import assign_review, unassign_review
from server.reviews.types import (
    AssignReviewInput,
    AssignReviewPayload,
    ReviewAssignmentType,
    UnassignReviewInput,
    UnassignReviewPayload,
)


@strawberry.type
class ReviewMutation:
    @strawberry.mutation(
        description="Let a reviewer review a conversation of your scope; audited. / 将你范围内的会话分配给质检员（留审计记录）。"
    )
    @payload_mutation
    async def assign_review(
        self,
        info: Info,
        input: Annotated[AssignReviewInput, strawberry.argument(description="The assignment. / 分配内容。")],
    ) -> AssignReviewPayload:
        context = info.context
        scope = await require_rows(context, "ReviewAssignment", "write")
        conversation_id = from_global_id(input.conversation_id, "Conversation", field=("conversationId",))
        try:
            assignment = await assign_review(
                context.session, principal=context.principal, request_id=context.request_id, write_scope=scope,
                reviewer_id=input.reviewer_id, conversation_id=conversation_id,
            )
        except Forbidden as refused:
            context.audit.denied("Mutation.assignReview", refused.message, AuditSubject("conversation", conversation_id))
            raise
        return AssignReviewPayload(review_assignment=ReviewAssignmentType.from_row(assignment, context.settings.zone))

    @strawberry.mutation(description="Withdraw a review assignment; audited. / 撤回质检分配（留审计记录）。")
    @payload_mutation
    async def unassign_review(
        self,
        info: Info,
        input: Annotated[UnassignReviewInput, strawberry.argument(description="The assignment. / 要撤回的分配。")],
    ) -> UnassignReviewPayload:
        context = info.context
        scope = await require_rows(context, "ReviewAssignment", "write")
        reviewer_id, conversation_id = assignment_key_of(input.review_assignment_id, field=("reviewAssignmentId",))
        try:
            await unassign_review(
                context.session, principal=context.principal, request_id=context.request_id, write_scope=scope,
                reviewer_id=reviewer_id, conversation_id=conversation_id,
            )
        except Forbidden as refused:
            context.audit.denied("Mutation.unassignReview", refused.message, AuditSubject("conversation", conversation_id))
            raise
        summary = await context.loader(ConversationByIdLoader).load(conversation_id)
        return UnassignReviewPayload(
            unassigned_review_assignment_id=assignment_global_id(reviewer_id, conversation_id),
            conversation=ConversationType.from_summary(summary) if summary is not None else None,
        )
