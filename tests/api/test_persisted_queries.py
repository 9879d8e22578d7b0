"""Persisted queries over HTTP on SQLite and PostgreSQL: APQ, the allow-list, off, admins' fields and the CLI."""

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from server.app import create_app
from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.persisted.models import PersistedQuery
from server.kernel.relay import to_global_id
from server.persisted.service import document_hash, register
from tests.ops.support import serve

DOCUMENT = "query Me { me { subject } }"
HASH = document_hash(DOCUMENT)
GQL = {"accept": "application/graphql-response+json"}
REGISTER = "mutation Register($input: RegisterPersistedQueryInput!) { registerPersistedQuery(input: $input) { persistedQuery { sha256Hash operationName allowListed registeredBy } userErrors { field message code } } }"
DELETE = "mutation Delete($input: DeletePersistedQueryInput!) { deletePersistedQuery(input: $input) { deletedPersistedQueryId userErrors { field message code } } }"
LIST = (
    "query List($first: Int, $after: String, $allowListed: Boolean) { persistedQueries(first: $first, after: $after, allowListed: $allowListed) "
    "{ totalCount edges { cursor node { id sha256Hash document } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"
)


def _by_hash(sha256_hash: str = HASH, **more: Any) -> dict[str, Any]:
    return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256_hash}}, **more}


def _code(response: httpx.Response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


async def _rows(settings: Settings) -> list[tuple[str, bool, str | None, str | None]]:
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session:
            rows = (await session.execute(select(PersistedQuery).order_by(PersistedQuery.sha256_hash))).scalars().all()
            return [(row.sha256_hash, row.allow_listed, row.operation_name, row.registered_by) for row in rows]
    finally:
        await engine.dispose()


async def _allow_list(settings: Settings, *documents: str) -> None:
    """What ``coachloop persisted-queries register`` does, for documents the test needs on the list first."""
    engine = create_engine(settings)
    try:
        async with transaction(create_sessionmaker(engine)) as session:
            for document in documents:
                await register(session, document, expected_hash=None, registered_by="cli")
    finally:
        await engine.dispose()


async def test_automatic_persisted_queries_round_trip(settings: Settings, auth_headers: Callable) -> None:
    headers = auth_headers("agent", subject="a1")
    async with serve(create_app(settings)) as client:
        unknown = await client.post("/graphql", json=_by_hash(), headers=headers)
        unknown_strict = await client.post("/graphql", json=_by_hash(), headers={**headers, **GQL})
        registered = await client.post("/graphql", json=_by_hash(query=DOCUMENT), headers=headers)
        by_hash = await client.post("/graphql", json=_by_hash(), headers=headers)
        by_get = await client.get("/graphql", params={"extensions": json.dumps(_by_hash()["extensions"])}, headers=headers)
    assert (unknown.status_code, unknown.json()) == (200, {
        "data": None, "errors": [{"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}],
    })
    assert (unknown_strict.status_code, _code(unknown_strict), "data" in unknown_strict.json()) == (400, "PERSISTED_QUERY_NOT_FOUND", False)
    for response in (registered, by_hash, by_get):
        assert (response.status_code, response.json()["data"]) == (200, {"me": {"subject": "a1"}})
    assert await _rows(settings) == [(HASH, False, "Me", None)]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (_by_hash(document_hash("{ __typename }"), query=DOCUMENT), 400, "PERSISTED_QUERY_HASH_MISMATCH"),
        (_by_hash(document_hash("{ notAField }"), query="{ notAField }"), 200, "GRAPHQL_VALIDATION_FAILED"),
        (_by_hash(document_hash("{ me "), query="{ me "), 200, "GRAPHQL_PARSE_FAILED"),
        ({"extensions": {"persistedQuery": {"version": 2, "sha256Hash": HASH}}}, 400, "BAD_REQUEST"),
        ({"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}, 400, "BAD_REQUEST"),
    ],
    ids=["hash-mismatch", "invalid-document", "unparsable-document", "version-2", "short-hash"],
)
async def test_documents_are_stored_only_when_they_match_and_validate(
    settings: Settings, auth_headers: Callable, body: dict, status: int, code: str
) -> None:
    async with serve(create_app(settings)) as client:
        response = await client.post("/graphql", json=body, headers=auth_headers("admin"))
    assert (response.status_code, _code(response)) == (status, code)
    assert await _rows(settings) == []


async def test_replicas_share_the_stored_documents(settings: Settings, auth_headers: Callable) -> None:
    headers = auth_headers("agent", subject="a1")
    async with serve(create_app(settings)) as first, serve(create_app(settings)) as second:
        await first.post("/graphql", json=_by_hash(query=DOCUMENT), headers=headers)
        response = await second.post("/graphql", json=_by_hash(), headers=headers)
    assert response.json()["data"] == {"me": {"subject": "a1"}}


async def test_the_allow_list_runs_only_what_admins_registered(settings: Settings, auth_headers: Callable) -> None:
    allowlist = settings.model_copy(update={"persisted_queries": "allowlist"})
    await _allow_list(allowlist, REGISTER)
    agent, admin = auth_headers("agent", subject="a1"), auth_headers("admin", subject="u-admin")
    async with serve(create_app(allowlist)) as client:
        before = [
            await client.post("/graphql", json={"query": DOCUMENT}, headers=agent),
            await client.post("/graphql", json=_by_hash(query=DOCUMENT), headers=agent),
            await client.post("/graphql", json=_by_hash(), headers={**agent, **GQL}),
        ]
        registered = await client.post("/graphql", json={"query": REGISTER, "variables": {"input": {"document": DOCUMENT, "sha256Hash": HASH}}},
                                       headers=admin)
        after = [
            await client.post("/graphql", json={"query": DOCUMENT}, headers=agent),
            await client.post("/graphql", json=_by_hash(), headers=agent),
        ]
        other = await client.post("/graphql", json={"query": "{ __typename }"}, headers=admin)
    assert [(response.status_code, _code(response)) for response in before] == [
        (200, "PERSISTED_QUERY_NOT_ALLOWED"), (200, "PERSISTED_QUERY_NOT_ALLOWED"), (400, "PERSISTED_QUERY_NOT_ALLOWED"),
    ]
    assert registered.json()["data"] == {"registerPersistedQuery": {
        "persistedQuery": {"sha256Hash": HASH, "operationName": "Me", "allowListed": True, "registeredBy": "u-admin"}, "userErrors": [],
    }}
    assert [response.json()["data"] for response in after] == [{"me": {"subject": "a1"}}] * 2
    assert _code(other) == "PERSISTED_QUERY_NOT_ALLOWED"
    assert await _rows(allowlist) == sorted([(HASH, True, "Me", "u-admin"), (document_hash(REGISTER), True, "Register", "cli")])


async def test_a_document_stored_automatically_is_not_on_the_allow_list(settings: Settings, auth_headers: Callable) -> None:
    headers = auth_headers("agent", subject="a1")
    async with serve(create_app(settings)) as client:
        await client.post("/graphql", json=_by_hash(query=DOCUMENT), headers=headers)
    async with serve(create_app(settings.model_copy(update={"persisted_queries": "allowlist"}))) as client:
        response = await client.post("/graphql", json=_by_hash(), headers=headers)
    assert _code(response) == "PERSISTED_QUERY_NOT_ALLOWED"


async def test_off_ignores_hashes_and_stores_nothing(settings: Settings, auth_headers: Callable) -> None:
    headers = auth_headers("agent", subject="a1")
    async with serve(create_app(settings.model_copy(update={"persisted_queries": "off"}))) as client:
        by_hash = await client.post("/graphql", json=_by_hash(), headers=headers)
        with_document = await client.post("/graphql", json=_by_hash(query=DOCUMENT), headers=headers)
    assert (by_hash.status_code, _code(by_hash)) == (200, "PERSISTED_QUERY_NOT_SUPPORTED")
    assert with_document.json()["data"] == {"me": {"subject": "a1"}}
    assert await _rows(settings) == []


async def test_admins_register_list_and_delete(settings: Settings, auth_headers: Callable) -> None:
    admin = auth_headers("admin", subject="u-admin")
    documents = ["query A { __typename }", "query B { __typename }", "query C { __typename }"]

    async def call(query: str, variables: dict) -> dict:
        response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=admin)
        return response.json()["data"]

    async with serve(create_app(settings)) as client:
        for document in documents:
            await call(REGISTER, {"input": {"document": document}})
        await client.post("/graphql", json=_by_hash(query=DOCUMENT), headers=admin)
        broken = await call(REGISTER, {"input": {"document": "query {"}})
        mismatch = await call(REGISTER, {"input": {"document": "query D { __typename }", "sha256Hash": HASH}})
        page = await call(LIST, {"first": 2, "allowListed": True})
        rest = await call(LIST, {"first": 2, "allowListed": True, "after": page["persistedQueries"]["pageInfo"]["endCursor"]})
        automatic = await call(LIST, {"allowListed": False})
        first_id = to_global_id("PersistedQuery", document_hash(documents[0]))
        deleted = await call(DELETE, {"input": {"id": first_id}})
        missing = await call(DELETE, {"input": {"id": first_id}})
        wrong_type = await call(DELETE, {"input": {"id": to_global_id("Agent", "a1")}})
        remaining = await call(LIST, {})
    assert broken == {"registerPersistedQuery": {"persistedQuery": None, "userErrors": [
        {"field": ["input", "document"], "message": "The document does not parse: Syntax Error: Expected Name, found <EOF>.", "code": "INVALID"},
    ]}}
    assert mismatch["registerPersistedQuery"]["userErrors"] == [
        {"field": ["input", "sha256Hash"], "message": f"The document's SHA-256 is {document_hash('query D { __typename }')}.", "code": "INVALID"},
    ]
    listed = [edge["node"]["sha256Hash"] for result in (page, rest) for edge in result["persistedQueries"]["edges"]]
    assert page["persistedQueries"]["totalCount"] == 3
    assert sorted(listed) == sorted(document_hash(document) for document in documents)  # two pages, no gap, no repeat
    assert page["persistedQueries"]["pageInfo"]["hasNextPage"] is True
    assert rest["persistedQueries"]["pageInfo"]["hasNextPage"] is False
    assert rest["persistedQueries"]["pageInfo"]["hasPreviousPage"] is True
    assert [edge["node"] for edge in automatic["persistedQueries"]["edges"]] == [
        {"id": to_global_id("PersistedQuery", HASH), "sha256Hash": HASH, "document": DOCUMENT}
    ]
    assert deleted == {"deletePersistedQuery": {"deletedPersistedQueryId": first_id, "userErrors": []}}
    assert missing == {"deletePersistedQuery": {"deletedPersistedQueryId": None, "userErrors": [
        {"field": ["input", "id"], "message": "No persisted query has this hash.", "code": "NOT_FOUND"},
    ]}}
    assert wrong_type["deletePersistedQuery"]["userErrors"] == [
        {"field": ["input", "id"], "message": "expected the id of PersistedQuery, got the id of Agent", "code": "INVALID"},
    ]
    assert remaining["persistedQueries"]["totalCount"] == 3


def test_the_cli_registers_files_for_deploy_pipelines(settings: Settings, tmp_path: Path) -> None:
    good, broken = tmp_path / "me.graphql", tmp_path / "broken.graphql"
    good.write_text(DOCUMENT, encoding="utf-8")
    broken.write_text("query {", encoding="utf-8")
    environment = {**os.environ, "COACHLOOP_DATABASE_URL": settings.database_url, "COACHLOOP_LOG_FORMAT": "text"}
    command = [str(Path(sys.executable).parent / "coachloop"), "persisted-queries", "register"]
    done = subprocess.run([*command, str(good)], env=environment, capture_output=True, text=True, timeout=120, check=False)
    failed = subprocess.run([*command, str(broken)], env=environment, capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout) == (0, f"{HASH} {good}\n")
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr.endswith(f"{broken}: The document does not parse: Syntax Error: Expected Name, found <EOF>.\n")


def test_the_allow_list_holds_over_websocket_too(settings: Settings, auth_headers: Callable) -> None:
    allowlist = settings.model_copy(update={"persisted_queries": "allowlist"})
    asyncio.run(_allow_list(allowlist, DOCUMENT))
    token = auth_headers("agent", subject="a1")["authorization"].removeprefix("Bearer ")
    with (
        TestClient(create_app(allowlist)) as client,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket,
    ):
        socket.send_json({"type": "connection_init", "payload": {"token": token}})
        assert socket.receive_json() == {"type": "connection_ack"}
        socket.send_json({"type": "subscribe", "id": "1", "payload": {"query": "{ __typename }"}})
        refused = socket.receive_json()
        socket.send_json({"type": "subscribe", "id": "2", "payload": {"query": DOCUMENT}})
        allowed = socket.receive_json()
    assert refused == {"id": "1", "type": "error", "payload": [
        {"message": "This operation is not on the allow-list.", "extensions": {"code": "PERSISTED_QUERY_NOT_ALLOWED"}},
    ]}
    assert (allowed["type"], allowed["payload"]["data"]) == ("next", {"me": {"subject": "a1"}})
