"""Reading notifications (a user's own), preferences, webhooks and deliveries in keyset pages."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from server.kernel.paging import Page, PageArgs, SortKey
from server.notifications.models import Notification, WebhookDelivery, WebhookEndpoint
from server.people.models import NotificationPreference

INBOX_ORDER = (SortKey(Notification.created_at_us, descending=True), SortKey(Notification.notification_id, descending=True))
WEBHOOK_ORDER = (SortKey(WebhookEndpoint.webhook_id),)
DELIVERY_ORDER = (SortKey(WebhookDelivery.created_at_us, descending=True), SortKey(WebhookDelivery.delivery_id))


@dataclass(frozen=True)
class InboxFilter:
    kind: str | None = None
    read: bool | None = None


async def _count(session: AsyncSession, statement: Select) -> int:
    return (await session.execute(select(func.count()).select_from(statement.subquery()))).scalar_one()


class Inbox:
    """One user's in-app notifications, newest first."""

    def __init__(self, session: AsyncSession, user_id: str) -> None:
        self.session = session
        self.user_id = user_id

    def statement(self, narrowing: InboxFilter = InboxFilter()) -> Select:
        statement = select(Notification).where(Notification.user_id == self.user_id)
        if narrowing.kind is not None:
            statement = statement.where(Notification.kind == narrowing.kind)
        if narrowing.read is not None:
            statement = statement.where(Notification.read_at_us.is_not(None) if narrowing.read else Notification.read_at_us.is_(None))
        return statement

    async def page(self, args: PageArgs, narrowing: InboxFilter) -> Page[Notification]:
        rows = (await self.session.execute(args.bounded(self.statement(narrowing), INBOX_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.created_at_us, row.notification_id])

    async def count(self, narrowing: InboxFilter) -> int:
        return await _count(self.session, self.statement(narrowing))

    async def by_id(self, notification_id: int) -> Notification | None:
        found = await self.session.execute(self.statement().where(Notification.notification_id == notification_id))
        return found.scalars().one_or_none()

    async def mark_read(self, notification_ids: Sequence[int] | None, *, now_us: int) -> int:
        """Mark unread notifications read (these, or all when None); returns how many changed."""
        statement = update(Notification).where(Notification.user_id == self.user_id, Notification.read_at_us.is_(None))
        if notification_ids is not None:
            statement = statement.where(Notification.notification_id.in_(list(notification_ids)))
        return (await self.session.execute(statement.values(read_at_us=now_us))).rowcount


async def preferences_of(session: AsyncSession, user_id: str) -> list[NotificationPreference]:
    statement = select(NotificationPreference).where(NotificationPreference.user_id == user_id).order_by(NotificationPreference.kind)
    return list((await session.execute(statement)).scalars())


async def set_preference(session: AsyncSession, user_id: str, kind: str, webhook: bool) -> None:
    stored = await session.get(NotificationPreference, (user_id, kind))
    if stored is None:
        session.add(NotificationPreference(user_id=user_id, kind=kind, webhook=webhook))
    else:
        stored.webhook = webhook
    await session.flush()


class Webhooks:
    """Endpoints (deleted ones left out) and deliveries, for administrators."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def endpoints(self) -> Select:
        return select(WebhookEndpoint).where(WebhookEndpoint.deleted.is_(False))

    async def endpoint_page(self, args: PageArgs) -> Page[WebhookEndpoint]:
        rows = (await self.session.execute(args.bounded(self.endpoints(), WEBHOOK_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.webhook_id])

    async def endpoint_count(self) -> int:
        return await _count(self.session, self.endpoints())

    def deliveries(self, status: str | None, webhook_id: str | None) -> Select:
        statement = select(WebhookDelivery)
        if status is not None:
            statement = statement.where(WebhookDelivery.status == status)
        if webhook_id is not None:
            statement = statement.where(WebhookDelivery.webhook_id == webhook_id)
        return statement

    async def delivery_page(self, args: PageArgs, status: str | None, webhook_id: str | None) -> Page[WebhookDelivery]:
        rows = (await self.session.execute(args.bounded(self.deliveries(status, webhook_id), DELIVERY_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.created_at_us, row.delivery_id])

    async def delivery_count(self, status: str | None, webhook_id: str | None) -> int:
        return await _count(self.session, self.deliveries(status, webhook_id))
