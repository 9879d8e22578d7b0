"""/graphql over HTTP and WebSocket: bearer authentication, GET without mutations (405), body size, open health."""

import time
from collections.abc import AsyncIterator, Callable

import jwt

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
from server.kernel.relay import to_global_id
from server.reviews.models import ReviewAssignment
from server.kernel.relay import to_global_id
from tests.conftest import BACKENDS, StorageTemplates
from tests.ops.support import serve

ME = {"query": "{ me { subject roles teamIds } }"}


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
    assert response.json()["data"] == {"me": {"subject": "u-m", "roles": ["manager"], "teamIds": [to_global_id("Team", "t1")]}}


async def test_health_endpoints_need_no_token(settings: Settings) -> None:
    async with serve(create_app(settings)) as client:
        response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_mutations_are_refused_over_get(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable
) -> None:
    mutation = (
        f'mutation {{ assignReview(input: {{reviewerId: "u-qa", conversationId: "{to_global_id("Conversation", "cv1")}"}}) '
        "{ reviewAssignment { id } } }"
    )
    async with serve(create_app(settings)) as client:
        response = await client.get("/graphql", params={"query": mutation}, headers=auth_headers("admin"))
    assert (response.status_code, response.headers["allow"]) == (405, "POST")
    assert response.json()["errors"] == [
        {"message": "Mutations are not allowed over GET; use POST.", "extensions": {"code": "METHOD_NOT_ALLOWED"}}
    ]
    async with sessionmaker() as session:
        assert (await session.execute(select(func.count()).select_from(ReviewAssignment))).scalar_one() == 0


async def test_queries_over_get_are_allowed(settings: Settings, auth_headers: Callable) -> None:
    async with serve(create_app(settings)) as client:
        response = await client.get("/graphql", params={"query": "{ me { subject } }"}, headers=auth_headers("agent", subject="a1"))
    assert response.json()["data"] == {"me": {"subject": "a1"}}


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
    assert small.json()["data"] == {"me": {"subject": "test-user"}}


def _refusal(message: str) -> str:
    return '{"message":"%s","extensions":{"code":"UNAUTHENTICATED"}}' % message


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
    assert (refused.value.code, refused.value.reason) == (4403, _refusal("missing bearer token"))
    assert (forged.value.code, forged.value.reason) == (4403, _refusal("invalid token"))
    assert acknowledged == {"type": "connection_ack"}


def _over_websocket(client: TestClient, token: str, query: str) -> dict:
    """The errors (or data) one operation gets over graphql-transport-ws, shaped like an HTTP body."""
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
        socket.send_json({"type": "connection_init", "payload": {"token": token}})
        assert socket.receive_json() == {"type": "connection_ack"}
        socket.send_json({"type": "subscribe", "id": "1", "payload": {"query": query}})
        message = socket.receive_json()
    return message["payload"] if message["type"] == "next" else {"data": None, "errors": message["payload"]}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ me { subjct } }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ me ", "GRAPHQL_PARSE_FAILED"),
        ("{ auditLog { totalCount } }", "FORBIDDEN"),
        ("{ conversations(first: 0) { totalCount } }", "BAD_USER_INPUT"),
    ],
    ids=["validation", "syntax", "forbidden", "bad-input"],
)
def test_websocket_errors_carry_the_codes_http_gives(settings: Settings, auth_headers: Callable, query: str, code: str) -> None:
    headers = auth_headers("agent", subject="a1")
    with TestClient(create_app(settings)) as client:
        over_http = client.post("/graphql", json={"query": query}, headers=headers).json()
        over_websocket = _over_websocket(client, headers["authorization"].removeprefix("Bearer "), query)
    assert [error["extensions"] for error in over_http["errors"]] == [{"code": code}]
    # graphql-transport-ws's error message carries the errors alone, not the result's extensions (the cost)
    assert over_websocket | {"extensions": None} == over_http | {"extensions": None}


def test_websocket_operations_after_the_token_expired_are_unauthenticated(settings: Settings) -> None:
    strict = settings.model_copy(update={"jwt_leeway_seconds": 0})
    with TestClient(create_app(strict)) as client:
        token = mint_token(strict, subject="a1", roles=["agent"], ttl_seconds=3)
        expires_at = jwt.decode(token, options={"verify_signature": False})["exp"]
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            socket.send_json({"type": "connection_init", "payload": {"token": token}})
            assert socket.receive_json() == {"type": "connection_ack"}
            socket.send_json({"type": "subscribe", "id": "1", "payload": {"query": "{ me { subject } }"}})
            before = socket.receive_json()
            assert socket.receive_json() == {"id": "1", "type": "complete"}
            time.sleep(max(0.0, expires_at - time.time()) + 0.5)
            socket.send_json({"type": "subscribe", "id": "2", "payload": {"query": "{ me { subject } }"}})
            after = socket.receive_json()
    assert before == {
        "id": "1", "type": "next",
        "payload": {"data": {"me": {"subject": "a1"}}, "extensions": {"cost": {"requested": 2, "limit": 20000}}},
    }
    assert after == {"id": "2", "type": "error", "payload": [{"message": "token expired", "extensions": {"code": "UNAUTHENTICATED"}}]}


def test_websocket_speaks_only_graphql_transport_ws(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-ws"]) as socket:
            with pytest.raises(WebSocketDisconnect) as closed:
                socket.receive_json()
    assert closed.value.code == 4406
