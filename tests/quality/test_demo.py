"""The demo organisation: seeded QA records (idempotent), every ended conversation scored, and sampling that meets
its coverage targets (≥ 2 per agent and week where the agent had them, ≥ 3 % overall)."""

import json
from zoneinfo import ZoneInfo

from server.alerts.pipeline import settle_evaluations
from server.config import Settings
from server.conversations.models import ConversationEvent
from server.db import transaction
from server.demo.events import DEMO_LOADED, DemoLoaded
from server.demo.generator import generate_events
from server.ingestion.service import ingest_events
from server.kernel.domain_events import publish
from server.quality.demo import DEMO_PLAN_ID
from server.quality.models import QaConversationFact, QaRuleSet, QaSamplingPlan, QaScorecard
from server.quality.module import FEATURE as QUALITY
from server.quality.sampling_runs import run_plan
from server.timefmt import now_us
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.quality.ingest import complete_pending

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def test_demo_seed_scoring_and_sampling_coverage(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest_events(sessionmaker, generate_events(300, 7), settings=settings)
    await settle_evaluations()  # the alert windows this import moved are evaluated before the demo is seeded
    assert await complete_pending(sessionmaker, settings) >= 1
    await settle_evaluations()  # and those its findings asked for

    for _ in range(2):
        async with transaction(sessionmaker) as session:
            # quality's own seeding (the other features' demo records are tested with them)
            await publish(session, DEMO_LOADED, DemoLoaded(now_us=now_us(), timezone="Asia/Shanghai"), [QUALITY])
    async with sessionmaker() as session:
        counts = [(await session.execute(select(func.count()).select_from(table))).scalar_one()
                  for table in (QaRuleSet, QaScorecard, QaSamplingPlan)]
        assert counts == [1, 1, 1]
        ended = (await session.execute(select(func.count(func.distinct(ConversationEvent.conversation_id))).where(
            ConversationEvent.type == "conversation.ended"))).scalar_one()
        scored = (await session.execute(select(func.count()).select_from(QaConversationFact))).scalar_one()
        assert scored == ended
    async with transaction(sessionmaker) as session:
        plan = await session.get(QaSamplingPlan, DEMO_PLAN_ID)
        assert plan is not None and json.loads(plan.definition)["per_agent_week"] == 2
        _run, sample, coverage = await run_plan(
            session, plan, ["u-qa-1", "u-qa-2", "u-qa-3"], from_us=0, to_us=4_000_000_000_000_000, seed=20261208,
            clause=QaConversationFact.conversation_id.is_not(None), zone=SHANGHAI, by="admin", now_us=now_us(),
        )
    assert coverage.candidates == scored
    assert coverage.agent_weeks_met == coverage.agent_weeks > 0
    assert coverage.overall_share >= 0.03
    loads = sorted(list(sample.assignments.values()).count(r) for r in ("u-qa-1", "u-qa-2", "u-qa-3"))
    assert loads[-1] - loads[0] <= 1
