"""Conversations through the scoped read API: exact values, order, pages, filters, statements per request."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from server.kernel.relay import to_global_id as gid
from tests.authz.world import Api


async def test_conversation_values_are_exact(world: Api) -> None:
    query = f"""{{
      cv4: conversation(id: "{gid('Conversation', 'cv4')}") {{
        id externalId channel category direction resolution agentId customerId csat nps startedAt endedAt
      }}
      cv1: conversation(id: "{gid('Conversation', 'cv1')}") {{
        csat nps agent {{ externalId }} messages {{ nodes {{ id externalId sender agentId text sentAt }} }}
      }}
      cv5: conversation(id: "{gid('Conversation', 'cv5')}") {{ agentId resolution agent {{ externalId }} }}
    }}"""
    result = await world.execute(query, role="admin")
    assert result.errors is None
    assert result.data == {
        "cv4": {
            "id": "Q29udmVyc2F0aW9uOmN2NA", "externalId": "cv4", "channel": "email", "category": "uncategorized",
            "direction": "INBOUND", "resolution": "RESOLVED", "agentId": "QWdlbnQ6YTM", "customerId": "Q3VzdG9tZXI6YzE",
            "csat": None, "nps": None, "startedAt": "2026-03-03T09:00:00+08:00", "endedAt": "2026-03-03T09:10:00+08:00",
        },
        "cv1": {
            "csat": 5, "nps": 9, "agent": {"externalId": "a1"},
            "messages": {"nodes": [
                {"id": gid("Message", "cv1-m1"), "externalId": "cv1-m1", "sender": "CUSTOMER", "agentId": None,
                 "text": "您好，我的订单没到", "sentAt": "2026-03-02T09:01:00+08:00"},
                {"id": gid("Message", "cv1-m2"), "externalId": "cv1-m2", "sender": "AGENT", "agentId": gid("Agent", "a1"),
                 "text": "马上为您查询", "sentAt": "2026-03-02T09:02:00+08:00"},
            ]},
        },
        "cv5": {"agentId": None, "resolution": "RESOLVED", "agent": None},
    }


@pytest.mark.parametrize(
    ("order", "ids"),
    [("NEWEST_FIRST", ["cv6", "cv5", "cv4", "cv3", "cv2", "cv1"]), ("OLDEST_FIRST", ["cv1", "cv2", "cv3", "cv4", "cv5", "cv6"])],
)
async def test_conversations_are_ordered_by_start(world: Api, order: str, ids: list[str]) -> None:
    result = await world.execute(f"{{ conversations(orderBy: {order}) {{ nodes {{ externalId }} }} }}", role="hr")
    assert [node["externalId"] for node in result.data["conversations"]["nodes"]] == ids


PAGE = """query ($first: Int, $after: String, $last: Int, $before: String) {
  conversations(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { externalId } } nodes { externalId }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


async def test_conversation_pages_and_count(world: Api) -> None:
    first = (await world.execute(PAGE, role="manager", variables={"first": 2})).data["conversations"]
    second = (await world.execute(
        PAGE, role="manager", variables={"first": 2, "after": first["pageInfo"]["endCursor"]}
    )).data["conversations"]
    back = (await world.execute(
        PAGE, role="manager", variables={"last": 2, "before": second["pageInfo"]["startCursor"]}
    )).data["conversations"]
    assert first["totalCount"] == 3
    assert [edge["node"]["externalId"] for edge in first["edges"]] == ["cv4", "cv2"]
    assert first["nodes"] == [{"externalId": "cv4"}, {"externalId": "cv2"}]
    assert (first["pageInfo"]["hasNextPage"], first["pageInfo"]["hasPreviousPage"]) == (True, False)
    assert first["pageInfo"]["startCursor"] == first["edges"][0]["cursor"]
    assert first["pageInfo"]["endCursor"] == first["edges"][-1]["cursor"]
    assert second["nodes"] == [{"externalId": "cv1"}]
    assert (second["pageInfo"]["hasNextPage"], second["pageInfo"]["hasPreviousPage"]) == (False, True)
    assert back["nodes"] == [{"externalId": "cv4"}, {"externalId": "cv2"}]
    assert (back["pageInfo"]["hasNextPage"], back["pageInfo"]["hasPreviousPage"]) == (True, False)


@pytest.mark.parametrize(
    ("variables", "message"),
    [({"first": 0}, "first must be between 1 and 100"), ({"first": 101}, "first must be between 1 and 100"),
     ({"first": 2, "last": 2}, "pass first or last, not both"), ({"after": "b2Zmc2V0OjI="}, "after is not a cursor of this list")],
)
async def test_page_requests_out_of_bounds_are_refused(world: Api, variables: dict[str, object], message: str) -> None:
    result = await world.execute(PAGE, role="admin", variables=variables)
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message, "BAD_USER_INPUT")]


@pytest.mark.parametrize(
    ("role", "filter_text", "ids"),
    [
        ("admin", '{startedFrom: "2026-03-03T00:00:00+08:00"}', ["cv6", "cv5", "cv4"]),
        ("admin", '{startedFrom: "2026-03-02T10:00:00+08:00", startedTo: "2026-03-03T01:00:00Z"}', ["cv3", "cv2"]),
        ("admin", f'{{customerId: "{gid("Customer", "c1")}"}}', ["cv4", "cv1"]),
        ("admin", f'{{agentId: "{gid("Agent", "a3")}"}}', ["cv4", "cv3"]),
        ("admin", f'{{teamId: "{gid("Team", "t-west")}"}}', ["cv6", "cv4", "cv3"]),
        ("manager", f'{{teamId: "{gid("Team", "t-east-a")}"}}', ["cv2"]),
        ("manager", f'{{agentId: "{gid("Agent", "a1")}"}}', ["cv4", "cv1"]),
        ("agent", f'{{agentId: "{gid("Agent", "a1")}", channel: "email"}}', ["cv4"]),
        ("qa_reviewer", '{search: "退款"}', ["cv3"]),
        ("manager", '{search: "退款"}', []),
    ],
)
async def test_filters_stay_inside_the_scope(world: Api, role: str, filter_text: str, ids: list[str]) -> None:
    result = await world.execute(f"{{ conversations(filter: {filter_text}) {{ totalCount nodes {{ externalId }} }} }}", role=role)
    assert result.errors is None
    assert result.data["conversations"] == {"totalCount": len(ids), "nodes": [{"externalId": cid} for cid in ids]}


@pytest.mark.parametrize(
    ("role", "filter_text", "message", "code"),
    [
        ("agent", f'{{agentId: "{gid("Agent", "a3")}"}}', "Agent a3 is outside your scope", "FORBIDDEN"),
        ("manager", f'{{teamId: "{gid("Team", "t-west")}"}}', "Team t-west is outside your scope", "FORBIDDEN"),
        ("manager", f'{{customerId: "{gid("Customer", "c3")}"}}', "Customer c3 is outside your scope", "FORBIDDEN"),
        ("hr", '{search: "退款"}', "not allowed to read Message", "FORBIDDEN"),
        ("admin", '{agentId: "a3"}', "'a3' is not a global id", "BAD_USER_INPUT"),
        ("admin", f'{{agentId: "{gid("Team", "t-west")}"}}', "expected the id of Agent, got the id of Team", "BAD_USER_INPUT"),
    ],
)
async def test_filters_outside_the_scope_are_refused(
    world: Api, role: str, filter_text: str, message: str, code: str
) -> None:
    result = await world.execute(f"{{ conversations(filter: {filter_text}) {{ totalCount }} }}", role=role)
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message, code)]


@pytest.mark.parametrize("started", ["yesterday", "2026-03-03 09:00:00", "2026-03-03T09:00:00"])
async def test_naive_or_unreadable_instants_in_filters_are_refused(world: Api, started: str) -> None:
    inline = await world.execute(f'{{ conversations(filter: {{startedFrom: "{started}"}}) {{ totalCount }} }}', role="agent")
    variable = await world.execute(
        "query ($from: DateTime) { conversations(filter: {startedFrom: $from}) { totalCount } }",
        role="agent", variables={"from": started},
    )
    # inline, the document itself is invalid; in a variable, the input is
    for result, code in ((inline, "GRAPHQL_VALIDATION_FAILED"), (variable, "BAD_USER_INPUT")):
        assert result.data is None
        assert [error.extensions["code"] for error in result.errors] == [code]
        assert "DateTime must be RFC 3339 with an offset" in result.errors[0].message


async def test_another_agents_conversation_is_invisible_by_id_list_and_nesting(world: Api) -> None:
    result = await world.execute(
        f'{{ conversation(id: "{gid("Conversation", "cv3")}") {{ id }} conversations {{ nodes {{ externalId }} }} '
        f'agent(id: "{gid("Agent", "a3")}") {{ id }} node(id: "{gid("Conversation", "cv3")}") {{ id }} '
        'teams { agents { nodes { externalId conversations { totalCount nodes { externalId } } } } } }',
        role="agent",
    )
    assert result.errors is None
    assert result.data == {
        "conversation": None,
        "conversations": {"nodes": [{"externalId": "cv4"}, {"externalId": "cv1"}]},
        "agent": None,
        "node": None,
        "teams": [{"agents": {"nodes": [
            {"externalId": "a1", "conversations": {"totalCount": 2, "nodes": [{"externalId": "cv4"}, {"externalId": "cv1"}]}},
        ]}}],
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
        id channel agent { name team { name } } customer { name } messages(first: 5) { totalCount nodes { text } }
    } } agents(first: $first) { nodes { name team { name agents(first: 2) { totalCount nodes { name } } }
        conversations(first: 5) { totalCount nodes { id customer { phone } } } } } }"""
    await world.execute(query, role="admin", variables={"first": 1})
    counts = {}
    for first in (1, 3, 6):
        with counted_selects(world) as seen:
            result = await world.execute(query, role="admin", variables={"first": first})
        assert result.errors is None
        assert len(result.data["conversations"]["nodes"]) == first
        counts[first] = len(seen)
    # One revision check, two pages with their counts, and each dataloader's batch at most once per level
    # of the query that uses it (the nested pages of every parent and their counts are one statement each):
    # a bound set by the query's shape, not by the rows it returns.
    assert max(counts.values()) <= 24
    assert counts[6] <= counts[1]
