"""The one ``metric_state`` row: what the stored facts were built with, how far they go, and who owes upkeep."""

from dataclasses import dataclass, replace

from sqlalchemy import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from server.metrics.config import FACTS_VERSION, FactsConfig
from server.metrics.models import metric_state

STATE_ID = 1


@dataclass(frozen=True)
class FactsState:
    """``config`` None: never built. ``watermark_us``: the watermark the rollup's windows were evaluated at.

    ``event_seq``: every event up to this sequence number is in the facts. ``deferred_by``
    and ``deferred_since_us``: a bulk import took the upkeep lease (server/metrics/upkeep.py)
    at that instant; it stores events without folding them and catches up at its end.
    ``event_seq`` does not move while the lease is taken. Whether its holder is still
    alive is not in this row: ``server.metrics.hold.hold_is_live`` asks the lock.
    """

    facts_version: int | None
    config: FactsConfig | None
    watermark_us: int | None
    event_seq: int | None
    deferred_by: str | None = None
    deferred_since_us: int | None = None

    def is_current(self, config: FactsConfig) -> bool:
        """Built by this code version with ``config``."""
        return self.facts_version == FACTS_VERSION and self.config == config

    def without_deferral(self) -> "FactsState":
        return replace(self, deferred_by=None, deferred_since_us=None)


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
    return FactsState(
        row["facts_version"], config, row["watermark_us"], row["event_seq"], row["deferred_by"], row["deferred_since_us"]
    )


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
            deferred_by=state.deferred_by,
            deferred_since_us=state.deferred_since_us,
        )
    )


async def holds_deferral(session: AsyncSession, owner: str) -> bool:
    """Whether ``owner`` still holds the lease (False once a rebuild cleared it)."""
    statement = select(metric_state.c.id).where(metric_state.c.id == STATE_ID, metric_state.c.deferred_by == owner)
    return (await session.exec(statement)).first() is not None
