"""The demo under ``up``: served in its own time zone; loaded only into an empty database, when on, never twice at once."""

import uuid

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.ingestion.service import ingest_events
from server.ops.demo import demo_input, served_settings, start_demo_load
from workflows.demo.inputs import DEMO_WORKFLOW_ID, LoadDemoDataInput

ONE_EVENT = {"id": "t-1", "type": "team.upserted", "ts": "2026-09-01T09:00:00+08:00", "team_id": "team-1", "name": "一组"}


def demo_settings(settings: Settings, **changes: object) -> Settings:
    """Demo on, on a task queue no worker polls (a started load stays running until terminated)."""
    return settings.model_copy(update={"demo": True, "temporal_task_queue": f"idle-{uuid.uuid4().hex}", **changes})


@pytest.mark.parametrize(
    ("environment", "given", "served"),
    [
        ({}, {}, "Asia/Shanghai"),
        ({}, {"demo": False}, "UTC"),
        ({"COACHLOOP_TIMEZONE": "UTC"}, {}, "UTC"),
        ({"COACHLOOP_TIMEZONE": "Europe/Berlin"}, {}, "Europe/Berlin"),
        ({}, {"timezone": "America/New_York"}, "America/New_York"),
    ],
)
def test_up_serves_the_demo_in_its_own_time_zone_unless_one_is_set(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], given: dict[str, object], served: str
) -> None:
    monkeypatch.delenv("COACHLOOP_TIMEZONE", raising=False)
    monkeypatch.delenv("COACHLOOP_DEMO", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert served_settings(Settings(**given)).timezone == served


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
