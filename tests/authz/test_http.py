"""/graphql over HTTP and WebSocket: bearer authentication, GET without mutations, body size, open health."""

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from server.app import create_app
from server.authz.identity import mint_token
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.reviews.models import ReviewAssignment
from tests.conftest import BACKENDS, StorageTemplates
from tests.ops.support import serve

ME = {"query": "{ me { subject roles teams } }"}


@pytest.fixture(scope="module", params=BACKENDS)
def settings(request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One migrated database per backend for this module; nothing here writes to it."""
    return Settings(database_url=storage_templates.fresh(request.param), var_dir=tmp_path_factory.mktemp("http"), demo=False)


@pytest.fixture
async def sessionmaker(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(settings)
    yield create_sessionmaker(engine)
    await engine.dispose()


def _unauthenticated(message: str) -> dict:
    return {"data": None, "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


@pytest.mark.parametrize(
    ("make_headers", "message"),
    [
        (lambda settings: {}, "missing bearer token"),
        (lambda settings: {"authorization": "Bearer x.y.z"}, "invalid token"),
        (
            lambda settings: {"authorization": "Bearer " + mint_token(settings.model_copy(update={"jwt_secret": "other"}), subject="a1", roles=["admin"])},
            "invalid token",
        ),
        (
            lambda settings: {"authorization": "Bearer " + mint_token(settings, subject="a1", roles=["admin"], ttl_seconds=-3600)},
            "token expired",
        ),
    ],
    ids=["no-token", "garbage", "bad-signature", "expired"],
)
async def test_graphql_refuses_without_a_valid_token(settings: Settings, make_headers: Callable, message: str) -> None:
    async with serve(create_app(settings)) as client:
        response = await client.post("/graphql", json=ME, headers=make_headers(settings))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == _unauthenticated(message)


async def test_graphql_answers_with_a_valid_token(settings: Settings, auth_headers: Callable) -> None:
    async with serve(create_app(settings)) as client:
        response = await client.post("/graphql", json=ME, headers=auth_headers("manager", subject="u-m", teams=["t1"]))
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"subject": "u-m", "roles": ["manager"], "teams": ["t1"]}}}


async def test_health_endpoints_need_no_token(settings: Settings) -> None:
    async with serve(create_app(settings)) as client:
        response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_mutations_are_refused_over_get(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable
) -> None:
    mutation = 'mutation { assignReview(reviewerId: "u-qa", conversationId: "cv1") { reviewerId } }'
    async with serve(create_app(settings)) as client:
        response = await client.get("/graphql", params={"query": mutation}, headers=auth_headers("admin"))
    assert response.status_code == 400
    assert "mutations are not allowed when using GET" in response.text
    async with sessionmaker() as session:
        assert (await session.execute(select(func.count()).select_from(ReviewAssignment))).scalar_one() == 0


async def test_queries_over_get_are_allowed(settings: Settings, auth_headers: Callable) -> None:
    async with serve(create_app(settings)) as client:
        response = await client.get("/graphql", params={"query": "{ me { subject } }"}, headers=auth_headers("agent", subject="a1"))
    assert response.json() == {"data": {"me": {"subject": "a1"}}}


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_request_bodies_over_the_limit_are_refused(settings: Settings, auth_headers: Callable, chunked: bool) -> None:
    limited = settings.model_copy(update={"max_body_bytes": 1000})
    body = ('{"query": "{ me { subject } }", "variables": {"padding": "' + "x" * 2000 + '"}}').encode()

    async def chunks():  # noqa: ANN202  (an async byte stream without a length)
        for start in range(0, len(body), 100):
            yield body[start : start + 100]

    async with serve(create_app(limited)) as client:
        headers = {**auth_headers("admin"), "content-type": "application/json"}
        response = await client.post("/graphql", content=chunks() if chunked else body, headers=headers)
        small = await client.post("/graphql", json={"query": "{ me { subject } }"}, headers=auth_headers("admin"))
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "PAYLOAD_TOO_LARGE"}
    assert small.json() == {"data": {"me": {"subject": "test-user"}}}


def test_websocket_checks_the_token_at_connection_init(settings: Settings, auth_headers: Callable) -> None:
    token = auth_headers("agent", subject="a1")["authorization"].removeprefix("Bearer ")
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            socket.send_json({"type": "connection_init", "payload": {}})
            with pytest.raises(WebSocketDisconnect) as refused:
                socket.receive_json()
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            socket.send_json({"type": "connection_init", "payload": {"authorization": "Bearer expired.or.forged"}})
            with pytest.raises(WebSocketDisconnect) as forged:
                socket.receive_json()
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            socket.send_json({"type": "connection_init", "payload": {"token": token}})
            acknowledged = socket.receive_json()
    assert (refused.value.code, forged.value.code) == (4403, 4403)
    assert acknowledged == {"type": "connection_ack"}


def test_websocket_speaks_only_graphql_transport_ws(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-ws"]) as socket:
            with pytest.raises(WebSocketDisconnect) as closed:
                socket.receive_json()
    assert closed.value.code == 4406
