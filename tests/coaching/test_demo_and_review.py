"""The demo's coaching plans (seeded once however often demo.loaded is published) and the review's task section."""

from server.coaching.models import CoachingPlan, CoachingTask
from server.db import transaction
from server.demo.events import DEMO_LOADED, DemoLoaded
from server.evaluation.events import REVIEW_COMPILING, ReviewCompiling
from server.kernel.domain_events import publish
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.coaching.support import DAY_US, START_US, seed_organisation


async def test_the_demo_plans_are_seeded_once_with_one_overdue_task_which_the_review_reports(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    await seed_organisation(sessionmaker)
    for _again in range(2):
        async with transaction(sessionmaker) as session:
            await publish(session, DEMO_LOADED, DemoLoaded(now_us=START_US, timezone="Asia/Shanghai"))
    review = ReviewCompiling(team_id="t-east", period_start_us=START_US - 7 * DAY_US, period_end_us=START_US)
    async with transaction(sessionmaker) as session:
        await publish(session, REVIEW_COMPILING, review)
    async with sessionmaker() as session:
        plans = (await session.execute(select(CoachingPlan).order_by(CoachingPlan.agent_id))).scalars().all()
        overdue = (await session.execute(select(CoachingTask.plan_id).where(CoachingTask.due_at_us < START_US))).scalars().all()

    assert [(plan.agent_id, plan.metric_key, plan.source_key) for plan in plans] == [
        ("a1", "fcr_rate", "demo:plan-1"), ("a2", "first_response_avg_s", "demo:plan-2"), ("a3", "csat_avg", "demo:plan-3"),
    ]
    assert overdue == [plans[0].plan_id]
    [section] = [section for section in review.sections if section.key == "coaching.tasks"]
    assert (section.key, section.title_en, section.data["open"], section.data["overdue"]) == (
        "coaching.tasks", "Open and overdue coaching tasks", 5, 1,
    )
    assert sorted((row["agentId"], row["kind"], row["overdue"]) for row in section.data["tasks"])[:2] == [
        ("a1", "one_to_one", False), ("a1", "script_practice", False),
    ]
