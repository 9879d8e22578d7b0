"""Query of persisted queries (admins only by default), and their look-up for ``node(id:)``."""

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.authz.authorization import FieldAccess
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection
from server.persisted.repository import PersistedQueryRepository
from server.persisted.types import PersistedQueryType

LIST_FIELD = "Query.persistedQueries"


async def load_persisted_query_node(context: Any, sha256_hash: str) -> PersistedQueryType | None:
    """``node(id:)`` for a persisted query: only for those who may list them."""
    if context.authorization is None or context.authorization.field_access(LIST_FIELD) is FieldAccess.DENIED:
        return None
    row = await PersistedQueryRepository(context.session).get(sha256_hash)
    return PersistedQueryType.from_row(row, context.settings) if row is not None else None


@strawberry.type
class PersistedQueriesQuery:
    @strawberry.field(description="Persisted queries, newest first. / 持久化查询（新在前）。")
    async def persisted_queries(
        self,
        info: Info,
        allow_listed: Annotated[
            bool | None,
            strawberry.argument(description="Only allow-listed (true) or only automatic (false) ones. / 仅白名单（true）或仅自动存储（false）。"),
        ] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[PersistedQueryType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        repository = PersistedQueryRepository(context.session)
        page = await repository.page(allow_listed=allow_listed, args=args)

        async def nodes(rows: list[Any]) -> list[PersistedQueryType | None]:
            return [PersistedQueryType.from_row(row, context.settings) for row in rows]

        async def count() -> int:
            return await repository.count(allow_listed=allow_listed)

        return await page.connection(nodes, count)
