"""The team review schedule on Temporal's time-skipping server: weeks of reviews in seconds, each period written once."""

import json
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.client import WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from server.config import Settings
from server.db import transaction
from server.evaluation.models import TeamReview
from server.evaluation.review import review_id_of
from server.evaluation.schedules import set_schedule
from server.notifications.models import Notification
from server.timefmt import to_us
from tests.evaluation.record_history import RECORDED_HISTORY
from tests.people.directory import seed_directory
from tests.workflows.conftest import time_skipping_env  # noqa: F401  (fixture)
from workflows.evaluation.activities import ReviewActivities
from workflows.evaluation.inputs import DAY_US, TeamReviewScheduleInput
from workflows.evaluation.start import start_review_schedule_workflow
from workflows.evaluation.workflows import TeamReviewScheduleWorkflow, schedule_workflow_id
from workflows.registry import build_activities


@pytest.fixture
async def worker(
    time_skipping_env: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> AsyncIterator[tuple[WorkflowEnvironment, str]]:
    task_queue = f"test-{uuid.uuid4().hex}"
    activities = build_activities(sessionmaker, settings, [ReviewActivities])
    async with Worker(time_skipping_env.client, task_queue=task_queue, workflows=[TeamReviewScheduleWorkflow], activities=activities):
        yield time_skipping_env, task_queue


async def _reviews(sessionmaker: async_sessionmaker[AsyncSession]) -> list[tuple[str, int, int, str]]:
    async with sessionmaker() as session:
        rows = await session.execute(
            select(TeamReview.review_id, TeamReview.period_start_us, TeamReview.period_end_us, TeamReview.trigger)
            .order_by(TeamReview.period_start_us)
        )
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


async def test_weekly_reviews_run_through_continue_as_new_and_a_second_start_joins(
    worker: tuple[WorkflowEnvironment, str], sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    environment, task_queue = worker
    await seed_directory(sessionmaker)
    first_end = to_us(await environment.get_current_time()) + DAY_US
    handle = await environment.client.start_workflow(
        TeamReviewScheduleWorkflow.run, TeamReviewScheduleInput("t-east", first_end, runs=5, reviews_per_history=2),
        id=schedule_workflow_id("t-east"), task_queue=task_queue,
    )
    again = await start_review_schedule_workflow(environment.client, "t-east", first_end + DAY_US, task_queue=task_queue, runs=1)
    assert again.result_run_id == handle.result_run_id
    written = await handle.result()
    week = 7 * DAY_US
    periods = [(first_end + (index - 1) * week, first_end + index * week) for index in range(5)]
    assert written == [review_id_of("t-east", start, end) for start, end in periods]
    assert await _reviews(sessionmaker) == [(review_id_of("t-east", s, e), s, e, "schedule") for s, e in periods]
    async with sessionmaker() as session:
        told = (await session.execute(select(Notification.user_id, Notification.kind).order_by(Notification.user_id))).all()
    assert sorted(set(told)) == [("u-east", "review.ready"), ("u-root", "review.ready")]
    assert len(told) == 10


async def test_a_team_schedule_sets_the_cadence_and_a_disabled_one_writes_nothing(
    worker: tuple[WorkflowEnvironment, str], sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    environment, task_queue = worker
    start = to_us(await environment.get_current_time())
    async with transaction(sessionmaker) as session:
        await set_schedule(session, "t-east", 1, True, now_us=start)
        await set_schedule(session, "t-west", 7, False, now_us=start)
    east = await environment.client.start_workflow(
        TeamReviewScheduleWorkflow.run, TeamReviewScheduleInput("t-east", start + DAY_US, runs=3),
        id=schedule_workflow_id("t-east"), task_queue=task_queue,
    )
    assert len(await east.result()) == 3
    days = [(start + index * DAY_US, start + (index + 1) * DAY_US) for index in range(3)]
    assert [(s, e) for _id, s, e, _trigger in await _reviews(sessionmaker)] == days
    west = await environment.client.start_workflow(
        TeamReviewScheduleWorkflow.run, TeamReviewScheduleInput("t-west", start + DAY_US, runs=3, reviews_per_history=2),
        id=schedule_workflow_id("t-west"), task_queue=task_queue,
    )
    assert await west.result() == []  # three disabled periods, across a continue-as-new
    assert len(await _reviews(sessionmaker)) == 3


async def test_a_live_history_replays_without_non_determinism(
    worker: tuple[WorkflowEnvironment, str], sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    environment, task_queue = worker
    first_end = to_us(await environment.get_current_time()) + DAY_US
    handle = await environment.client.start_workflow(
        TeamReviewScheduleWorkflow.run, TeamReviewScheduleInput("t-east", first_end, runs=2),
        id=schedule_workflow_id("t-east"), task_queue=task_queue,
    )
    await handle.result()
    replay = await Replayer(workflows=[TeamReviewScheduleWorkflow]).replay_workflow(await handle.fetch_history())
    assert replay.replay_failure is None


async def test_the_recorded_history_still_replays() -> None:
    """A history recorded from an earlier version (two periods, then continue-as-new): a breaking change fails here."""
    recorded = json.loads(RECORDED_HISTORY.read_text(encoding="utf-8"))
    history = WorkflowHistory.from_json(recorded["workflow_id"], recorded["history"])
    replay = await Replayer(workflows=[TeamReviewScheduleWorkflow]).replay_workflow(history)
    assert (replay.replay_failure, recorded["event_count"]) == (None, 39)
