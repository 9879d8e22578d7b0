"""The stored state of ingestion, read back for comparisons (arrival-dependent columns left out)."""

from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import server.models  # noqa: F401  (every table registered)

INGESTION_TABLES = (
    "event", "event_conflict", "team", "agent", "agent_membership", "agent_status", "customer", "customer_personal",
    "conversation_event", "transfer", "message", "feedback", "kb_search", "kb_article_open",
)
ARRIVAL_COLUMNS = frozenset({"seq", "ingested_at_us", "received_at_us"})


def table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


async def rows(sessionmaker: async_sessionmaker[AsyncSession], name: str) -> list[dict[str, Any]]:
    """Every row of a table without arrival-dependent columns, in a stable order."""
    columns = [column for column in table(name).columns if column.name not in ARRIVAL_COLUMNS]
    async with sessionmaker() as session:
        result = await session.exec(select(*columns))
        found = [dict(row._mapping) for row in result.all()]
    return sorted(found, key=lambda row: repr(sorted(row.items())))


async def stored_state(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, list[dict[str, Any]]]:
    return {name: await rows(sessionmaker, name) for name in INGESTION_TABLES}


async def table_counts(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    counts = {}
    async with sessionmaker() as session:
        for name in INGESTION_TABLES:
            counts[name] = (await session.exec(select(func.count()).select_from(table(name)))).scalar_one()
    return counts
