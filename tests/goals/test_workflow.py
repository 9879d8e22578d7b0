"""The goal workflow on Temporal's time-skipping server: a quarter of weekly milestones in seconds, on SQLite and PostgreSQL."""

import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.client import WorkflowFailureError, WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from server.config import Settings
from server.db import transaction
from server.goals.handlers import signal_handler, start_handler
from server.goals.models import GOAL_PART, GoalCheck
from server.goals.repository import GoalRepository
from server.goals.service import cancel_goal, create_goal, update_goal
from server.intents.models import Intent
from server.intents.service import complete_intent, sweep_intents
from server.notifications.models import OutboxEntry
from workflows.goals.inputs import GoalWorkflowInput
from workflows.goals.start import start_goal_workflow
from workflows.goals.workflows import GoalWorkflow, goal_workflow_id
from workflows.worker import build_worker
from tests.goals.support import ZONE, Stream, ingest, record_intents, team_goal

RECORDED_HISTORY = Path(__file__).parent / "histories" / "goal_quarter.json"


def next_monday() -> date:
    today = datetime.now(ZONE).date()
    return today + timedelta(days=7 - today.weekday())


def quarter(start: date) -> Stream:
    """Baseline as in test_checks (44 s); every week of the quarter a1 answers in 40 s and a2 in 30 s: 35 s."""
    stream = Stream()
    stream.many("a1", start - timedelta(days=20), 4, 60)
    stream.many("a2", start - timedelta(days=19), 4, 30)
    stream.many("a3", start - timedelta(days=18), 2, 40)
    for week in range(13):
        stream.many("a1", start + timedelta(days=7 * week + 1), 3, 40)
        stream.many("a2", start + timedelta(days=7 * week + 2), 3, 30)
    return stream


async def create(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, start: date, **changes: object) -> str:
    async with transaction(sessionmaker) as session:
        goal = await create_goal(session, settings, team_goal(start, start + timedelta(days=90), **changes),
                                 record_intents(session, []), created_by="u-owner", draft=False, now_us=0)
    return goal.goal_id


async def test_a_quarter_long_team_goal_runs_every_milestone_and_closes_met(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    start = next_monday()
    await ingest(sessionmaker, settings, quarter(start))
    goal_id = await create(sessionmaker, settings, start)
    client = time_skipping_env.client
    async with build_worker(client, settings, sessionmaker, task_queue=task_queue):
        started = await start_goal_workflow(client, task_queue, goal_id)
        again = await start_goal_workflow(client, task_queue, goal_id)
        assert started is not None
        outcome = await started.result()
    async with sessionmaker() as session:
        goal_checks = (await session.execute(
            select(GoalCheck).where(GoalCheck.part_key == GOAL_PART).order_by(GoalCheck.milestone))).scalars().all()
        part_checks = (await session.execute(select(func.count()).select_from(GoalCheck))).scalar_one()
        goal = await GoalRepository(session).get(goal_id)
        kinds = (await session.execute(select(OutboxEntry.kind))).scalars().all()

    assert again is None
    assert (outcome.status, outcome.last_milestone, goal.status) == ("met", 13, "met")
    assert [check.milestone for check in goal_checks] == list(range(1, 14))
    assert {(check.actual, check.sample_size, check.status) for check in goal_checks} == {(35.0, 6, "ahead")}
    assert part_checks == 13 * 6  # the goal, t-a, t-b, a1, a2, a3 at every milestone
    assert kinds == ["goal.achieved"]
    history = await client.get_workflow_handle(goal_workflow_id(goal_id)).fetch_history()
    replay = await Replayer(workflows=[GoalWorkflow]).replay_workflow(history)
    assert replay.replay_failure is None


async def test_a_long_goal_continues_as_new_without_repeating_a_check(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    start = next_monday()
    await ingest(sessionmaker, settings, quarter(start))
    goal_id = await create(sessionmaker, settings, start, end_date=start + timedelta(days=2), cadence=timedelta(hours=6))
    client = time_skipping_env.client
    async with build_worker(client, settings, sessionmaker, task_queue=task_queue):
        outcome = await client.execute_workflow(
            GoalWorkflow.run, GoalWorkflowInput(goal_id, milestones_per_run=4), id=goal_workflow_id(goal_id), task_queue=task_queue,
        )
    async with sessionmaker() as session:
        milestones = (await session.execute(
            select(GoalCheck.milestone).where(GoalCheck.part_key == GOAL_PART).order_by(GoalCheck.milestone))).scalars().all()

    # Three days of six-hour milestones: 12, checked across three runs of at most four.
    assert (outcome.last_milestone, milestones) == (12, list(range(1, 13)))


async def test_a_cancelled_goal_stops_its_workflow_and_a_missing_one_fails_without_retries(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    start = next_monday()
    await ingest(sessionmaker, settings, quarter(start))
    goal_id = await create(sessionmaker, settings, start)
    client = time_skipping_env.client

    async def client_for(_settings: Settings):  # noqa: ANN202
        return client

    settings = settings.model_copy(update={"temporal_task_queue": task_queue})
    async with build_worker(client, settings, sessionmaker, task_queue=task_queue):
        async with transaction(sessionmaker) as session:
            intent_id = (await session.execute(select(Intent.intent_id).where(Intent.kind == "goals.start"))).scalar_one()
        handlers = {"goals.start": start_handler(client_for), "goals.signal": signal_handler(client_for)}
        ran = await complete_intent(sessionmaker, intent_id, handlers, settings, now_us=1)
        twice = await complete_intent(sessionmaker, intent_id, handlers, settings, now_us=2)
        asked: list = []
        async with transaction(sessionmaker) as session:
            goal = await GoalRepository(session).get(goal_id)
            await cancel_goal(session, goal, record_intents(session, asked), now_us=3)
        async with transaction(sessionmaker) as session:
            signal_id = (await session.execute(select(Intent.intent_id).where(Intent.kind == "goals.signal"))).scalar_one()
        await complete_intent(sessionmaker, signal_id, handlers, settings, now_us=4)
        outcome = await client.get_workflow_handle_for(GoalWorkflow.run, goal_workflow_id(goal_id)).result()
        with pytest.raises(WorkflowFailureError) as failure:
            await client.execute_workflow(GoalWorkflow.run, GoalWorkflowInput("no-such-goal"), id=f"goal-{uuid.uuid4().hex}",
                                          task_queue=task_queue)
    async with sessionmaker() as session:
        goal = await GoalRepository(session).get(goal_id)

    assert (ran, twice, asked) == (True, False, [("goals.signal", {"goal_id": goal_id})])
    assert goal.workflow_started_at_us is not None
    assert (outcome.status, goal.status) == ("cancelled", "cancelled")
    assert "does not exist" in str(failure.value.cause.cause)


async def test_the_recorded_history_still_replays() -> None:
    """A history recorded from an earlier version: a change that breaks running goals fails here."""
    recorded = json.loads(RECORDED_HISTORY.read_text(encoding="utf-8"))
    history = WorkflowHistory.from_json(recorded["workflow_id"], recorded["history"])
    replay = await Replayer(workflows=[GoalWorkflow]).replay_workflow(history)
    assert replay.replay_failure is None
    assert len(history.events) == recorded["event_count"]


async def test_a_shortened_goal_is_re_read_and_closes_at_its_new_end(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    start = next_monday()
    await ingest(sessionmaker, settings, quarter(start))
    goal_id = await create(sessionmaker, settings, start)
    client = time_skipping_env.client

    async def client_for(_settings: Settings):  # noqa: ANN202
        return client

    async with build_worker(client, settings, sessionmaker, task_queue=task_queue):
        handle = await start_goal_workflow(client, task_queue, goal_id)
        assert handle is not None
        asked: list = []
        async with transaction(sessionmaker) as session:
            goal = await GoalRepository(session).get(goal_id)
            await update_goal(session, settings, goal, {"end_date": start + timedelta(days=13)}, record_intents(session, asked),
                              activate_now=False, now_us=5)
        async with sessionmaker() as session:
            signal_id = (await session.execute(select(Intent.intent_id).where(Intent.kind == "goals.signal"))).scalar_one()
        await complete_intent(sessionmaker, signal_id, {"goals.signal": signal_handler(client_for)}, settings, now_us=6)
        outcome = await handle.result()
    async with sessionmaker() as session:
        milestones = (await session.execute(
            select(GoalCheck.milestone).where(GoalCheck.part_key == GOAL_PART).order_by(GoalCheck.milestone))).scalars().all()
        goal = await GoalRepository(session).get(goal_id)

    # Two weeks now: milestones at the end of each week, the second closing the goal (35 s against 39.6 s: met).
    assert asked == [("goals.signal", {"goal_id": goal_id})]
    assert (outcome.status, outcome.last_milestone, milestones, goal.revision) == ("met", 2, [1, 2], 2)


async def test_a_start_left_pending_while_temporal_was_down_is_made_by_the_sweeper(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    start = next_monday()
    await ingest(sessionmaker, settings, quarter(start))
    goal_id = await create(sessionmaker, settings, start)
    client = time_skipping_env.client

    async def down(_settings: Settings):  # noqa: ANN202
        raise ConnectionError("Temporal is unreachable")

    async def up(_settings: Settings):  # noqa: ANN202
        return client

    settings = settings.model_copy(update={"temporal_task_queue": task_queue})
    failed = await sweep_intents(sessionmaker, {"goals.start": start_handler(down)}, settings, now_us=10**18, grace_us=0)
    async with sessionmaker() as session:
        pending = (await GoalRepository(session).get(goal_id)).workflow_started_at_us
    swept = await sweep_intents(sessionmaker, {"goals.start": start_handler(up)}, settings, now_us=10**18, grace_us=0)
    again = await sweep_intents(sessionmaker, {"goals.start": start_handler(up)}, settings, now_us=10**18, grace_us=0)
    description = await client.get_workflow_handle(goal_workflow_id(goal_id)).describe()
    async with sessionmaker() as session:
        started = (await GoalRepository(session).get(goal_id)).workflow_started_at_us

    assert (failed.failed, pending) == (1, None)
    assert (swept.completed, again.completed, again.failed) == (1, 0, 0)
    assert started is not None and description.id == goal_workflow_id(goal_id)
    await client.get_workflow_handle(goal_workflow_id(goal_id)).terminate("the test ends here")
