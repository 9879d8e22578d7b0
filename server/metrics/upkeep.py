"""Fact upkeep left to the end of a bulk import (the ``DeferredUpkeep`` of ``sync_metrics``).

``coachloop import`` takes the lease before its first batch, renews it in every batch
instead of folding the batch into the facts, and catches up once at the end: the
touched conversations incrementally, or a full rebuild when they are a large share
of the store, when the facts were not current to begin with, or when the lease was
lost. While the lease is held, queries answer from the facts as they were and
``event_seq`` does not move; if the import stops part-way, the lease runs out and the
next query rebuilds (server/metrics/freshness.py).
"""

from dataclasses import dataclass, replace
from uuid import uuid4

from sqlmodel.ext.asyncio.session import AsyncSession

from server import timefmt
from server.config import get_settings
from server.ingestion.hooks import TouchedKeys
from server.metrics.config import FACTS_VERSION, FactsConfig
from server.metrics.rebuild import rebuild_facts
from server.metrics.repository import FactRepository, chunked
from server.metrics.state import read_state, renew_deferral, save_state
from server.metrics.sync import update_facts

LEASE_US = 15 * 60 * 1_000_000
"""A lease not renewed for this long belongs to an import that stopped."""
REBUILD_SHARE = 4
"""Rebuild when the touched conversations are more than 1/REBUILD_SHARE of the stored ones."""
CATCH_UP_CHUNK = 20_000
"""Touched conversations folded per incremental step."""


@dataclass
class FactsLease:
    owner: str
    clean: bool
    """The facts covered every stored event when the lease was taken (and nobody else held it)."""


class MetricsUpkeep:
    """Defers ``sync_metrics`` for a bulk import (see the module docstring)."""

    async def begin(self, session: AsyncSession) -> FactsLease | None:
        state = await read_state(session, lock=True)
        now_us = timefmt.now_us()
        if state.deferral_active(now_us):
            return None
        built = state.facts_version == FACTS_VERSION and state.config is not None and state.deferred_by is None
        lease = FactsLease(str(uuid4()), clean=built and state.event_seq == await FactRepository(session).event_seq())
        await save_state(session, replace(state, deferred_by=lease.owner, deferred_until_us=now_us + LEASE_US))
        return lease

    async def renew(self, session: AsyncSession, lease: FactsLease) -> bool:
        until_us = timefmt.now_us() + LEASE_US
        if await renew_deferral(session, lease.owner, until_us):
            return True
        state = await read_state(session, lock=True)  # a rebuild cleared it: take it again, owing everything
        lease.clean = False
        if state.deferral_active(timefmt.now_us()):
            return False  # another import holds it and owes only its own events: fold this batch now
        await save_state(session, replace(state, deferred_by=lease.owner, deferred_until_us=until_us))
        return True

    async def abandon(self, session: AsyncSession, lease: FactsLease) -> None:
        """The lease lapses at once; ``deferred_by`` stays, so the facts stay owed and the next query rebuilds."""
        await renew_deferral(session, lease.owner, 0)

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
