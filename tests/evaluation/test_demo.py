"""The demo organisation gets a review per team for the week its story ends in, once however often demo.loaded arrives."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.alerts.pipeline import settle_evaluations
from server.db import transaction
from server.demo.events import DEMO_LOADED, DemoLoaded
from server.demo.generator import generate_events
from server.demo.organisation import SERVICE_TEAM_IDS
from server.demo.period import SHANGHAI
from server.evaluation.models import TeamReview
from server.evaluation.review import review_id_of
from server.ingestion.service import ingest_events
from server.intents.models import Intent
from server.kernel.domain_events import publish
from server.timefmt import to_us

STORY_END = datetime(2026, 9, 15, 0, 0, tzinfo=SHANGHAI)
"""300 demo conversations span 2026-09-01 to 2026-09-14 (their last event: 09-14 22:17 +08:00)."""
WEEK_START = datetime(2026, 9, 8, 0, 0, tzinfo=SHANGHAI)


async def test_demo_loaded_writes_one_review_per_team_once(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    events = list(generate_events(300, 7))
    report = await ingest_events(sessionmaker, events, settings=settings, batch_size=1000, now_us=to_us(STORY_END))
    assert report.rejected == 0
    await settle_evaluations()  # the alert windows this import moved are evaluated before the demo is seeded
    for _delivery in range(2):
        async with transaction(sessionmaker) as session:
            await publish(session, DEMO_LOADED, DemoLoaded(now_us=to_us(STORY_END), timezone="Asia/Shanghai"))
    agent_teams = {event["team_id"] for event in events if event["type"] == "agent.upserted"}
    async with sessionmaker() as session:
        reviews = (await session.execute(select(TeamReview).order_by(TeamReview.team_id))).scalars().all()
        intents = (await session.execute(select(Intent.payload).where(Intent.kind == "evaluation.review_schedule"))).scalars().all()
    assert [review.team_id for review in reviews] == sorted(SERVICE_TEAM_IDS)  # every service team answered that week
    assert set(SERVICE_TEAM_IDS) <= agent_teams
    assert [review.review_id for review in reviews] == [
        review_id_of(review.team_id, to_us(WEEK_START), to_us(STORY_END)) for review in reviews
    ]
    assert sorted(intents) == sorted(f'{{"team_id":"{review.team_id}"}}' for review in reviews)
    assert all("团队复盘" in review.summary_zh and "Team review 2026-09-08 to 2026-09-14" in review.summary_en for review in reviews)
