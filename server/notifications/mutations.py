"""Mutations of notifications: mark read and preferences (your own); webhooks and retries (administrators)."""

from dataclasses import asdict

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.errors import BadUserInput, NotFound
from server.intents.request import request_intent
from server.kernel.payloads import InvalidState, payload_mutation
from server.kernel.relay import from_global_id, to_global_id
from server.notifications.kinds import KINDS
from server.notifications.models import WebhookDelivery, WebhookEndpoint
from server.notifications.outbox import RETRY_INTENT
from server.notifications.queries import own_inbox
from server.notifications.repository import preferences_of, set_preference
from server.notifications.sending import DeliveryNotRetryable, retry_parked
from server.notifications.types import (
    DELIVERY_TYPE,
    NOTIFICATION_TYPE,
    WEBHOOK_TYPE,
    CreateWebhookInput,
    CreateWebhookPayload,
    DeleteWebhookInput,
    DeleteWebhookPayload,
    MarkNotificationsReadInput,
    MarkNotificationsReadPayload,
    NotificationPreferenceType,
    RetryWebhookDeliveryInput,
    RetryWebhookDeliveryPayload,
    UpdateNotificationPreferencesInput,
    UpdateNotificationPreferencesPayload,
    UpdateWebhookInput,
    UpdateWebhookPayload,
    WebhookDeliveryType,
    WebhookType,
)
from server.notifications.webhooks import WebhookChange, WebhookProblem, create_webhook, delete_webhook, live_endpoint, update_webhook
from server.timefmt import now_us


def _notification_key(global_id: str) -> int:
    key = from_global_id(global_id, NOTIFICATION_TYPE, field=("ids",))
    if not key.isdigit():
        raise BadUserInput(f"{global_id!r} is not a notification id", field=("ids",))
    return int(key)


async def _endpoint(info: Info, global_id: str) -> WebhookEndpoint:
    key = from_global_id(global_id, WEBHOOK_TYPE, field=("id",))
    endpoint = await live_endpoint(info.context.session, key)
    if endpoint is None:
        raise NotFound(f"no webhook {key}", field=("id",))
    return endpoint


def _invalid(problem: WebhookProblem) -> BadUserInput:
    return BadUserInput(problem.message, field=(problem.field,))


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(description="Mark your notifications read (these, or all). / 将你的通知标记为已读（指定或全部）。")
    @payload_mutation
    async def mark_notifications_read(self, info: Info, input: Annotated[MarkNotificationsReadInput, strawberry.argument(description="Which notifications. / 要标记的通知。")]) -> MarkNotificationsReadPayload:
        inbox = await own_inbox(info)
        if input.ids is None and not input.all:
            raise BadUserInput("name the notifications (ids) or set all", field=("ids",))
        keys = None if input.all else [_notification_key(global_id) for global_id in input.ids or []]
        return MarkNotificationsReadPayload(marked=await inbox.mark_read(keys, now_us=now_us()))

    @strawberry.mutation(description="Choose which kinds reach your webhooks (in-app is always on). / 设置哪些类型转发到 Webhook（站内通知始终开启）。")
    @payload_mutation
    async def update_notification_preferences(
        self, info: Info, input: Annotated[UpdateNotificationPreferencesInput, strawberry.argument(description="The preferences to set. / 要设置的偏好。")]
    ) -> UpdateNotificationPreferencesPayload:
        inbox = await own_inbox(info)
        for index, preference in enumerate(input.preferences):
            if preference.kind not in KINDS:
                raise BadUserInput(f"unknown notification kind {preference.kind!r}", field=("preferences", str(index), "kind"))
            await set_preference(info.context.session, inbox.user_id, preference.kind, preference.webhook)
        stored = await preferences_of(info.context.session, inbox.user_id)
        return UpdateNotificationPreferencesPayload(
            preferences=[NotificationPreferenceType(kind=row.kind, webhook=row.webhook) for row in stored]
        )

    @strawberry.mutation(description="Add a webhook endpoint (admins); its secret is returned once. / 新建 Webhook 端点（管理员），密钥仅返回一次。")
    @payload_mutation
    async def create_webhook(self, info: Info, input: Annotated[CreateWebhookInput, strawberry.argument(description="The endpoint and its kinds. / 端点及其通知类型。")]) -> CreateWebhookPayload:
        await require_rows(info.context, WEBHOOK_TYPE, "write")
        try:
            endpoint, secret = await create_webhook(
                info.context.session, url=input.url, kinds=input.kinds, description=input.description, now_us=now_us()
            )
        except WebhookProblem as problem:
            raise _invalid(problem) from problem
        return CreateWebhookPayload(webhook=WebhookType.from_row(endpoint), secret=secret)

    @strawberry.mutation(description="Change a webhook or rotate its secret (admins). / 修改 Webhook 或轮换密钥（管理员）。")
    @payload_mutation
    async def update_webhook(self, info: Info, input: Annotated[UpdateWebhookInput, strawberry.argument(description="The endpoint and the changes. / 端点及其变更。")]) -> UpdateWebhookPayload:
        await require_rows(info.context, WEBHOOK_TYPE, "write")
        endpoint = await _endpoint(info, input.id)
        change = WebhookChange(input.url, input.kinds, input.description, input.active, input.rotate_secret)
        try:
            secret = await update_webhook(info.context.session, endpoint, change, now_us=now_us())
        except WebhookProblem as problem:
            raise _invalid(problem) from problem
        return UpdateWebhookPayload(webhook=WebhookType.from_row(endpoint), secret=secret)

    @strawberry.mutation(description="Stop sending to a webhook (admins); its deliveries stay listed. / 删除 Webhook（管理员），投递记录保留。")
    @payload_mutation
    async def delete_webhook(self, info: Info, input: Annotated[DeleteWebhookInput, strawberry.argument(description="Which endpoint. / 要删除的端点。")]) -> DeleteWebhookPayload:
        await require_rows(info.context, WEBHOOK_TYPE, "write")
        endpoint = await _endpoint(info, input.id)
        await delete_webhook(info.context.session, endpoint, now_us=now_us())
        return DeleteWebhookPayload(deleted_webhook_id=to_global_id(WEBHOOK_TYPE, endpoint.webhook_id))

    @strawberry.mutation(description="Retry a parked delivery with the same webhook-id (admins). / 以相同 webhook-id 重试已搁置的投递（管理员）。")
    @payload_mutation
    async def retry_webhook_delivery(self, info: Info, input: Annotated[RetryWebhookDeliveryInput, strawberry.argument(description="Which delivery. / 要重试的投递。")]) -> RetryWebhookDeliveryPayload:
        context = info.context
        await require_rows(context, DELIVERY_TYPE, "write")
        key = from_global_id(input.id, DELIVERY_TYPE, field=("id",))
        delivery = await context.session.get(WebhookDelivery, key)
        if delivery is None:
            raise NotFound(f"no webhook delivery {key}", field=("id",))
        try:
            start = await retry_parked(context.session, delivery, now_us=now_us())
        except DeliveryNotRetryable as refused:
            raise InvalidState(str(refused), field=("id",)) from refused
        request_intent(context, RETRY_INTENT, asdict(start))
        return RetryWebhookDeliveryPayload(delivery=WebhookDeliveryType.from_row(delivery))
