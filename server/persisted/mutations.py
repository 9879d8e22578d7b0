"""Mutations of persisted queries: admins put documents on the allow-list and remove them."""

import strawberry
from strawberry.types import Info

from server.errors import BadUserInput, NotFound
from server.kernel.payloads import payload_mutation
from server.kernel.relay import from_global_id, to_global_id
from server.persisted.service import Refusal, RegistrationProblem, register, remove
from server.persisted.types import (
    DeletePersistedQueryInput,
    DeletePersistedQueryPayload,
    PersistedQueryType,
    RegisterPersistedQueryInput,
    RegisterPersistedQueryPayload,
)


def _refused(refusal: Refusal) -> BadUserInput | NotFound:
    """A refusal as the expected error it reports in ``userErrors``."""
    if refusal.problem is RegistrationProblem.NOT_FOUND:
        return NotFound(refusal.message, field=(refusal.field,))
    return BadUserInput(refusal.message, field=(refusal.field,))


@strawberry.type
class PersistedQueriesMutation:
    @strawberry.mutation(
        description="Put a document on the allow-list (storing it when new). / 将文档加入白名单（新文档一并存储）。"
    )
    @payload_mutation
    async def register_persisted_query(self, info: Info, input: RegisterPersistedQueryInput) -> RegisterPersistedQueryPayload:
        context = info.context
        outcome = await register(context.session, input.document, expected_hash=input.sha256_hash, registered_by=context.principal.subject)
        if isinstance(outcome, Refusal):
            raise _refused(outcome)
        return RegisterPersistedQueryPayload(persisted_query=PersistedQueryType.from_row(outcome, context.settings))

    @strawberry.mutation(description="Remove a persisted query. / 删除一条持久化查询。")
    @payload_mutation
    async def delete_persisted_query(self, info: Info, input: DeletePersistedQueryInput) -> DeletePersistedQueryPayload:
        sha256_hash = from_global_id(input.id, "PersistedQuery", field=("id",))
        outcome = await remove(info.context.session, sha256_hash)
        if isinstance(outcome, Refusal):
            raise _refused(Refusal("id", outcome.message, outcome.problem))
        return DeletePersistedQueryPayload(deleted_persisted_query_id=to_global_id("PersistedQuery", outcome.sha256_hash))
