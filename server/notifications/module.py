"""Notifications: the outbox, in-app notifications, webhooks signed per Standard Webhooks and delivered by Temporal."""

from server.kernel.feature import Feature, IntentKind, Ref, ScopedRecord

FEATURE = Feature(
    name="notifications",
    query=Ref("server.notifications.queries:NotificationsQuery"),
    mutation=Ref("server.notifications.mutations:NotificationsMutation"),
    subscription=Ref("server.notifications.subscriptions:NotificationsSubscription"),
    nodes=Ref("server.notifications.loaders:NODES"),
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
    scoped_records=(
        ScopedRecord("Notification", "read", frozenset({"own"})),
        ScopedRecord("Webhook", "read", frozenset({"all"})),
        ScopedRecord("Webhook", "write", frozenset({"all"})),
        ScopedRecord("WebhookDelivery", "read", frozenset({"all"})),
        ScopedRecord("WebhookDelivery", "write", frozenset({"all"})),
    ),
    intent_kinds=(
        IntentKind("notifications.in_app", Ref("server.notifications.handlers:complete_in_app")),
        IntentKind("notifications.webhooks", Ref("server.notifications.handlers:complete_webhooks")),
        IntentKind("notifications.webhook_retry", Ref("server.notifications.handlers:complete_retry")),
    ),
)
