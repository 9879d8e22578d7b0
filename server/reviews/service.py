"""Assigning conversations to reviewers: only conversations inside the assigner's scope; audited."""

from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.service import record_event
from server.audit.trail import AuditAction, AuditSubject
from server.authz.identity import Principal
from server.authz.scoping import RowScope
from server.conversations.repository import ConversationRepository
from server.errors import BadUserInput, Forbidden
from server.reviews.models import ReviewAssignment
from server.reviews.repository import ReviewAssignmentRepository
from server.timefmt import now_us


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
        raise BadUserInput("reviewerId must not be empty")
    reachable = await ConversationRepository(session, write_scope).in_scope([conversation_id])
    if conversation_id not in reachable:
        raise Forbidden(f"conversation {conversation_id} is outside your scope")
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
) -> bool:
    """Withdraw an assignment (flush only); False when there was none in scope."""
    reachable = await ConversationRepository(session, write_scope).in_scope([conversation_id])
    if conversation_id not in reachable:
        raise Forbidden(f"conversation {conversation_id} is outside your scope")
    existing = await ReviewAssignmentRepository(session, write_scope).get(reviewer_id, conversation_id)
    if existing is None:
        return False
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
    return True
