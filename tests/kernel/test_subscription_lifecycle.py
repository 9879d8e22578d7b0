"""A subscription's lifecycle: every delivered event has a short session, its own commit and audit write.

Each event's resolver writes an intent, records an individual-level read and asks for
an after-commit callback. When the event reaches the client, its intent is committed
(or rolled back, when its resolver failed), its callback has run (or not) and its audit
entry is written — the subscription does not hold one transaction for its whole life.
"""

import uuid
from collections.abc import AsyncGenerator

import strawberry
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.types import Info

from server.audit.extension import AuditExtension
from server.audit.models import AuditEntry
from server.audit.trail import AuditSubject
from server.config import Settings
from server.context import Context
from server.intents.models import Intent
from server.intents.service import record_intent
from server.schema import SessionExtension

NOW_US = 1_772_452_800_000_000
FAILING_TICK = 2
DELIVERED: list[int] = []
"""The ticks whose after-commit callback ran."""


@strawberry.type
class Tick:
    number: int

    @strawberry.field
    async def agent(self, info: Info) -> str:
        context: Context = info.context
        agent_id = f"agent-{self.number}"
        record_intent(context.session, "coaching.start", {"agent": agent_id}, now_us=NOW_US + self.number)
        await context.session.flush()
        context.audit.read("Agent", AuditSubject("agent", agent_id), "Tick.agent")
        async def committed() -> None:
            DELIVERED.append(self.number)

        context.on_commit(committed)
        if self.number == FAILING_TICK:
            raise ValueError(f"tick {self.number} failed")
        return agent_id


@strawberry.type
class TickQuery:
    @strawberry.field
    def ok(self) -> bool:
        return True


@strawberry.type
class TickSubscription:
    @strawberry.subscription
    async def ticks(self, count: int) -> AsyncGenerator[Tick, None]:
        for number in range(1, count + 1):
            yield Tick(number=number)


SCHEMA = strawberry.Schema(query=TickQuery, subscription=TickSubscription, extensions=[AuditExtension, SessionExtension])


async def stored(sessionmaker: async_sessionmaker[AsyncSession]) -> tuple[list[str], int]:
    """The committed intents' payloads and the number of audit entries."""
    async with sessionmaker() as session:
        payloads = list((await session.execute(select(Intent.payload).order_by(Intent.created_at_us))).scalars())
        audited = (await session.execute(select(func.count()).select_from(AuditEntry))).scalar_one()
    return payloads, audited


async def test_each_delivered_event_is_committed_audited_and_called_back_on_its_own(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    DELIVERED.clear()
    context = Context(settings=settings, sessionmaker=sessionmaker, request_id=uuid.uuid4().hex)
    stream = await SCHEMA.subscribe("subscription { ticks(count: 3) { number agent } }", context_value=context)
    seen = []
    async for result in stream:
        payloads, audited = await stored(sessionmaker)
        errors = [error.message for error in result.errors or []]
        seen.append((result.data, errors, payloads, audited, list(DELIVERED)))
    first, second, third = '{"agent":"agent-1"}', '{"agent":"agent-2"}', '{"agent":"agent-3"}'
    assert second not in (first, third)
    assert seen == [
        ({"ticks": {"number": 1, "agent": "agent-1"}}, [], [first], 1, [1]),
        (None, ["tick 2 failed"], [first], 2, [1]),  # rolled back, no callback; the read attempt is still audited
        ({"ticks": {"number": 3, "agent": "agent-3"}}, [], [first, third], 3, [1, 3]),
    ]
