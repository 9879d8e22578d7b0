"""GraphQL types of notifications: in-app notifications, preferences, webhooks and their deliveries."""

import json
from datetime import datetime
from enum import Enum

import strawberry
from strawberry.scalars import JSON

from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.notifications.models import Notification, WebhookDelivery, WebhookEndpoint
from server.timefmt import from_us

NOTIFICATION_TYPE, WEBHOOK_TYPE, DELIVERY_TYPE = "Notification", "Webhook", "WebhookDelivery"


@strawberry.type(name="Notification", description="An in-app notification addressed to you. / 发给你的站内通知。")
class NotificationType(Node):
    kind: str = strawberry.field(description="What happened, e.g. goal.drifted. / 通知类型（如 goal.drifted）。")
    subject_kind: str = strawberry.field(description="Kind of record it is about. / 相关记录的类型。")
    subject_id: str = strawberry.field(description="Id of the record it is about. / 相关记录的 ID。")
    payload: JSON = strawberry.field(description="Details (no customer personal data). / 详情（不含客户个人信息）。")
    urgent: bool = strawberry.field(description="Urgent kinds ignore quiet hours. / 紧急通知不受免打扰限制。")
    created_at: datetime = strawberry.field(description="When it was written. / 产生时间。")
    read_at: datetime | None = strawberry.field(description="When you marked it read. / 标记已读的时间。")

    @classmethod
    def from_row(cls, row: Notification) -> "NotificationType":
        return cls(
            id=to_global_id(NOTIFICATION_TYPE, str(row.notification_id)), kind=row.kind, subject_kind=row.subject_kind,
            subject_id=row.subject_id, payload=json.loads(row.payload), urgent=row.urgent,
            created_at=from_us(row.created_at_us), read_at=from_us(row.read_at_us) if row.read_at_us is not None else None,
        )


@strawberry.type(name="NotificationPreference", description="Whether a kind reaches your webhooks (in-app is always on). / 某类通知是否转发到 Webhook（站内通知始终开启）。")
class NotificationPreferenceType:
    kind: str = strawberry.field(description="Notification kind. / 通知类型。")
    webhook: bool = strawberry.field(description="Forwarded to the webhooks that receive this kind. / 是否转发到接收此类型的 Webhook。")


@strawberry.type(name="Webhook", description="An endpoint that receives signed notifications (Standard Webhooks). / 接收签名通知的端点（Standard Webhooks）。")
class WebhookType(Node):
    url: str = strawberry.field(description="Where deliveries are POSTed. / 投递地址。")
    kinds: list[str] = strawberry.field(description="Kinds it receives. / 接收的通知类型。")
    description: str | None = strawberry.field(description="What it is for. / 用途说明。")
    active: bool = strawberry.field(description="False: nothing is sent. / 为假时不投递。")
    created_at: datetime = strawberry.field(description="Created. / 创建时间。")
    updated_at: datetime = strawberry.field(description="Last changed. / 最后修改时间。")

    @classmethod
    def from_row(cls, row: WebhookEndpoint) -> "WebhookType":
        return cls(
            id=to_global_id(WEBHOOK_TYPE, row.webhook_id), url=row.url, kinds=json.loads(row.kinds),
            description=row.description, active=row.active,
            created_at=from_us(row.created_at_us), updated_at=from_us(row.updated_at_us),
        )


@strawberry.enum(description="Where a webhook delivery stands. / Webhook 投递状态。")
class WebhookDeliveryStatus(Enum):
    PENDING = strawberry.enum_value("pending", description="Waiting or being retried. / 等待或重试中。")
    DELIVERED = strawberry.enum_value("delivered", description="The endpoint answered 2xx. / 端点已返回 2xx。")
    PARKED = strawberry.enum_value("parked", description="Every attempt failed; an admin may retry. / 全部尝试失败，管理员可重试。")


@strawberry.type(name="WebhookDelivery", description="One notification sent to one endpoint for one recipient. / 一条通知针对一位接收人向一个端点的投递。")
class WebhookDeliveryType(Node):
    message_id: str = strawberry.field(description="The `webhook-id` header: stable across retries. / `webhook-id` 请求头，重试时不变。")
    webhook_id: strawberry.ID = strawberry.field(description="The endpoint's global id. / 端点全局 ID。")
    recipient_id: str = strawberry.field(description="The recipient's subject id. / 接收人主体 ID。")
    status: WebhookDeliveryStatus = strawberry.field(description="Where it stands. / 状态。")
    attempts: int = strawberry.field(description="Attempts so far, all rounds. / 已尝试次数（所有轮次）。")
    round: int = strawberry.field(description="1, plus one per admin retry. / 轮次（管理员每重试一次加一）。")
    not_before: datetime = strawberry.field(description="Not sent before (quiet hours). / 最早投递时间（免打扰）。")
    last_attempt_at: datetime | None = strawberry.field(description="Last attempt. / 最近一次尝试时间。")
    last_status_code: int | None = strawberry.field(description="Last HTTP status. / 最近一次 HTTP 状态码。")
    last_error: str | None = strawberry.field(description="Last failure. / 最近一次失败原因。")
    created_at: datetime = strawberry.field(description="Created. / 创建时间。")
    delivered_at: datetime | None = strawberry.field(description="Delivered. / 投递成功时间。")

    @classmethod
    def from_row(cls, row: WebhookDelivery) -> "WebhookDeliveryType":
        def instant(value: int | None) -> datetime | None:
            return from_us(value) if value is not None else None

        return cls(
            id=to_global_id(DELIVERY_TYPE, row.delivery_id), message_id=row.delivery_id,
            webhook_id=to_global_id(WEBHOOK_TYPE, row.webhook_id), recipient_id=row.user_id,
            status=WebhookDeliveryStatus(row.status), attempts=row.attempts, round=row.round,
            not_before=from_us(row.not_before_us), last_attempt_at=instant(row.last_attempt_at_us),
            last_status_code=row.last_status_code, last_error=row.last_error, created_at=from_us(row.created_at_us),
            delivered_at=instant(row.delivered_at_us),
        )


@strawberry.input(description="Narrow your notifications. / 通知筛选。")
class NotificationFilterInput:
    kind: str | None = strawberry.field(default=None, description="Only this kind. / 仅此类型。")
    read: bool | None = strawberry.field(default=None, description="Only read (true) or unread (false). / 已读或未读。")


@strawberry.input(description="Narrow the deliveries. / 投递筛选。")
class WebhookDeliveryFilterInput:
    status: WebhookDeliveryStatus | None = strawberry.field(default=None, description="Only this status. / 仅此状态。")
    webhook_id: strawberry.ID | None = strawberry.field(default=None, description="Only this endpoint. / 仅此端点。")


@strawberry.input(description="Notifications to mark read. / 要标记为已读的通知。")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="These notifications. / 指定通知。")
    all: bool = strawberry.field(default=False, description="Every unread notification of yours. / 你的全部未读通知。")


@strawberry.type(description="Result of markNotificationsRead. / 标记已读的结果。")
class MarkNotificationsReadPayload(Payload):
    marked: int = strawberry.field(default=0, description="How many were unread and are read now. / 本次由未读变为已读的数量。")


@strawberry.input(description="One kind's webhook forwarding. / 单个通知类型的转发设置。")
class NotificationPreferenceInput:
    kind: str = strawberry.field(description="Notification kind. / 通知类型。")
    webhook: bool = strawberry.field(description="Forward to webhooks. / 是否转发到 Webhook。")


@strawberry.input(description="Your preferences per kind (kinds not named keep theirs). / 按类型设置偏好（未列出的类型不变）。")
class UpdateNotificationPreferencesInput:
    preferences: list[NotificationPreferenceInput] = strawberry.field(description="Preferences. / 偏好列表。")


@strawberry.type(description="Result of updateNotificationPreferences. / 更新通知偏好的结果。")
class UpdateNotificationPreferencesPayload(Payload):
    preferences: list[NotificationPreferenceType] | None = strawberry.field(default=None, description="All your preferences now. / 更新后的全部偏好。")


@strawberry.input(description="A new webhook endpoint. / 新建 Webhook 端点。")
class CreateWebhookInput:
    url: str = strawberry.field(description="http(s) URL. / 投递地址。")
    kinds: list[str] = strawberry.field(description="Kinds it receives. / 接收的通知类型。")
    description: str | None = strawberry.field(default=None, description="What it is for. / 用途说明。")


@strawberry.type(description="Result of createWebhook; the secret is shown this once. / 新建 Webhook 的结果（密钥仅此一次显示）。")
class CreateWebhookPayload(Payload):
    webhook: WebhookType | None = strawberry.field(default=None, description="The endpoint. / 端点。")
    secret: str | None = strawberry.field(default=None, description="Signing secret, whsec_…; store it at the receiver. / 签名密钥（whsec_…），请保存在接收方。")


@strawberry.input(description="Changes to a webhook; omitted fields stay. / 修改 Webhook（未给出的字段不变）。")
class UpdateWebhookInput:
    id: strawberry.ID = strawberry.field(description="The webhook's global id. / Webhook 全局 ID。")
    url: str | None = strawberry.field(default=None, description="http(s) URL. / 投递地址。")
    kinds: list[str] | None = strawberry.field(default=None, description="Kinds it receives. / 接收的通知类型。")
    description: str | None = strawberry.field(default=None, description="What it is for. / 用途说明。")
    active: bool | None = strawberry.field(default=None, description="Send (true) or pause (false). / 启用或暂停。")
    rotate_secret: bool = strawberry.field(default=False, description="Add a new secret; the old ones sign for one more day. / 轮换密钥：新增密钥，旧密钥继续签名一天。")


@strawberry.type(description="Result of updateWebhook. / 修改 Webhook 的结果。")
class UpdateWebhookPayload(Payload):
    webhook: WebhookType | None = strawberry.field(default=None, description="The endpoint. / 端点。")
    secret: str | None = strawberry.field(default=None, description="The new secret when rotated, shown this once. / 轮换后的新密钥（仅此一次显示）。")


@strawberry.input(description="The webhook to delete. / 要删除的 Webhook。")
class DeleteWebhookInput:
    id: strawberry.ID = strawberry.field(description="The webhook's global id. / Webhook 全局 ID。")


@strawberry.type(description="Result of deleteWebhook. / 删除 Webhook 的结果。")
class DeleteWebhookPayload(Payload):
    deleted_webhook_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of the deleted webhook. / 已删除 Webhook 的全局 ID。")


@strawberry.input(description="The parked delivery to retry. / 要重试的已搁置投递。")
class RetryWebhookDeliveryInput:
    id: strawberry.ID = strawberry.field(description="The delivery's global id. / 投递全局 ID。")


@strawberry.type(description="Result of retryWebhookDelivery. / 重试投递的结果。")
class RetryWebhookDeliveryPayload(Payload):
    delivery: WebhookDeliveryType | None = strawberry.field(default=None, description="The delivery, pending again. / 重新进入待投递的投递。")
