"""Completing an outbox entry's delivery intents: in-app rows, and webhook deliveries handed to Temporal.

Both run inside the intent's claim transaction (``claim_session``), so each recipient's
in-app notification and each (endpoint, recipient) delivery row is written once per
entry; a unique key on each makes a second attempt a no-op all the same. A webhook
delivery's id is derived from the entry, endpoint and recipient, and the workflow that
sends it is named after it, so starting it twice starts it once.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.notifications.models import Notification, OutboxEntry, OutboxRecipient, WebhookDelivery, WebhookEndpoint
from server.notifications.quiet import quiet_until_us
from server.people.models import NotificationPreference
from server.people.repository import DirectoryRepository

PENDING, DELIVERED, PARKED = "pending", "delivered", "parked"


@dataclass(frozen=True)
class DeliveryStart:
    """A webhook delivery to send: its id, its round of attempts and the instant before which it must wait."""

    delivery_id: str
    round: int
    not_before_us: int


class DeliveryStarter(Protocol):
    """Starts the sending of webhook deliveries (a Temporal workflow each, named after the delivery and round)."""

    async def start(self, deliveries: Sequence[DeliveryStart]) -> None: ...


def delivery_id_for(outbox_id: str, webhook_id: str, user_id: str) -> str:
    """The stable ``webhook-id`` of one entry sent to one endpoint for one recipient."""
    digest = hashlib.sha256(f"{outbox_id}\n{webhook_id}\n{user_id}".encode()).hexdigest()
    return f"msg_{digest[:28]}"


async def _entry_and_recipients(session: AsyncSession, outbox_id: str) -> tuple[OutboxEntry, list[str]]:
    entry = await session.get(OutboxEntry, outbox_id)
    if entry is None:
        raise LookupError(f"no outbox entry {outbox_id}")
    found = await session.execute(select(OutboxRecipient.user_id).where(OutboxRecipient.outbox_id == outbox_id))
    return entry, sorted(found.scalars().all())


async def deliver_in_app(session: AsyncSession, outbox_id: str) -> int:
    """Write the entry's in-app notification for each recipient that has none yet; returns how many were written."""
    entry, recipients = await _entry_and_recipients(session, outbox_id)
    existing = set((await session.execute(select(Notification.user_id).where(Notification.outbox_id == outbox_id))).scalars())
    missing = [user_id for user_id in recipients if user_id not in existing]
    session.add_all(
        Notification(
            outbox_id=outbox_id, user_id=user_id, kind=entry.kind, subject_kind=entry.subject_kind,
            subject_id=entry.subject_id, payload=entry.payload, urgent=entry.urgent, created_at_us=entry.created_at_us,
        )
        for user_id in missing
    )
    await session.flush()
    return len(missing)


async def subscribed_endpoints(session: AsyncSession, kind: str) -> list[str]:
    """Active endpoints that receive ``kind``, by id."""
    rows = (await session.execute(
        select(WebhookEndpoint.webhook_id, WebhookEndpoint.kinds)
        .where(WebhookEndpoint.active.is_(True), WebhookEndpoint.deleted.is_(False))
        .order_by(WebhookEndpoint.webhook_id)
    )).all()
    return [webhook_id for webhook_id, kinds in rows if kind in json.loads(kinds)]


async def _muted(session: AsyncSession, kind: str, user_ids: list[str]) -> set[str]:
    statement = select(NotificationPreference.user_id).where(
        NotificationPreference.kind == kind, NotificationPreference.user_id.in_(user_ids),
        NotificationPreference.webhook.is_(False),
    )
    return set((await session.execute(statement)).scalars())


async def plan_webhook_deliveries(session: AsyncSession, outbox_id: str, *, now_us: int, zone: ZoneInfo) -> list[DeliveryStart]:
    """Write the entry's missing webhook deliveries (recipients who muted its kind left out); returns those still pending.

    A non-urgent delivery waits until its recipient's quiet hours end (in the recipient's
    time zone, ``zone`` when they have none).
    """
    entry, recipients = await _entry_and_recipients(session, outbox_id)
    endpoints = await subscribed_endpoints(session, entry.kind)
    if not endpoints or not recipients:
        return []
    muted = await _muted(session, entry.kind, recipients)
    users = await DirectoryRepository(session).get_many(recipients)
    stored = {
        row.delivery_id: row
        for row in (await session.execute(select(WebhookDelivery).where(WebhookDelivery.outbox_id == outbox_id))).scalars()
    }
    for user_id in (user_id for user_id in recipients if user_id not in muted):
        user = users.get(user_id)
        not_before = now_us
        if user is not None and not entry.urgent:
            user_zone = ZoneInfo(user.time_zone) if user.time_zone else zone
            not_before = quiet_until_us(now_us, user_zone, user.quiet_start_minute, user.quiet_end_minute)
        for webhook_id in endpoints:
            delivery_id = delivery_id_for(outbox_id, webhook_id, user_id)
            if delivery_id not in stored:
                stored[delivery_id] = WebhookDelivery(
                    delivery_id=delivery_id, outbox_id=outbox_id, webhook_id=webhook_id, user_id=user_id,
                    status=PENDING, not_before_us=not_before, created_at_us=now_us,
                )
                session.add(stored[delivery_id])
    await session.flush()
    return [
        DeliveryStart(row.delivery_id, row.round, row.not_before_us)
        for row in sorted(stored.values(), key=lambda row: row.delivery_id)
        if row.status == PENDING
    ]
