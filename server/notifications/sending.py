"""One webhook attempt as the activity sees it: what to send and sign, and what came of it.

The body is built from the stored entry only, so every attempt of a delivery sends the
same bytes under the same ``webhook-id``.
"""

import json
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from server.notifications.delivery import DELIVERED, PARKED, PENDING, DeliveryStart
from server.notifications.models import OutboxEntry, WebhookDelivery
from server.notifications.signing import signed_headers
from server.notifications.webhooks import live_endpoint, secrets_in_force
from server.people.repository import DirectoryRepository
from server.timefmt import format_instant

MICROSECONDS = 1_000_000


@dataclass(frozen=True)
class PreparedAttempt:
    url: str
    body: bytes
    headers: dict[str, str]


class DeliveryNotRetryable(ValueError):
    """Only a parked delivery can be retried."""


async def webhook_body(session: AsyncSession, delivery: WebhookDelivery) -> bytes:
    """``{"type", "timestamp", "data"}`` per Standard Webhooks; ``data`` holds the notification and its recipient."""
    entry = await session.get(OutboxEntry, delivery.outbox_id)
    if entry is None:
        raise LookupError(f"no outbox entry {delivery.outbox_id}")
    user = await DirectoryRepository(session).get(delivery.user_id)
    document = {
        "type": entry.kind,
        "timestamp": format_instant(entry.created_at_us),
        "data": {
            "notificationId": entry.outbox_id,
            "subject": {"kind": entry.subject_kind, "id": entry.subject_id},
            "urgent": entry.urgent,
            "payload": json.loads(entry.payload),
            "recipient": {"userId": delivery.user_id, "language": user.language if user else None},
        },
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


async def prepare_attempt(
    session: AsyncSession, delivery_id: str, round_: int, *, at_us: int, secrets_at_us: int
) -> PreparedAttempt | None:
    """What to send, stamped ``at_us`` and signed by the secrets in force at ``secrets_at_us``.

    None when the delivery is no longer pending in this round (delivered, or retried since).
    """
    delivery = await session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.status != PENDING or delivery.round != round_:
        return None
    endpoint = await live_endpoint(session, delivery.webhook_id)
    if endpoint is None:
        return None
    secrets = [secret.secret for secret in await secrets_in_force(session, endpoint.webhook_id, at_us=secrets_at_us)]
    body = await webhook_body(session, delivery)
    return PreparedAttempt(endpoint.url, body, signed_headers(secrets, delivery_id, at_us // MICROSECONDS, body))


async def record_attempt(
    session: AsyncSession, delivery_id: str, round_: int, *, at_us: int, status_code: int | None, error: str | None
) -> None:
    """Count the attempt; a 2xx answer marks the delivery delivered."""
    delivered = status_code is not None and 200 <= status_code < 300
    values: dict[str, object] = {
        "attempts": WebhookDelivery.attempts + 1, "last_attempt_at_us": at_us,
        "last_status_code": status_code, "last_error": error,
    }
    if delivered:
        values.update(status=DELIVERED, delivered_at_us=at_us)
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.delivery_id == delivery_id, WebhookDelivery.round == round_,
               WebhookDelivery.status == PENDING)
        .values(**values)
    )


async def park_delivery(session: AsyncSession, delivery_id: str, round_: int) -> None:
    """The round's last attempt failed: park it where administrators see it."""
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.delivery_id == delivery_id, WebhookDelivery.round == round_,
               WebhookDelivery.status == PENDING)
        .values(status=PARKED)
    )


async def retry_parked(session: AsyncSession, delivery: WebhookDelivery, *, now_us: int) -> DeliveryStart:
    """A new round of attempts for a parked delivery (same ``webhook-id``, so receivers still drop repeats).

    The caller writes the returned start as a ``RETRY_INTENT`` in the same transaction, so
    the round starts once it commits.
    """
    if delivery.status != PARKED:
        raise DeliveryNotRetryable(f"delivery {delivery.delivery_id} is {delivery.status}, not parked")
    delivery.status = PENDING
    delivery.round += 1
    delivery.not_before_us = now_us
    await session.flush()
    return DeliveryStart(delivery.delivery_id, delivery.round, now_us)
