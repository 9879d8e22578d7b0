"""``node(id:)`` for notifications (your own), webhooks and deliveries (administrators)."""

from typing import Any

from server.kernel.relay import NodeType
from server.notifications.models import WebhookDelivery
from server.notifications.repository import Inbox
from server.notifications.types import (
    DELIVERY_TYPE,
    NOTIFICATION_TYPE,
    WEBHOOK_TYPE,
    NotificationType,
    WebhookDeliveryType,
    WebhookType,
)
from server.notifications.webhooks import live_endpoint


async def _scope_allows(context: Any, record: str) -> bool:
    if context.authorization is None:
        return False
    return not (await context.authorization.row_scope(context.session, record)).empty


async def load_notification(context: Any, key: str) -> NotificationType | None:
    if not key.isdigit() or not await _scope_allows(context, NOTIFICATION_TYPE):
        return None
    row = await Inbox(context.session, context.principal.subject).by_id(int(key))
    return NotificationType.from_row(row) if row is not None else None


async def load_webhook(context: Any, key: str) -> WebhookType | None:
    if not await _scope_allows(context, WEBHOOK_TYPE):
        return None
    endpoint = await live_endpoint(context.session, key)
    return WebhookType.from_row(endpoint) if endpoint is not None else None


async def load_delivery(context: Any, key: str) -> WebhookDeliveryType | None:
    if not await _scope_allows(context, DELIVERY_TYPE):
        return None
    row = await context.session.get(WebhookDelivery, key)
    return WebhookDeliveryType.from_row(row) if row is not None else None


NODES = (
    NodeType(NOTIFICATION_TYPE, load_notification),
    NodeType(WEBHOOK_TYPE, load_webhook),
    NodeType(DELIVERY_TYPE, load_delivery),
)
