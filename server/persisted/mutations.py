"""Mutations of persisted queries: admins put documents on the allow-list and remove them."""

import strawberry
from strawberry.types import Info

from server.persisted.service import Refusal, register, remove
from server.persisted.types import (
    DeletePersistedQueryInput,
    DeletePersistedQueryPayload,
    PersistedQueryType,
    PersistedQueryUserError,
    RegisterPersistedQueryInput,
    RegisterPersistedQueryPayload,
)


@strawberry.type
class PersistedQueriesMutation:
    @strawberry.mutation(
        description="Put a document on the allow-list (storing it when new). / 将文档加入白名单（新文档一并存储）。"
    )
    async def register_persisted_query(self, info: Info, input: RegisterPersistedQueryInput) -> RegisterPersistedQueryPayload:
        context = info.context
        outcome = await register(context.session, input.document, expected_hash=input.sha256_hash, registered_by=context.principal.subject)
        if isinstance(outcome, Refusal):
            return RegisterPersistedQueryPayload(persisted_query=None, user_errors=[PersistedQueryUserError.from_refusal(outcome)])
        return RegisterPersistedQueryPayload(persisted_query=PersistedQueryType.from_row(outcome), user_errors=[])

    @strawberry.mutation(description="Remove a persisted query. / 删除一条持久化查询。")
    async def delete_persisted_query(self, info: Info, input: DeletePersistedQueryInput) -> DeletePersistedQueryPayload:
        outcome = await remove(info.context.session, input.sha256_hash)
        if isinstance(outcome, Refusal):
            return DeletePersistedQueryPayload(deleted_sha256_hash=None, user_errors=[PersistedQueryUserError.from_refusal(outcome)])
        return DeletePersistedQueryPayload(deleted_sha256_hash=outcome.sha256_hash, user_errors=[])
