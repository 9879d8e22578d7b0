"""Query of persisted queries (admins only by default)."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.pagination import PageRequest
from server.persisted.repository import PersistedQueryRepository
from server.persisted.types import PersistedQueryConnection, PersistedQueryType


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
        first: Annotated[int | None, strawberry.argument(description="Page size. / 每页条数。")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor of the previous page. / 上一页游标。")] = None,
    ) -> PersistedQueryConnection:
        context = info.context
        page = PageRequest.of(context.settings, first, after)
        repository = PersistedQueryRepository(context.session)
        rows = await repository.page(allow_listed=allow_listed, limit=page.limit + 1, offset=page.offset)
        return PersistedQueryConnection(
            total_count=await repository.count(allow_listed=allow_listed),
            nodes=[PersistedQueryType.from_row(row) for row in rows[: page.limit]],
            page_info=page.page_info(len(rows)),
        )
