"""Keyset connections of conversations, messages, agents and customers: stable under inserts, nested pages batched."""

from pathlib import Path

import pytest

from server.ingestion.service import ingest_events
from server.kernel.relay import to_global_id as gid
from tests.authz.world import Api, open_world

WALK = """query ($after: String) {
  conversations(first: 2, after: $after) { nodes { externalId } pageInfo { hasNextPage endCursor } }
}"""


def _started(conversation_id: str, ts: str) -> list[dict[str, object]]:
    return [
        {"id": f"{conversation_id}-start", "type": "conversation.started", "ts": ts,
         "conversation_id": conversation_id, "channel": "chat", "customer_id": "c1"},
        {"id": f"{conversation_id}-assign", "type": "conversation.assigned", "ts": ts,
         "conversation_id": conversation_id, "agent_id": "a1"},
    ]


async def test_a_conversation_ingested_between_two_pages_neither_repeats_nor_skips_one(
    database_url: str, tmp_path: Path
) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        first = (await api.execute(WALK, role="admin")).data["conversations"]
        # newer than everything: an offset cursor would now show cv4 again on the second page
        report = await ingest_events(api.sessionmaker, _started("cv7", "2026-03-04T09:00:00+08:00"), settings=api.settings)
        assert report.rejected == 0
        seen = [node["externalId"] for node in first["nodes"]]
        after = first["pageInfo"]["endCursor"]
        while after is not None:
            page = (await api.execute(WALK, role="admin", variables={"after": after})).data["conversations"]
            seen += [node["externalId"] for node in page["nodes"]]
            after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
        fresh = (await api.execute(WALK, role="admin")).data["conversations"]["nodes"]
    finally:
        await engine.dispose()
    assert seen == ["cv6", "cv5", "cv4", "cv3", "cv2", "cv1"]
    assert fresh == [{"externalId": "cv7"}, {"externalId": "cv6"}]


NESTED = """query ($after: String) {
  teams {
    externalId
    agents(first: 2, after: $after) { totalCount nodes { externalId } pageInfo { hasNextPage hasPreviousPage endCursor } }
  }
}"""


async def test_each_teams_agents_are_paged_on_their_own(world: Api) -> None:
    result = await world.execute(NESTED, role="admin")
    assert result.errors is None
    pages = {team["externalId"]: team["agents"] for team in result.data["teams"]}
    assert {team: [node["externalId"] for node in page["nodes"]] for team, page in pages.items()} == {
        "t-east": ["a1", "a6"], "t-east-a": ["a2"], "t-root": [], "t-west": ["a3", "a4"],
    }
    assert {team: page["totalCount"] for team, page in pages.items()} == {"t-east": 2, "t-east-a": 1, "t-root": 0, "t-west": 3}
    assert {team: page["pageInfo"]["hasNextPage"] for team, page in pages.items()} == {
        "t-east": False, "t-east-a": False, "t-root": False, "t-west": True,
    }
    west = await world.execute(
        f'query ($after: String) {{ team(id: "{gid("Team", "t-west")}") {{ agents(first: 2, after: $after) {{ nodes {{ externalId }} '
        "pageInfo { hasNextPage hasPreviousPage } } } }",
        role="admin", variables={"after": pages["t-west"]["pageInfo"]["endCursor"]},
    )
    assert west.data == {"team": {"agents": {"nodes": [{"externalId": "a5"}], "pageInfo": {"hasNextPage": False, "hasPreviousPage": True}}}}


async def test_an_agents_conversations_and_a_conversations_messages_page_backwards(world: Api) -> None:
    query = f"""{{
      agent(id: "{gid("Agent", "a1")}") {{
        conversations(last: 1) {{ totalCount nodes {{ externalId }} pageInfo {{ hasNextPage hasPreviousPage }} }}
      }}
      conversation(id: "{gid("Conversation", "cv4")}") {{
        messages(first: 1) {{ totalCount edges {{ node {{ externalId }} }} pageInfo {{ hasNextPage endCursor }} }}
      }}
    }}"""
    result = await world.execute(query, role="admin")
    assert result.errors is None
    assert result.data["agent"]["conversations"] == {
        "totalCount": 2, "nodes": [{"externalId": "cv1"}], "pageInfo": {"hasNextPage": False, "hasPreviousPage": True},
    }
    messages = result.data["conversation"]["messages"]
    assert (messages["totalCount"], messages["edges"], messages["pageInfo"]["hasNextPage"]) == (
        2, [{"node": {"externalId": "cv4-m1"}}], True,
    )
    rest = await world.execute(
        f'query ($after: String) {{ conversation(id: "{gid("Conversation", "cv4")}") {{ messages(after: $after) '
        "{ nodes { externalId } pageInfo { hasNextPage } } } }",
        role="admin", variables={"after": messages["pageInfo"]["endCursor"]},
    )
    assert rest.data == {"conversation": {"messages": {"nodes": [{"externalId": "cv4-m2"}], "pageInfo": {"hasNextPage": False}}}}


@pytest.mark.parametrize(
    ("order", "ids"),
    [("ID", ["c1", "c2", "c3"]), ("NAME", ["c2", "c1", "c3"])],
)
async def test_customer_pages_follow_their_order(world: Api, order: str, ids: list[str]) -> None:
    query = "query ($after: String) { customers(orderBy: %s, first: 2, after: $after) { nodes { externalId } pageInfo { endCursor } } }"
    first = (await world.execute(query % order, role="admin")).data["customers"]
    second = (await world.execute(
        query % order, role="admin", variables={"after": first["pageInfo"]["endCursor"]}
    )).data["customers"]
    assert [node["externalId"] for node in first["nodes"] + second["nodes"]] == ids


@pytest.mark.parametrize(
    ("type_name", "key", "role", "expected"),
    [
        ("Team", "t-west", "admin", {"__typename": "Team", "externalId": "t-west"}),
        ("Agent", "a2", "manager", {"__typename": "Agent", "externalId": "a2"}),
        ("Customer", "c1", "agent", {"__typename": "Customer", "externalId": "c1"}),
        ("Conversation", "cv3", "qa_reviewer", {"__typename": "Conversation", "externalId": "cv3"}),
        ("Message", "cv1-m2", "agent", {"__typename": "Message", "externalId": "cv1-m2"}),
        ("Message", "cv4-m2", "manager", {"__typename": "Message", "externalId": "cv4-m2"}),
        ("Conversation", "cv3", "agent", None),
        ("Agent", "a3", "manager", None),
        ("Customer", "c3", "manager", None),
        ("Message", "cv6-m1", "agent", None),
        ("Team", "t-nowhere", "admin", None),
    ],
)
async def test_node_finds_what_the_types_own_look_up_finds(
    world: Api, type_name: str, key: str, role: str, expected: dict[str, str] | None
) -> None:
    fragment = " ".join(f"... on {name} {{ externalId }}" for name in ("Team", "Agent", "Customer", "Conversation", "Message"))
    result = await world.execute(f'{{ node(id: "{gid(type_name, key)}") {{ __typename {fragment} }} }}', role=role)
    assert result.errors is None
    assert result.data == {"node": expected}


async def test_node_of_a_type_the_role_cannot_read_is_forbidden(world: Api) -> None:
    result = await world.execute(f'{{ node(id: "{gid("Customer", "c1")}") {{ id }} }}', role="hr")
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [("not allowed to read Customer", "FORBIDDEN")]
