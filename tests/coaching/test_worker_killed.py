"""A worker killed mid-plan on the real dev server: another worker finishes the plan, with no reminder, escalation
or end lost or doubled (SQLite and PostgreSQL)."""

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from server.coaching.handlers import coaching_handlers
from server.coaching.models import CoachingPlan, CoachingTask
from server.coaching.plans import PlanSpec, TaskSpec, open_plan, tasks_of
from server.config import Settings
from server.db import transaction
from server.intents.service import complete_intent
from server.timefmt import now_us
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from workflows.coaching.inputs import PlanOutcome
from workflows.coaching.start import plan_workflow_id
from workflows.coaching.workflows import CoachingPlanWorkflow
from workflows.worker import build_worker

from tests.coaching.support import outbox, seed_organisation
from tests.ops.conftest import temporal_dev_server  # noqa: F401  (fixture)

SECOND_US = 1_000_000
pytestmark = pytest.mark.slow


def worker_process(settings: Settings, address: str, queue: str, folder: Path) -> subprocess.Popen:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment.update({
        "COACHLOOP_DATABASE_URL": settings.database_url, "COACHLOOP_TEMPORAL_ADDRESS": address,
        "COACHLOOP_TEMPORAL_TASK_QUEUE": queue, "COACHLOOP_DEMO": "false", "COACHLOOP_TIMEZONE": "UTC",
        "COACHLOOP_VAR_DIR": str(folder),
    })
    log = (folder / "worker.log").open("wb")
    return subprocess.Popen([sys.executable, "-m", "server.cli", "worker"], env=environment, stdout=log, stderr=subprocess.STDOUT)


async def reminded(sessionmaker: async_sessionmaker[AsyncSession], plan_id: str) -> int:
    async with sessionmaker() as session:
        found = await session.execute(
            select(CoachingTask.task_id).where(CoachingTask.plan_id == plan_id, CoachingTask.reminded_at_us.is_not(None))  # type: ignore[union-attr]
        )
        return len(found.all())


async def test_a_killed_worker_loses_and_doubles_nothing(
    temporal_dev_server: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, tmp_path: Path,
) -> None:
    await seed_organisation(sessionmaker)
    client = temporal_dev_server.client
    queue = f"killed-{uuid.uuid4().hex[:8]}"
    start = now_us()
    spec = PlanSpec(
        agent_id="a1", metric_key="fcr_rate", title="首问解决", starts_at_us=start - SECOND_US, evaluation_at_us=start + 16 * SECOND_US,
        tasks=(TaskSpec("training_module", "课程一", start + 8 * SECOND_US), TaskSpec("shadowing", "跟岗", start + 12 * SECOND_US)),
    )
    async with transaction(sessionmaker) as session:
        plan, written = await open_plan(session, spec, actor="u-east", now_us=start)
        plan_id = plan.plan_id

    async def client_for(_settings: Settings) -> tuple[Client, str]:
        return client, queue

    first = worker_process(settings, client.service_client.config.target_host, queue, tmp_path)
    try:
        await complete_intent(sessionmaker, written.intents[0], coaching_handlers(client_for), settings, now_us=now_us())
        for _wait in range(300):
            if await reminded(sessionmaker, plan_id) == 2:
                break
            await asyncio.sleep(0.1)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    await asyncio.sleep(max(0, (start + 9 * SECOND_US - now_us()) / SECOND_US))  # the first due date passes unattended
    async with build_worker(client, settings, sessionmaker, task_queue=queue):
        outcome: PlanOutcome = await client.get_workflow_handle_for(CoachingPlanWorkflow.run, plan_workflow_id(plan_id)).result()
    async with sessionmaker() as session:
        ended = await session.get(CoachingPlan, plan_id)
        assert ended is not None
        [task_one, task_two] = await tasks_of(session, plan_id)
        state = (ended.status, task_one.escalated_at_us is not None, task_two.escalated_at_us is not None)

    assert first.returncode == -signal.SIGKILL
    assert outcome.status == "ended"
    assert state == ("ended", True, True)
    assert await outbox(sessionmaker) == sorted([
        ("plan.assigned", plan_id, "a1"),
        ("task.overdue", task_one.task_id, "u-east"), ("task.overdue", task_one.task_id, "u-root"),
        ("task.overdue", task_two.task_id, "u-east"), ("task.overdue", task_two.task_id, "u-root"),
        ("task.reminder", task_one.task_id, "a1"), ("task.reminder", task_two.task_id, "a1"),
    ])
