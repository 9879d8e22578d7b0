"""``notificationReceived``: your new in-app notifications as they arrive, over graphql-transport-ws.

In-app rows are written by whichever process completes an outbox entry's delivery
intent; each subscription reads its own inbox for rows newer than the last it sent,
every ``POLL_SECONDS``, in a short session per read, so every process's subscribers see
every notification once. The subscription ends with UNAUTHENTICATED when the token expires.
"""

import asyncio
from collections.abc import AsyncGenerator

import strawberry
from sqlalchemy import func, select
from sqlmodel import col
from strawberry.types import Info

from server.authz.request import token_seconds_left
from server.errors import Unauthenticated
from server.notifications.models import Notification
from server.notifications.queries import own_inbox
from server.notifications.types import NotificationType

POLL_SECONDS = 0.25


@strawberry.type
class NotificationsSubscription:
    @strawberry.subscription(description="Your new in-app notifications as they arrive. / 实时推送你的新站内通知。")
    async def notification_received(self, info: Info) -> AsyncGenerator[NotificationType, None]:
        context = info.context
        inbox = await own_inbox(info)
        newest = (await context.session.execute(select(func.max(col(Notification.notification_id))).where(col(Notification.user_id) == inbox.user_id))).scalar_one()
        last_sent = newest or 0
        await context.finish(success=True)
        while True:
            left = token_seconds_left(context)
            if left is not None and left <= 0:
                raise Unauthenticated("token expired")
            await asyncio.sleep(POLL_SECONDS if left is None else min(POLL_SECONDS, left))
            inbox.session = context.session
            rows = (await context.session.execute(
                inbox.statement().where(col(Notification.notification_id) > last_sent).order_by(col(Notification.notification_id))
            )).scalars().all()
            if not rows:
                await context.finish(success=True)
                continue
            for row in rows:
                last_sent = max(last_sent, row.notification_id or 0)
                yield NotificationType.from_row(row)
