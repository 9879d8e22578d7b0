"""Helpers of the notification tests: a starter that records webhook starts, counts of what was delivered."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.notifications.delivery import DeliveryStart, DeliveryStarter
from server.notifications.handlers import delivery_handlers
from server.notifications.models import Notification, WebhookDelivery
from server.notifications.outbox import OutboxMessage


@dataclass
class RecordingStarter:
    """Remembers every start it was asked for (no Temporal)."""

    started: list[DeliveryStart] = field(default_factory=list)

    async def start(self, deliveries: Sequence[DeliveryStart]) -> None:
        self.started.extend(deliveries)

    def handlers(self) -> dict:
        async def factory(_settings: Settings) -> DeliveryStarter:
            return self

        return delivery_handlers(factory)


def drift(goal: str = "g1", dedup: str | None = None) -> OutboxMessage:
    return OutboxMessage("goal.drifted", "goal", goal, {"goalId": goal, "metric": "fcr_rate", "drift": -0.12}, dedup)


async def inbox(sessionmaker: async_sessionmaker[AsyncSession]) -> list[tuple[str, str]]:
    """(user, subject) of every in-app notification, sorted."""
    async with sessionmaker() as session:
        rows = await session.execute(select(Notification.user_id, Notification.subject_id).order_by(Notification.user_id, Notification.subject_id))
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


async def delivery_count(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return (await session.execute(select(func.count()).select_from(WebhookDelivery))).scalar_one()
