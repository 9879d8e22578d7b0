"""Query on the audit log (admin and HR by default)."""

import strawberry
from strawberry.types import Info

from server.audit.repository import AuditFilter, AuditRepository
from server.audit.types import AuditEntryConnection, AuditEntryType, AuditFilterInput
from server.authz.guards import require_rows
from server.inputs import instant_input
from server.pagination import PageRequest


@strawberry.type
class AuditQuery:
    @strawberry.field(description="The audit log, newest first. / 审计日志（新在前）。")
    async def audit_log(
        self, info: Info, filter: AuditFilterInput | None = None, first: int | None = None, after: str | None = None
    ) -> AuditEntryConnection:
        context = info.context
        page = PageRequest.of(context.settings, first, after)
        await require_rows(context, "AuditEntry")
        given = filter or AuditFilterInput()
        narrowing = AuditFilter(
            actor=given.actor,
            action=given.action,
            subject_kind=given.subject_kind,
            subject_id=given.subject_id,
            request_id=given.request_id,
            from_us=instant_input(given.from_, context.settings.zone),
            to_us=instant_input(given.to, context.settings.zone),
        )
        repository = AuditRepository(context.session)
        rows = await repository.page(narrowing, limit=page.limit + 1, offset=page.offset)
        return AuditEntryConnection(
            total_count=await repository.count(narrowing),
            nodes=[AuditEntryType.from_row(entry) for entry in rows[: page.limit]],
            page_info=page.page_info(len(rows)),
        )
