"""The delivery intents' handlers: in-app rows, and webhook deliveries started on Temporal.

Both write through the intent's claim session, so their rows commit with the claim.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from server.config import Settings
from server.intents.service import claim_session
from server.kernel.feature import IntentHandler
from server.notifications.delivery import DeliveryStart, DeliveryStarter, deliver_in_app, plan_webhook_deliveries
from server.notifications.outbox import IN_APP_INTENT, RETRY_INTENT, WEBHOOK_INTENT
from server.timefmt import now_us
from workflows.client import connect
from workflows.notifications.start import TemporalDeliveryStarter

StarterFactory = Callable[[Settings], Awaitable[DeliveryStarter]]


async def temporal_starter(settings: Settings) -> DeliveryStarter:
    """Starts delivery workflows on the configured Temporal cluster and task queue."""
    return TemporalDeliveryStarter(await connect(settings), settings.temporal_task_queue)


async def complete_in_app(payload: Mapping[str, Any], _settings: Settings) -> None:
    await deliver_in_app(claim_session(), payload["outbox_id"])


def webhook_handler(starter_for: StarterFactory) -> IntentHandler:
    """Writes an entry's webhook deliveries, then starts those pending (Temporal is reached only when there are some)."""

    async def complete(payload: Mapping[str, Any], settings: Settings) -> None:
        deliveries = await plan_webhook_deliveries(claim_session(), payload["outbox_id"], now_us=now_us(), zone=settings.zone)
        if deliveries:
            await (await starter_for(settings)).start(deliveries)

    return complete


def retry_handler(starter_for: StarterFactory) -> IntentHandler:
    """Starts the new round of attempts an administrator asked for."""

    async def complete(payload: Mapping[str, Any], settings: Settings) -> None:
        start = DeliveryStart(payload["delivery_id"], payload["round"], payload["not_before_us"])
        await (await starter_for(settings)).start([start])

    return complete


def delivery_handlers(starter_for: StarterFactory = temporal_starter) -> dict[str, IntentHandler]:
    return {
        IN_APP_INTENT: complete_in_app,
        WEBHOOK_INTENT: webhook_handler(starter_for),
        RETRY_INTENT: retry_handler(starter_for),
    }


complete_webhooks = webhook_handler(temporal_starter)
complete_retry = retry_handler(temporal_starter)
