"""``/export/metrics.csv``: the ``metrics`` query as a file, byte for byte, under the caller's access rules."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.app import create_app
from server.audit.models import AuditEntry
from server.config import Settings
from server.kernel.relay import to_global_id
from tests.metrics.factory import Events
from tests.metrics.helpers import configure, ingest
from tests.ops.support import serve

BOM = "\ufeff".encode()
A1, A2 = to_global_id("Agent", "a1"), to_global_id("Agent", "a2")
T1 = to_global_id("Team", "t1")


def two_conversations() -> Events:
    """c1 (chat, 退款) handled by a1 in t1; c2 on a channel that reads like a formula, handled by a2 in t1; c3 open."""
    events = Events()
    events.team("t1")
    events.agent("a1", "t1")
    events.agent("a2", "t1")
    events.started("c1", 0, channel="chat", category="退款")
    events.queued("c1", 10)
    events.assigned("c1", 20, "a1")
    events.ended("c1", 100)
    events.started("c2", 200, channel="=1+1", category="billing")
    events.queued("c2", 210)
    events.assigned("c2", 230, "a2")
    events.ended("c2", 300, "unresolved")
    events.started("c3", 90_000, channel="chat", category="退款")
    return events


@pytest.fixture
async def seeded(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> Settings:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, two_conversations().items)
    return settings


async def _post(settings: Settings, headers: dict[str, str], body: Any) -> Any:
    async with serve(create_app(settings)) as client:
        return await client.post("/export/metrics.csv", content=json.dumps(body), headers=headers)


async def test_a_small_export_is_exact_bytes(seeded: Settings, auth_headers: Callable[..., dict[str, str]]) -> None:
    body = {"groupBy": ["AGENT"], "metrics": ["CONVERSATIONS", "HANDLE_AVG_S"], "filter": {"period": {"to": "2026-03-02"}}}
    response = await _post(seeded, {**auth_headers("admin"), "accept-language": "en"}, body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="metrics.csv"'
    assert response.headers["content-language"] == "en"
    assert response.content == BOM + (
        "Agent,Conversations,Average handle time (s),Withheld\r\n"
        f"{A1},1,80.0,false\r\n"
        f"{A2},1,70.0,false\r\n"
    ).encode()


async def test_chinese_headers_and_text_by_default_and_formulas_neutralised(
    seeded: Settings, auth_headers: Callable[..., dict[str, str]]
) -> None:
    body = {"groupBy": ["CHANNEL", "CATEGORY", "DAY"], "metrics": ["CONVERSATIONS"]}
    response = await _post(seeded, auth_headers("admin"), body)
    assert response.status_code == 200, response.text
    assert response.headers["content-language"] == "zh-CN"
    assert response.content.startswith(BOM)
    assert response.content.decode("utf-8-sig").split("\r\n") == [
        "渠道,类别,日,会话量,已隐藏",
        "'=1+1,billing,2026-03-02,1,false",
        "chat,退款,2026-03-02,1,false",
        "chat,退款,2026-03-03,1,false",
        "",
    ]


async def test_get_takes_the_same_arguments(seeded: Settings, auth_headers: Callable[..., dict[str, str]]) -> None:
    async with serve(create_app(seeded)) as client:
        response = await client.get(
            "/export/metrics.csv",
            params={"groupBy": "TEAM", "metrics": "CONVERSATIONS,HANDLED", "filter": json.dumps({"teamIds": [T1]})},
            headers={**auth_headers("admin"), "accept-language": "en"},
        )
    assert response.status_code == 200, response.text
    assert response.content == BOM + f"Team,Conversations,Handled,Withheld\r\n{T1},2,2,false\r\n".encode()


async def test_an_analyst_gets_pseudonyms_and_withheld_values(seeded: Settings, auth_headers: Callable[..., dict[str, str]]) -> None:
    response = await _post(seeded, {**auth_headers("analyst"), "accept-language": "en"}, {"groupBy": ["AGENT"], "metrics": ["CONVERSATIONS"]})
    assert response.status_code == 200, response.text
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Agent,Conversations,Withheld"
    assert [line.split(",")[1:] for line in lines[1:-1]] == [["", "true"], ["", "true"]]
    assert all(line.startswith("p-") for line in lines[1:-1])


@pytest.mark.parametrize(
    ("headers", "body", "status", "code", "message"),
    [
        ({}, {}, 401, "UNAUTHENTICATED", "missing bearer token"),
        ({"role": "analyst"}, {"filter": {"agentIds": [A1]}}, 403, "FORBIDDEN", "filtering by agent needs access to individual metrics"),
        ({"role": "agent", "subject": "a1"}, {"filter": {"agentIds": [A2]}}, 403, "FORBIDDEN", "Agent a2 is outside your scope"),
        ({"role": "ingest"}, {}, 403, "FORBIDDEN", "not allowed to read Query.metrics"),
        ({"role": "admin"}, {"groupBy": ["DAY", "HOUR"]}, 400, "BAD_USER_INPUT", "at most one time bucket may be grouped by, got hour, day"),
        ({"role": "admin"}, {"filter": {"agentIds": ["a1"]}}, 400, "BAD_USER_INPUT", "'a1' is not a global id"),
        ({"role": "admin"}, ["AGENT"], 400, "BAD_USER_INPUT", "the body must be a JSON object with only filter, groupBy, metrics"),
    ],
    ids=["no-token", "analyst-agent-filter", "other-agent", "no-metric-field", "two-buckets", "raw-key", "not-an-object"],
)
async def test_refusals_are_graphql_errors_with_their_status(
    seeded: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable[..., dict[str, str]],
    headers: dict[str, str], body: Any, status: int, code: str, message: str,
) -> None:
    response = await _post(seeded, auth_headers(**headers) if headers else {}, body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    [error] = response.json()["errors"]
    assert (error["extensions"]["code"], error["message"]) == (code, message)
    async with sessionmaker() as session:
        reads = (await session.execute(select(AuditEntry).where(AuditEntry.action == "read"))).scalars().all()
    assert reads == []  # nothing was read


async def test_individual_reads_are_audited(
    seeded: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable[..., dict[str, str]]
) -> None:
    response = await _post(seeded, auth_headers("manager", subject="u-lead", teams=["t1"]), {"groupBy": ["AGENT"], "metrics": ["HANDLED"]})
    assert response.status_code == 200, response.text
    async with sessionmaker() as session:
        entries = (await session.execute(select(AuditEntry).order_by(AuditEntry.subject_id))).scalars().all()
    assert [(entry.actor, entry.action, entry.subject_id, entry.fields) for entry in entries] == [
        ("u-lead", "read", "a1", '["Metric.handled"]'), ("u-lead", "read", "a2", '["Metric.handled"]'),
    ]
