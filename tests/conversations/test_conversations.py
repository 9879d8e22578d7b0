"""Conversations through the scoped read API: exact values, order, pages, filters, statements per request."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.authz.world import Api


async def test_conversation_values_are_exact(world: Api) -> None:
    query = """{
      cv4: conversation(id: "cv4") { id channel category direction resolution agentId customerId csat nps startedAt endedAt }
      cv1: conversation(id: "cv1") { csat nps agent { id } messages { id sender agentId text sentAt } }
      cv5: conversation(id: "cv5") { agentId resolution agent { id } }
    }"""
    result = await world.execute(query, role="admin")
    assert result.errors is None
    assert result.data == {
        "cv4": {
            "id": "cv4", "channel": "email", "category": "uncategorized", "direction": "inbound", "resolution": "resolved",
            "agentId": "a3", "customerId": "c1", "csat": None, "nps": None,
            "startedAt": "2026-03-03T09:00:00+08:00", "endedAt": "2026-03-03T09:10:00+08:00",
        },
        "cv1": {
            "csat": 5, "nps": 9, "agent": {"id": "a1"},
            "messages": [
                {"id": "cv1-m1", "sender": "customer", "agentId": None, "text": "您好，我的订单没到", "sentAt": "2026-03-02T09:01:00+08:00"},
                {"id": "cv1-m2", "sender": "agent", "agentId": "a1", "text": "马上为您查询", "sentAt": "2026-03-02T09:02:00+08:00"},
            ],
        },
        "cv5": {"agentId": None, "resolution": "resolved", "agent": None},
    }


@pytest.mark.parametrize(
    ("order", "ids"),
    [("NEWEST_FIRST", ["cv6", "cv5", "cv4", "cv3", "cv2", "cv1"]), ("OLDEST_FIRST", ["cv1", "cv2", "cv3", "cv4", "cv5", "cv6"])],
)
async def test_conversations_are_ordered_by_start(world: Api, order: str, ids: list[str]) -> None:
    result = await world.execute(f"{{ conversations(orderBy: {order}) {{ nodes {{ id }} }} }}", role="hr")
    assert [node["id"] for node in result.data["conversations"]["nodes"]] == ids


async def test_conversation_pages_and_count(world: Api) -> None:
    first = await world.execute("{ conversations(first: 2) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }", role="manager")
    page = first.data["conversations"]
    second = await world.execute(
        "query ($after: String) { conversations(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
        role="manager", variables={"after": page["pageInfo"]["endCursor"]},
    )
    assert (page["totalCount"], [node["id"] for node in page["nodes"]], page["pageInfo"]["hasNextPage"]) == (3, ["cv4", "cv2"], True)
    assert [node["id"] for node in second.data["conversations"]["nodes"]] == ["cv1"]
    assert second.data["conversations"]["pageInfo"] == {"hasNextPage": False, "endCursor": second.data["conversations"]["pageInfo"]["endCursor"]}


@pytest.mark.parametrize(
    ("role", "filter_text", "ids"),
    [
        ("admin", '{startedFrom: "2026-03-03T00:00:00+08:00"}', ["cv6", "cv5", "cv4"]),
        ("admin", '{startedFrom: "2026-03-02T10:00:00+08:00", startedTo: "2026-03-03 09:00:00"}', ["cv3", "cv2"]),
        ("admin", '{customerId: "c1"}', ["cv4", "cv1"]),
        ("admin", '{agentId: "a3"}', ["cv4", "cv3"]),
        ("admin", '{teamId: "t-west"}', ["cv6", "cv4", "cv3"]),
        ("manager", '{teamId: "t-east-a"}', ["cv2"]),
        ("manager", '{agentId: "a1"}', ["cv4", "cv1"]),
        ("agent", '{agentId: "a1", channel: "email"}', ["cv4"]),
        ("qa_reviewer", '{search: "退款"}', ["cv3"]),
        ("manager", '{search: "退款"}', []),
    ],
)
async def test_filters_stay_inside_the_scope(world: Api, role: str, filter_text: str, ids: list[str]) -> None:
    result = await world.execute(f"{{ conversations(filter: {filter_text}) {{ totalCount nodes {{ id }} }} }}", role=role)
    assert result.errors is None
    assert result.data["conversations"] == {"totalCount": len(ids), "nodes": [{"id": cid} for cid in ids]}


@pytest.mark.parametrize(
    ("role", "filter_text", "message"),
    [
        ("agent", '{agentId: "a3"}', "Agent a3 is outside your scope"),
        ("manager", '{teamId: "t-west"}', "Team t-west is outside your scope"),
        ("manager", '{customerId: "c3"}', "Customer c3 is outside your scope"),
        ("hr", '{search: "退款"}', "not allowed to read Message"),
        ("agent", '{startedFrom: "yesterday"}', "'yesterday' is not an RFC 3339 timestamp such as 2026-03-02T09:15:00+08:00"),
    ],
)
async def test_filters_outside_the_scope_are_refused(world: Api, role: str, filter_text: str, message: str) -> None:
    result = await world.execute(f"{{ conversations(filter: {filter_text}) {{ totalCount }} }}", role=role)
    assert result.data is None
    assert [error.message for error in result.errors] == [message]


async def test_another_agents_conversation_is_invisible_by_id_list_and_nesting(world: Api) -> None:
    result = await world.execute(
        '{ conversation(id: "cv3") { id } conversations { nodes { id } } agent(id: "a3") { id } '
        'teams { agents { id conversations { id } } } }',
        role="agent",
    )
    assert result.errors is None
    assert result.data == {
        "conversation": None,
        "conversations": {"nodes": [{"id": "cv4"}, {"id": "cv1"}]},
        "agent": None,
        "teams": [{"agents": [{"id": "a1", "conversations": [{"id": "cv4"}, {"id": "cv1"}]}]}],
    }


@contextmanager
def counted_selects(world: Api) -> Iterator[list[str]]:
    engine = world.sessionmaker.kw["bind"].sync_engine
    seen: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_statements_per_request_do_not_grow_with_rows(world: Api) -> None:
    query = """query ($first: Int) { conversations(first: $first) { totalCount nodes {
        id channel agent { name team { name } } customer { name } messages { text }
    } } agents(first: $first) { nodes { name team { name } conversations(first: 5) { id customer { phone } } } } }"""
    await world.execute(query, role="admin", variables={"first": 1})
    counts = {}
    for first in (1, 3, 6):
        with counted_selects(world) as seen:
            result = await world.execute(query, role="admin", variables={"first": first})
        assert result.errors is None
        assert len(result.data["conversations"]["nodes"]) == first
        counts[first] = len(seen)
    # One revision check, two pages with their counts, and each dataloader's batch at most once per level
    # of the query that uses it: a bound set by the query's shape, not by the rows it returns.
    assert max(counts.values()) <= 20
    assert counts[6] <= counts[1]
