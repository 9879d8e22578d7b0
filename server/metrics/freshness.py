"""Make sure the stored facts match the settings and every stored event before answering, and say how current they are."""

import asyncio
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.metrics.config import FactsConfig
from server.metrics.hold import hold_is_live
from server.metrics.rebuild import rebuild_facts
from server.metrics.repository import EVENT, FactRepository
from server.metrics.state import FactsState, read_state


SESSION_LOCK = "coachloop.metrics.ensure_current"


@dataclass(frozen=True)
class FactsFreshness:
    """How far the facts that answer go.

    ``import_in_progress``: a live bulk import holds the upkeep lease, so the answers
    leave out what it stored so far (``pending_events``) until its catch-up.
    ``as_of_us``: the greatest event timestamp the facts were built with (None: no event).
    ``import_since_us``: when that import took the lease.
    """

    as_of_us: int | None
    import_in_progress: bool
    import_since_us: int | None
    pending_events: int

    @property
    def current(self) -> bool:
        """The facts cover every stored event."""
        return self.pending_events == 0


async def ensure_current(session: AsyncSession, settings: Settings) -> FactsState:
    """The facts' state, after a rebuild if they were built with other settings or miss events.

    A rebuild happens when the time zone, repeat window or service-level threshold
    changed, when the facts code changed, when events were stored without the
    ingestion batch hook (the stored event sequence moved past the facts'), and when
    a bulk import left its lease behind (its process is gone: server/metrics/hold.py).
    While a live bulk import holds the lease (server/metrics/upkeep.py), the facts are
    answered as they are: the import folds its events in when it finishes, and
    ``facts_freshness`` says so.
    """
    config = FactsConfig.from_settings(settings)
    repository = FactRepository(session)
    async with _session_lock(session):  # root fields of one request run side by side on one session
        state = await read_state(session)
        if await _answerable(session, state, config, repository):
            return state
        state = await read_state(session, lock=True)
        if await _answerable(session, state, config, repository):
            return state
        await rebuild_facts(session, config)
        return await read_state(session)


def _session_lock(session: AsyncSession) -> asyncio.Lock:
    """One lock per session: a second caller waits for the first one's rebuild, then finds the facts current."""
    lock: asyncio.Lock = session.info.setdefault(SESSION_LOCK, asyncio.Lock())
    return lock


async def import_in_progress(session: AsyncSession, state: FactsState) -> bool:
    """A bulk import took the upkeep lease and its process is alive."""
    return state.deferred_by is not None and await hold_is_live(session)


async def facts_freshness(session: AsyncSession, state: FactsState) -> FactsFreshness:
    """How current the facts of ``state`` (as ``ensure_current`` returned it) are."""
    in_progress = await import_in_progress(session, state)
    pending = 0
    if state.event_seq != await FactRepository(session).event_seq():
        after = EVENT.c.seq > state.event_seq if state.event_seq is not None else EVENT.c.seq.is_not(None)
        pending = (await session.exec(select(func.count()).select_from(EVENT).where(after))).scalar_one()  # type: ignore[call-overload]
    return FactsFreshness(state.watermark_us, in_progress, state.deferred_since_us if in_progress else None, pending)


async def _answerable(session: AsyncSession, state: FactsState, config: FactsConfig, repository: FactRepository) -> bool:
    if not state.is_current(config):
        return False
    if state.event_seq == await repository.event_seq():
        return True
    return await import_in_progress(session, state)
