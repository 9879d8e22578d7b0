"""Subscriptions over graphql-transport-ws in one process (SQLite): who receives what, and the codes of their errors."""

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server.app import create_app
from server.authz.identity import mint_token
from server.db import transaction
from server.kernel.relay import to_global_id
from server.notifications.delivery import deliver_in_app
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import ManagersOf
from server.timefmt import now_us
from starlette.testclient import TestClient

from tests.authz.world import Api, open_world
from tests.conftest import StorageTemplates

RAISED = "subscription { alertRaised { id state } }"
UPDATED = "subscription { alertUpdated { scopeId state acknowledgedBy notes { by text } } }"
RECEIVED = "subscription { notificationReceived { kind subjectId payload } }"
ACKNOWLEDGE = "mutation ($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { alert { state } userErrors { code } } }"
LISTENING_S = 0.5


@pytest.fixture
def world(storage_templates: StorageTemplates, tmp_path: Path) -> Iterator[Api]:
    engine, api = asyncio.run(open_world(storage_templates.fresh("sqlite"), tmp_path))
    asyncio.run(engine.dispose())
    yield api


def token(world: Api, subject: str, roles: list[str], teams: list[str] | None = None, ttl_seconds: int = 3600) -> str:
    return mint_token(world.settings, subject=subject, roles=roles, teams=teams or [], ttl_seconds=ttl_seconds)


def subscribe(socket: Any, bearer: str, query: str) -> None:
    socket.send_json({"type": "connection_init", "payload": {"token": bearer}})
    assert socket.receive_json() == {"type": "connection_ack"}
    socket.send_json({"type": "subscribe", "id": "s", "payload": {"query": query}})


def test_an_acknowledgement_reaches_the_managers_who_may_see_the_alert(world: Api) -> None:
    with TestClient(create_app(world.settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as east, \
                client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as west:
            subscribe(east, token(world, "u-mgr-east", ["manager"], ["t-east"]), UPDATED)
            subscribe(west, token(world, "u-west", ["manager"], ["t-west"]), UPDATED)
            time.sleep(LISTENING_S)
            variables = {"input": {"id": to_global_id("Alert", "al-east"), "note": "已联系坐席"}}
            headers = {"authorization": f"Bearer {token(world, 'u-mgr-east', ['manager'], ['t-east'])}"}
            answer = client.post("/graphql", json={"query": ACKNOWLEDGE, "variables": variables}, headers=headers).json()
            received = east.receive_json()
            west.send_json({"type": "ping"})
            west_next = west.receive_json()
    assert answer["data"] == {"acknowledgeAlert": {"alert": {"state": "ACKNOWLEDGED"}, "userErrors": []}}
    assert received["payload"]["data"] == {"alertUpdated": {
        "scopeId": "t-east", "state": "ACKNOWLEDGED", "acknowledgedBy": "u-mgr-east",
        "notes": [{"by": "u-mgr-east", "text": "在跟进"}, {"by": "u-mgr-east", "text": "已联系坐席"}],
    }}
    assert west_next == {"type": "pong"}


def test_a_new_in_app_notification_reaches_its_recipient(world: Api) -> None:
    async def notify_east() -> None:
        async with transaction(world.sessionmaker) as session:
            message = OutboxMessage("alert.raised", "alert", "al-east", {"alertId": "al-east"})
            entry, _ = await record_notification(session, message, [ManagersOf("t-east")], now_us=now_us())
        async with transaction(world.sessionmaker) as session:
            await deliver_in_app(session, entry.outbox_id)

    with TestClient(create_app(world.settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            subscribe(socket, token(world, "u-mgr-east", ["manager"], ["t-east"]), RECEIVED)
            time.sleep(LISTENING_S)
            client.portal.call(notify_east)
            received = socket.receive_json()
    assert received["payload"]["data"] == {
        "notificationReceived": {"kind": "alert.raised", "subjectId": "al-east", "payload": {"alertId": "al-east"}}
    }


@pytest.mark.parametrize("query", [RAISED, UPDATED, RECEIVED], ids=["alertRaised", "alertUpdated", "notificationReceived"])
def test_every_subscription_ends_with_unauthenticated_when_the_token_expires(world: Api, query: str) -> None:
    strict = world.settings.model_copy(update={"jwt_leeway_seconds": 0})
    with TestClient(create_app(strict)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            subscribe(socket, mint_token(strict, subject="u-mgr-east", roles=["manager"], teams=["t-east"], ttl_seconds=2), query)
            ended = socket.receive_json()
            completed = socket.receive_json()
    assert (ended["id"], ended["type"], ended["payload"]["data"]) == ("s", "next", None)
    assert ended["payload"]["errors"] == [{"message": "token expired", "extensions": {"code": "UNAUTHENTICATED"}}]
    assert completed == {"id": "s", "type": "complete"}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (RAISED, "FORBIDDEN"),
        (UPDATED, "FORBIDDEN"),
        ("subscription { notificationReceived { nope } }", "GRAPHQL_VALIDATION_FAILED"),
    ],
    ids=["alertRaised", "alertUpdated", "notificationReceived"],
)
def test_subscription_refusals_carry_their_code(world: Api, query: str, code: str) -> None:
    with TestClient(create_app(world.settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
            subscribe(socket, token(world, "u-analyst", ["analyst"]), query)
            refused = socket.receive_json()
    errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
    assert [error["extensions"]["code"] for error in errors] == [code]
