"""The demo's open alert: a compliance finding on the demo's latest handled conversation (idempotent)."""

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.pipeline import on_compliance_finding
from server.demo.events import DemoLoaded
from server.metrics.api import metric_conversation
from server.quality.events import ComplianceFinding

DEMO_FINDING_ID = "demo-alert-finding"
FIVE_MINUTES_US = 300_000_000


async def seed_demo_alert(session: AsyncSession, loaded: DemoLoaded) -> None:
    """Listener of ``demo.loaded``: count one compliance finding five minutes before the demo's now; the rule raises the alert."""
    latest = (await session.execute(
        select(metric_conversation.c.conversation_id, metric_conversation.c.agent_id, metric_conversation.c.team_id)
        .where(metric_conversation.c.team_id.is_not(None), metric_conversation.c.start_us <= loaded.now_us)
        .order_by(metric_conversation.c.start_us.desc(), metric_conversation.c.conversation_id).limit(1)
    )).first()
    if latest is None:
        return
    conversation_id, agent_id, team_id = latest
    await on_compliance_finding(session, ComplianceFinding(
        finding_id=DEMO_FINDING_ID, conversation_id=conversation_id, agent_id=agent_id, team_id=team_id,
        rule_id="forbidden-phrase", severity="critical", message_id=None, occurred_at_us=loaded.now_us - FIVE_MINUTES_US,
    ))
