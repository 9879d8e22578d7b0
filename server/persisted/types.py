"""GraphQL types of persisted queries (admins only by default)."""

from enum import Enum

import strawberry
from strawberry.types import Info

from server.pagination import PageInfo
from server.persisted.models import PersistedQuery
from server.persisted.service import Refusal, RegistrationProblem
from server.timefmt import format_instant


@strawberry.enum(description="Why a persisted query was not registered or removed. / 持久化查询未能登记或删除的原因。")
class PersistedQueryErrorCode(Enum):
    INVALID_DOCUMENT = strawberry.enum_value(
        RegistrationProblem.INVALID_DOCUMENT.value, description="The document does not parse. / 文档无法解析。"
    )
    HASH_MISMATCH = strawberry.enum_value(
        RegistrationProblem.HASH_MISMATCH.value,
        description="The given hash is not the document's SHA-256. / 所给哈希不是该文档的 SHA-256。",
    )
    NOT_FOUND = strawberry.enum_value(
        RegistrationProblem.NOT_FOUND.value, description="No persisted query has this hash. / 没有该哈希的持久化查询。"
    )


@strawberry.type(description="Why an input was refused. / 输入被拒绝的原因。")
class PersistedQueryUserError:
    field: str | None = strawberry.field(description="The input field at fault. / 出错的输入字段。")
    message: str = strawberry.field(description="For people. / 说明文字。")
    code: PersistedQueryErrorCode = strawberry.field(description="For programs. / 错误代码。")

    @classmethod
    def from_refusal(cls, refusal: Refusal) -> "PersistedQueryUserError":
        return cls(field=refusal.field, message=refusal.message, code=PersistedQueryErrorCode(refusal.problem.value))


@strawberry.type(name="PersistedQuery", description="A GraphQL document stored by its SHA-256. / 按 SHA-256 存储的 GraphQL 文档。")
class PersistedQueryType:
    sha256_hash: str = strawberry.field(description="Hex SHA-256 of the document's UTF-8 text. / 文档 UTF-8 文本的十六进制 SHA-256。")
    document: str = strawberry.field(description="The GraphQL document. / GraphQL 文档。")
    operation_name: str | None = strawberry.field(description="Its operation's name, when it has one. / 操作名（如有）。")
    allow_listed: bool = strawberry.field(
        description="Registered by an admin: runs in allow-list mode. / 由管理员登记：白名单模式下可执行。"
    )
    registered_by: str | None = strawberry.field(
        description="Who registered it; null when a client stored it automatically. / 登记者；客户端自动存储时为空。"
    )
    created_at_us: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: PersistedQuery) -> "PersistedQueryType":
        return cls(
            sha256_hash=row.sha256_hash, document=row.document, operation_name=row.operation_name,
            allow_listed=row.allow_listed, registered_by=row.registered_by, created_at_us=row.created_at_us,
        )

    @strawberry.field(description="When it was first stored (RFC 3339). / 首次存储时间。")
    def created_at(self, info: Info) -> str:
        return format_instant(self.created_at_us, info.context.settings.zone)


@strawberry.type(description="A page of persisted queries, newest first. / 持久化查询分页（新在前）。")
class PersistedQueryConnection:
    total_count: int = strawberry.field(description="Persisted queries matching. / 匹配总数。")
    nodes: list[PersistedQueryType] = strawberry.field(description="This page. / 本页。")
    page_info: PageInfo = strawberry.field(description="Paging. / 分页信息。")


@strawberry.input(description="A document to put on the allow-list. / 要加入白名单的文档。")
class RegisterPersistedQueryInput:
    document: str = strawberry.field(description="The GraphQL document. / GraphQL 文档。")
    sha256_hash: str | None = strawberry.field(
        default=None, description="Its SHA-256 as the client computed it; checked when given. / 客户端计算的 SHA-256（如给出则校验）。"
    )


@strawberry.type(description="The registered persisted query, or why not. / 登记结果或失败原因。")
class RegisterPersistedQueryPayload:
    persisted_query: PersistedQueryType | None = strawberry.field(description="Registered; null on errors. / 已登记的查询；出错时为空。")
    user_errors: list[PersistedQueryUserError] = strawberry.field(description="Why not registered. / 未登记的原因。")


@strawberry.input(description="A persisted query to remove. / 要删除的持久化查询。")
class DeletePersistedQueryInput:
    sha256_hash: str = strawberry.field(description="Its SHA-256. / 其 SHA-256。")


@strawberry.type(description="The removed persisted query's hash, or why not. / 删除结果或失败原因。")
class DeletePersistedQueryPayload:
    deleted_sha256_hash: str | None = strawberry.field(description="Removed; null on errors. / 已删除的哈希；出错时为空。")
    user_errors: list[PersistedQueryUserError] = strawberry.field(description="Why not removed. / 未删除的原因。")
