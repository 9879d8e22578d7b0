"""Queries on the raw event store."""

from sqlalchemy import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.ingestion.models import StoredEvent


class EventRepository:
    """Reads of the append-only event store."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def watermark_us(self) -> int | None:
        """The greatest ``ts`` among all accepted events (metrics.md: watermark)."""
        return (await self.session.execute(select(func.max(StoredEvent.ts_us)))).scalar_one()

    async def count(self) -> int:
        return (await self.session.execute(select(func.count()).select_from(StoredEvent))).scalar_one()
