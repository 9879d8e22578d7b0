"""The daily retention workflow on Temporal's time-skipping test server: days pass in seconds."""

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.conversations.models import Message
from server.ingestion.service import ingest_events
from server.retention.policy import DAY_US
from server.timefmt import to_us
from tests.retention.support import HOUR_US, conversation_events, policies_with
from workflows.registry import WORKFLOWS
from workflows.retention.inputs import RetentionScheduleInput
from workflows.retention.workflows import ApplyRetentionWorkflow, RetentionScheduleWorkflow
from workflows.worker import build_worker


async def test_the_schedule_applies_retention_every_day(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession],
    task_queue: str, tmp_path: Path,
) -> None:
    """Text is kept 5 days: the old conversation's text goes on the first day, the newer one's on the fifth.

    The test server's clock is shared by every test and only moves forward, so events are placed relative to it.
    """
    settings = settings.model_copy(update={"policies_dir": policies_with(tmp_path, "message_text:\n  keep_days: 5\n")})
    now = to_us(await time_skipping_env.get_current_time())
    events = [
        *conversation_events("old", "c1", "a1", now - 10 * DAY_US, comment="很满意"),
        *conversation_events("new", "c2", "a1", now - 2 * DAY_US + HOUR_US, comment="一般"),
    ]
    report = await ingest_events(sessionmaker, events, settings=settings, now_us=now)
    assert report.accepted == len(events)
    worker = build_worker(time_skipping_env.client, settings, sessionmaker, task_queue=task_queue)
    async with worker:
        results = await time_skipping_env.client.execute_workflow(
            RetentionScheduleWorkflow.run,
            RetentionScheduleInput(interval_seconds=86_400, runs=5, runs_per_history=2),
            id=f"retention-{uuid.uuid4().hex}",
            task_queue=task_queue,
        )
        again = await time_skipping_env.client.execute_workflow(
            ApplyRetentionWorkflow.run, id=f"retention-once-{uuid.uuid4().hex}", task_queue=task_queue
        )
    async with sessionmaker() as session:
        texts = (await session.execute(select(Message.text).order_by(Message.event_id))).scalars().all()
    assert [(result.messages_anonymised, result.comments_anonymised) for result in results] == [(2, 1), (0, 0), (0, 0), (0, 0), (2, 1)]
    assert all(later.now_us - earlier.now_us >= DAY_US for earlier, later in zip(results, results[1:], strict=False))
    assert (again.messages_anonymised, again.comments_anonymised, again.now_us >= results[-1].now_us) == (0, 0, True)
    assert texts == [None, None, None, None]


def test_the_worker_runs_the_retention_workflows() -> None:
    assert {ApplyRetentionWorkflow, RetentionScheduleWorkflow} <= set(WORKFLOWS)
