"""Queries on the raw event store, and the bulk writes of the import pipeline.

Writes are single statements over many rows (executemany / multi-row VALUES) and
only flush; the caller's transaction commits.
"""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Table, and_, func, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from server.ingestion.models import EventConflict, StoredEvent

EVENT_TABLE: Table = StoredEvent.__table__  # type: ignore[attr-defined]
CONFLICT_TABLE: Table = EventConflict.__table__  # type: ignore[attr-defined]


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

    async def insert_new_events(self, rows: Sequence[dict[str, Any]]) -> set[str]:
        """Insert events whose id is not stored yet (ON CONFLICT DO NOTHING); returns the ids inserted."""
        if not rows:
            return set()
        statement = self._insert(EVENT_TABLE).on_conflict_do_nothing(index_elements=["id"]).returning(EVENT_TABLE.c.id)
        result = await self.session.exec(statement, params=list(rows))
        return set(result.scalars().all())

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
        """Plain bulk insert (executemany)."""
        if rows:
            await self.session.exec(table.insert(), params=list(rows))

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
            stored_id, new_id = stored_id.collate("C"), new_id.collate("C")
        later = or_(excluded.ts_us > table.c.ts_us, and_(excluded.ts_us == table.c.ts_us, new_id > stored_id))
        replaced = {name: excluded[name] for name in rows[0] if name != key}
        statement = statement.on_conflict_do_update(index_elements=[key], set_=replaced, where=later)
        await self.session.exec(statement, params=list(rows))
