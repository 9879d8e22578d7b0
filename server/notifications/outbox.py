"""Writing an outbox entry in the caller's transaction, with its recipients resolved now and its delivery intents.

The entry, its recipients and two intents (in-app, webhooks) commit or roll back with
the change they report: an entry of a rolled-back transaction is never delivered. In a
request, ``notify`` also nudges the intents after the commit; outside one the caller
completes them, or ``coachloop intents sweep`` does.
"""

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.context import Context
from server.intents.request import request_intent
from server.intents.service import record_intent
from server.notifications.kinds import kind_named
from server.notifications.models import OutboxEntry, OutboxRecipient
from server.people.recipients import RecipientRule, resolve_recipients
from server.timefmt import now_us

IN_APP_INTENT = "notifications.in_app"
WEBHOOK_INTENT = "notifications.webhooks"
RETRY_INTENT = "notifications.webhook_retry"
DELIVERY_INTENTS = (IN_APP_INTENT, WEBHOOK_INTENT)


@dataclass(frozen=True)
class OutboxMessage:
    """What to say: a kind, the record it is about, a payload without customer personal data, a dedup key."""

    kind: str
    subject_kind: str
    subject_id: str
    payload: Mapping[str, Any]
    dedup_key: str | None = None


@dataclass(frozen=True)
class WrittenEntry:
    """The entry written (or found by its dedup key, then ``new`` is False) and its recipients."""

    outbox_id: str
    recipients: tuple[str, ...]
    new: bool


async def write_entry(
    session: AsyncSession, message: OutboxMessage, rules: Sequence[RecipientRule], *, now_us: int
) -> WrittenEntry:
    """Add the entry and its recipients to ``session``'s transaction (nothing new when its dedup key was used)."""
    kind = kind_named(message.kind)
    if message.dedup_key is not None:
        existing = (
            await session.execute(select(OutboxEntry.outbox_id).where(OutboxEntry.dedup_key == message.dedup_key))
        ).scalar_one_or_none()
        if existing is not None:
            found = await session.execute(select(OutboxRecipient.user_id).where(OutboxRecipient.outbox_id == existing))
            return WrittenEntry(existing, tuple(sorted(found.scalars().all())), new=False)
    recipients = await resolve_recipients(session, rules)
    outbox_id = uuid.uuid4().hex
    session.add(OutboxEntry(
        outbox_id=outbox_id, kind=kind.name, subject_kind=message.subject_kind, subject_id=message.subject_id,
        payload=json.dumps(message.payload, ensure_ascii=False, sort_keys=True), dedup_key=message.dedup_key,
        urgent=kind.urgent, fallback=recipients.fallback, created_at_us=now_us,
    ))
    session.add_all(OutboxRecipient(outbox_id=outbox_id, user_id=user_id) for user_id in recipients.user_ids)
    await session.flush()
    return WrittenEntry(outbox_id, recipients.user_ids, new=True)


async def record_notification(
    session: AsyncSession, message: OutboxMessage, rules: Sequence[RecipientRule], *, now_us: int
) -> tuple[WrittenEntry, list[str]]:
    """Write the entry and its delivery intents in ``session``; returns the entry and the intent ids to complete after commit."""
    entry = await write_entry(session, message, rules, now_us=now_us)
    if not entry.new:
        return entry, []
    intents = [record_intent(session, kind, {"outbox_id": entry.outbox_id}, now_us=now_us) for kind in DELIVERY_INTENTS]
    return entry, intents


async def notify(context: Context, message: OutboxMessage, rules: Sequence[RecipientRule]) -> WrittenEntry:
    """In a request: write the entry with the request's change; deliver it once the request commits."""
    entry = await write_entry(context.session, message, rules, now_us=now_us())
    if entry.new:
        for kind in DELIVERY_INTENTS:
            request_intent(context, kind, {"outbox_id": entry.outbox_id})
    return entry
