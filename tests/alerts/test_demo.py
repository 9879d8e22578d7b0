"""The demo's open alert: seeded by the ``demo.loaded`` listener, once however often the event is published."""

from server.alerts.models import Alert
from server.alerts.pipeline import settle_evaluations
from server.config import Settings
from server.db import transaction
from server.demo.events import DEMO_LOADED, DemoLoaded
from server.kernel.domain_events import publish
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.alerts.support import ingest_and_settle
from tests.metrics.factory import BASE_US, Events
from tests.metrics.helpers import configure


async def test_the_demo_gets_one_open_compliance_alert(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await configure(sessionmaker, settings)
    events = Events()
    events.team("t-demo")
    events.agent("a-demo", "t-demo")
    for number, start in enumerate((0, 600)):
        conversation = f"demo-{number}"
        events.started(conversation, start)
        events.queued(conversation, start + 1)
        events.assigned(conversation, start + 5, "a-demo")
        events.ended(conversation, start + 300)
    await ingest_and_settle(sessionmaker, settings, events.items)
    loaded = DemoLoaded(now_us=BASE_US + 3_600_000_000, timezone="Asia/Shanghai")
    for _ in range(2):
        async with transaction(sessionmaker) as session:
            await publish(session, DEMO_LOADED, loaded)
        await settle_evaluations()
    async with sessionmaker() as session:
        alerts = (await session.execute(select(Alert))).scalars().all()
    assert [(alert.rule_id, alert.scope_kind, alert.scope_id, alert.agent_id, alert.state, alert.value) for alert in alerts] == [
        ("default-compliance_phrase", "team", "t-demo", None, "open", 1.0),
    ]
    assert alerts[0].window_end_us == loaded.now_us   # the finding's bucket is the one that ends at the demo's now
