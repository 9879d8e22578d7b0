"""The quality feature's demo records, seeded when the demo stream is in (``demo.loaded``); idempotent.

The demo's conversations are scored by the ingestion hook's intents like any others; this
adds what an organisation sets up by hand: the rules and default scorecard as version 1,
and a weekly sampling plan with the default coverage targets.
"""

from sqlmodel.ext.asyncio.session import AsyncSession

from server.demo.events import DemoLoaded
from server.quality.models import QaSamplingPlan
from server.quality.sampling import SamplingPlanRules
from server.quality.sampling_runs import create_plan
from server.quality.versions import current_rules, ensure_default_scorecard

DEMO_PLAN_ID = "demo-weekly-sampling"
DEMO_PLAN_NAME = "每周抽检 / Weekly sampling"


async def seed_demo(session: AsyncSession, event: DemoLoaded) -> None:
    """Rules, the default scorecard and the weekly sampling plan, each only when missing."""
    await current_rules(session, now_us=event.now_us)
    await ensure_default_scorecard(session, now_us=event.now_us)
    if await session.get(QaSamplingPlan, DEMO_PLAN_ID) is None:
        await create_plan(session, DEMO_PLAN_NAME, SamplingPlanRules(), by="system", now_us=event.now_us, plan_id=DEMO_PLAN_ID)
