"""``coachloop retention apply`` and ``coachloop retention schedule``."""

import asyncio
import json
import socket

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


@pytest.fixture
def temporal_at(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Point the CLI at ``host:port`` with a 2-second command timeout (no database involved)."""

    def point(address: str) -> None:
        monkeypatch.setenv("COACHLOOP_TEMPORAL_ADDRESS", address)
        monkeypatch.setenv("COACHLOOP_TEMPORAL_COMMAND_TIMEOUT_SECONDS", "2")
        get_settings.cache_clear()

    yield point
    get_settings.cache_clear()


def test_schedule_with_temporal_down_says_so_in_one_line(temporal_at, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    temporal_at(f"127.0.0.1:{port}")
    code = main(["retention", "schedule"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (3, "")
    [line] = captured.err.splitlines()
    assert line.startswith(f"coachloop retention schedule: cannot reach Temporal at 127.0.0.1:{port} (start it with")


def test_schedule_with_temporal_hanging_gives_up_after_the_timeout(temporal_at, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    with socket.socket() as silent:  # accepts connections and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        temporal_at(f"127.0.0.1:{port}")
        code = main(["retention", "schedule"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (3, "")
    assert captured.err.splitlines() == [
        f"coachloop retention schedule: Temporal at 127.0.0.1:{port} did not answer within 2 s "
        "(is it overloaded or not a Temporal frontend?)"
    ]
