"""The outbox on SQLite and PostgreSQL: rolled back is never delivered, a crash is swept up, each recipient once per channel."""

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.intents.models import Intent
from server.intents.service import complete_intent, sweep_intents
from server.notifications.delivery import DeliveryStart, delivery_id_for
from server.notifications.models import OutboxEntry, WebhookEndpoint
from server.notifications.outbox import record_notification
from server.notifications.webhooks import create_webhook
from server.people.recipients import ManagersOf, ReviewersOf
from tests.notifications.support import RecordingStarter, delivery_count, drift, inbox
from tests.people.directory import seed_directory

LATER = 10**16
"""An instant past every sweep grace period."""


async def test_an_entry_of_a_rolled_back_transaction_is_never_delivered(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await seed_directory(sessionmaker)
    starter = RecordingStarter()
    async with sessionmaker() as session:
        await record_notification(session, drift(), [ManagersOf("t-east")], now_us=1)
        await session.rollback()

    report = await sweep_intents(sessionmaker, starter.handlers(), settings, now_us=LATER)

    async with sessionmaker() as session:
        entries = (await session.execute(select(func.count()).select_from(OutboxEntry))).scalar_one()
        intents = (await session.execute(select(func.count()).select_from(Intent))).scalar_one()
    assert (entries, intents, report.completed) == (0, 0, 0)
    assert await inbox(sessionmaker) == []
    assert starter.started == []


async def test_a_crash_between_commit_and_delivery_is_delivered_by_the_sweeper(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await seed_directory(sessionmaker)
    async with transaction(sessionmaker) as session:
        endpoint, _secret = await create_webhook(session, url="https://hooks.example.com/in", kinds=["goal.drifted"], description=None, now_us=1)
        entry, intents = await record_notification(session, drift(), [ManagersOf("t-east")], now_us=2)
    # the process dies here: nothing completes the two intents after the commit
    starter = RecordingStarter()

    first = await sweep_intents(sessionmaker, starter.handlers(), settings, now_us=LATER)
    second = await sweep_intents(sessionmaker, starter.handlers(), settings, now_us=LATER)

    assert entry.recipients == ("u-east", "u-root")
    assert len(intents) == 2
    assert (first.completed, first.failed, second.completed) == (2, 0, 0)
    assert await inbox(sessionmaker) == [("u-east", "g1"), ("u-root", "g1")]
    assert starter.started == sorted(
        (DeliveryStart(delivery_id_for(entry.outbox_id, endpoint.webhook_id, user), 1, starter.started[0].not_before_us)
         for user in ("u-east", "u-root")),
        key=lambda start: start.delivery_id,
    )
    assert await delivery_count(sessionmaker) == 2


async def test_each_recipient_gets_each_channel_once_however_often_completion_runs(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await seed_directory(sessionmaker)
    async with transaction(sessionmaker) as session:
        session.add(WebhookEndpoint(webhook_id="w1", url="https://a.example.com", kinds='["goal.drifted"]', created_at_us=0, updated_at_us=0))
        session.add(WebhookEndpoint(webhook_id="w2", url="https://b.example.com", kinds='["qa.finding"]', created_at_us=0, updated_at_us=0))
        entry, intents = await record_notification(session, drift(), [ReviewersOf("p-voice"), ReviewersOf("p-chat")], now_us=2)
        again, repeated = await record_notification(session, drift(dedup="goal-g1-2026-12"), [ReviewersOf("p-voice")], now_us=3)
        duplicate, none = await record_notification(session, drift(dedup="goal-g1-2026-12"), [ReviewersOf("p-voice")], now_us=4)
    starter = RecordingStarter()
    handlers = starter.handlers()

    ran = await asyncio.gather(*(complete_intent(sessionmaker, intent_id, handlers, settings, now_us=5) for intent_id in intents * 2))
    swept = await sweep_intents(sessionmaker, handlers, settings, now_us=LATER)

    assert sorted(ran) == [False, False, True, True]
    assert (swept.completed, len(repeated), none, duplicate.outbox_id, duplicate.new) == (2, 2, [], again.outbox_id, False)
    assert await inbox(sessionmaker) == [("u-qa1", "g1"), ("u-qa1", "g1"), ("u-qa2", "g1"), ("u-qa2", "g1")]
    assert sorted((start.delivery_id, start.round) for start in starter.started) == sorted(
        (delivery_id_for(outbox_id, "w1", user), 1) for outbox_id in (entry.outbox_id, again.outbox_id) for user in ("u-qa1", "u-qa2")
    )
    assert await delivery_count(sessionmaker) == 4
