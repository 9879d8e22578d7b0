"""GraphQL types of the audit log."""

import json

import strawberry
from strawberry.types import Info

from server.audit.models import AuditEntry
from server.pagination import PageInfo
from server.timefmt import format_instant


@strawberry.type(name="AuditEntry", description="One audited event. / 一条审计记录。")
class AuditEntryType:
    id: strawberry.ID = strawberry.field(description="Entry number. / 记录编号。")
    request_id: str = strawberry.field(description="Request (correlation) id. / 请求 ID。")
    actor: str = strawberry.field(description="Who acted (token subject). / 操作者。")
    actor_roles: list[str] = strawberry.field(description="The actor's roles then. / 操作者当时的角色。")
    action: str = strawberry.field(
        description="read, denied, policy_change, access_grant, export, erasure or retention. / 动作类型。"
    )
    object_type: str = strawberry.field(description="Record type, field or operation. / 对象。")
    subject_kind: str | None = strawberry.field(description="agent, customer, team or conversation. / 数据主体类型。")
    subject_id: str | None = strawberry.field(description="Whose data. / 数据主体 ID。")
    fields: list[str] = strawberry.field(description="Fields returned (reads). / 读取的字段。")
    detail: str | None = strawberry.field(description="Details as JSON text. / 详情（JSON 文本）。")
    at_us: strawberry.Private[int]

    @classmethod
    def from_row(cls, entry: AuditEntry) -> "AuditEntryType":
        return cls(
            id=strawberry.ID(str(entry.id)),
            request_id=entry.request_id,
            actor=entry.actor,
            actor_roles=[role for role in entry.actor_roles.split(",") if role],
            action=entry.action,
            object_type=entry.object_type,
            subject_kind=entry.subject_kind,
            subject_id=entry.subject_id,
            fields=json.loads(entry.fields),
            detail=entry.detail,
            at_us=entry.at_us,
        )

    @strawberry.field(description="When (RFC 3339). / 时间。")
    def at(self, info: Info) -> str:
        return format_instant(self.at_us, info.context.settings.zone)


@strawberry.type(description="A page of audit entries, newest first. / 审计记录分页（新在前）。")
class AuditEntryConnection:
    total_count: int = strawberry.field(description="Entries matching. / 匹配总数。")
    nodes: list[AuditEntryType] = strawberry.field(description="This page. / 本页。")
    page_info: PageInfo = strawberry.field(description="Paging. / 分页信息。")


@strawberry.input(description="Narrow the audit log. / 审计筛选。")
class AuditFilterInput:
    actor: str | None = strawberry.field(default=None, description="Actor subject. / 操作者。")
    action: str | None = strawberry.field(default=None, description="Action. / 动作。")
    subject_kind: str | None = strawberry.field(default=None, description="Subject kind. / 主体类型。")
    subject_id: str | None = strawberry.field(default=None, description="Subject id. / 主体 ID。")
    request_id: str | None = strawberry.field(default=None, description="Request id. / 请求 ID。")
    from_: str | None = strawberry.field(name="from", default=None, description="At or after (RFC 3339). / 起始时间（含）。")
    to: str | None = strawberry.field(default=None, description="Before (RFC 3339). / 截止时间（不含）。")
