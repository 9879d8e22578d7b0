"""A conversation waiting in a queue longer than a rule's minutes raises its alert; being answered clears it."""

from datetime import UTC, datetime, timedelta

from server.alerts.models import AlertWaiting
from server.alerts.pipeline import settle_evaluations
from server.alerts.rules import RuleSource, ScopeKind
from server.config import Settings
from server.ingestion.service import ingest_events
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.alerts.support import add_rule, alerts_of, spec
from tests.metrics.factory import Events
from tests.metrics.helpers import configure


async def waiting_rows(sessionmaker: async_sessionmaker[AsyncSession]) -> list[str]:
    async with sessionmaker() as session:
        return list((await session.execute(select(AlertWaiting.conversation_id).order_by(AlertWaiting.conversation_id))).scalars())


async def ingest_now(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, events: Events) -> None:
    """Ingest events of the last half hour (checked against the real clock), then wait for their evaluation."""
    report = await ingest_events(sessionmaker, events.items, settings=settings)
    assert report.rejected == 0, report.outcomes
    await settle_evaluations()


async def test_a_conversation_waiting_too_long_raises_and_answering_it_clears(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    rule_id = await add_rule(sessionmaker, spec(
        source=RuleSource.CONVERSATION_WAITING, metric_key=None, scope_kind=ScopeKind.CHANNEL, threshold=10.0,
    ))
    events = Events(base=datetime.now(UTC) - timedelta(minutes=30))
    events.started("long-wait", 0, channel="phone")
    events.queued("long-wait", 1)                 # queued 30 minutes ago: over the 10 minutes
    events.started("short-wait", 25 * 60, channel="phone")
    events.queued("short-wait", 25 * 60 + 1)     # 5 minutes ago
    events.started("answered", 0, channel="chat")
    events.queued("answered", 1)
    events.assigned("answered", 60, "a1")
    await ingest_now(sessionmaker, settings, events)
    [raised] = await alerts_of(sessionmaker, rule_id)
    waiting_then = await waiting_rows(sessionmaker)

    answer = Events(base=events.base)
    answer.assigned("long-wait", 29 * 60, "a1")
    await ingest_now(sessionmaker, settings, answer)
    [cleared] = await alerts_of(sessionmaker, rule_id)

    assert waiting_then == ["long-wait", "short-wait"]
    assert (raised.scope_kind, raised.scope_id, raised.state, raised.value) == ("channel", "phone", "open", 1.0)
    assert (cleared.alert_id, cleared.state, cleared.resolution, cleared.last_value) == (raised.alert_id, "resolved", "recovered", 0.0)
    assert await waiting_rows(sessionmaker) == ["short-wait"]
