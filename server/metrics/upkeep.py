"""Fact upkeep left to the end of a bulk import (the ``DeferredUpkeep`` of ``sync_metrics``).

``coachloop import`` takes the lease before its first batch: it takes the hold
(server/metrics/hold.py, a lock that dies with the process) and marks the facts as
owed. In every batch it checks the lease instead of folding the batch into the
facts, and it catches up once at the end: the touched conversations incrementally,
or a full rebuild when they are a large share of the store, when the facts were not
current to begin with, or when the lease was lost. While a live import holds the
lease, queries answer from the facts as they were and say so (server/metrics/freshness.py).
If the import stops part-way, however it stops, the hold goes with its process: the
next query rebuilds, and the next import takes the lease over owing everything.
"""

from dataclasses import dataclass, replace
from uuid import uuid4

from sqlmodel.ext.asyncio.session import AsyncSession

from server import timefmt
from server.config import get_settings
from server.ingestion.hooks import TouchedKeys
from server.metrics.config import FACTS_VERSION, FactsConfig
from server.metrics.hold import UpkeepHold, take_hold
from server.metrics.rebuild import rebuild_facts
from server.metrics.repository import FactRepository, chunked
from server.metrics.state import holds_deferral, read_state, save_state
from server.metrics.sync import update_facts

REBUILD_SHARE = 4
"""Rebuild when the touched conversations are more than 1/REBUILD_SHARE of the stored ones."""
CATCH_UP_CHUNK = 20_000
"""Touched conversations folded per incremental step."""


@dataclass
class FactsLease:
    owner: str
    clean: bool
    """The facts covered every stored event when the lease was taken (and nobody else held it)."""
    hold: UpkeepHold
    """Keeps the lease alive for as long as this process lives; released after the catch-up or on failure."""


class MetricsUpkeep:
    """Defers ``sync_metrics`` for a bulk import (see the module docstring)."""

    async def begin(self, session: AsyncSession) -> FactsLease | None:
        """The lease, or None while another live import holds it (this import then runs the hook per batch)."""
        hold = await take_hold(session.bind)  # type: ignore[arg-type]
        if hold is None:
            return None
        try:
            state = await read_state(session, lock=True)
            built = state.facts_version == FACTS_VERSION and state.config is not None and state.deferred_by is None
            clean = built and state.event_seq == await FactRepository(session).event_seq()
            lease = FactsLease(str(uuid4()), clean=clean, hold=hold)
            await save_state(session, replace(state, deferred_by=lease.owner, deferred_since_us=timefmt.now_us()))
        except BaseException:
            await hold.release()
            raise
        return lease

    async def renew(self, session: AsyncSession, lease: FactsLease) -> bool:
        """Inside each batch: keep the lease; take it back, owing everything, when a rebuild cleared it."""
        if await holds_deferral(session, lease.owner):
            return True
        state = await read_state(session, lock=True)
        lease.clean = False
        await save_state(session, replace(state, deferred_by=lease.owner, deferred_since_us=timefmt.now_us()))
        return True

    async def abandon(self, lease: FactsLease) -> None:
        """The import stopped: release the hold. ``deferred_by`` stays, so the facts stay owed and the next query rebuilds."""
        await lease.hold.release()

    async def release(self, lease: FactsLease) -> None:
        """After the catch-up committed."""
        await lease.hold.release()

    async def finish(self, session: AsyncSession, lease: FactsLease, touched: TouchedKeys | None) -> None:
        state = await read_state(session, lock=True)
        repository = FactRepository(session)
        incremental = (
            lease.clean
            and touched is not None
            and state.deferred_by == lease.owner
            and state.facts_version == FACTS_VERSION
            and state.config is not None
            and len(touched.conversation_ids) * REBUILD_SHARE <= await repository.conversation_count()
        )
        if not incremental:
            await rebuild_facts(session, state.config or FactsConfig.from_settings(get_settings()))
            return
        assert touched is not None
        await save_state(session, state.without_deferral())
        for position, chunk in enumerate(list(chunked(touched.conversation_ids, CATCH_UP_CHUNK)) or [[]]):
            step = TouchedKeys(conversation_ids=set(chunk))
            if position == 0:
                step = TouchedKeys(set(chunk), touched.agent_ids, touched.customer_ids, touched.search_ids)
            await update_facts(session, await read_state(session, lock=True), step)


METRICS_UPKEEP = MetricsUpkeep()
"""The one upkeep the metrics feature declares with its batch hook."""
