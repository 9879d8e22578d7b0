"""run_worker: the registry's workflows on the configured queue until told to stop (waiting for Temporal: tests/ops/test_worker_health.py)."""

import asyncio
import math
import uuid

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.demo.generator import generate_events
from server.ingestion.repository import EventRepository
from workflows.demo.inputs import LoadDemoDataInput, LoadDemoDataResult
from workflows.demo.workflows import LoadDemoDataWorkflow
from workflows.worker import run_worker

STOP_WAIT_S = 60


async def test_run_worker_serves_the_task_queue_until_stopped(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    configured = settings.model_copy(update={
        "temporal_address": time_skipping_env.client.service_client.config.target_host,
        "temporal_namespace": time_skipping_env.client.namespace,
        "temporal_task_queue": task_queue,
    })
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(configured, stop))
    try:
        result = await time_skipping_env.client.execute_workflow(
            LoadDemoDataWorkflow.run,
            LoadDemoDataInput(conversations=10, seed=3, batch_size=1000),
            id=f"demo-{uuid.uuid4().hex}",
            task_queue=task_queue,
        )
    finally:
        stop.set()
        await asyncio.wait_for(worker, STOP_WAIT_S)
    total = sum(1 for _ in generate_events(10, 3))
    assert result == LoadDemoDataResult(batches=math.ceil(total / 1000), events=total, accepted=total, stored=total)
    async with sessionmaker() as session:
        assert await EventRepository(session).count() == total
