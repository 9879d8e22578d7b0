"""Writing events: idempotent by id, conflicts kept apart, typed rows, latest-wins current state, hooks."""

import asyncio
from datetime import date
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.ingestion import pipeline
from server.ingestion.hooks import TouchedKeys
from server.ingestion.jsontext import content_hash
from server.ingestion.outcomes import EventStatus, ItemOutcome
from server.ingestion.pipeline import write_batch
from server.ingestion.service import InputItem, ingest_events, ingest_items
from tests.ingestion.events import NOW_US, TS_US, event, valid
from tests.ingestion.state import rows, table_counts

A, D, C, R = EventStatus.ACCEPTED, EventStatus.DUPLICATE, EventStatus.CONFLICT, EventStatus.REJECTED
MINUTE_US = 60 * 1_000_000


async def ingest(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, events: list[Any], batch_size: int | None = None
) -> list[EventStatus]:
    """The status of every event, in input order; the report's counts agree with them."""
    seen: list[ItemOutcome] = []
    items = (InputItem(index, raw) for index, raw in enumerate(events))
    report = await ingest_items(
        sessionmaker, items, batch_size=batch_size or settings.ingest_batch_size, now_us=NOW_US,
        on_outcome=lambda _item, outcome: seen.append(outcome),
    )
    statuses = [outcome.status for outcome in seen]
    assert [outcome.position for outcome in seen] == list(range(len(events)))
    assert (report.accepted, report.duplicates, report.conflicts, report.rejected) == tuple(
        statuses.count(status) for status in (A, D, C, R)
    )
    return statuses


def started(event_id: str, channel: str = "chat", **fields: Any) -> dict[str, Any]:
    return event("conversation.started", event_id, channel=channel, **fields)


async def test_duplicate_and_conflict_across_imports(sessionmaker, settings) -> None:
    first = started("e1")
    reordered = dict(reversed(list({**first, "ts": "2026-03-02 01:15:00.000000Z"}.items())))
    changed = started("e1", channel="phone")
    assert await ingest(sessionmaker, settings, [first]) == [A]
    assert await ingest(sessionmaker, settings, [reordered]) == [D]
    assert await ingest(sessionmaker, settings, [changed]) == [C]
    assert await ingest(sessionmaker, settings, [changed]) == [D]  # that conflicting version is already recorded
    assert [(row["id"], row["content_hash"]) for row in await rows(sessionmaker, "event")] == [("e1", valid(first).content_hash)]
    assert [row["channel"] for row in await rows(sessionmaker, "conversation_event")] == ["chat"]
    conflicts = await rows(sessionmaker, "event_conflict")
    assert [(row["event_id"], row["content_hash"], row["payload"]) for row in conflicts] == [
        ("e1", valid(changed).content_hash, valid(changed).payload)
    ]


@pytest.mark.parametrize("batch_size", [1, 100])
async def test_same_id_twice_in_a_batch_behaves_as_in_sequence(sessionmaker, settings, batch_size: int) -> None:
    events = [
        started("a"), started("a"),
        started("b"), started("b", channel="phone"),
        started("c"), started("c", channel="email"), started("c"), started("c", channel="email"), started("c", channel="wechat"),
    ]
    assert await ingest(sessionmaker, settings, events, batch_size=batch_size) == [A, D, A, C, A, C, D, D, C]
    conflicts = await rows(sessionmaker, "event_conflict")
    assert sorted((row["event_id"], row["content_hash"]) for row in conflicts) == sorted(
        [("b", valid(events[3]).content_hash), ("c", valid(events[5]).content_hash), ("c", valid(events[8]).content_hash)]
    )
    assert [row["channel"] for row in await rows(sessionmaker, "conversation_event")] == ["chat", "chat", "chat"]


async def test_a_rejected_event_does_not_reserve_its_id(sessionmaker, settings) -> None:
    assert await ingest(sessionmaker, settings, [started("e1", channel=" "), started("e1")]) == [R, A]
    assert (await table_counts(sessionmaker))["event"] == 1


async def test_typed_rows_of_every_type(sessionmaker, settings) -> None:
    events = [
        event("conversation.started", "s", channel=" WeChat ", category="退款", direction="outbound"),
        event("conversation.queued", "q", queue="vip"),
        event("conversation.assigned", "as", transfer_id="tr-1"),
        event("conversation.transferred", "tr", to_agent_id="agent-2", to_queue="l2"),
        event("conversation.categorized", "ca", category=" Billing "),
        event("message.sent", "m", sender="agent", agent_id="agent-1", text="您好，请问有什么可以帮您？", message_id="mid"),
        event("conversation.ended", "en", resolution="abandoned", disposition="超时"),
        event("feedback.submitted", "f", csat=5, nps=9, resolved=True, comment="谢谢"),
        event("kb.searched", "ks", conversation_id="conv-1", results=3),
        event("kb.article_opened", "ko", search_id="search-1", conversation_id="conv-1"),
        event("agent.status_changed", "st", status="away"),
    ]
    assert await ingest(sessionmaker, settings, events) == [A] * len(events)
    lifecycle = {row["event_id"]: row for row in await rows(sessionmaker, "conversation_event")}
    empty = dict.fromkeys(("channel", "customer_id", "category", "direction", "queue", "agent_id", "transfer_id", "resolution", "disposition"))
    base = {"conversation_id": "conv-1", "ts_us": TS_US}
    assert lifecycle == {
        "s": {**base, **empty, "event_id": "s", "type": "conversation.started", "channel": "wechat", "customer_id": "cust-1", "category": "退款", "direction": "outbound"},
        "q": {**base, **empty, "event_id": "q", "type": "conversation.queued", "queue": "vip"},
        "as": {**base, **empty, "event_id": "as", "type": "conversation.assigned", "agent_id": "agent-1", "transfer_id": "tr-1"},
        "ca": {**base, **empty, "event_id": "ca", "type": "conversation.categorized", "category": "billing"},
        "en": {**base, **empty, "event_id": "en", "type": "conversation.ended", "resolution": "abandoned", "disposition": "超时"},
    }
    assert await rows(sessionmaker, "transfer") == [
        {**base, "event_id": "tr", "transfer_id": "tr-1", "from_agent_id": "agent-1", "to_agent_id": "agent-2", "to_queue": "l2"}
    ]
    assert await rows(sessionmaker, "message") == [
        {**base, "event_id": "m", "sender": "agent", "agent_id": "agent-1", "text": "您好，请问有什么可以帮您？", "message_id": "mid"}
    ]
    assert await rows(sessionmaker, "feedback") == [
        {**base, "event_id": "f", "csat": 5, "nps": 9, "resolved": True, "comment": "谢谢"}
    ]
    assert await rows(sessionmaker, "kb_search") == [
        {"event_id": "ks", "search_id": "search-1", "agent_id": "agent-1", "conversation_id": "conv-1", "query": "退款流程", "results": 3, "ts_us": TS_US}
    ]
    assert await rows(sessionmaker, "kb_article_open") == [
        {"event_id": "ko", "article_id": "article-1", "agent_id": "agent-1", "search_id": "search-1", "conversation_id": "conv-1", "ts_us": TS_US}
    ]
    assert await rows(sessionmaker, "agent_status") == [{"event_id": "st", "agent_id": "agent-1", "status": "away", "ts_us": TS_US}]
    stored = {row["id"]: row["conversation_id"] for row in await rows(sessionmaker, "event")}
    assert stored == {"s": "conv-1", "q": "conv-1", "as": "conv-1", "tr": "conv-1", "ca": "conv-1", "m": "conv-1", "en": "conv-1",
                      "f": "conv-1", "ks": "conv-1", "ko": "conv-1", "st": None}


def agent_upsert(event_id: str, minute: int, team_id: str, **fields: Any) -> dict[str, Any]:
    return event("agent.upserted", event_id, ts=f"2026-03-02T01:{minute:02d}:00Z", team_id=team_id, **fields)


@pytest.mark.parametrize("batch_size", [1, 100])
async def test_current_state_follows_the_latest_event_whatever_the_arrival(sessionmaker, settings, batch_size: int) -> None:
    events = [
        agent_upsert("u3", 30, "team-3", name="王三", email="w3@example.cn", hire_date="2025-01-06"),
        agent_upsert("u1", 10, "team-1", name="王一"),
        agent_upsert("u2", 20, "team-2", name="王二", active=False),
        # same instant: the greater id in code-point order wins ("é" U+00E9 > "z")
        event("team.upserted", "team-é", ts="2026-03-02T01:00:00Z", team_id="t", name="后来者"),
        event("team.upserted", "team-z", ts="2026-03-02T01:00:00Z", team_id="t", name="先来者"),
        event("customer.upserted", "c2", ts="2026-03-02T02:00:00Z", customer_id="u", name="李四"),
        event("customer.upserted", "c1", ts="2026-03-02T01:00:00Z", customer_id="u", name="李", phone="13800000000"),
    ]
    await ingest(sessionmaker, settings, events, batch_size=batch_size)
    assert await rows(sessionmaker, "agent") == [
        {"agent_id": "agent-1", "name": "王三", "team_id": "team-3", "email": "w3@example.cn", "hire_date": date(2025, 1, 6),
         "active": True, "ts_us": TS_US + 15 * MINUTE_US, "event_id": "u3"}
    ]
    assert [(row["event_id"], row["team_id"], row["valid_from_us"]) for row in await rows(sessionmaker, "agent_membership")] == [
        ("u1", "team-1", TS_US - 5 * MINUTE_US), ("u2", "team-2", TS_US + 5 * MINUTE_US), ("u3", "team-3", TS_US + 15 * MINUTE_US)
    ]
    assert [(row["name"], row["event_id"]) for row in await rows(sessionmaker, "team")] == [("后来者", "team-é")]
    assert await rows(sessionmaker, "customer") == [{"customer_id": "u", "ts_us": TS_US + 45 * MINUTE_US, "event_id": "c2"}]
    assert await rows(sessionmaker, "customer_personal") == [
        {"customer_id": "u", "name": "李四", "phone": None, "email": None, "ts_us": TS_US + 45 * MINUTE_US, "event_id": "c2"}
    ]


async def test_an_earlier_event_arriving_later_does_not_replace_current_state(sessionmaker, settings) -> None:
    await ingest(sessionmaker, settings, [event("team.upserted", "team-é", ts="2026-03-02T01:00:00Z", team_id="t", name="新")])
    await ingest(sessionmaker, settings, [event("team.upserted", "team-z", ts="2026-03-02T01:00:00Z", team_id="t", name="旧")])
    await ingest(sessionmaker, settings, [event("team.upserted", "team-a", ts="2026-03-02T00:59:59Z", team_id="t", name="更旧")])
    assert [(row["name"], row["event_id"]) for row in await rows(sessionmaker, "team")] == [("新", "team-é")]
    await ingest(sessionmaker, settings, [event("team.upserted", "team-0", ts="2026-03-02T01:00:00.000001Z", team_id="t", name="最新")])
    assert [(row["name"], row["event_id"]) for row in await rows(sessionmaker, "team")] == [("最新", "team-0")]


@pytest.fixture
def recorded_hook_calls(monkeypatch: pytest.MonkeyPatch) -> list[TouchedKeys]:
    """The batch hooks replaced by one hook that records its calls."""
    calls: list[TouchedKeys] = []

    async def record(session: AsyncSession, touched: TouchedKeys) -> None:
        assert session.in_transaction()
        calls.append(touched)

    monkeypatch.setattr(pipeline, "batch_hooks", lambda: (record,))
    return calls


async def test_hooks_get_the_keys_of_newly_accepted_events(sessionmaker, settings, recorded_hook_calls) -> None:
    calls = recorded_hook_calls
    events = [
        event("conversation.started", "s"),
        event("message.sent", "m", conversation_id="conv-2", sender="agent", agent_id="agent-2"),
        event("kb.searched", "k", conversation_id="conv-3"),
        event("kb.article_opened", "o", search_id="search-9", conversation_id="conv-4"),
        event("customer.upserted", "cu", customer_id="cust-5"),
        event("agent.upserted", "au", agent_id="agent-6"),
        event("conversation.transferred", "t", conversation_id="conv-1", from_agent_id="agent-7", to_agent_id="agent-8"),
    ]
    await ingest(sessionmaker, settings, events)
    await ingest(sessionmaker, settings, events[:2])
    assert calls == [
        TouchedKeys(
            conversation_ids={"conv-1", "conv-2", "conv-3", "conv-4"},
            agent_ids={"agent-1", "agent-2", "agent-6", "agent-7", "agent-8"},
            customer_ids={"cust-1", "cust-5"},
            search_ids={"search-1", "search-9"},
        ),
        TouchedKeys(),
    ]


async def test_write_batch_flushes_and_leaves_the_commit_to_the_caller(session, sessionmaker) -> None:
    result = await write_batch(session, [valid(started("e1"))], received_at_us=NOW_US)
    assert result.statuses == [A]
    assert await rows(sessionmaker, "event") == []  # not committed: invisible elsewhere
    await session.rollback()
    assert (await table_counts(sessionmaker))["conversation_event"] == 0


async def test_concurrent_importers_never_duplicate(settings) -> None:
    events = [started(f"e{number}", conversation_id=f"conv-{number}") for number in range(300)]
    engines = [create_engine(settings), create_engine(settings)]
    try:
        reports = await asyncio.gather(
            *(ingest_events(create_sessionmaker(engine), events, settings=settings, batch_size=50, now_us=NOW_US) for engine in engines)
        )
        assert sum(report.accepted for report in reports) == 300
        assert sum(report.duplicates for report in reports) == 300
        assert (reports[0].conflicts, reports[1].conflicts, reports[0].rejected, reports[1].rejected) == (0, 0, 0, 0)
        counts = await table_counts(create_sessionmaker(engines[0]))
        assert (counts["event"], counts["conversation_event"], counts["event_conflict"]) == (300, 300, 0)
    finally:
        for engine in engines:
            await engine.dispose()


def test_content_hash_of_the_stored_row_is_the_contract_hash() -> None:
    parsed = valid(started("e1"))
    assert parsed.content_hash == content_hash({**parsed.original, "ts": TS_US})
