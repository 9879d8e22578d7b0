"""Which webhook deliveries an entry gets: muted kinds left out, quiet hours for non-urgent kinds only."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.db import transaction
from server.notifications.delivery import plan_webhook_deliveries
from server.notifications.models import WebhookDelivery, WebhookEndpoint
from server.notifications.outbox import OutboxMessage, write_entry
from server.people.models import NotificationPreference
from server.people.recipients import ReviewersOf
from server.people.records import UserRecord
from server.timefmt import to_us
from tests.people.directory import USERS, seed_directory

NOON_UTC = to_us(datetime(2026, 12, 7, 12, 0, tzinfo=UTC))  # 20:00 in Shanghai
QUIET_END = to_us(datetime(2026, 12, 8, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai")))


async def test_muted_kinds_and_quiet_hours(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    night_owl = UserRecord("u-qa4", "夜猫", pools=frozenset({"p-voice"}), time_zone="Asia/Shanghai",
                           quiet_start_minute=19 * 60, quiet_end_minute=7 * 60)
    await seed_directory(sessionmaker, (*USERS, night_owl))
    async with transaction(sessionmaker) as session:
        session.add(WebhookEndpoint(webhook_id="w1", url="https://a.example.com", kinds='["qa.finding", "alert.raised"]',
                                    created_at_us=0, updated_at_us=0))
        session.add(NotificationPreference(user_id="u-qa2", kind="qa.finding", webhook=False))
        finding = await write_entry(session, OutboxMessage("qa.finding", "review", "r1", {}), [ReviewersOf("p-voice")], now_us=1)
        alert = await write_entry(session, OutboxMessage("alert.raised", "team", "t-east", {}), [ReviewersOf("p-voice")], now_us=1)
        planned_finding = await plan_webhook_deliveries(session, finding.outbox_id, now_us=NOON_UTC, zone=ZoneInfo("UTC"))
        planned_alert = await plan_webhook_deliveries(session, alert.outbox_id, now_us=NOON_UTC, zone=ZoneInfo("UTC"))
    async with sessionmaker() as session:
        rows = (await session.execute(select(WebhookDelivery.outbox_id, WebhookDelivery.user_id, WebhookDelivery.not_before_us))).all()

    assert sorted((row.user_id, row.not_before_us) for row in rows if row.outbox_id == finding.outbox_id) == [
        ("u-qa1", NOON_UTC), ("u-qa4", QUIET_END),  # u-qa2 muted qa.finding; u-qa4 is in quiet hours
    ]
    assert sorted((row.user_id, row.not_before_us) for row in rows if row.outbox_id == alert.outbox_id) == [
        ("u-qa1", NOON_UTC), ("u-qa2", NOON_UTC), ("u-qa4", NOON_UTC),  # urgent: no quiet hours, not muted
    ]
    assert sorted(start.not_before_us for start in planned_finding) == [NOON_UTC, QUIET_END]
    assert sorted(start.not_before_us for start in planned_alert) == [NOON_UTC] * 3
