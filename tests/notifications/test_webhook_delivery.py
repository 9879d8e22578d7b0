"""Webhook delivery end to end: Temporal's time-skipping server, the real activity with httpx, a real local receiver."""

import uuid
from dataclasses import asdict
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from server.config import Settings
from server.db import transaction
from server.intents.service import complete_intent, record_intent
from server.notifications.delivery import DeliveryStarter
from server.notifications.handlers import delivery_handlers
from server.notifications.models import WebhookDelivery
from server.notifications.outbox import RETRY_INTENT, record_notification
from server.notifications.sending import retry_parked
from server.notifications.webhooks import WebhookChange, create_webhook, live_endpoint, update_webhook
from server.people.recipients import RecordOwner
from server.timefmt import now_us
from tests.notifications.receiver import Receiver, running, verify
from tests.notifications.support import drift
from tests.people.directory import seed_directory
from tests.workflows.conftest import time_skipping_env  # noqa: F401  (fixture)
from workflows.notifications.activities import WebhookActivities
from workflows.notifications.inputs import DeliveryOutcome
from workflows.notifications.start import TemporalDeliveryStarter, delivery_workflow_id
from workflows.notifications.workflows import WebhookDeliveryWorkflow
from workflows.registry import build_activities

ATTEMPTS = {"max_attempts": 4, "first_backoff_seconds": 10, "max_backoff_seconds": 3600}
BACKOFF = [10, 20, 40]


@pytest.fixture
async def worker(
    time_skipping_env: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> AsyncIterator[tuple[WorkflowEnvironment, str]]:
    task_queue = f"test-{uuid.uuid4().hex}"
    activities = build_activities(sessionmaker, settings, [WebhookActivities])
    async with Worker(time_skipping_env.client, task_queue=task_queue, workflows=[WebhookDeliveryWorkflow], activities=activities):
        yield time_skipping_env, task_queue


def handlers_on(client: Client, task_queue: str) -> dict:
    async def starter(_settings: Settings) -> DeliveryStarter:
        return TemporalDeliveryStarter(client, task_queue, **ATTEMPTS)

    return delivery_handlers(starter)


async def notify_owner(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, handlers: dict, url: str, *, rotate: bool = False
) -> tuple[str, list[str], list[str]]:
    """One endpoint receiving goal.drifted, one entry for u-west, its intents completed after the commit.

    Returns the endpoint's id and its secrets (the first, then the rotated one).
    """
    now = now_us()
    async with transaction(sessionmaker) as session:
        endpoint, secret = await create_webhook(session, url=url, kinds=["goal.drifted"], description="test", now_us=now)
        secrets = [secret]
        if rotate:
            rotated = await update_webhook(session, endpoint, WebhookChange(rotate_secret=True), now_us=now)
            secrets.append(rotated or "")
        _entry, intents = await record_notification(session, drift(), [RecordOwner("u-west")], now_us=now)
    return endpoint.webhook_id, secrets, intents


async def complete_all(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, handlers: dict, intents: list[str]
) -> None:
    for intent_id in intents:
        assert await complete_intent(sessionmaker, intent_id, handlers, settings, now_us=4)


async def delivery(sessionmaker: async_sessionmaker[AsyncSession]) -> WebhookDelivery:
    async with sessionmaker() as session:
        return (await session.execute(select(WebhookDelivery))).scalars().one()


async def outcome_of(environment: WorkflowEnvironment, handle: WorkflowHandle) -> DeliveryOutcome:
    """The run's result, time skipping while it is awaited (the handle was started by the code under test)."""
    async with environment.time_skipping_unlocked():  # type: ignore[attr-defined]
        return await handle.result()


async def timers(handle: WorkflowHandle) -> list[int]:
    return [
        event.timer_started_event_attributes.start_to_fire_timeout.ToSeconds()
        async for event in handle.fetch_history_events()
        if event.event_type == EventType.EVENT_TYPE_TIMER_STARTED
    ]


async def test_retries_back_off_then_park_and_an_admin_retry_delivers(
    worker: tuple[WorkflowEnvironment, str], sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    environment, task_queue = worker
    client = environment.client
    await seed_directory(sessionmaker)
    handlers = handlers_on(client, task_queue)
    receiver = Receiver(failures=[503, 503, 500, 502])
    async with running(receiver) as url:
        _webhook_id, receiver.secrets, intents = await notify_owner(sessionmaker, settings, handlers, url)
        await complete_all(sessionmaker, settings, handlers, intents)
        parked = await delivery(sessionmaker)
        first_round = client.get_workflow_handle_for(WebhookDeliveryWorkflow.run, delivery_workflow_id(parked.delivery_id, 1))
        assert (await outcome_of(environment, first_round)).status == "parked"
        parked = await delivery(sessionmaker)

        async with transaction(sessionmaker) as session:
            stored = await session.get(WebhookDelivery, parked.delivery_id)
            assert stored is not None
            start = await retry_parked(session, stored, now_us=5)
            retry_intent = record_intent(session, RETRY_INTENT, asdict(start), now_us=5)
        assert await complete_intent(sessionmaker, retry_intent, handlers, settings, now_us=6)
        second_round = client.get_workflow_handle_for(WebhookDeliveryWorkflow.run, delivery_workflow_id(parked.delivery_id, 2))
        assert (await outcome_of(environment, second_round)).status == "delivered"
    delivered = await delivery(sessionmaker)

    assert (parked.status, parked.attempts, parked.last_status_code, parked.last_error) == ("parked", 4, 502, "HTTP 502")
    assert (delivered.status, delivered.attempts, delivered.round, delivered.last_status_code) == ("delivered", 5, 2, 204)
    assert await timers(first_round) == BACKOFF
    assert await timers(second_round) == []
    replayer = Replayer(workflows=[WebhookDeliveryWorkflow])
    for handle in (first_round, second_round):  # the recorded histories replay without non-determinism
        await replayer.replay_workflow(await handle.fetch_history())
    assert [seen.webhook_id for seen in receiver.seen] == [parked.delivery_id] * 5
    assert all(seen.verified for seen in receiver.seen)
    # the signed timestamps are the workflow's clock: each gap is the timer plus the (sub-second) attempt before it
    gaps = [later.timestamp - earlier.timestamp for earlier, later in zip(receiver.seen[:3], receiver.seen[1:4], strict=True)]
    assert [min(gap - wait, 1) for gap, wait in zip(gaps, BACKOFF, strict=True)] in ([0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0], [1, 1, 1])


async def test_a_repeated_webhook_id_is_dropped_and_rotated_secrets_both_sign(
    worker: tuple[WorkflowEnvironment, str], sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    environment, task_queue = worker
    client = environment.client
    await seed_directory(sessionmaker)
    handlers = handlers_on(client, task_queue)
    old_only = Receiver(lost_answers=1)  # processes the first attempt but its answer is lost
    async with running(old_only) as url:
        webhook_id, secrets, intents = await notify_owner(sessionmaker, settings, handlers, url, rotate=True)
        old_only.secrets = secrets[:1]
        await complete_all(sessionmaker, settings, handlers, intents)
        sent = await delivery(sessionmaker)
        outcome = await outcome_of(environment, client.get_workflow_handle_for(WebhookDeliveryWorkflow.run, delivery_workflow_id(sent.delivery_id, 1)))
    async with sessionmaker() as session:
        endpoint = await live_endpoint(session, webhook_id)

    assert (outcome.status, outcome.attempts) == ("delivered", 2)
    assert [(seen.webhook_id, seen.verified, seen.dropped) for seen in old_only.seen] == [
        (sent.delivery_id, True, False), (sent.delivery_id, True, True),
    ]
    assert old_only.processed == [sent.delivery_id]
    assert endpoint is not None and secrets[0] != secrets[1]
    # the same request as sent, checked by a receiver that knows only the new secret
    assert [verify(secrets[1], seen.headers, seen.body) for seen in old_only.seen] == [True, True]
    assert [len(seen.headers["webhook-signature"].split(" ")) for seen in old_only.seen] == [2, 2]
