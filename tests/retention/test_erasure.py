"""Erasing a customer: personal data and what they wrote go, metrics stay, and a re-import does not bring it back."""

import json
from pathlib import Path

from sqlalchemy import select

from server.audit.models import AuditEntry
from server.conversations.models import Message
from server.ingestion.models import EventConflict, StoredEvent
from server.ingestion.service import ingest_events
from server.kernel.relay import to_global_id
from server.metrics.query import compute_metrics
from server.metrics.request import METRIC_KEYS, MetricsRequest
from tests.authz.world import Api, open_world, world_events

ERASE_CUSTOMER = (
    "mutation ($input: EraseCustomerInput!) { eraseCustomer(input: $input) { erasure { customerId personalRecordsCleared "
    "messagesCleared commentsCleared rawEventsScrubbed erasedAt } userErrors { field message code } } }"
)
C1 = {"input": {"customerId": to_global_id("Customer", "c1")}}
LOOK = (
    f'{{ customer(id: "{to_global_id("Customer", "c1")}") {{ name phone email }} '
    f'cv1: conversation(id: "{to_global_id("Conversation", "cv1")}") {{ messages {{ nodes {{ sender text }} }} }} }}'
)


async def _c1_raw(api: Api) -> dict[str, dict]:
    async with api.sessionmaker() as session:
        rows = (await session.execute(select(StoredEvent).order_by(StoredEvent.seq))).scalars().all()
    return {row.id: json.loads(row.payload) for row in rows if row.id.startswith(("e-c1", "cv1-m", "cv4-m", "re-"))}


async def _metrics(api: Api) -> list:
    async with api.sessionmaker() as session:
        rows = await compute_metrics(session, MetricsRequest.of(group_by=["agent"], metrics=METRIC_KEYS), settings=api.settings)
    return [(row.dimensions, {key: value.value for key, value in row.values.items()}) for row in rows]


async def test_erasure_survives_a_re_import(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        metrics_before = await _metrics(api)
        erased = await api.execute(ERASE_CUSTOMER, role="admin", request_id="erase-c1", variables=C1)
        again = await api.execute(ERASE_CUSTOMER, role="admin", variables=C1)
        after_erasure = await api.execute(LOOK, role="admin")
        raw_after_erasure = await _c1_raw(api)
        replay = await ingest_events(api.sessionmaker, world_events(), settings=api.settings)
        fresh_copies = [
            {"id": "re-c1-up", "type": "customer.upserted", "ts": "2026-03-05T08:00:00+08:00", "customer_id": "c1", "name": "陈小明", "phone": "13812345678"},
            {"id": "re-cv1-m3", "type": "message.sent", "ts": "2026-03-02T09:05:00+08:00", "conversation_id": "cv1", "sender": "customer", "text": "我的地址是…"},
        ]
        reimport = await ingest_events(api.sessionmaker, fresh_copies, settings=api.settings)
        after_reimport = await api.execute(LOOK, role="admin")
        raw_after_reimport = await _c1_raw(api)
        metrics_after = await _metrics(api)
        async with api.sessionmaker() as session:
            [audit] = (await session.execute(select(AuditEntry).where(AuditEntry.request_id == "erase-c1", AuditEntry.action == "erasure"))).scalars().all()
            agent_texts = (await session.execute(select(Message.text).where(Message.conversation_id == "cv1", Message.sender == "agent"))).scalars().all()
    finally:
        await engine.dispose()
    assert erased.data["eraseCustomer"]["userErrors"] == []
    report = erased.data["eraseCustomer"]["erasure"]
    erased_at = report.pop("erasedAt")
    assert erased_at.startswith("20") and erased_at.endswith("+08:00")  # an instant in the organisation's zone
    assert report == {
        "customerId": to_global_id("Customer", "c1"), "personalRecordsCleared": 1, "messagesCleared": 2, "commentsCleared": 0,
        "rawEventsScrubbed": 3,
    }
    # a repeated erasure keeps the first time and finds nothing left to clear
    assert again.data["eraseCustomer"]["erasure"] == {
        "customerId": to_global_id("Customer", "c1"), "personalRecordsCleared": 0, "messagesCleared": 0, "commentsCleared": 0,
        "rawEventsScrubbed": 0, "erasedAt": erased_at,
    }
    expected_view = {"customer": {"name": None, "phone": None, "email": None},
                     "cv1": {"messages": {"nodes": [{"sender": "CUSTOMER", "text": None}, {"sender": "AGENT", "text": "马上为您查询"}]}}}
    assert after_erasure.data == expected_view
    assert raw_after_erasure["e-c1"] == {"id": "e-c1", "type": "customer.upserted", "ts": "2026-03-01T08:00:00+08:00", "customer_id": "c1"}
    assert "text" not in raw_after_erasure["cv1-m1"] and raw_after_erasure["cv1-m2"]["text"] == "马上为您查询"
    assert (replay.accepted, replay.duplicates) == (0, len(world_events()))
    assert reimport.accepted == 2
    assert after_reimport.data == {
        "customer": {"name": None, "phone": None, "email": None},
        "cv1": {"messages": {"nodes": [
            {"sender": "CUSTOMER", "text": None}, {"sender": "AGENT", "text": "马上为您查询"}, {"sender": "CUSTOMER", "text": None},
        ]}},
    }
    assert "name" not in raw_after_reimport["re-c1-up"] and "text" not in raw_after_reimport["re-cv1-m3"]
    assert metrics_after == metrics_before
    assert (audit.actor, audit.subject_kind, audit.subject_id) == ("u-admin", "customer", "c1")
    assert agent_texts == ["马上为您查询"]



async def test_a_conflicting_re_send_for_an_erased_customer_is_scrubbed_too(database_url: str, tmp_path: Path) -> None:
    """A re-send of a known id with other content is kept as a conflict: for an erased customer, without personal data."""
    engine, api = await open_world(database_url, tmp_path)
    try:
        await api.execute(ERASE_CUSTOMER, role="admin", variables=C1)
        changed = [
            {"id": "e-c1", "type": "customer.upserted", "ts": "2026-03-01T08:00:00+08:00", "customer_id": "c1", "name": "陈晓明", "phone": "13900000000"},
            {"id": "cv1-m1", "type": "message.sent", "ts": "2026-03-02T09:00:10+08:00", "conversation_id": "cv1", "sender": "customer", "text": "改过的原话"},
        ]
        report = await ingest_events(api.sessionmaker, changed, settings=api.settings)
        async with api.sessionmaker() as session:
            kept = {row.event_id: row.payload for row in await session.execute(select(EventConflict.event_id, EventConflict.payload))}
    finally:
        await engine.dispose()
    assert report.conflicts == 2
    assert json.loads(kept["e-c1"]) == {"id": "e-c1", "type": "customer.upserted", "ts": "2026-03-01T08:00:00+08:00", "customer_id": "c1"}
    assert json.loads(kept["cv1-m1"]) == {
        "id": "cv1-m1", "type": "message.sent", "ts": "2026-03-02T09:00:10+08:00", "conversation_id": "cv1", "sender": "customer",
    }

async def test_only_admins_erase_and_unknown_customers_are_not_found(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        refused = await api.execute(ERASE_CUSTOMER, role="hr", variables=C1)
        unknown = await api.execute(ERASE_CUSTOMER, role="admin", variables={"input": {"customerId": to_global_id("Customer", "nobody")}})
        agent = await api.execute(ERASE_CUSTOMER, role="admin", variables={"input": {"customerId": to_global_id("Agent", "a1")}})
        still = await api.execute(f'{{ customer(id: "{to_global_id("Customer", "c1")}") {{ name }} }}', role="admin")
        async with api.sessionmaker() as session:
            erasures = (await session.execute(select(AuditEntry).where(AuditEntry.action == "erasure"))).scalars().all()
    finally:
        await engine.dispose()
    assert (refused.data, [error.extensions["code"] for error in refused.errors]) == (None, ["FORBIDDEN"])
    assert (unknown.errors, unknown.data) == (None, {"eraseCustomer": {"erasure": None, "userErrors": [
        {"field": ["input", "customerId"], "message": "客户 nobody 不存在", "code": "NOT_FOUND"}
    ]}})
    assert agent.data == {"eraseCustomer": {"erasure": None, "userErrors": [
        {"field": ["input", "customerId"], "message": "expected the id of Customer, got the id of Agent", "code": "INVALID"}
    ]}}
    assert still.data == {"customer": {"name": "陈小明"}}
    assert erasures == []
