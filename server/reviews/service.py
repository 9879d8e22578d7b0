"""Assigning conversations to reviewers: only conversations inside the assigner's scope; audited."""

from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.service import record_event
from server.audit.trail import AuditAction, AuditSubject
from server.authz.identity import Principal
from server.authz.scoping import RowScope
from server.conversations.repository import ConversationRepository, conversation_exists
from server.errors import BadUserInput, Forbidden, NotFound
from server.reviews.models import ReviewAssignment
from server.reviews.repository import ReviewAssignmentRepository
from server.timefmt import now_us


async def _require_reachable(session: AsyncSession, write_scope: RowScope, conversation_id: str) -> None:
    """The conversation must lie in ``write_scope``: FORBIDDEN otherwise, or NOT_FOUND when the scope is
    unrestricted and no such conversation exists (saying so then reveals nothing outside the scope)."""
    if conversation_id in await ConversationRepository(session, write_scope).in_scope([conversation_id]):
        return
    if write_scope.unrestricted and not await conversation_exists(session, conversation_id):
        raise NotFound(
            f"conversation {conversation_id} does not exist", field=("conversationId",), message_zh="会话不存在"
        )
    raise Forbidden(f"conversation {conversation_id} is outside your scope")


async def assign_review(
    session: AsyncSession,
    *,
    principal: Principal,
    request_id: str,
    write_scope: RowScope,
    reviewer_id: str,
    conversation_id: str,
) -> ReviewAssignment:
    """Let ``reviewer_id`` review ``conversation_id`` (flush only); FORBIDDEN outside ``write_scope``."""
    if not reviewer_id.strip():
        raise BadUserInput("reviewerId must not be empty", field=("reviewerId",), message_zh="质检员标识不能为空")
    await _require_reachable(session, write_scope, conversation_id)
    repository = ReviewAssignmentRepository(session, write_scope)
    existing = await repository.get(reviewer_id, conversation_id)
    if existing is not None:
        return existing
    assignment = ReviewAssignment(
        reviewer_id=reviewer_id, conversation_id=conversation_id, assigned_by=principal.subject, assigned_at_us=now_us()
    )
    session.add(assignment)
    record_event(
        session,
        principal=principal,
        request_id=request_id,
        action=AuditAction.ACCESS_GRANT,
        object_type="ReviewAssignment",
        subject=AuditSubject("conversation", conversation_id),
        detail={"reviewer": reviewer_id, "granted": True},
    )
    await session.flush()
    return assignment


async def unassign_review(
    session: AsyncSession,
    *,
    principal: Principal,
    request_id: str,
    write_scope: RowScope,
    reviewer_id: str,
    conversation_id: str,
) -> None:
    """Withdraw an assignment (flush only); NOT_FOUND when the conversation in scope has none for ``reviewer_id``."""
    await _require_reachable(session, write_scope, conversation_id)
    existing = await ReviewAssignmentRepository(session, write_scope).get(reviewer_id, conversation_id)
    if existing is None:
        raise NotFound(
            f"{reviewer_id} has no review assignment on conversation {conversation_id}",
            field=("reviewAssignmentId",), message_zh="该会话没有此质检员的质检分配",
        )
    await session.delete(existing)
    record_event(
        session,
        principal=principal,
        request_id=request_id,
        action=AuditAction.ACCESS_GRANT,
        object_type="ReviewAssignment",
        subject=AuditSubject("conversation", conversation_id),
        detail={"reviewer": reviewer_id, "granted": False},
    )
    await session.flush()
