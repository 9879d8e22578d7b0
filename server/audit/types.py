"""GraphQL types of the audit log: entries (nodes), their closed sets, and the log's filter."""

import json
from datetime import datetime
from enum import Enum
from zoneinfo import ZoneInfo

import strawberry
from strawberry.scalars import JSON

from server.audit.models import AuditEntry
from server.audit.trail import AuditAction
from server.kernel.relay import Node, to_global_id
from server.timefmt import from_us

AUDIT_ENTRY = "AuditEntry"
"""The GraphQL type name of an entry, as its global ids carry it."""


@strawberry.enum(name="AuditAction", description="What an audit entry records. / 审计记录的动作类型。")
class AuditActionType(Enum):
    READ = strawberry.enum_value(
        AuditAction.READ.value,
        description="Someone else's individual-level data was returned. / 返回了他人的个人级数据。",
    )
    DENIED = strawberry.enum_value(
        AuditAction.DENIED.value, description="An attempt was refused; `detail.reason` says why. / 访问被拒绝，原因见 `detail.reason`。"
    )
    POLICY_CHANGE = strawberry.enum_value(
        AuditAction.POLICY_CHANGE.value, description="A policy rule was granted or revoked. / 授予或撤销了一条策略。"
    )
    ACCESS_GRANT = strawberry.enum_value(
        AuditAction.ACCESS_GRANT.value,
        description="Access to a record was given or taken (a review assignment). / 授予或收回了对记录的访问（如质检分配）。",
    )
    EXPORT = strawberry.enum_value(AuditAction.EXPORT.value, description="Personal data was exported. / 导出了个人数据。")
    ERASURE = strawberry.enum_value(
        AuditAction.ERASURE.value, description="A customer's personal data was erased. / 删除了客户的个人数据。"
    )
    RETENTION = strawberry.enum_value(
        AuditAction.RETENTION.value, description="A retention run anonymised or purged old data. / 数据保留任务匿名化或清除了过期数据。"
    )


@strawberry.enum(name="AuditSubjectKind", description="Whose data an audit entry is about. / 审计记录涉及的数据主体类型。")
class AuditSubjectKind(Enum):
    AGENT = strawberry.enum_value("agent", description="An agent (subject id: an `Agent` id). / 坐席（主体 ID 为 `Agent` 的 ID）。")
    CUSTOMER = strawberry.enum_value(
        "customer", description="A customer (subject id: a `Customer` id). / 客户（主体 ID 为 `Customer` 的 ID）。"
    )
    TEAM = strawberry.enum_value("team", description="A team (subject id: a `Team` id). / 团队（主体 ID 为 `Team` 的 ID）。")
    CONVERSATION = strawberry.enum_value(
        "conversation", description="A conversation (subject id: a `Conversation` id). / 会话（主体 ID 为 `Conversation` 的 ID）。"
    )


SUBJECT_TYPES = {
    AuditSubjectKind.AGENT: "Agent",
    AuditSubjectKind.CUSTOMER: "Customer",
    AuditSubjectKind.TEAM: "Team",
    AuditSubjectKind.CONVERSATION: "Conversation",
}
"""Subject kind → the GraphQL type whose global id names the subject."""


def subject_global_id(kind: str | None, key: str | None) -> strawberry.ID | None:
    """The global id of an entry's subject (null when the entry has none)."""
    if kind is None or key is None:
        return None
    return to_global_id(SUBJECT_TYPES[AuditSubjectKind(kind)], key)


@strawberry.type(name="AuditEntry", description="One audited event; entries are never changed. / 一条审计记录（不可修改）。")
class AuditEntryType(Node):
    id: strawberry.ID = strawberry.field(description="Global id of the entry. / 记录的全局 ID。")
    external_id: str = strawberry.field(description="Entry number in the audit log. / 审计日志中的记录编号。")
    at: datetime = strawberry.field(description="When it happened. / 发生时间。")
    request_id: str = strawberry.field(
        description="Correlation id of the request (or job) that caused it. / 引发该记录的请求（或任务）的关联 ID。"
    )
    actor: str = strawberry.field(
        description="Who acted: the token subject (an agent's own id for agents), or `system:…` for jobs. "
        "/ 操作者：令牌主体（坐席为其坐席 ID），后台任务为 `system:…`。"
    )
    actor_roles: list[str] = strawberry.field(
        description="The actor's roles at the time (roles are an open set: administrators may add roles). "
        "/ 操作者当时的角色（角色集合可由管理员扩充）。"
    )
    action: AuditActionType = strawberry.field(description="What happened. / 动作类型。")
    object_type: str = strawberry.field(
        description="What was acted on: a record type, a `Type.field` or an operation. / 对象：记录类型、`Type.field` 或操作。"
    )
    subject_kind: AuditSubjectKind | None = strawberry.field(
        description="Whose data it was, when a person or record is concerned. / 数据主体类型（涉及具体人或记录时）。"
    )
    subject_id: strawberry.ID | None = strawberry.field(
        description="Global id of the subject (an `Agent`, `Customer`, `Team` or `Conversation` id). "
        "/ 数据主体的全局 ID（`Agent`、`Customer`、`Team` 或 `Conversation` 的 ID）。"
    )
    fields: list[str] = strawberry.field(
        description="`Type.field`s returned, for reads; empty otherwise. / 读取时返回的 `Type.field` 列表，其他动作为空。"
    )
    detail: JSON | None = strawberry.field(
        description="Details of the action as a JSON object (the reason of a refusal, a policy change, counts). "
        "/ 动作详情（JSON 对象：拒绝原因、策略变更、数量等）。"
    )

    @classmethod
    def from_row(cls, entry: AuditEntry, zone: ZoneInfo) -> "AuditEntryType":
        key = str(entry.id)
        return cls(
            id=to_global_id(AUDIT_ENTRY, key),
            external_id=key,
            at=from_us(entry.at_us, zone),
            request_id=entry.request_id,
            actor=entry.actor,
            actor_roles=[role for role in entry.actor_roles.split(",") if role],
            action=AuditActionType(entry.action),
            object_type=entry.object_type,
            subject_kind=AuditSubjectKind(entry.subject_kind) if entry.subject_kind else None,
            subject_id=subject_global_id(entry.subject_kind, entry.subject_id),
            fields=json.loads(entry.fields),
            detail=json.loads(entry.detail) if entry.detail is not None else None,
        )


@strawberry.input(description="Narrow the audit log; every part optional, all given parts apply. / 审计筛选（均可选，同时生效）。")
class AuditFilterInput:
    actor: str | None = strawberry.field(default=None, description="Only this actor (token subject). / 仅该操作者。")
    action: AuditActionType | None = strawberry.field(default=None, description="Only this action. / 仅该动作。")
    subject_kind: AuditSubjectKind | None = strawberry.field(
        default=None, description="Only entries about this kind of subject. / 仅该类数据主体。"
    )
    subject_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only entries about this subject: an `Agent`, `Customer`, `Team` or `Conversation` id. "
        "/ 仅涉及该主体的记录（`Agent`、`Customer`、`Team` 或 `Conversation` 的 ID）。",
    )
    request_id: str | None = strawberry.field(default=None, description="Only this request. / 仅该请求。")
    from_: datetime | None = strawberry.field(
        name="from", default=None, description="At or after this instant. / 起始时间（含）。"
    )
    to: datetime | None = strawberry.field(default=None, description="Before this instant. / 截止时间（不含）。")
