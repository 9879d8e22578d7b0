"""LoadDemoDataWorkflow with a real worker on the time-skipping test server, on SQLite and PostgreSQL."""

import asyncio
import json
import math
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity
from temporalio.client import Client, WorkflowHistory
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from server.config import Settings
from server.demo.events import DEMO_LOADED, DemoLoaded
from server.demo.generator import generate_events
from server.demo.period import Period
from server.ingestion.repository import EventRepository
from workflows.demo import activities as activities_module
from workflows.demo.activities import HEARTBEAT_EVERY, DemoActivities, demo_batch
from workflows.demo.inputs import DemoBatchInput, LoadDemoDataInput, LoadDemoDataResult
from workflows.demo.workflows import BATCH_HEARTBEAT_TIMEOUT, LoadDemoDataWorkflow
from workflows.registry import WORKFLOWS
from workflows.worker import build_worker

CONVERSATIONS, SEED, BATCH_SIZE = 40, 7, 400
RECORDED_HISTORY = Path(__file__).parent / "histories" / "load_demo_data.json"


def stream_length(conversations: int = CONVERSATIONS, seed: int = SEED) -> int:
    return sum(1 for _ in generate_events(conversations, seed))


async def stored_events(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return await EventRepository(session).count()


async def load_demo(environment: WorkflowEnvironment, worker: Worker, workflow_id: str) -> LoadDemoDataResult:
    async with worker:
        return await environment.client.execute_workflow(
            LoadDemoDataWorkflow.run,
            LoadDemoDataInput(conversations=CONVERSATIONS, seed=SEED, batch_size=BATCH_SIZE),
            id=workflow_id,
            task_queue=worker.task_queue,
        )


def test_batches_cover_the_stream_exactly_once() -> None:
    total = stream_length()
    batches = [demo_batch(DemoBatchInput(CONVERSATIONS, SEED, BATCH_SIZE, index)) for index in range(math.ceil(total / BATCH_SIZE))]
    ids = [event["id"] for events, _last in batches for event in events]
    assert ids == [event["id"] for event in generate_events(CONVERSATIONS, SEED)]
    assert [last for _events, last in batches] == [False] * (len(batches) - 1) + [True]
    assert {event["source"] for events, _last in batches for event in events} == {"demo"}


async def test_load_demo_data_stores_every_event_once(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    total = stream_length()
    worker = build_worker(time_skipping_env.client, settings, sessionmaker, task_queue=task_queue)
    first = await load_demo(time_skipping_env, worker, f"demo-{uuid.uuid4().hex}")
    again = await load_demo(time_skipping_env, build_worker(time_skipping_env.client, settings, sessionmaker, task_queue=task_queue), f"demo-{uuid.uuid4().hex}")
    batches = math.ceil(total / BATCH_SIZE)
    assert first == LoadDemoDataResult(batches=batches, events=total, accepted=total, stored=total)
    assert again == LoadDemoDataResult(batches=batches, events=total, duplicates=total, stored=total)
    assert await stored_events(sessionmaker) == total


async def test_once_the_stream_is_in_features_are_told_to_seed_their_demo_records_at_its_end(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    published: list[tuple[str, object, int]] = []

    async def recording_publish(session: AsyncSession, topic: str, event: object) -> int:
        published.append((topic, event, await stored_events(sessionmaker)))
        return 0

    monkeypatch.setattr(activities_module, "publish", recording_publish)
    worker = build_worker(time_skipping_env.client, settings, sessionmaker, task_queue=task_queue)
    await load_demo(time_skipping_env, worker, f"demo-{uuid.uuid4().hex}")
    period_end = Period(CONVERSATIONS, None).end
    assert published == [(DEMO_LOADED, DemoLoaded(now_us=period_end * 1_000_000, timezone="Asia/Shanghai"), stream_length())]


class ActivitiesFailingAfterWriting(DemoActivities):
    """Batch 1's first attempt writes its events, then fails as if the worker died before reporting."""

    @activity.defn(name="load_demo_batch")
    async def load_batch(self, request: DemoBatchInput):  # noqa: ANN201  (same signature as the parent's)
        result = await super().load_batch(request)
        if request.batch_index == 1 and activity.info().attempt == 1:
            raise ApplicationError("worker lost after the batch was written")
        return result


async def test_a_retried_batch_loses_and_duplicates_nothing(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    total = stream_length()
    batch_one = len(demo_batch(DemoBatchInput(CONVERSATIONS, SEED, BATCH_SIZE, 1))[0])
    worker = Worker(
        time_skipping_env.client, task_queue=task_queue, workflows=WORKFLOWS,
        activities=[
            ActivitiesFailingAfterWriting(sessionmaker, settings).load_batch,
            ActivitiesFailingAfterWriting(sessionmaker, settings).seed_records,
        ],
    )
    result = await load_demo(time_skipping_env, worker, f"demo-{uuid.uuid4().hex}")
    assert result == LoadDemoDataResult(
        batches=math.ceil(total / BATCH_SIZE), events=total, accepted=total - batch_one, duplicates=batch_one,
        stored=total, retried_batches=1,
    )
    assert await stored_events(sessionmaker) == result.stored == total


async def test_progress_query_reports_the_totals(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    # Queried while the worker that ran it still serves its task queue: a fresh worker would first wait out the
    # finished worker's sticky queue (the server's schedule-to-start timeout), which under load passed the 30 s
    # query deadline; replaying a finished history is covered by the replay tests below.
    worker = build_worker(time_skipping_env.client, settings, sessionmaker, task_queue=task_queue)
    async with worker:
        handle = await time_skipping_env.client.start_workflow(
            LoadDemoDataWorkflow.run,
            LoadDemoDataInput(conversations=CONVERSATIONS, seed=SEED, batch_size=BATCH_SIZE),
            id=f"demo-{uuid.uuid4().hex}",
            task_queue=worker.task_queue,
        )
        result = await handle.result()
        progress = await handle.query(LoadDemoDataWorkflow.progress)
    assert progress == result


async def test_a_fresh_history_replays_without_nondeterminism(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    workflow_id = f"demo-{uuid.uuid4().hex}"
    await load_demo(time_skipping_env, build_worker(time_skipping_env.client, settings, sessionmaker, task_queue=task_queue), workflow_id)
    history = await time_skipping_env.client.get_workflow_handle(workflow_id).fetch_history()
    replay = await Replayer(workflows=[LoadDemoDataWorkflow]).replay_workflow(history)
    assert replay.replay_failure is None


async def test_the_recorded_history_still_replays() -> None:
    """A history recorded from an earlier version: a change that breaks running workflows fails here."""
    recorded = json.loads(RECORDED_HISTORY.read_text(encoding="utf-8"))
    history = WorkflowHistory.from_json(recorded["workflow_id"], recorded["history"])
    replay = await Replayer(workflows=[LoadDemoDataWorkflow]).replay_workflow(history)
    assert replay.replay_failure is None
    assert len(history.events) == recorded["event_count"]


async def test_two_workers_side_by_side_load_the_stream_once(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    """Workers keep no state of their own: replicas (each with its own client, as processes have) share one queue."""
    total = stream_length()
    first = build_worker(time_skipping_env.client, settings, sessionmaker, task_queue=task_queue)
    other_client = await Client.connect(
        time_skipping_env.client.service_client.config.target_host, namespace=time_skipping_env.client.namespace
    )
    second = build_worker(other_client, settings, sessionmaker, task_queue=task_queue)
    async with second:
        result = await load_demo(time_skipping_env, first, f"demo-{uuid.uuid4().hex}")
    assert result == LoadDemoDataResult(batches=math.ceil(total / BATCH_SIZE), events=total, accepted=total, stored=total)
    assert await stored_events(sessionmaker) == total


async def test_a_batch_heartbeats_while_it_works_within_a_short_timeout(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dead worker's batch is retried after the heartbeat timeout: the batch must beat well within it while it writes."""
    beats: list[object] = []
    environment = ActivityEnvironment()
    environment.on_heartbeat = beats.append
    real_ingest = activities_module.ingest_events

    async def slow_ingest(*arguments: object, **keywords: object):  # noqa: ANN202
        await asyncio.sleep(3 * HEARTBEAT_EVERY.total_seconds())
        return await real_ingest(*arguments, **keywords)

    monkeypatch.setattr(activities_module, "ingest_events", slow_ingest)
    result = await environment.run(DemoActivities(sessionmaker, settings).load_batch, DemoBatchInput(CONVERSATIONS, SEED, BATCH_SIZE, 0))
    assert result.accepted == BATCH_SIZE and result.attempt == 1
    assert len(beats) >= 3 and set(beats) == {0}
    assert BATCH_HEARTBEAT_TIMEOUT >= 5 * HEARTBEAT_EVERY and BATCH_HEARTBEAT_TIMEOUT <= timedelta(seconds=10)
