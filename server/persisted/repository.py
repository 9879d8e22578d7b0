"""Every read and write of persisted_query (no scoping: the table holds documents, not people's data)."""

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from server.kernel.paging import Page, PageArgs, SortKey
from server.persisted.models import PersistedQuery


class PersistedQueryRepository:
    """Lookups, pages and writes of persisted documents; the caller commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, sha256_hash: str) -> PersistedQuery | None:
        return await self.session.get(PersistedQuery, sha256_hash)

    async def page(self, *, allow_listed: bool | None, args: PageArgs) -> Page[PersistedQuery]:
        """Newest first, then by hash (keyset)."""
        statement = select(PersistedQuery)
        if allow_listed is not None:
            statement = statement.where(PersistedQuery.allow_listed == allow_listed)  # type: ignore[arg-type]
        keys = [SortKey(PersistedQuery.created_at_us, descending=True), SortKey(PersistedQuery.sha256_hash)]  # type: ignore[arg-type]
        rows = (await self.session.execute(args.bounded(statement, keys))).scalars().all()
        return Page.of(args, rows, lambda row: (row.created_at_us, row.sha256_hash))

    async def count(self, *, allow_listed: bool | None) -> int:
        statement = select(func.count()).select_from(PersistedQuery)
        if allow_listed is not None:
            statement = statement.where(PersistedQuery.allow_listed == allow_listed)  # type: ignore[arg-type]
        return (await self.session.execute(statement)).scalar_one()

    async def add_if_absent(self, row: PersistedQuery) -> None:
        """Insert ``row`` unless its hash is stored already (by this replica or another)."""
        insert = postgresql.insert if self.session.bind.dialect.name == "postgresql" else sqlite.insert
        values = row.model_dump()
        statement = insert(PersistedQuery).values(**values).on_conflict_do_nothing(index_elements=["sha256_hash"])
        await self.session.execute(statement)

    async def delete(self, row: PersistedQuery) -> None:
        await self.session.delete(row)
        await self.session.flush()
