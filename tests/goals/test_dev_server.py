"""A goal on the real Temporal dev server: its worker is stopped mid-goal and a new one finishes it.

The period is in the past with a daily cadence, so the 14 milestones are due at once and the
workflow checks them back to back; the first worker is shut down (its running activity cut off)
after a few checks, and every check and notification still exists exactly once.
"""

import asyncio
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.db import transaction
from server.goals.models import GOAL_PART, GoalCheck
from server.goals.repository import GoalRepository
from server.goals.service import create_goal
from server.notifications.models import OutboxEntry
from tests.goals.support import ingest, record_intents, team_goal
from tests.goals.test_checks import END, START, organisation
from workflows.goals.start import start_goal_workflow
from workflows.worker import build_worker

MILESTONES = 14


async def goal_checks(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        statement = select(func.count()).select_from(GoalCheck).where(GoalCheck.part_key == GOAL_PART)
        return (await session.execute(statement)).scalar_one()


async def test_a_goal_survives_its_worker_stopping_mid_goal(
    temporal_dev_server: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    await ingest(sessionmaker, settings, organisation())
    async with transaction(sessionmaker) as session:
        goal = await create_goal(session, settings, team_goal(START, END, cadence=timedelta(days=1)), record_intents(session, []),
                                 created_by="u-owner", draft=False, now_us=0)
    client = temporal_dev_server.client
    settings = settings.model_copy(update={"shutdown_grace_seconds": 0.0})
    first = build_worker(client, settings, sessionmaker, task_queue=task_queue)
    running = asyncio.create_task(first.run())
    handle = await start_goal_workflow(client, task_queue, goal.goal_id)
    assert handle is not None
    while await goal_checks(sessionmaker) < 3:
        await asyncio.sleep(0.05)
    await first.shutdown()
    await running
    stopped_at = await goal_checks(sessionmaker)
    async with build_worker(client, settings, sessionmaker, task_queue=task_queue):
        outcome = await asyncio.wait_for(handle.result(), timeout=120)
    async with sessionmaker() as session:
        milestones = (await session.execute(
            select(GoalCheck.milestone).where(GoalCheck.part_key == GOAL_PART).order_by(GoalCheck.milestone))).scalars().all()
        all_checks = (await session.execute(select(func.count()).select_from(GoalCheck))).scalar_one()
        drifts = (await session.execute(select(OutboxEntry.dedup_key).order_by(OutboxEntry.dedup_key))).scalars().all()
        stored = await GoalRepository(session).get(goal.goal_id)

    # Daily windows: 04-02 a1 alone at 50 s (behind), 04-03 a2 at 30 s (ahead), 04-09 a1 at 70 s (behind),
    # 04-10 a2 (ahead); every other day, and the last, has no sample: the goal is missed.
    assert stopped_at < MILESTONES
    assert milestones == list(range(1, MILESTONES + 1))
    assert all_checks == MILESTONES * 6
    assert drifts == [f"goal.drifted:{goal.goal_id}:m2", f"goal.drifted:{goal.goal_id}:m9"]
    assert (outcome.status, stored.status) == ("missed", "missed")
