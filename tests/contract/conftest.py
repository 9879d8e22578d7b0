"""The seeded organisation of the access tests, served with the default limits, one database per backend."""

from collections.abc import AsyncIterator

import pytest

from server.authz.enforcer import PolicyEnforcer
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from tests.authz.world import Api, seed_world
from tests.conftest import BACKENDS, StorageTemplates


@pytest.fixture(scope="session", params=BACKENDS)
async def contract_world(
    request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Api]:
    """tests/authz/world.py's organisation with the limits a frontend meets (query cost, depth, page size).

    One audited read is made first, so the audit log has a known entry: u-admin read a1's name.
    """
    settings = Settings(
        database_url=storage_templates.fresh(request.param), var_dir=tmp_path_factory.mktemp("contract"),
        demo=False, timezone="Asia/Shanghai", policy_refresh_seconds=0,
    )
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    await seed_world(sessionmaker, settings)
    api = Api(settings=settings, sessionmaker=sessionmaker, policies=PolicyEnforcer(settings))
    audited = await api.execute('query { agent(id: "a1") { name } }', role="admin")
    assert audited.errors is None, audited.errors
    yield api
    await engine.dispose()
