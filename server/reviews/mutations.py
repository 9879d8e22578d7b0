"""Mutations on review assignments (managers for their teams, admins for all)."""

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import require_rows
from server.errors import Forbidden
from server.reviews.service import assign_review, unassign_review
from server.reviews.types import ReviewAssignmentType


@strawberry.type
class ReviewMutation:
    @strawberry.mutation(
        description="Let a reviewer review a conversation of your scope; audited. / 将你范围内的会话分配给质检员（留审计记录）。"
    )
    async def assign_review(
        self, info: Info, reviewer_id: strawberry.ID, conversation_id: strawberry.ID
    ) -> ReviewAssignmentType:
        context = info.context
        scope = await require_rows(context, "ReviewAssignment", "write")
        try:
            assignment = await assign_review(
                context.session, principal=context.principal, request_id=context.request_id, write_scope=scope,
                reviewer_id=reviewer_id, conversation_id=conversation_id,
            )
        except Forbidden as refused:
            context.audit.denied("Mutation.assignReview", refused.message, AuditSubject("conversation", conversation_id))
            raise
        return ReviewAssignmentType.from_row(assignment)

    @strawberry.mutation(description="Withdraw a review assignment; audited. / 撤回质检分配（留审计记录）。")
    async def unassign_review(self, info: Info, reviewer_id: strawberry.ID, conversation_id: strawberry.ID) -> bool:
        context = info.context
        scope = await require_rows(context, "ReviewAssignment", "write")
        try:
            return await unassign_review(
                context.session, principal=context.principal, request_id=context.request_id, write_scope=scope,
                reviewer_id=reviewer_id, conversation_id=conversation_id,
            )
        except Forbidden as refused:
            context.audit.denied("Mutation.unassignReview", refused.message, AuditSubject("conversation", conversation_id))
            raise
