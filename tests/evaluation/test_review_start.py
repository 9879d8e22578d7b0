"""The schedule's durable intent: started after the commit, once per team; with Temporal down the intent waits."""

import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.api.enums.v1 import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from server.config import Settings
from server.db import transaction
from server.evaluation.cli import schedule_every_team
from server.evaluation.handlers import start_review_schedule
from server.evaluation.schedules import SCHEDULE_INTENT, set_schedule
from server.intents.models import Intent
from server.intents.service import complete_intent, record_intent
from server.timefmt import now_us
from tests.people.directory import TEAMS, seed_directory
from tests.workflows.conftest import time_skipping_env  # noqa: F401  (fixture)
from workflows.evaluation.activities import ReviewActivities
from workflows.evaluation.workflows import TeamReviewScheduleWorkflow, schedule_workflow_id
from workflows.registry import build_activities

HANDLERS = {SCHEDULE_INTENT: start_review_schedule}


@pytest.fixture
async def configured(
    time_skipping_env: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> AsyncIterator[tuple[WorkflowEnvironment, Settings]]:
    """Settings that reach the test server on a queue of this test, with a worker serving it."""
    task_queue = f"test-{uuid.uuid4().hex}"
    reaching = settings.model_copy(update={
        "temporal_address": time_skipping_env.client.service_client.config.target_host,
        "temporal_namespace": time_skipping_env.client.namespace,
        "temporal_task_queue": task_queue,
    })
    activities = build_activities(sessionmaker, reaching, [ReviewActivities])
    async with Worker(time_skipping_env.client, task_queue=task_queue, workflows=[TeamReviewScheduleWorkflow], activities=activities):
        yield time_skipping_env, reaching


async def _schedule_intent(sessionmaker: async_sessionmaker[AsyncSession], team_id: str) -> str:
    async with transaction(sessionmaker) as session:
        await set_schedule(session, team_id, 7, True, now_us=now_us())
        return record_intent(session, SCHEDULE_INTENT, {"team_id": team_id}, now_us=now_us())


async def test_the_intent_starts_the_teams_schedule_and_a_second_one_joins_it(
    configured: tuple[WorkflowEnvironment, Settings], sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    environment, settings = configured
    team = f"t-{uuid.uuid4().hex[:8]}"
    first, second = await _schedule_intent(sessionmaker, team), await _schedule_intent(sessionmaker, team)
    handle = environment.client.get_workflow_handle(schedule_workflow_id(team))
    assert await complete_intent(sessionmaker, first, HANDLERS, settings, now_us=now_us()) is True
    started = await handle.describe()
    assert await complete_intent(sessionmaker, first, HANDLERS, settings, now_us=now_us()) is False
    assert await complete_intent(sessionmaker, second, HANDLERS, settings, now_us=now_us()) is True
    joined = await handle.describe()
    await handle.terminate("test over")
    assert started.status == joined.status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
    assert joined.run_id == started.run_id


async def test_with_temporal_down_the_change_commits_and_its_intent_stays_pending(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> None:
    down = settings.model_copy(update={"temporal_address": "127.0.0.1:9"})
    intent_id = await _schedule_intent(sessionmaker, "t-east")
    with pytest.raises(RuntimeError):
        await complete_intent(sessionmaker, intent_id, HANDLERS, down, now_us=now_us())
    async with sessionmaker() as session:
        pending = (await session.execute(select(Intent.completed_at_us).where(Intent.intent_id == intent_id))).scalar_one()
    assert pending is None


async def test_every_team_gets_its_schedule_and_a_second_run_joins_them(
    configured: tuple[WorkflowEnvironment, Settings], sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    environment, settings = configured
    await seed_directory(sessionmaker)
    assert await schedule_every_team(sessionmaker, settings, HANDLERS) == {"teams": 4, "started": 4, "pending": 0}
    first = {team: (await environment.client.get_workflow_handle(schedule_workflow_id(team)).describe()).run_id for team in TEAMS}
    assert await schedule_every_team(sessionmaker, settings, HANDLERS) == {"teams": 4, "started": 4, "pending": 0}
    for team in TEAMS:
        handle = environment.client.get_workflow_handle(schedule_workflow_id(team))
        assert (await handle.describe()).run_id == first[team]
        await handle.terminate("test over")


async def test_with_temporal_down_every_start_is_left_pending(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> None:
    await seed_directory(sessionmaker)
    down = settings.model_copy(update={"temporal_address": "127.0.0.1:9"})
    assert await schedule_every_team(sessionmaker, down, HANDLERS) == {"teams": 4, "started": 0, "pending": 4}
    async with sessionmaker() as session:
        pending = (await session.execute(select(Intent.payload).where(Intent.completed_at_us.is_(None)).order_by(Intent.payload))).scalars().all()
    assert list(pending) == [f'{{"team_id":"{team}"}}' for team in sorted(TEAMS)]
