"""/healthz, /readyz and GraphiQL, against a real database and a real Temporal dev server."""

import uuid
from collections.abc import Callable

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.testing import WorkflowEnvironment

from server.app import create_app
from server.authz.identity import mint_token
from server.config import Settings
from server.ops.demo import start_demo_load
from server.ops.temporal_dev import find_binary
from tests.ops.support import free_port, serve


@pytest.fixture
def ready_settings(settings: Settings, temporal_dev_address: str) -> Settings:
    """This test's database and the shared Temporal dev server."""
    return settings.model_copy(update={"temporal_address": temporal_dev_address})


async def test_healthz_answers_without_checking_anything() -> None:
    unreachable = Settings(
        database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere",
        temporal_address=f"127.0.0.1:{free_port()}",
    )
    async with serve(create_app(unreachable)) as client:
        response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_is_200_when_database_and_temporal_answer(ready_settings: Settings) -> None:
    async with serve(create_app(ready_settings)) as client:
        response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": {"ok": True}, "temporal": {"ok": True}}}


async def test_readyz_stays_200_and_reads_keep_serving_when_temporal_is_down(
    settings: Settings, auth_headers: Callable[..., dict[str, str]]
) -> None:
    down = settings.model_copy(update={"temporal_address": f"127.0.0.1:{free_port()}"})
    async with serve(create_app(down)) as client:
        response = await client.get("/readyz")
        read = await client.post("/graphql", json={"query": "{ serviceInfo { demo watermark } }"}, headers=auth_headers())
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": {"ok": True}, "temporal": {"ok": False, "error": "RuntimeError"}},
    }
    assert (read.status_code, read.json()["data"]) == (200, {"serviceInfo": {"demo": False, "watermark": None}})


async def test_readyz_is_503_when_the_database_is_unreachable(temporal_dev_address: str) -> None:
    unreachable = Settings(
        database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere",
        temporal_address=temporal_dev_address,
        demo=False,
    )
    async with serve(create_app(unreachable)) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "checks": {"database": {"ok": False, "error": "OperationalError"}, "temporal": {"ok": True}},
    }


async def test_readyz_recovers_when_temporal_comes_up(settings: Settings) -> None:
    """A failed connect is not cached: the next check connects to the server that came up meanwhile."""
    port = free_port()
    app = create_app(settings.model_copy(update={"temporal_address": f"127.0.0.1:{port}"}))
    async with serve(app) as client:
        before = await client.get("/readyz")
        async with await WorkflowEnvironment.start_local(
            dev_server_existing_path=find_binary("temporal"), port=port, ui=False
        ):
            after = await client.get("/readyz")
    assert (before.status_code, before.json()["status"]) == (200, "degraded")
    assert (after.status_code, after.json()) == (
        200, {"status": "ready", "checks": {"database": {"ok": True}, "temporal": {"ok": True}}}
    )


async def test_readyz_says_while_the_demo_is_loading(
    settings: Settings, temporal_dev_server: WorkflowEnvironment, temporal_dev_address: str,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    """The demo load on a task queue no worker polls: it runs until terminated."""
    configured = settings.model_copy(update={
        "demo": True, "temporal_address": temporal_dev_address, "temporal_task_queue": f"idle-{uuid.uuid4().hex}",
    })
    async with serve(create_app(configured)) as client:
        handle = await start_demo_load(temporal_dev_server.client, configured, sessionmaker)
        assert handle is not None
        try:
            loading = await client.get("/readyz")
        finally:
            await handle.terminate("test finished")
        loaded = await client.get("/readyz")
    assert (loading.status_code, loading.json()) == (200, {
        "status": "ready",
        "checks": {"database": {"ok": True}, "temporal": {"ok": True}, "demo": {"ok": True, "loading": True}},
    })
    assert loaded.json()["checks"]["demo"] == {"ok": True, "loading": False}


@pytest.mark.parametrize(
    ("environment", "status", "is_graphiql"),
    [("development", 200, True), ("production", 404, False)],
)
async def test_graphiql_only_in_development(
    settings: Settings, environment: str, status: int, is_graphiql: bool
) -> None:
    app_settings = settings.model_copy(
        update={"environment": environment, "jwt_secret": f"ops-test-{environment}", "pseudonym_key": f"ops-test-{environment}"}
    )
    token = mint_token(app_settings, subject="ops-test", roles=["admin"])
    app = create_app(app_settings)
    async with serve(app) as client:
        page = await client.get("/graphql", headers={"accept": "text/html"})
        query = await client.post(
            "/graphql",
            json={"query": "{ serviceInfo { demo watermark } }"},
            headers={"authorization": f"Bearer {token}"},
        )
    assert page.status_code == status
    assert ("graphiql" in page.text.lower()) is is_graphiql
    assert query.status_code == 200
    assert query.json()["data"] == {"serviceInfo": {"demo": False, "watermark": None}}
