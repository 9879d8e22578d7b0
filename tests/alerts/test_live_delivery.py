"""A compliance finding reaches the subscribed managers of its team, and only them, through two API processes on PostgreSQL."""

import asyncio
import json
import time
from pathlib import Path

import pytest
import websockets
from server.alerts.pipeline import settle_evaluations
from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.kernel.domain_events import publish
from server.quality.events import COMPLIANCE_FINDING, ComplianceFinding
from server.timefmt import now_us
from websockets.asyncio.client import ClientConnection, connect

from tests.conftest import StorageTemplates
from tests.ops.support import RunningApi, running_api

pytestmark = pytest.mark.slow

RAISED = "subscription { alertRaised { scopeKind scopeId severity state value rule { name source } } }"
SETTLE_S = 1.5
"""Time for a subscription to be listening, and for a second copy of an alert to show up if one were sent."""


async def subscribed(api: RunningApi, token: str) -> ClientConnection:
    socket = await connect(api.graphql.replace("http", "ws", 1), subprotocols=[websockets.Subprotocol("graphql-transport-ws")])
    await socket.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
    assert json.loads(await socket.recv()) == {"type": "connection_ack"}
    await socket.send(json.dumps({"type": "subscribe", "id": "raised", "payload": {"query": RAISED}}))
    return socket


async def received(socket: ClientConnection, wait_s: float) -> list[dict]:
    """Every message the socket got within ``wait_s`` seconds."""
    messages: list[dict] = []
    deadline = time.monotonic() + wait_s
    while (left := deadline - time.monotonic()) > 0:
        try:
            messages.append(json.loads(await asyncio.wait_for(socket.recv(), left)))
        except TimeoutError:
            break
    return messages


async def test_a_compliance_finding_reaches_its_teams_managers_once_over_two_api_processes(
    storage_templates: StorageTemplates, tmp_path: Path
) -> None:
    database_url = storage_templates.fresh("postgresql")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with running_api(database_url, tmp_path / "a") as first, running_api(database_url, tmp_path / "b") as second:
        manager_on_first = await subscribed(first, first.token("manager", subject="lead-t1", teams=["t1"]))
        manager_on_second = await subscribed(second, second.token("manager", subject="lead-t1", teams=["t1"]))
        other_manager = await subscribed(first, first.token("manager", subject="lead-t2", teams=["t2"]))
        await asyncio.sleep(SETTLE_S)

        engine = create_engine(Settings(database_url=database_url))
        try:
            async with transaction(create_sessionmaker(engine)) as session:
                finding = ComplianceFinding(
                    finding_id="finding-1", conversation_id="conv-1", agent_id="a1", team_id="t1", rule_id="forbidden-phrase",
                    severity="critical", message_id="m-3", occurred_at_us=now_us(),
                )
                assert await publish(session, COMPLIANCE_FINDING, finding) >= 1
            committed = time.monotonic()
            await settle_evaluations()
            first_message = json.loads(await asyncio.wait_for(manager_on_first.recv(), 5))
            latency_s = time.monotonic() - committed
            on_first = [first_message, *await received(manager_on_first, SETTLE_S)]
            on_second = await received(manager_on_second, 0.1)
            on_other = await received(other_manager, 0.1)
        finally:
            await engine.dispose()
        for socket in (manager_on_first, manager_on_second, other_manager):
            await socket.close()

    alert = {
        "scopeKind": "TEAM", "scopeId": "t1", "severity": "CRITICAL", "state": "OPEN", "value": 1.0,
        "rule": {"name": "Compliance phrase in a conversation", "source": "COMPLIANCE_FINDING"},
    }
    payload = {"data": {"alertRaised": alert}, "extensions": {"cost": {"requested": 9, "limit": 20000}}}
    expected = [{"id": "raised", "type": "next", "payload": payload}]
    assert on_first == expected
    assert on_second == expected
    assert on_other == []
    assert latency_s < 1.0
