"""Queries of notifications: your own notifications and preferences; webhooks and deliveries for administrators."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection, from_global_id
from server.notifications.repository import Inbox, InboxFilter, Webhooks, preferences_of
from server.notifications.types import (
    DELIVERY_TYPE,
    NOTIFICATION_TYPE,
    WEBHOOK_TYPE,
    NotificationFilterInput,
    NotificationPreferenceType,
    NotificationType,
    WebhookDeliveryFilterInput,
    WebhookDeliveryType,
    WebhookType,
)



async def own_inbox(info: Info) -> Inbox:
    """The caller's inbox; everyone signed in has one, scoped to itself whatever the policy's scope names."""
    await require_rows(info.context, NOTIFICATION_TYPE)
    return Inbox(info.context.session, info.context.principal.subject)


@strawberry.type
class NotificationsQuery:
    @strawberry.field(description="Your notifications, newest first, paged. / 你的通知（新在前，分页）。")
    async def notifications(
        self, info: Info,
        filter: Annotated[NotificationFilterInput | None, strawberry.argument(description="Narrowing. / 筛选条件。")] = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[NotificationType]:
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        inbox = await own_inbox(info)
        narrowing = InboxFilter(kind=filter.kind if filter else None, read=filter.read if filter else None)
        page = await inbox.page(args, narrowing)

        async def to_nodes(rows: list) -> list[NotificationType | None]:
            return [NotificationType.from_row(row) for row in rows]

        async def count() -> int:
            return await inbox.count(narrowing)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="Your webhook forwarding per kind (kinds not listed are forwarded). / 你按类型的 Webhook 转发设置（未列出的类型默认转发）。")
    async def notification_preferences(self, info: Info) -> list[NotificationPreferenceType]:
        inbox = await own_inbox(info)
        return [
            NotificationPreferenceType(kind=row.kind, webhook=row.webhook)
            for row in await preferences_of(info.context.session, inbox.user_id)
        ]

    @strawberry.field(description="Webhook endpoints (admins). / Webhook 端点（管理员）。")
    async def webhooks(
        self, info: Info, first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None
    ) -> Connection[WebhookType]:
        await require_rows(info.context, WEBHOOK_TYPE)
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        webhooks = Webhooks(info.context.session)
        page = await webhooks.endpoint_page(args)

        async def to_nodes(rows: list) -> list[WebhookType | None]:
            return [WebhookType.from_row(row) for row in rows]

        return await page.connection(to_nodes, webhooks.endpoint_count)

    @strawberry.field(description="Webhook deliveries, newest first (admins); parked ones can be retried. / Webhook 投递记录（新在前，管理员），已搁置的可重试。")
    async def webhook_deliveries(
        self, info: Info,
        filter: Annotated[WebhookDeliveryFilterInput | None, strawberry.argument(description="Narrowing. / 筛选条件。")] = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[WebhookDeliveryType]:
        await require_rows(info.context, DELIVERY_TYPE)
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        status = filter.status.value if filter and filter.status else None
        webhook_id = from_global_id(filter.webhook_id, WEBHOOK_TYPE, field=("filter", "webhookId")) if filter and filter.webhook_id else None
        webhooks = Webhooks(info.context.session)
        page = await webhooks.delivery_page(args, status, webhook_id)

        async def to_nodes(rows: list) -> list[WebhookDeliveryType | None]:
            return [WebhookDeliveryType.from_row(row) for row in rows]

        async def count() -> int:
            return await webhooks.delivery_count(status, webhook_id)

        return await page.connection(to_nodes, count)
