"""Writing the audit log: a request's trail in a transaction of its own, other events in the caller's."""

import json

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry
from server.audit.repository import AuditRepository
from server.audit.trail import AuditAction, AuditSubject, AuditTrail
from server.authz.identity import Principal
from server.db import transaction
from server.timefmt import now_us


async def write_trail(sessionmaker: async_sessionmaker[AsyncSession], trail: AuditTrail) -> int:
    """Commit the trail's entries on their own (denied attempts survive a failed request); returns the count."""
    entries = trail.entries(now_us())
    if not entries:
        return 0
    async with transaction(sessionmaker) as session:
        AuditRepository(session).append(entries)
    return len(entries)


def record_event(
    session: AsyncSession,
    *,
    principal: Principal,
    request_id: str,
    action: AuditAction,
    object_type: str,
    subject: AuditSubject | None = None,
    fields: list[str] | None = None,
    detail: dict[str, object] | None = None,
) -> AuditEntry:
    """Append one entry in ``session``, so it commits or rolls back with the change it describes."""
    entry = AuditEntry(
        at_us=now_us(),
        request_id=request_id,
        actor=principal.subject,
        actor_roles=",".join(sorted(principal.roles)),
        action=action,
        object_type=object_type,
        subject_kind=subject.kind if subject else None,
        subject_id=subject.id if subject else None,
        fields=json.dumps(sorted(fields or [])),
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail is not None else None,
    )
    AuditRepository(session).append([entry])
    return entry
