"""Fact upkeep deferred by a bulk import: the lease, answers while it is held, and the catch-up.

Conversations here are ``handled_resolved`` (started, queued, assigned, ended): each
counts 1 in ``conversations`` and ``handled``, so the expected totals are counts, and
each has 4 events. A process that stops is played by releasing its lease's hold and
writing nothing: what the operating system or the database server does for a dead
process (tests/ingestion/test_interrupted.py stops real processes).
"""

import asyncio
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server import timefmt
from server.config import Settings
from server.db import transaction
from server.ingestion.contract import ValidEvent, parse_event
from server.ingestion.hooks import TouchedKeys
from server.ingestion.pipeline import write_batch
from server.ingestion.service import InputItem, ingest_items
from server.ingestion.stopping import StopRequest
from server.metrics import upkeep as upkeep_module
from server.metrics.cli import freshness_note
from server.metrics.config import FactsConfig
from server.metrics.freshness import FactsFreshness, facts_freshness
from server.metrics.rebuild import rebuild_facts
from server.metrics.repository import FactRepository
from server.metrics.state import FactsState, read_state
from server.metrics.sync import sync_metrics
from server.metrics.upkeep import FactsLease, MetricsUpkeep
from tests.metrics.factory import NOW_US, Events
from tests.metrics.helpers import configure, ingest, metric_records, one_row
from tests.metrics.test_edges import handled_resolved

KEYS = ["conversations", "handled"]


def conversations(*names: str, start: int = 0) -> list[dict]:
    events = Events()
    for offset, name in enumerate(names):
        handled_resolved(events, name, start + offset * 60)
    return events.items


def valid(items: list[dict]) -> list[ValidEvent]:
    parsed = [parse_event(item, now_us=NOW_US) for item in items]
    assert all(isinstance(event, ValidEvent) for event in parsed), parsed
    return parsed  # type: ignore[return-value]


async def take_lease(sessionmaker: async_sessionmaker[AsyncSession]) -> FactsLease:
    async with transaction(sessionmaker) as session:
        lease = await MetricsUpkeep().begin(session)
    assert lease is not None
    return lease


async def deferred_batch(sessionmaker: async_sessionmaker[AsyncSession], lease: FactsLease, items: list[dict]) -> TouchedKeys:
    """Write one batch as a bulk import holding ``lease`` does: the hook's lease renewed, not the hook."""
    async with transaction(sessionmaker) as session:
        result = await write_batch(session, valid(items), received_at_us=NOW_US, leases={sync_metrics: lease})
    return result.touched


async def finish(sessionmaker: async_sessionmaker[AsyncSession], lease: FactsLease, touched: TouchedKeys | None) -> None:
    async with transaction(sessionmaker) as session:
        await MetricsUpkeep().finish(session, lease, touched)
    await MetricsUpkeep().release(lease)


async def freshness(sessionmaker: async_sessionmaker[AsyncSession]) -> FactsFreshness:
    async with transaction(sessionmaker) as session:
        return await facts_freshness(session, await read_state(session))


async def state_and_seq(sessionmaker: async_sessionmaker[AsyncSession]) -> tuple[FactsState, int | None]:
    async with transaction(sessionmaker) as session:
        return await read_state(session), await FactRepository(session).event_seq()


async def rebuilt_answer(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, **request: object) -> list[dict]:
    async with transaction(sessionmaker) as session:
        await rebuild_facts(session, FactsConfig.from_settings(settings))
    return await metric_records(sessionmaker, settings, **request)


async def test_while_the_lease_is_held_answers_come_from_the_facts_as_they_were(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversations("c1"))
    lease = await take_lease(sessionmaker)
    assert lease.clean
    touched = await deferred_batch(sessionmaker, lease, conversations("c2", "c3", start=600))
    assert touched.conversation_ids == {"c2", "c3"}

    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 1, "handled": 1}
    state, seq = await state_and_seq(sessionmaker)
    assert state.deferred_by == lease.owner and state.event_seq is not None and state.event_seq < (seq or 0)
    during = await freshness(sessionmaker)
    assert (during.import_in_progress, during.pending_events, during.current) == (True, 8, False)
    assert during.import_since_us == state.deferred_since_us and during.as_of_us == state.watermark_us
    since = timefmt.format_instant(during.import_since_us or 0, settings.zone)
    assert freshness_note(during, settings) == (
        f"coachloop report: note: an import is in progress since {since}; these figures leave out the 8 events it "
        "stored so far, until it finishes."
    )

    await finish(sessionmaker, lease, touched)
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 3, "handled": 3}
    state, seq = await state_and_seq(sessionmaker)
    assert (state.deferred_by, state.deferred_since_us, state.event_seq) == (None, None, seq)
    after = await freshness(sessionmaker)
    assert (after.import_in_progress, after.import_since_us, after.pending_events, after.current) == (False, None, 0, True)
    assert freshness_note(after, settings) is None


async def test_a_writer_without_the_lease_folds_its_own_events_but_claims_none_of_the_owed_ones(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    lease = await take_lease(sessionmaker)
    before, _seq = await state_and_seq(sessionmaker)
    touched = await deferred_batch(sessionmaker, lease, conversations("bulk-1", "bulk-2"))
    await ingest(sessionmaker, settings, conversations("live-1", start=3600))  # a GraphQL batch, hook per batch

    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 1, "handled": 1}
    during, _seq = await state_and_seq(sessionmaker)
    assert during.event_seq == before.event_seq and during.deferred_by == lease.owner

    await finish(sessionmaker, lease, touched)
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 3, "handled": 3}
    assert await metric_records(sessionmaker, settings, group_by=["agent", "day"]) == await rebuilt_answer(
        sessionmaker, settings, group_by=["agent", "day"]
    )


async def test_an_import_whose_process_stopped_is_repaired_by_the_next_query_at_once(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversations("c1"))
    lease = await take_lease(sessionmaker)
    await deferred_batch(sessionmaker, lease, conversations("c2", start=600))
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 1, "handled": 1}
    await lease.hold.release()  # the process died: nothing written

    stale = await freshness(sessionmaker)
    assert (stale.import_in_progress, stale.pending_events) == (False, 4)
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}
    state, seq = await state_and_seq(sessionmaker)
    assert (state.deferred_by, state.event_seq) == (None, seq)


async def test_a_lease_whose_process_stopped_can_be_taken_and_its_new_owner_then_rebuilds(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    stopped = await take_lease(sessionmaker)
    await deferred_batch(sessionmaker, stopped, conversations("lost-1"))
    async with transaction(sessionmaker) as session:
        assert await MetricsUpkeep().begin(session) is None  # held by a live import: a second one runs its hooks per batch
    await stopped.hold.release()
    lease = await take_lease(sessionmaker)
    assert not lease.clean  # the events of the stopped import are owed too
    touched = await deferred_batch(sessionmaker, lease, conversations("c2", start=600))
    await finish(sessionmaker, lease, touched)
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}


async def test_a_lease_cleared_by_a_rebuild_is_taken_again_and_the_catch_up_redoes_everything(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    lease = await take_lease(sessionmaker)
    first = await deferred_batch(sessionmaker, lease, conversations("c1"))
    async with transaction(sessionmaker) as session:
        await rebuild_facts(session, FactsConfig.from_settings(settings))  # e.g. `coachloop metrics rebuild`
    assert (await state_and_seq(sessionmaker))[0].deferred_by is None
    second = await deferred_batch(sessionmaker, lease, conversations("c2", start=600))
    assert (await state_and_seq(sessionmaker))[0].deferred_by == lease.owner and not lease.clean
    await finish(sessionmaker, lease, TouchedKeys(conversation_ids=first.conversation_ids | second.conversation_ids))
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}


@pytest.mark.parametrize(("stored", "imported", "rebuilds"), [(8, 2, False), (2, 8, True)])
async def test_the_catch_up_is_incremental_for_a_small_share_of_the_store_and_a_rebuild_otherwise(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    stored: int,
    imported: int,
    rebuilds: bool,
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversations(*(f"old-{n}" for n in range(stored))))
    lease = await take_lease(sessionmaker)
    touched = await deferred_batch(sessionmaker, lease, conversations(*(f"new-{n}" for n in range(imported)), start=3600))
    calls: list[FactsConfig] = []

    async def counted_rebuild(session: AsyncSession, config: FactsConfig) -> None:
        calls.append(config)
        await rebuild_facts(session, config)

    monkeypatch.setattr(upkeep_module, "rebuild_facts", counted_rebuild)
    await finish(sessionmaker, lease, touched)
    assert calls == ([FactsConfig.from_settings(settings)] if rebuilds else [])
    total = stored + imported
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": total, "handled": total}


async def test_too_many_touched_keys_to_list_means_a_rebuild(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversations(*(f"old-{n}" for n in range(6))))
    lease = await take_lease(sessionmaker)
    await deferred_batch(sessionmaker, lease, conversations("new-1", start=3600))
    await finish(sessionmaker, lease, None)
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 7, "handled": 7}


async def test_a_bulk_import_through_the_service_leaves_current_facts_and_no_lease(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversations(*(f"old-{n}" for n in range(10))))
    await ingest(sessionmaker, settings, conversations("new-1", "new-2", start=3600), batch_size=3, defer_upkeep=True)
    state, seq = await state_and_seq(sessionmaker)
    assert (state.deferred_by, state.deferred_since_us, state.event_seq) == (None, None, seq)
    grouped = await metric_records(sessionmaker, settings, group_by=["agent", "hour"])
    assert sum(row["conversations"] for row in grouped) == 12
    assert grouped == await rebuilt_answer(sessionmaker, settings, group_by=["agent", "hour"])


async def test_the_catch_up_starts_once_after_the_last_batch_is_counted(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    happened: list[str] = []
    items = [InputItem(position, event) for position, event in enumerate(conversations("c1", "c2"))]
    report = await ingest_items(
        sessionmaker, items, batch_size=3, now_us=NOW_US, defer_upkeep=True,
        on_progress=lambda report: happened.append(f"counted {report.accepted}"),
        on_catch_up=lambda: happened.append("catching up"),
    )
    assert report.accepted == 8
    assert happened == ["counted 3", "counted 6", "counted 8", "catching up"]
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}


async def test_a_live_import_keeps_the_lease_through_a_rebuild_and_another_import_folds_its_own_batches(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    """A rebuild clears A's lease while A lives: B cannot take it (A's hold), A takes it back owing everything."""
    await configure(sessionmaker, settings)
    first = await take_lease(sessionmaker)
    await deferred_batch(sessionmaker, first, conversations("a-1"))
    async with transaction(sessionmaker) as session:
        await rebuild_facts(session, FactsConfig.from_settings(settings))
        assert await MetricsUpkeep().begin(session) is None
    await ingest(sessionmaker, settings, conversations("b-1", start=1200))  # B's batches run the hook
    touched = await deferred_batch(sessionmaker, first, conversations("a-2", start=600))
    assert not first.clean
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}  # a-2 owed
    await finish(sessionmaker, first, touched)

    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 3, "handled": 3}
    state, seq = await state_and_seq(sessionmaker)
    assert (state.deferred_by, state.event_seq) == (None, seq)
    assert await metric_records(sessionmaker, settings, group_by=["agent", "hour"]) == await rebuilt_answer(
        sessionmaker, settings, group_by=["agent", "hour"]
    )


def items_until(items: list[dict], count: int, then: Callable[[], None]) -> Iterator[InputItem]:
    """The items as an import reads them; ``then`` is called before item ``count`` is read."""
    for position, item in enumerate(items):
        if position == count:
            then()
        yield InputItem(position, item)


def input_went_away() -> None:
    raise OSError("the input file went away")


async def test_a_failed_import_releases_its_lease_at_once_and_the_next_query_repairs(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversations("c1"))
    with pytest.raises(OSError, match="went away"):
        await ingest_items(sessionmaker, items_until(conversations("c2", "c3", "c4", start=600), 10, input_went_away), batch_size=4, defer_upkeep=True, now_us=NOW_US)
    state, seq = await state_and_seq(sessionmaker)
    assert state.deferred_by is not None and state.event_seq != seq  # owed, and nothing written on the way out
    assert not (await freshness(sessionmaker)).import_in_progress

    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}  # c2 landed; c3's batch was cancelled unwritten
    state, seq = await state_and_seq(sessionmaker)
    assert (state.deferred_by, state.event_seq) == (None, seq)
    lease = await take_lease(sessionmaker)  # a retried import defers again
    assert lease.clean
    await MetricsUpkeep().release(lease)


async def test_the_import_is_seen_in_progress_until_its_catch_up_committed(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long catch-up must not look like a stopped import to the queries that wait for it."""
    await configure(sessionmaker, settings)
    seen: list[FactsFreshness] = []
    real_finish = MetricsUpkeep.finish

    async def observed_finish(self: MetricsUpkeep, session: AsyncSession, lease: FactsLease, touched: TouchedKeys | None) -> None:
        seen.append(await freshness(sessionmaker))  # another session: sees only what was committed
        await real_finish(self, session, lease, touched)

    monkeypatch.setattr(MetricsUpkeep, "finish", observed_finish)
    items = [InputItem(position, event) for position, event in enumerate(conversations("c1", "c2"))]
    await ingest_items(sessionmaker, items, batch_size=3, now_us=NOW_US, defer_upkeep=True)
    [during] = seen
    assert (during.import_in_progress, during.pending_events) == (True, 8)
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}
    assert (await freshness(sessionmaker)).import_in_progress is False


async def test_a_stop_request_ends_the_import_at_a_batch_boundary_and_releases_the_lease(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversations("c1"))
    stop = StopRequest()
    items = items_until(conversations("c2", "c3", "c4", start=600), 6, stop.request)
    report = await ingest_items(sessionmaker, items, batch_size=4, defer_upkeep=True, now_us=NOW_US, stop=stop)
    assert (report.accepted, report.interrupted) == (4, True)  # c2's batch committed; c3's half batch was not written
    stopped = await freshness(sessionmaker)
    assert (stopped.import_in_progress, stopped.pending_events) == (False, 4)
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}


async def test_a_stop_request_during_the_catch_up_cancels_it_and_the_next_query_repairs(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    await configure(sessionmaker, settings)
    stop = StopRequest()
    real_finish = MetricsUpkeep.finish

    async def stopped_finish(self: MetricsUpkeep, session: AsyncSession, lease: FactsLease, touched: TouchedKeys | None) -> None:
        await real_finish(self, session, lease, touched)
        stop.request()  # a signal while the catch-up has not committed yet
        await asyncio.sleep(3600)

    monkeypatch.setattr(MetricsUpkeep, "finish", stopped_finish)
    items = [InputItem(position, event) for position, event in enumerate(conversations("c1", "c2"))]
    report = await ingest_items(sessionmaker, items, batch_size=3, now_us=NOW_US, defer_upkeep=True, stop=stop)
    assert (report.accepted, report.interrupted) == (8, True)
    stopped = await freshness(sessionmaker)
    assert (stopped.import_in_progress, stopped.pending_events) == (False, 8)  # the catch-up rolled back
    monkeypatch.undo()
    assert await one_row(sessionmaker, settings, metrics=KEYS) == {"conversations": 2, "handled": 2}
