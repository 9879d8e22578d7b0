"""Running events through the real ingestion service and asking the metrics engine."""

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.ingestion.service import ingest_events
from server.metrics.freshness import ensure_current
from server.metrics.query import compute_metrics
from server.metrics.request import MetricScope, MetricsRequest
from tests.metrics.factory import NOW_US


async def configure(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    """Build the (empty) facts with ``settings`` so later batches are incremental in its zone."""
    async with transaction(sessionmaker) as session:
        await ensure_current(session, settings)


async def ingest(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    events: Iterable[dict[str, Any]],
    batch_size: int = 1000,
    *,
    defer_upkeep: bool = False,
) -> None:
    """Import through the real pipeline (one transaction per batch, hooks included); nothing rejected.

    ``defer_upkeep``: as a bulk file import does, the facts catch up once at the end.
    """
    report = await ingest_events(
        sessionmaker, list(events), settings=settings, batch_size=batch_size, now_us=NOW_US, defer_upkeep=defer_upkeep
    )
    assert report.rejected == 0, report.outcomes


async def metric_records(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    scope: MetricScope | None = None,
    from_facts: bool = False,
    **request: Any,
) -> list[dict[str, Any]]:
    """The answer's row objects (dimension keys, then metric keys)."""
    async with transaction(sessionmaker) as session:
        rows = await compute_metrics(session, MetricsRequest.of(**request), settings=settings, scope=scope, from_facts=from_facts)
    return [row.record() for row in rows]


async def one_row(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, **request: Any) -> dict[str, Any]:
    rows = await metric_records(sessionmaker, settings, **request)
    assert len(rows) == 1, rows
    return rows[0]


@asynccontextmanager
async def database(url: str, settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on another database of the test (disposed afterwards)."""
    engine = create_engine(settings.model_copy(update={"database_url": url}))
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()
