"""Query on the audit log (admin and HR by default)."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.audit.models import AuditEntry
from server.audit.repository import AuditFilter, AuditRepository, sort_key
from server.audit.types import SUBJECT_TYPES, AuditEntryType, AuditFilterInput
from server.authz.guards import require_rows
from server.errors import BadUserInput
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import Page, PageArgs
from server.kernel.relay import Connection, from_global_id, split_global_id
from server.timefmt import to_us



def _narrowing(given: AuditFilterInput) -> AuditFilter:
    subject_kind = given.subject_kind.value if given.subject_kind is not None else None
    subject_id = None
    if given.subject_id is not None:
        parts = split_global_id(given.subject_id)
        kinds = {type_name: kind for kind, type_name in SUBJECT_TYPES.items()}
        type_name = parts[0] if parts is not None else ""
        subject_id = from_global_id(given.subject_id, tuple(kinds), field=("filter", "subjectId"))
        if subject_kind is not None and kinds[type_name].value != subject_kind:
            raise BadUserInput(
                "subjectId names a subject of another kind than subjectKind", field=("filter", "subjectId"),
                message_zh="subjectId 与 subjectKind 的主体类型不一致",
            )
        subject_kind = kinds[type_name].value
    return AuditFilter(
        actor=given.actor,
        action=given.action.value if given.action is not None else None,
        subject_kind=subject_kind,
        subject_id=subject_id,
        request_id=given.request_id,
        from_us=to_us(given.from_) if given.from_ is not None else None,
        to_us=to_us(given.to) if given.to is not None else None,
    )


@strawberry.type
class AuditQuery:
    @strawberry.field(description="The audit log, newest first (by time, then entry number). / 审计日志（按时间倒序，同一时间按编号倒序）。")
    async def audit_log(
        self,
        info: Info,
        filter: Annotated[
            AuditFilterInput | None, strawberry.argument(description="Which entries. / 筛选条件。")
        ] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[AuditEntryType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        await require_rows(context, "AuditEntry")
        narrowing = _narrowing(filter or AuditFilterInput())
        repository = AuditRepository(context.session)
        page = Page.of(args, await repository.page(narrowing, args), sort_key=sort_key)
        zone = context.settings.zone

        async def to_nodes(rows: list[AuditEntry]) -> list[AuditEntryType | None]:
            return [AuditEntryType.from_row(row, zone) for row in rows]

        async def count() -> int:
            return await repository.count(narrowing)

        return await page.connection(to_nodes, count)
