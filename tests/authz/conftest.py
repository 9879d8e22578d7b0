"""The seeded organisation, one database per backend, shared by the read-only access tests."""

from collections.abc import AsyncIterator

import pytest

from tests.authz.world import Api, open_world
from tests.conftest import BACKENDS, StorageTemplates


@pytest.fixture(scope="session", params=BACKENDS)
async def world(
    request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Api]:
    """The seeded organisation on one backend; tests must not write to it."""
    engine, api = await open_world(storage_templates.fresh(request.param), tmp_path_factory.mktemp("world"))
    yield api
    await engine.dispose()
