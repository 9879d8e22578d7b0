"""The worker counts every activity attempt by type and outcome, and times it (``/metrics``)."""

import math
import uuid

from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from server.config import Settings
from tests.workflows.test_demo import BATCH_SIZE, ActivitiesFailingAfterWriting, load_demo, stream_length
from workflows.registry import WORKFLOWS
from workflows.telemetry import ActivityTelemetry

ACTIVITY = "load_demo_batch"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_attempts_are_counted_by_outcome(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    """Batch 1 fails once after writing, then succeeds: one failed attempt, one completed per batch."""
    before = {outcome: sample("coachloop_activity_executions_total", activity=ACTIVITY, outcome=outcome)
              for outcome in ("completed", "failed", "cancelled")}
    timed_before = sample("coachloop_activity_duration_seconds_count", activity=ACTIVITY)
    worker = Worker(
        time_skipping_env.client, task_queue=task_queue, workflows=WORKFLOWS,
        activities=[
            ActivitiesFailingAfterWriting(sessionmaker, settings).load_batch,
            ActivitiesFailingAfterWriting(sessionmaker, settings).seed_records,
        ],
        interceptors=[ActivityTelemetry()],
    )
    result = await load_demo(time_skipping_env, worker, f"demo-{uuid.uuid4().hex}")
    batches = math.ceil(stream_length() / BATCH_SIZE)
    assert result.batches == batches
    after = {outcome: sample("coachloop_activity_executions_total", activity=ACTIVITY, outcome=outcome)
             for outcome in ("completed", "failed", "cancelled")}
    assert {outcome: after[outcome] - before[outcome] for outcome in after} == {
        "completed": batches, "failed": 1, "cancelled": 0
    }
    assert sample("coachloop_activity_duration_seconds_count", activity=ACTIVITY) - timed_before == batches + 1
