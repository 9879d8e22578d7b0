"""Goals tests run in the organisation's zone, Asia/Shanghai (migrated SQLite and PostgreSQL per test)."""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.ops.temporal_dev import find_binary


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, var_dir=tmp_path, demo=False, timezone="Asia/Shanghai")


@pytest.fixture(scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """Temporal's time-skipping test server: a quarter of weekly timers passes in seconds."""
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=find_binary("temporal-test-server")
    ) as environment:
        yield environment


@pytest.fixture
def task_queue() -> str:
    return f"goals-{uuid.uuid4().hex}"


@pytest.fixture(scope="session")
async def temporal_dev_server() -> AsyncIterator[WorkflowEnvironment]:
    """A real ``temporal server start-dev`` on a free port, in memory."""
    async with await WorkflowEnvironment.start_local(dev_server_existing_path=find_binary("temporal"), ui=False) as environment:
        yield environment
