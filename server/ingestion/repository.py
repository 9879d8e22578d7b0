"""Queries on the raw event store, and the bulk writes of the import pipeline.

Writes are single statements over many rows (executemany / multi-row VALUES) and
only flush; the caller's transaction commits.
"""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Dialect, String, Table, and_, func, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from server.db import insert_sql
from server.ingestion.models import EventConflict, StoredEvent
from server.ingestion.rows import EVENT_COLUMNS, ColumnValues, column_values

EVENT_TABLE: Table = StoredEvent.__table__  # type: ignore[attr-defined]
CONFLICT_TABLE: Table = EventConflict.__table__  # type: ignore[attr-defined]
SQLITE_CACHE_KIB = 65536  # 64 MiB instead of SQLite's default 2 MiB
ROWS_PER_STATEMENT = 500  # 7 parameters a row: well under SQLite's 32766 and PostgreSQL's 65535


def _array_element_type(column_type: TypeEngine[Any], dialect: Dialect) -> str:
    """The element type of an unnest array: strings as ``text`` (an explicit cast to
    ``varchar(n)`` would silently truncate; assignment to the column checks the length)."""
    return "text" if isinstance(column_type, String) else column_type.compile(dialect=dialect)


class EventRepository:
    """Reads of the append-only event store, and the writes of an import batch."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def watermark_us(self) -> int | None:
        """The greatest ``ts`` among all accepted events (metrics.md: watermark)."""
        return (await self.session.execute(select(func.max(StoredEvent.ts_us)))).scalar_one()

    async def count(self) -> int:
        return (await self.session.execute(select(func.count()).select_from(StoredEvent))).scalar_one()

    @property
    def dialect(self) -> str:
        return self.session.bind.dialect.name

    def _insert(self, table: Table) -> Any:
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def _unnest_sql(self, table: Table, columns: Sequence[str]) -> str:
        """PostgreSQL: ``INSERT … SELECT * FROM unnest(%s::type[], …)``, one array parameter per column."""
        dialect = self.session.bind.dialect
        quote = dialect.identifier_preparer.quote
        arrays = ", ".join(f"%b::{_array_element_type(table.c[name].type, dialect)}[]" for name in columns)
        names = ", ".join(quote(name) for name in columns)
        return f"INSERT INTO {quote(table.name)} ({names}) SELECT * FROM unnest({arrays})"

    async def _insert_many(self, table: Table, columns: Sequence[str], values: Sequence[tuple[Any, ...]], suffix: str = "") -> list[Any]:
        """Insert rows (one value tuple each) straight through the driver; the rows a RETURNING ``suffix`` gives back.

        At import volume SQLAlchemy's per-row parameter handling costs more than the
        database, so the statement goes to the driver as text: on PostgreSQL one
        statement with one array per column, on SQLite multi-row VALUES (with
        RETURNING) or one executemany (without).
        """
        if not values:
            return []
        connection = await self.session.connection()
        if self.dialect == "postgresql":
            arrays = tuple(list(column) for column in zip(*values, strict=True))
            result = await connection.exec_driver_sql(self._unnest_sql(table, columns) + suffix, arrays)
            return list(result.all()) if suffix else []
        if not suffix:
            await connection.exec_driver_sql(insert_sql(self.session.bind.dialect, table, columns), list(values))
            return []
        returned: list[Any] = []
        for start in range(0, len(values), ROWS_PER_STATEMENT):
            chunk = values[start : start + ROWS_PER_STATEMENT]
            parameters = tuple(value for row in chunk for value in row)
            result = await connection.exec_driver_sql(insert_sql(self.session.bind.dialect, table, columns, len(chunk)) + suffix, parameters)
            returned.extend(result.all())
        return returned

    async def prepare_bulk_write(self) -> None:
        """SQLite: a page cache large enough for the indexes an import batch touches (this connection)."""
        if self.dialect == "sqlite":
            connection = await self.session.connection()
            await connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    async def insert_new_events(self, values: Sequence[tuple[Any, ...]]) -> set[str]:
        """Insert events (``EVENT_COLUMNS`` tuples) whose id is not stored yet (ON CONFLICT DO NOTHING … RETURNING); the ids inserted."""
        returned = await self._insert_many(EVENT_TABLE, EVENT_COLUMNS, values, " ON CONFLICT (id) DO NOTHING RETURNING id")
        return {found for (found,) in returned}

    async def content_hashes(self, event_ids: Collection[str]) -> dict[str, str]:
        """The stored content hash of each of ``event_ids`` that is stored."""
        if not event_ids:
            return {}
        statement = select(EVENT_TABLE.c.id, EVENT_TABLE.c.content_hash).where(EVENT_TABLE.c.id.in_(list(event_ids)))
        return dict((await self.session.exec(statement)).all())

    async def lock_event_ids(self, event_ids: Collection[str]) -> None:
        """Serialise concurrent writers of conflicts for these ids (PostgreSQL; SQLite has one writer)."""
        if self.dialect != "postgresql":
            return
        for event_id in sorted(event_ids):
            await self.session.exec(text("SELECT pg_advisory_xact_lock(hashtextextended(:id, 0))"), params={"id": event_id})

    async def conflict_versions(self, event_ids: Collection[str]) -> set[tuple[str, str]]:
        """The (event id, content hash) pairs already recorded as conflicts."""
        if not event_ids:
            return set()
        statement = select(CONFLICT_TABLE.c.event_id, CONFLICT_TABLE.c.content_hash).where(
            CONFLICT_TABLE.c.event_id.in_(list(event_ids))
        )
        return {(event_id, digest) for event_id, digest in (await self.session.exec(statement)).all()}

    async def insert_rows(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Plain bulk insert of new rows (values plain str/int/bool/None)."""
        await self._insert_many(table, *column_values(rows))

    async def insert_values(self, table: Table, rows: ColumnValues) -> None:
        """Plain bulk insert of new rows given as column names and value tuples."""
        await self._insert_many(table, *rows)

    async def upsert_latest(self, table: Table, key: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert or replace current-state rows, replacing a stored row only with a later one.

        "Later" is timeline order: greater ``ts_us``, ties broken by ``event_id`` in
        code-point order (``COLLATE "C"`` on PostgreSQL; SQLite's BINARY compares UTF-8
        bytes, which is code-point order). ``rows`` must hold at most one row per key.
        """
        if not rows:
            return
        statement = self._insert(table)
        excluded = statement.excluded
        stored_id, new_id = table.c.event_id, excluded.event_id
        if self.dialect == "postgresql":
            stored_id, new_id = stored_id.collate("C"), new_id.collate("C")  # type: ignore[assignment]
        later = or_(excluded.ts_us > table.c.ts_us, and_(excluded.ts_us == table.c.ts_us, new_id > stored_id))
        replaced = {name: excluded[name] for name in rows[0] if name != key}
        statement = statement.on_conflict_do_update(index_elements=[key], set_=replaced, where=later)
        await self.session.exec(statement, params=list(rows))
