"""Notifications: the outbox, in-app notifications, webhooks signed per Standard Webhooks and delivered by Temporal."""

from server.kernel.feature import Feature
from server.notifications.handlers import INTENT_KINDS
from server.notifications.models import (
    Notification,
    OutboxEntry,
    OutboxRecipient,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookSecret,
)
from workflows.notifications.activities import WebhookActivities
from workflows.notifications.workflows import WebhookDeliveryWorkflow

FEATURE = Feature(
    name="notifications",
    tables=(OutboxEntry, OutboxRecipient, Notification, WebhookEndpoint, WebhookSecret, WebhookDelivery),
    workflows=(WebhookDeliveryWorkflow,),
    activity_classes=(WebhookActivities,),
    intent_kinds=INTENT_KINDS,
)
