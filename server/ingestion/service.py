"""Ingestion entry points: validate events and write them, batch by batch.

``ingest_events`` / ``ingest_items`` own their transactions (one per batch, retried
on a transient lock, serialization or deadlock error: the writes are idempotent).
With ``defer_upkeep`` (bulk file imports) the deferrable batch hooks run once after
the last batch instead of in every batch (server/ingestion/hooks.py).
``ingest_batch`` works in the caller's session and only flushes (the GraphQL edge
commits). Input is streamed: only the current batch and the capped report are held.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server import timefmt
from server.config import Settings
from server.db import transaction
from server.ingestion.contract import Rejection, ValidEvent, parse_event
from server.ingestion.hooks import DEFERRABLE, BatchHook, TouchedSince
from server.ingestion.outcomes import DEFAULT_KEPT_OUTCOMES, EventStatus, IngestReport, ItemOutcome
from server.ingestion.stopping import Interrupted, StopRequest
from server.ingestion.pipeline import BatchResult, PreparedBatch, prepare_batch, write_batch, write_prepared
from server.kernel.telemetry import IngestTally

MAX_ATTEMPTS = 5
PARSE_SLICE = 250  # events parsed between two turns of the event loop
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
TRANSIENT_MESSAGES = ("database is locked", "database is busy", "deadlock detected")


@dataclass(frozen=True)
class InputItem:
    """One event to ingest: a JSON line (str/bytes) or a decoded object, and where it came from.

    ``line`` is the line exactly as read (for reject files), when the item came from a file.
    """

    position: int
    raw: Any
    source: str | None = None
    line: bytes | None = None


T = TypeVar("T")
Leases = Mapping[BatchHook, Any]
ProgressCallback = Callable[[IngestReport], None]
OutcomeCallback = Callable[[InputItem, ItemOutcome], None]


def is_transient(error: DBAPIError) -> bool:
    """A lock, serialization or deadlock error: the batch may simply be tried again."""
    original = error.orig
    if getattr(original, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    message = str(original).lower()
    return any(fragment in message for fragment in TRANSIENT_MESSAGES)


def _parse(items: Sequence[InputItem], default_tz: ZoneInfo | None, now_us: int | None) -> list[ValidEvent | Rejection]:
    moment = now_us if now_us is not None else timefmt.now_us()
    return [parse_event(item.raw, now_us=moment, default_zone=default_tz) for item in items]


def _outcomes(items: Sequence[InputItem], parsed: Sequence[ValidEvent | Rejection], statuses: Sequence[EventStatus]) -> list[ItemOutcome]:
    """Outcomes in input order; ``statuses`` are those of the valid events, in order."""
    written = iter(statuses)
    outcomes = []
    for item, result in zip(items, parsed, strict=True):
        if isinstance(result, Rejection):
            outcomes.append(ItemOutcome(item.position, result.id, EventStatus.REJECTED, result.errors, item.source))
        else:
            outcomes.append(ItemOutcome(item.position, result.id, next(written), (), item.source))
    return outcomes


async def ingest_batch(
    session: AsyncSession, events: Sequence[Any], *, default_tz: ZoneInfo | None = None, now_us: int | None = None
) -> list[ItemOutcome]:
    """Validate and write ``events`` in ``session`` (flush only); one outcome per event, positions 0-based."""
    items = [InputItem(index, event) for index, event in enumerate(events)]
    parsed = _parse(items, default_tz, now_us)
    valid = [result for result in parsed if isinstance(result, ValidEvent)]
    result = await write_batch(session, valid, received_at_us=timefmt.now_us())
    return _outcomes(items, parsed, result.statuses)


async def _with_retry(sessionmaker: async_sessionmaker[AsyncSession], work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """``work`` in a transaction of its own, tried again on a transient error (it must be idempotent)."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            async with transaction(sessionmaker) as session:
                return await work(session)
        except DBAPIError as error:
            if attempt == MAX_ATTEMPTS or not is_transient(error):
                raise
            await asyncio.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")


async def _write_with_retry(sessionmaker: async_sessionmaker[AsyncSession], batch: PreparedBatch, leases: Leases) -> BatchResult:
    return await _with_retry(sessionmaker, lambda session: write_prepared(session, batch, leases=leases))


async def _begin_deferral(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[BatchHook, Any]:
    """The leases of the deferrable hooks that could be taken (a hook without one runs per batch).

    A lease holds something outside the transaction (a lock of this process): an
    attempt that fails, even at its commit, releases what it took.
    """
    taken: dict[BatchHook, Any] = {}

    async def begin(session: AsyncSession) -> dict[BatchHook, Any]:
        await _abandon_deferral(taken)  # what a failed earlier attempt took
        taken.clear()
        for hook, upkeep in DEFERRABLE.items():
            lease = await upkeep.begin(session)
            if lease is not None:
                taken[hook] = lease
        return dict(taken)

    try:
        return await _with_retry(sessionmaker, begin)
    except BaseException:
        await _abandon_deferral(taken)
        raise


async def _finish_deferral(sessionmaker: async_sessionmaker[AsyncSession], leases: Leases, touched: TouchedSince) -> None:
    """Check the leases (committed: a lease cleared by a rebuild is taken back), catch up, then release them."""

    async def renew(session: AsyncSession) -> None:
        for hook, lease in leases.items():
            await DEFERRABLE[hook].renew(session, lease)

    async def finish(session: AsyncSession) -> None:
        for hook, lease in leases.items():
            await DEFERRABLE[hook].finish(session, lease, touched.keys)

    await _with_retry(sessionmaker, renew)
    await _with_retry(sessionmaker, finish)
    for hook, lease in leases.items():
        await DEFERRABLE[hook].release(lease)


async def _abandon_deferral(leases: Leases) -> None:
    """After a stopped or failed import: release the leases; nothing is written, so a failing database cannot keep them."""
    for hook, lease in leases.items():
        await DEFERRABLE[hook].abandon(lease)


@dataclass
class _Batch:
    """A batch whose events are parsed and whose write may still be running."""

    items: list[InputItem]
    parsed: list[ValidEvent | Rejection]
    writing: "asyncio.Task[BatchResult] | None"


def _chunks(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    chunk: list[InputItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def _parse_yielding(items: Sequence[InputItem], default_tz: ZoneInfo | None, now_us: int | None) -> list[ValidEvent | Rejection]:
    """Parse in slices, giving the event loop back between slices so the previous batch's write goes on."""
    parsed: list[ValidEvent | Rejection] = []
    for start in range(0, len(items), PARSE_SLICE):
        parsed.extend(_parse(items[start : start + PARSE_SLICE], default_tz, now_us))
        await asyncio.sleep(0)
    return parsed


async def ingest_items(
    sessionmaker: async_sessionmaker[AsyncSession],
    items: Iterable[InputItem],
    *,
    batch_size: int,
    default_tz: ZoneInfo | None = None,
    now_us: int | None = None,
    on_progress: ProgressCallback | None = None,
    on_outcome: OutcomeCallback | None = None,
    kept_limit: int = DEFAULT_KEPT_OUTCOMES,
    defer_upkeep: bool = False,
    on_catch_up: Callable[[], None] | None = None,
    stop: StopRequest | None = None,
) -> IngestReport:
    """Ingest a stream of items, ``batch_size`` items per transaction; returns the report.

    Batch n+1 is parsed while batch n is being written; batch n+1 is written only
    after batch n committed, so the outcome is that of sending the batches in order.
    ``on_outcome`` sees every item's outcome in input order once its batch committed.
    ``defer_upkeep``: the deferrable hooks catch up once, after the last batch
    (``on_catch_up`` is called as that starts).
    ``stop``: once requested, the batch being written commits and nothing more is
    written; a catch-up in progress is cancelled; the leases are released and the
    report, marked ``interrupted``, counts what was committed.
    """
    report = IngestReport(kept_limit=kept_limit)
    tally = IngestTally()
    in_flight: _Batch | None = None
    leases = await _begin_deferral(sessionmaker) if defer_upkeep else {}
    touched = TouchedSince()
    caught_up = False

    async def settle(batch: _Batch) -> None:
        statuses: list[EventStatus] = []
        if batch.writing is not None:
            result = await batch.writing
            statuses = result.statuses
            if leases:
                touched.add(result.touched)
        if on_outcome is None:
            report.count_batch(batch.items, batch.parsed, statuses)
        else:
            for item, outcome in zip(batch.items, _outcomes(batch.items, batch.parsed, statuses), strict=True):
                on_outcome(item, outcome)
                report.count(outcome)
        tally.observe(report)
        if on_progress is not None:
            on_progress(report)

    try:
        for chunk in _chunks(items, batch_size):
            if stop is not None and stop.requested:
                break
            parsed = await _parse_yielding(chunk, default_tz, now_us)
            if stop is not None and stop.requested:
                break  # asked while this chunk was read or parsed: it is not written
            valid = [result for result in parsed if isinstance(result, ValidEvent)]
            prepared = prepare_batch(valid, timefmt.now_us()) if valid else None
            if in_flight is not None:
                batch, in_flight = in_flight, None
                await settle(batch)
            writing = asyncio.create_task(_write_with_retry(sessionmaker, prepared, leases)) if prepared else None
            in_flight = _Batch(chunk, parsed, writing)
        if in_flight is not None:
            batch, in_flight = in_flight, None
            await settle(batch)
        if stop is not None and stop.requested:
            report.interrupted = True
            return report  # the leases are released below: the facts stay owed
        if leases:
            if on_catch_up is not None:
                on_catch_up()
            catch_up = _finish_deferral(sessionmaker, leases, touched)
            try:
                await (stop.race(catch_up) if stop is not None else catch_up)
            except Interrupted:
                report.interrupted = True
                return report
        caught_up = True
    finally:
        if in_flight is not None and in_flight.writing is not None and not in_flight.writing.done():
            in_flight.writing.cancel()
            await asyncio.gather(in_flight.writing, return_exceptions=True)
        if leases and not caught_up:
            await _abandon_deferral(leases)
    return report


async def ingest_events(
    sessionmaker: async_sessionmaker[AsyncSession],
    events: Iterable[dict | str],
    *,
    settings: Settings,
    default_tz: ZoneInfo | None = None,
    batch_size: int | None = None,
    now_us: int | None = None,
    on_progress: ProgressCallback | None = None,
    defer_upkeep: bool = False,
) -> IngestReport:
    """Ingest events (decoded objects or JSON lines), committing one transaction per batch.

    Outcome positions are 0-based indexes into ``events``. ``default_tz`` reads a ``ts``
    without offset (only when given explicitly); ``now_us`` is the ingestion moment
    for the 24-hour future check (the clock when omitted). ``defer_upkeep``: see ``ingest_items``.
    """
    items = (InputItem(index, event) for index, event in enumerate(events))
    return await ingest_items(
        sessionmaker,
        items,
        batch_size=batch_size or settings.ingest_batch_size,
        default_tz=default_tz,
        now_us=now_us,
        on_progress=on_progress,
        defer_upkeep=defer_upkeep,
    )
