"""Creation on first sign-in from a verified token's claims, and the rule that the stored record wins afterwards."""

import asyncio
import json
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from server.app import create_app
from server.audit.models import AuditEntry
from server.authz.identity import Principal
from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.errors import Unauthenticated
from server.kernel.relay import to_global_id
from server.people.records import UserRecord
from server.people.repository import DirectoryRepository
from server.people.service import store_user
from server.people.signin import directory_principal
from tests.ops.support import serve
from tests.people.directory import SETUP

ME = {"query": "{ me { subject roles teamIds } }"}


async def test_first_use_creates_the_user_from_its_claims(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    claimed = Principal("u-new", frozenset({"manager", "astronaut"}), frozenset({"t-east"}), expires_at=99.0)

    granted = await directory_principal(sessionmaker, claimed, now_us=5_000_000, request_id="r1")

    assert granted == Principal("u-new", frozenset({"manager"}), frozenset({"t-east"}))
    assert granted.expires_at == 99.0
    async with sessionmaker() as session:
        stored = await DirectoryRepository(session).get("u-new")
        audit = (await session.execute(select(AuditEntry))).scalars().one()
    assert stored == UserRecord(
        "u-new", "u-new", roles=frozenset({"manager"}), teams=frozenset({"t-east"}), source="token",
        created_at_us=5_000_000, updated_at_us=5_000_000,
    )
    assert (audit.actor, audit.action, audit.subject_id, audit.request_id) == ("u-new", "directory_change", "u-new", "r1")
    assert json.loads(audit.detail) == {
        "created": True, "active": True, "roles": {"added": ["manager"], "removed": []}, "teams": {"added": ["t-east"], "removed": []},
    }


async def test_an_agent_is_linked_to_its_agent_record(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await directory_principal(sessionmaker, Principal("a7", frozenset({"agent"})), now_us=1)
    async with sessionmaker() as session:
        stored = await DirectoryRepository(session).get("a7")
    assert stored is not None and stored.agent_id == "a7"


async def test_claims_never_widen_the_stored_record(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    async with transaction(sessionmaker) as session:
        await store_user(session, UserRecord("u-m", "经理", roles=frozenset({"manager"}), teams=frozenset({"t-east"})), SETUP, now_us=1)
    widened = Principal("u-m", frozenset({"manager", "admin"}), frozenset({"t-east", "t-west"}))
    narrowed = Principal("u-m", frozenset({"agent"}), frozenset())

    assert await directory_principal(sessionmaker, widened, now_us=2) == Principal("u-m", frozenset({"manager"}), frozenset({"t-east"}))
    assert await directory_principal(sessionmaker, narrowed, now_us=3) == Principal("u-m", frozenset({"manager"}), frozenset({"t-east"}))
    async with sessionmaker() as session:
        stored = await DirectoryRepository(session).get("u-m")
    assert stored is not None and (stored.roles, stored.teams, stored.updated_at_us) == (frozenset({"manager"}), frozenset({"t-east"}), 1)


async def test_a_deactivated_user_is_refused_however_valid_the_token(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    async with transaction(sessionmaker) as session:
        await store_user(session, UserRecord("u-left", "离职", roles=frozenset({"admin"}), active=False), SETUP, now_us=1)
    with pytest.raises(Unauthenticated, match="user is deactivated"):
        await directory_principal(sessionmaker, Principal("u-left", frozenset({"admin"})), now_us=2)


async def test_service_principals_are_not_people(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    service = Principal("svc-ingest", frozenset({"ingest"}))
    assert await directory_principal(sessionmaker, service, now_us=1) is service
    async with sessionmaker() as session:
        assert await DirectoryRepository(session).get("svc-ingest") is None


async def test_over_http_the_stored_record_decides(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable
) -> None:
    async with serve(create_app(settings)) as client:
        first = await client.post("/graphql", json=ME, headers=auth_headers("manager", subject="u-m", teams=["t1"]))
        widened = await client.post("/graphql", json=ME, headers=auth_headers(subject="u-m", roles=["admin", "manager"], teams=["t1", "t2"]))
        async with transaction(sessionmaker) as session:
            stored = await DirectoryRepository(session).get("u-m")
            assert stored is not None
            await store_user(session, stored.with_changes(active=False), SETUP, now_us=10)
        refused = await client.post("/graphql", json=ME, headers=auth_headers("manager", subject="u-m", teams=["t1"]))
    expected = {"me": {"subject": "u-m", "roles": ["manager"], "teamIds": [to_global_id("Team", "t1")]}}
    assert (first.json()["data"], widened.json()["data"]) == (expected, expected)
    assert (refused.status_code, refused.json()["errors"]) == (
        401, [{"message": "user is deactivated", "extensions": {"code": "UNAUTHENTICATED"}}]
    )


def test_a_deactivated_user_cannot_open_a_websocket(settings: Settings, auth_headers: Callable) -> None:
    token = auth_headers("agent", subject="a9")["authorization"].removeprefix("Bearer ")
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            socket.send_json({"type": "connection_init", "payload": {"token": token}})
            accepted = socket.receive_json()
        asyncio.run(_deactivate(settings, "a9"))
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            socket.send_json({"type": "connection_init", "payload": {"token": token}})
            with pytest.raises(WebSocketDisconnect) as refused:
                socket.receive_json()
    assert accepted == {"type": "connection_ack"}
    assert (refused.value.code, refused.value.reason) == (
        4403, '{"message":"user is deactivated","extensions":{"code":"UNAUTHENTICATED"}}'
    )


async def _deactivate(settings: Settings, user_id: str) -> None:
    engine = create_engine(settings)
    try:
        async with transaction(create_sessionmaker(engine)) as session:
            stored = await DirectoryRepository(session).get(user_id)
            assert stored is not None
            await store_user(session, stored.with_changes(active=False), SETUP, now_us=10)
    finally:
        await engine.dispose()
