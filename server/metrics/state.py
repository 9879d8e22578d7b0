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
    and ``deferred_until_us``: a bulk import holding the upkeep lease (server/metrics/upkeep.py)
    stores events without folding them and catches up at its end; while it holds the
    lease, ``event_seq`` does not move.
    """

    facts_version: int | None
    config: FactsConfig | None
    watermark_us: int | None
    event_seq: int | None
    deferred_by: str | None = None
    deferred_until_us: int | None = None

    def is_current(self, config: FactsConfig) -> bool:
        """Built by this code version with ``config``."""
        return self.facts_version == FACTS_VERSION and self.config == config

    def deferral_active(self, now_us: int) -> bool:
        """A bulk import holds the upkeep lease and renewed it in time."""
        return self.deferred_by is not None and self.deferred_until_us is not None and now_us < self.deferred_until_us

    def without_deferral(self) -> "FactsState":
        return replace(self, deferred_by=None, deferred_until_us=None)


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
        row["facts_version"], config, row["watermark_us"], row["event_seq"], row["deferred_by"], row["deferred_until_us"]
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
            deferred_until_us=state.deferred_until_us,
        )
    )


async def renew_deferral(session: AsyncSession, owner: str, until_us: int) -> bool:
    """Extend ``owner``'s lease; False when it no longer holds it (a rebuild cleared it)."""
    result = await session.exec(
        update(metric_state)
        .where(metric_state.c.id == STATE_ID, metric_state.c.deferred_by == owner)
        .values(deferred_until_us=until_us)
    )
    return result.rowcount == 1
