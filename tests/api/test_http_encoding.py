"""Bytes on the wire: UTF-8 JSON without escapes, charset in the content type, gzip above the threshold only."""

import json
from collections.abc import Callable

from starlette.testclient import TestClient

from server.api.http import error_response
from server.app import create_app
from server.config import Settings
from server.errors import ErrorCode

SCHEMA_NAMES = {"query": "{ __schema { types { name description } } }"}


async def test_chinese_text_leaves_as_raw_utf8(client_for: Callable, auth_headers: Callable) -> None:
    async with client_for() as client:
        response = await client.post("/graphql", json={"query": "{ me { subject } }"}, headers=auth_headers("agent", subject="张三"))
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.content.startswith('{"data":{"me":{"subject":"张三"}}'.encode())
    assert b"\\u" not in response.content


def test_error_responses_are_raw_utf8_too() -> None:
    response = error_response("请求体过大", ErrorCode.PAYLOAD_TOO_LARGE, 413)
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.body == '{"data":null,"errors":[{"message":"请求体过大","extensions":{"code":"PAYLOAD_TOO_LARGE"}}]}'.encode()


async def test_large_responses_are_gzipped_when_the_client_accepts_it(client_for: Callable, auth_headers: Callable) -> None:
    async with client_for() as client:
        large = await client.post("/graphql", json=SCHEMA_NAMES, headers={**auth_headers("admin"), "accept-encoding": "gzip"})
        plain = await client.post("/graphql", json=SCHEMA_NAMES, headers={**auth_headers("admin"), "accept-encoding": "identity"})
        small = await client.post("/graphql", json={"query": "{ __typename }"}, headers={**auth_headers("admin"), "accept-encoding": "gzip"})
    assert large.headers["content-encoding"] == "gzip"
    assert int(large.headers["content-length"]) < len(large.content)
    assert large.json() == plain.json()
    assert len(plain.content) > 1024
    assert "content-encoding" not in plain.headers
    assert "content-encoding" not in small.headers
    assert small.json()["data"] == {"__typename": "Query"}


def test_websocket_messages_are_not_compressed(sqlite_settings: Settings, auth_headers: Callable) -> None:
    token = auth_headers("agent", subject="张三")["authorization"].removeprefix("Bearer ")
    with (
        TestClient(create_app(sqlite_settings)) as client,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"], headers={"accept-encoding": "gzip"}) as socket,
    ):
        socket.send_json({"type": "connection_init", "payload": {"token": token}})
        assert socket.receive_json() == {"type": "connection_ack"}
        socket.send_json({"type": "subscribe", "id": "1", "payload": {"query": "{ me { subject } }"}})
        text = socket.receive_text()
    assert json.loads(text)["payload"]["data"] == {"me": {"subject": "张三"}}
    assert '"张三"' in text
