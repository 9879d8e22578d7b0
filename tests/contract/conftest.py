"""The seeded organisation of the access tests behind the real HTTP app, one database per backend."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from server.app import create_app
from server.authz.identity import mint_token
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.kernel.relay import to_global_id
from tests.authz.world import PRINCIPALS, seed_world
from tests.conftest import BACKENDS, StorageTemplates
from tests.ops.support import serve


@dataclass
class ContractClient:
    """POSTs GraphQL to /graphql as a frontend does: JSON body, a bearer token of one of the world's roles."""

    http: httpx.AsyncClient
    settings: Settings

    def token(self, role: str) -> str:
        who = PRINCIPALS[role]
        return mint_token(self.settings, subject=who.subject, roles=sorted(who.roles), teams=sorted(who.teams))

    async def run(self, query: str, *, role: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The response body of one request (status 200 asserted), without the query cost every answer reports."""
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {self.token(role)}", "accept": "application/json"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert set(body.pop("extensions")["cost"]) == {"requested", "limit"}
        return body


@pytest.fixture(scope="session", params=BACKENDS)
async def contract_client(
    request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[ContractClient]:
    """tests/authz/world.py's organisation served with the limits a frontend meets (query cost, depth, page size).

    One audited read is made first, so the audit log has a known entry: u-admin read a1's name.
    """
    settings = Settings(
        database_url=storage_templates.fresh(request.param), var_dir=tmp_path_factory.mktemp("contract"),
        demo=False, timezone="Asia/Shanghai", policy_refresh_seconds=0,
    )
    engine = create_engine(settings)
    await seed_world(create_sessionmaker(engine), settings)
    await engine.dispose()
    async with serve(create_app(settings)) as http:
        client = ContractClient(http, settings)
        audited = await client.run(f'query {{ agent(id: "{to_global_id("Agent", "a1")}") {{ name }} }}', role="admin")
        assert audited == {"data": {"agent": {"name": "张三"}}}
        yield client
