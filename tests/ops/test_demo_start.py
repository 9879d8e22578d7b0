"""Starting the demo load: only into an empty database, only when the demo is on, never twice at once."""

import uuid

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.ingestion.service import ingest_events
from server.ops.demo import demo_input, start_demo_load
from workflows.demo.inputs import DEMO_WORKFLOW_ID, LoadDemoDataInput

ONE_EVENT = {"id": "t-1", "type": "team.upserted", "ts": "2026-09-01T09:00:00+08:00", "team_id": "team-1", "name": "一组"}


def demo_settings(settings: Settings, **changes: object) -> Settings:
    """Demo on, on a task queue no worker polls (a started load stays running until terminated)."""
    return settings.model_copy(update={"demo": True, "temporal_task_queue": f"idle-{uuid.uuid4().hex}", **changes})


def test_demo_input_follows_the_settings(settings: Settings) -> None:
    configured = settings.model_copy(update={"demo_conversations": 123, "demo_seed": 9, "ingest_batch_size": 50})
    assert demo_input(configured) == LoadDemoDataInput(conversations=123, seed=9, batch_size=50)


async def test_nothing_starts_when_the_demo_is_off(
    temporal_dev_server: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    assert await start_demo_load(temporal_dev_server.client, demo_settings(settings, demo=False), sessionmaker) is None


async def test_nothing_starts_when_the_database_holds_events(
    temporal_dev_server: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    report = await ingest_events(sessionmaker, [ONE_EVENT], settings=settings)
    assert report.accepted == 1
    assert await start_demo_load(temporal_dev_server.client, demo_settings(settings), sessionmaker) is None


async def test_a_second_start_joins_the_running_load(
    temporal_dev_server: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    configured = demo_settings(settings)
    first = await start_demo_load(temporal_dev_server.client, configured, sessionmaker)
    second = await start_demo_load(temporal_dev_server.client, configured, sessionmaker)
    try:
        assert first is not None and second is not None
        assert (first.id, second.id) == (DEMO_WORKFLOW_ID, DEMO_WORKFLOW_ID)
        assert second.result_run_id == first.result_run_id
        description = await first.describe()
        assert description.status == WorkflowExecutionStatus.RUNNING
        assert description.task_queue == configured.temporal_task_queue
    finally:
        await temporal_dev_server.client.get_workflow_handle(DEMO_WORKFLOW_ID).terminate("test finished")
