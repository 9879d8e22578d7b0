"""Notifications: the outbox, in-app notifications, webhooks signed per Standard Webhooks and delivered by Temporal."""

from server.kernel.feature import Feature, IntentKind, Ref

FEATURE = Feature(
    name="notifications",
    tables=(
        Ref("server.notifications.models:OutboxEntry"),
        Ref("server.notifications.models:OutboxRecipient"),
        Ref("server.notifications.models:Notification"),
        Ref("server.notifications.models:WebhookEndpoint"),
        Ref("server.notifications.models:WebhookSecret"),
        Ref("server.notifications.models:WebhookDelivery"),
    ),
    workflows=(Ref("workflows.notifications.workflows:WebhookDeliveryWorkflow"),),
    activity_classes=(Ref("workflows.notifications.activities:WebhookActivities"),),
    intent_kinds=(
        IntentKind("notifications.in_app", Ref("server.notifications.handlers:complete_in_app")),
        IntentKind("notifications.webhooks", Ref("server.notifications.handlers:complete_webhooks")),
        IntentKind("notifications.webhook_retry", Ref("server.notifications.handlers:complete_retry")),
    ),
)
