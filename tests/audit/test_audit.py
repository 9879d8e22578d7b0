"""The audit log: individual-level reads by others, refused attempts, append-only, and reads fail without it."""

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from server.audit.models import AuditEntry, AuditPurgeHorizon
from server.db import transaction
from server.kernel.relay import to_global_id
from server.kernel.relay import to_global_id as gid
from tests.authz.world import Api, open_world


async def _entries(api: Api, request_id: str) -> list[tuple]:
    async with api.sessionmaker() as session:
        statement = select(AuditEntry).where(AuditEntry.request_id == request_id).order_by(AuditEntry.id)
        rows = (await session.execute(statement)).scalars().all()
    return [
        (row.actor, row.actor_roles, row.action, row.object_type, row.subject_kind, row.subject_id, json.loads(row.fields),
         json.loads(row.detail)["reason"] if row.detail else None)
        for row in rows
    ]


async def _run(api: Api, query: str, role: str, variables: dict | None = None):  # noqa: ANN202
    request_id = uuid.uuid4().hex
    result = await api.execute(query, role=role, request_id=request_id, variables=variables)
    return result, await _entries(api, request_id)


async def test_reads_of_colleagues_are_recorded_with_fields(world: Api) -> None:
    result, entries = await _run(world, f'{{ agent(id: "{gid("Agent", "a2")}") {{ externalId name email team {{ name }} }} }}', "manager")
    assert result.data == {"agent": {"externalId": "a2", "name": "李四", "email": "lisi@example.com", "team": {"name": "华东一组"}}}
    assert entries == [
        ("u-mgr-east", "manager", "read", "Agent", "agent", "a2", ["Agent.email", "Agent.name", "Agent.team"], None)
    ]


async def test_reading_ones_own_data_is_not_recorded(world: Api) -> None:
    result, entries = await _run(world, f'{{ agent(id: "{gid("Agent", "a1")}") {{ name email }} conversation(id: "{gid("Conversation", "cv1")}") {{ csat }} }}', "agent")
    assert result.data["agent"] == {"name": "张三", "email": "zhangsan@example.com"}
    assert entries == []


async def test_masked_values_are_not_recorded_as_reads_but_full_ones_are(world: Api) -> None:
    query = f'{{ customer(id: "{gid("Customer", "c1")}") {{ externalId phone }} }}'
    masked, masked_entries = await _run(world, query, "agent")
    full, full_entries = await _run(world, query, "admin")
    assert masked.data == {"customer": {"externalId": "c1", "phone": "138****5678"}}
    assert masked_entries == []
    assert full.data == {"customer": {"externalId": "c1", "phone": "13812345678"}}
    assert full_entries == [("u-admin", "admin", "read", "Customer", "customer", "c1", ["Customer.phone"], None)]


@pytest.mark.parametrize(
    ("role", "query", "data", "entry"),
    [
        ("agent", f'{{ agent(id: "{gid("Agent", "a3")}") {{ name }} }}', {"agent": None}, ("Agent", "agent", "a3", "outside row scope")),
        ("agent", f'{{ conversation(id: "{gid("Conversation", "cv3")}") {{ id }} }}', {"conversation": None}, ("Conversation", "conversation", "cv3", "outside row scope")),
        ("manager", f'{{ customer(id: "{gid("Customer", "c3")}") {{ id }} }}', {"customer": None}, ("Customer", "customer", "c3", "outside row scope")),
        ("agent", f'{{ conversations(filter: {{agentId: "{gid("Agent", "a3")}"}}) {{ totalCount }} }}', None, ("Agent", "agent", "a3", "outside row scope")),
        ("analyst", "{ agents { totalCount } }", None, ("Query.agents", None, None, "no policy grants this field")),
        ("hr", f'{{ conversation(id: "{gid("Conversation", "cv1")}") {{ externalId messages {{ nodes {{ text }} }} }} }}', {"conversation": {"externalId": "cv1", "messages": None}},
         ("Conversation.messages", "agent", "a1", "no policy grants this field")),
    ],
    ids=["agent-by-id", "conversation-by-id", "customer-by-id", "filter", "root-field", "nested-field"],
)
async def test_refused_attempts_are_recorded(world: Api, role: str, query: str, data: dict | None, entry: tuple) -> None:
    result, entries = await _run(world, query, role)
    assert result.data == data
    actor = {"agent": "a1", "manager": "u-mgr-east", "analyst": "u-analyst", "hr": "u-hr"}[role]
    assert entries == [(actor, role, "denied", *entry[:3], [], entry[3])]


async def test_a_lookup_of_an_unknown_id_is_null_and_not_recorded(world: Api) -> None:
    result, entries = await _run(world, f'{{ agent(id: "{gid("Agent", "nobody")}") {{ name }} conversation(id: "{gid("Conversation", "nothing")}") {{ id }} }}', "agent")
    assert result.data == {"agent": None, "conversation": None}
    assert entries == []


@pytest.mark.parametrize(("role", "allowed"), [("admin", True), ("hr", True), ("manager", False), ("agent", False)])
async def test_admin_and_hr_query_the_audit_log(world: Api, role: str, allowed: bool) -> None:
    await world.execute(f'{{ agent(id: "{gid("Agent", "a2")}") {{ name }} }}', role="manager", request_id="audit-log-probe")
    result = await world.execute(
        '{ auditLog(filter: {requestId: "audit-log-probe"}, first: 1) { totalCount nodes { actor action subjectId fields } } }',
        role=role,
    )
    if allowed:
        assert result.errors is None
        assert result.data["auditLog"]["nodes"][0] == {
            "actor": "u-mgr-east", "action": "READ", "subjectId": to_global_id("Agent", "a2"), "fields": ["Agent.name"]
        }
    else:
        assert result.data is None
        assert [error.extensions["code"] for error in result.errors] == ["FORBIDDEN"]


async def test_a_sensitive_read_fails_when_the_audit_cannot_be_written(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP TABLE audit_entry"))
        sensitive = await api.execute(f'{{ agent(id: "{gid("Agent", "a2")}") {{ name email }} }}', role="manager")
        harmless = await api.execute("{ teams { name } }", role="manager")
    finally:
        await engine.dispose()
    assert sensitive.data is None
    assert [(error.message, error.extensions["code"]) for error in sensitive.errors] == [
        ("The audit log could not be written, so the data was withheld.", "AUDIT_UNAVAILABLE")
    ]
    assert harmless.errors is None
    assert harmless.data == {"teams": [{"name": "华东组"}, {"name": "华东一组"}]}


async def test_the_audit_log_is_append_only(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        await api.execute(f'{{ agent(id: "{gid("Agent", "a2")}") {{ name }} }}', role="manager", request_id="old-read")
        await api.execute(f'{{ agent(id: "{gid("Agent", "a6")}") {{ name }} }}', role="manager", request_id="new-read")
        async with api.sessionmaker() as session:
            old, new = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
        with pytest.raises(DBAPIError, match="append-only"):
            async with transaction(api.sessionmaker) as session:
                await session.execute(update(AuditEntry).where(AuditEntry.id == old.id).values(actor="someone-else"))
        with pytest.raises(DBAPIError, match="retention horizon"):
            async with transaction(api.sessionmaker) as session:
                await session.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": old.id})
        async with transaction(api.sessionmaker) as session:
            await session.execute(update(AuditPurgeHorizon).values(purge_before_us=new.at_us))
            await session.execute(text("DELETE FROM audit_entry WHERE at_us < :horizon"), {"horizon": new.at_us})
        remaining = await _entries(api, "new-read") + await _entries(api, "old-read")
    finally:
        await engine.dispose()
    assert old.at_us < new.at_us
    assert remaining == [("u-mgr-east", "manager", "read", "Agent", "agent", "a6", ["Agent.name"], None)]
