"""GraphQL types of persisted queries (admins only by default)."""

from datetime import datetime

import strawberry

from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.persisted.models import PersistedQuery
from server.timefmt import from_us


@strawberry.type(name="PersistedQuery", description="A GraphQL document stored by its SHA-256. / 按 SHA-256 存储的 GraphQL 文档。")
class PersistedQueryType(Node):
    sha256_hash: str = strawberry.field(description="Hex SHA-256 of the document's UTF-8 text. / 文档 UTF-8 文本的十六进制 SHA-256。")
    document: str = strawberry.field(description="The GraphQL document. / GraphQL 文档。")
    operation_name: str | None = strawberry.field(description="Its operation's name, when it has one. / 操作名（如有）。")
    allow_listed: bool = strawberry.field(
        description="Registered by an admin: runs in allow-list mode. / 由管理员登记：白名单模式下可执行。"
    )
    registered_by: str | None = strawberry.field(
        description="Who registered it; null when a client stored it automatically. / 登记者；客户端自动存储时为空。"
    )
    created_at: datetime = strawberry.field(description="When it was first stored. / 首次存储时间。")

    @classmethod
    def from_row(cls, row: PersistedQuery, settings: object) -> "PersistedQueryType":
        return cls(
            id=to_global_id("PersistedQuery", row.sha256_hash),
            sha256_hash=row.sha256_hash, document=row.document, operation_name=row.operation_name,
            allow_listed=row.allow_listed, registered_by=row.registered_by,
            created_at=from_us(row.created_at_us, settings.zone),  # type: ignore[attr-defined]
        )


@strawberry.input(description="A document to put on the allow-list. / 要加入白名单的文档。")
class RegisterPersistedQueryInput:
    document: str = strawberry.field(description="The GraphQL document. / GraphQL 文档。")
    sha256_hash: str | None = strawberry.field(
        default=None, description="Its SHA-256 as the client computed it; checked when given. / 客户端计算的 SHA-256（如给出则校验）。"
    )


@strawberry.type(description="The registered persisted query, or why not. / 登记结果或失败原因。")
class RegisterPersistedQueryPayload(Payload):
    persisted_query: PersistedQueryType | None = strawberry.field(
        default=None, description="Registered; null on errors. / 已登记的查询；出错时为空。"
    )


@strawberry.input(description="A persisted query to remove. / 要删除的持久化查询。")
class DeletePersistedQueryInput:
    id: strawberry.ID = strawberry.field(description="Its global id. / 其全局 ID。")


@strawberry.type(description="The removed persisted query's id, or why not. / 删除结果或失败原因。")
class DeletePersistedQueryPayload(Payload):
    deleted_persisted_query_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the removed query; null on errors. / 已删除查询的全局 ID；出错时为空。"
    )
