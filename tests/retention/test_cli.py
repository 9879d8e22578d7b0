"""``coachloop retention apply`` and ``coachloop retention schedule``."""

import asyncio
import json

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.testing import WorkflowEnvironment

from server.cli import main
from server.config import Settings, get_settings
from server.conversations.models import Message
from server.timefmt import now_us
from tests.retention.support import seed_history
from workflows.retention.workflows import SCHEDULE_WORKFLOW_ID


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, settings: Settings):  # noqa: ANN201
    """COACHLOOP_ variables pointing at this test's database; get_settings() re-read."""
    monkeypatch.setenv("COACHLOOP_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


async def test_apply_runs_retention_once_and_prints_the_report(
    environment: pytest.MonkeyPatch, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], capsys: pytest.CaptureFixture
) -> None:
    await seed_history(sessionmaker, settings, now_us())
    code = await asyncio.to_thread(main, ["retention", "apply"])
    report = json.loads(capsys.readouterr().out)
    async with sessionmaker() as session:
        old = (await session.execute(select(Message.text).where(Message.conversation_id == "old"))).scalars().all()
    assert code == 0
    assert report["messages_anonymised"] == 2
    assert old == [None, None]


async def test_schedule_starts_the_daily_workflow_once(
    environment: pytest.MonkeyPatch, temporal_dev_server: WorkflowEnvironment, capsys: pytest.CaptureFixture
) -> None:
    """Against a real dev server (the time-skipping one is kept for the workflow tests, whose clock it moves)."""
    environment.setenv("COACHLOOP_TEMPORAL_ADDRESS", temporal_dev_server.client.service_client.config.target_host)
    environment.setenv("COACHLOOP_TEMPORAL_TASK_QUEUE", "retention-cli-test")
    get_settings.cache_clear()
    first = await asyncio.to_thread(main, ["retention", "schedule"])
    second = await asyncio.to_thread(main, ["retention", "schedule"])
    handle = temporal_dev_server.client.get_workflow_handle(SCHEDULE_WORKFLOW_ID)
    description = await handle.describe()
    await handle.terminate("test over")
    assert (first, second) == (0, 0)
    assert capsys.readouterr().out == f"retention schedule running as workflow {SCHEDULE_WORKFLOW_ID}\n" * 2
    assert (description.workflow_type, description.task_queue) == ("RetentionScheduleWorkflow", "retention-cli-test")
