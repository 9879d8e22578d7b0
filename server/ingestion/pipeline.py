"""Write a batch of valid events in the caller's session (flush only; the caller commits).

Each event is stored once by id: the first version wins. Per event, in input order,
as if the batch had been sent one event at a time:

- a new id is **accepted**: stored raw, as typed rows, and folded into current state;
- a stored id with the same content hash is a **duplicate** (nothing written);
- a stored id with another hash is a **conflict**: recorded once per distinct version
  in ``event_conflict``; re-sending a version already recorded as a conflict is a
  duplicate of that record (so importing the same input twice changes nothing).

Then every declared batch hook (``batch_hooks()``) is called with the keys the accepted and conflicting
events name (a conflicting re-send may carry personal data the retention hook
scrubs), except those a bulk import deferred (``leases``): their lease is renewed
instead, and the hook runs after all when the lease was lost to another import.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table
from sqlmodel.ext.asyncio.session import AsyncSession

from server.ingestion.contract import ValidEvent
from server.ingestion.hooks import DEFERRABLE, BatchHook, TouchedKeys, batch_hooks
from server.ingestion.outcomes import EventStatus
from server.ingestion.repository import CONFLICT_TABLE, EventRepository
from server.ingestion.rows import ColumnValues, column_values, current_state_rows, stored_event_values, touched_keys, typed_rows

STATE_KEYS = {"team": "team_id", "agent": "agent_id", "customer": "customer_id", "customer_personal": "customer_id"}


@dataclass(frozen=True)
class BatchResult:
    """The status of each event of the batch (same order), and what the accepted ones touched."""

    statuses: list[EventStatus]
    touched: TouchedKeys


@dataclass(frozen=True)
class PreparedBatch:
    """A batch's rows, computed before its transaction as if every event were new.

    A bulk import prepares batch n+1 while batch n is written; in the usual case (no
    id seen before) the write uses these rows as they are.
    """

    events: Sequence[ValidEvent]
    received_at_us: int
    first_of_id: dict[str, ValidEvent]
    event_values: list[tuple[Any, ...]]
    """The first version of each id, sorted by id, as ``event`` rows."""
    typed: dict[Table, ColumnValues]
    """Typed rows of the first versions, in input order."""
    touched: TouchedKeys
    """Keys the first versions name."""


def prepare_batch(events: Sequence[ValidEvent], received_at_us: int) -> PreparedBatch:
    """The rows of ``events`` if all of them are new (pure)."""
    first_of_id: dict[str, ValidEvent] = {}
    for event in events:
        first_of_id.setdefault(event.id, event)
    firsts = [event for event in events if first_of_id[event.id] is event]
    return PreparedBatch(
        events,
        received_at_us,
        first_of_id,
        [stored_event_values(first_of_id[event_id], received_at_us) for event_id in sorted(first_of_id)],
        {table: column_values(rows) for table, rows in typed_rows(firsts).items()},
        touched_keys(firsts),
    )


async def write_batch(
    session: AsyncSession,
    events: Sequence[ValidEvent],
    *,
    received_at_us: int,
    leases: Mapping[BatchHook, Any] | None = None,
) -> BatchResult:
    """Store ``events`` idempotently, write typed rows and current state, call the batch hooks.

    ``leases``: hooks whose work the caller deferred (``DEFERRABLE``), with their lease.
    """
    return await write_prepared(session, prepare_batch(events, received_at_us), leases=leases)


async def write_prepared(session: AsyncSession, batch: PreparedBatch, *, leases: Mapping[BatchHook, Any] | None = None) -> BatchResult:
    """``write_batch`` of a prepared batch."""
    events, first_of_id, received_at_us = batch.events, batch.first_of_id, batch.received_at_us
    repository = EventRepository(session)
    await repository.prepare_bulk_write()
    inserted = await repository.insert_new_events(batch.event_values)
    stored_hash = await repository.content_hashes([event_id for event_id in first_of_id if event_id not in inserted])
    stored_hash.update({event_id: first_of_id[event_id].content_hash for event_id in inserted})

    disputed = {event.id for event in events if event.content_hash != stored_hash[event.id]}
    await repository.lock_event_ids(disputed)
    known_versions = await repository.conflict_versions(disputed)

    statuses: list[EventStatus] = []
    accepted: list[ValidEvent] = []
    conflicts: list[dict[str, object]] = []
    conflicting: list[ValidEvent] = []
    for event in events:
        if event.id in inserted and first_of_id[event.id] is event:
            statuses.append(EventStatus.ACCEPTED)
            accepted.append(event)
        elif event.content_hash == stored_hash[event.id] or (event.id, event.content_hash) in known_versions:
            statuses.append(EventStatus.DUPLICATE)
        else:
            statuses.append(EventStatus.CONFLICT)
            known_versions.add((event.id, event.content_hash))
            conflicting.append(event)
            conflicts.append(
                {"event_id": event.id, "content_hash": event.content_hash, "payload": event.payload, "received_at_us": received_at_us}
            )
    await repository.insert_rows(CONFLICT_TABLE, conflicts)
    all_new = len(accepted) == len(first_of_id)
    typed = batch.typed if all_new else {table: column_values(rows) for table, rows in typed_rows(accepted).items()}
    for table, values in typed.items():
        await repository.insert_values(table, values)
    for table, rows in current_state_rows(accepted).items():
        await repository.upsert_latest(table, STATE_KEYS[table.name], rows)

    touched = batch.touched if all_new else touched_keys([*accepted, *conflicting])  # a conflict may carry personal data
    for hook in batch_hooks():
        if leases and hook in leases and await DEFERRABLE[hook].renew(session, leases[hook]):
            continue  # the lease holder catches up after its last batch
        await hook(session, touched)
    return BatchResult(statuses, touched)
