"""Write a batch of valid events in the caller's session (flush only; the caller commits).

Each event is stored once by id: the first version wins. Per event, in input order,
as if the batch had been sent one event at a time:

- a new id is **accepted**: stored raw, as typed rows, and folded into current state;
- a stored id with the same content hash is a **duplicate** (nothing written);
- a stored id with another hash is a **conflict**: recorded once per distinct version
  in ``event_conflict``; re-sending a version already recorded as a conflict is a
  duplicate of that record (so importing the same input twice changes nothing).

Then every ``BATCH_HOOKS`` hook is called with the keys the accepted events touched.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from server.ingestion.contract import ValidEvent
from server.ingestion.hooks import BATCH_HOOKS, TouchedKeys
from server.ingestion.outcomes import EventStatus
from server.ingestion.repository import CONFLICT_TABLE, EventRepository
from server.ingestion.rows import current_state_rows, stored_event_row, touched_keys, typed_rows

STATE_KEYS = {"team": "team_id", "agent": "agent_id", "customer": "customer_id", "customer_personal": "customer_id"}


@dataclass(frozen=True)
class BatchResult:
    """The status of each event of the batch (same order), and what the accepted ones touched."""

    statuses: list[EventStatus]
    touched: TouchedKeys


async def write_batch(session: AsyncSession, events: Sequence[ValidEvent], *, received_at_us: int) -> BatchResult:
    """Store ``events`` idempotently, write typed rows and current state, call the batch hooks."""
    repository = EventRepository(session)
    await repository.prepare_bulk_write()
    first_of_id: dict[str, ValidEvent] = {}
    for event in events:
        first_of_id.setdefault(event.id, event)
    candidates = [first_of_id[event_id] for event_id in sorted(first_of_id)]
    inserted = await repository.insert_new_events([stored_event_row(event, received_at_us) for event in candidates])
    stored_hash = await repository.content_hashes([event_id for event_id in first_of_id if event_id not in inserted])
    stored_hash.update({event_id: first_of_id[event_id].content_hash for event_id in inserted})

    disputed = {event.id for event in events if event.content_hash != stored_hash[event.id]}
    await repository.lock_event_ids(disputed)
    known_versions = await repository.conflict_versions(disputed)

    statuses: list[EventStatus] = []
    accepted: list[ValidEvent] = []
    conflicts: list[dict[str, object]] = []
    for event in events:
        if event.id in inserted and first_of_id[event.id] is event:
            statuses.append(EventStatus.ACCEPTED)
            accepted.append(event)
        elif event.content_hash == stored_hash[event.id] or (event.id, event.content_hash) in known_versions:
            statuses.append(EventStatus.DUPLICATE)
        else:
            statuses.append(EventStatus.CONFLICT)
            known_versions.add((event.id, event.content_hash))
            conflicts.append(
                {"event_id": event.id, "content_hash": event.content_hash, "payload": event.payload, "received_at_us": received_at_us}
            )
    await repository.insert_rows(CONFLICT_TABLE, conflicts)
    for table, rows in typed_rows(accepted).items():
        await repository.insert_rows(table, rows)
    for table, rows in current_state_rows(accepted).items():
        await repository.upsert_latest(table, STATE_KEYS[table.name], rows)

    touched = touched_keys(accepted)
    for hook in BATCH_HOOKS:
        await hook(session, touched)
    return BatchResult(statuses, touched)
