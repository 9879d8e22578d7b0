"""The one ``metric_state`` row: what the stored facts were built with, and how far they go."""

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from server.metrics.config import FACTS_VERSION, FactsConfig
from server.metrics.models import metric_state

STATE_ID = 1


@dataclass(frozen=True)
class FactsState:
    """``config`` None: never built. ``watermark_us``: the watermark the rollup's windows were evaluated at."""

    facts_version: int | None
    config: FactsConfig | None
    watermark_us: int | None
    event_seq: int | None

    def is_current(self, config: FactsConfig) -> bool:
        """Built by this code version with ``config``."""
        return self.facts_version == FACTS_VERSION and self.config == config


async def read_state(session: AsyncSession, *, lock: bool = False) -> FactsState:
    """The state row; ``lock`` serialises fact writers (row lock on PostgreSQL, one writer on SQLite)."""
    statement = select(metric_state).where(metric_state.c.id == STATE_ID)
    if lock:
        statement = statement.with_for_update()
    row = (await session.exec(statement)).mappings().one_or_none()
    if row is None:
        await session.exec(metric_state.insert().values(id=STATE_ID))
        return FactsState(None, None, None, None)
    config = None
    if row["timezone"] is not None:
        config = FactsConfig(row["timezone"], row["repeat_window_hours"], row["service_level_seconds"])
    return FactsState(row["facts_version"], config, row["watermark_us"], row["event_seq"])


async def save_state(session: AsyncSession, state: FactsState) -> None:
    config = state.config
    await session.exec(
        update(metric_state)
        .where(metric_state.c.id == STATE_ID)
        .values(
            facts_version=state.facts_version,
            timezone=config.timezone if config else None,
            repeat_window_hours=config.repeat_window_hours if config else None,
            service_level_seconds=config.service_level_seconds if config else None,
            watermark_us=state.watermark_us,
            event_seq=state.event_seq,
        )
    )
