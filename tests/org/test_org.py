"""Teams, agents and customers through the scoped read API: values, tree, order, pages, filters."""

import pytest

from server.kernel.relay import to_global_id as gid
from tests.authz.world import Api


async def test_team_tree_shows_only_teams_in_scope(world: Api) -> None:
    result = await world.execute(
        "{ teams { id externalId name parentTeamId parent { externalId } subTeams { externalId } } }", role="manager"
    )
    assert result.errors is None
    assert result.data["teams"] == [
        {"id": "VGVhbTp0LWVhc3Q", "externalId": "t-east", "name": "华东组", "parentTeamId": gid("Team", "t-root"),
         "parent": None, "subTeams": [{"externalId": "t-east-a"}]},
        {"id": gid("Team", "t-east-a"), "externalId": "t-east-a", "name": "华东一组", "parentTeamId": gid("Team", "t-east"),
         "parent": {"externalId": "t-east"}, "subTeams": []},
    ]


async def test_an_agent_sees_its_own_team_and_only_itself_in_it(world: Api) -> None:
    result = await world.execute(
        f'{{ teams {{ externalId agents {{ nodes {{ externalId }} }} }} west: team(id: "{gid("Team", "t-west")}") {{ id }} }}',
        role="agent",
    )
    assert result.data == {"teams": [{"externalId": "t-east", "agents": {"nodes": [{"externalId": "a1"}]}}], "west": None}


async def test_agent_values_are_exact(world: Api) -> None:
    result = await world.execute(
        f'{{ agent(id: "{gid("Agent", "a2")}") {{ id externalId name email hireDate active teamId team {{ name }} }} }}', role="hr"
    )
    assert result.data == {"agent": {
        "id": "QWdlbnQ6YTI", "externalId": "a2", "name": "李四", "email": "lisi@example.com", "hireDate": "2025-06-01",
        "active": True, "teamId": gid("Team", "t-east-a"), "team": {"name": "华东一组"},
    }}


@pytest.mark.parametrize(
    ("given", "message"),
    [("a2", "'a2' is not a global id"), (gid("Team", "t-east"), "expected the id of Agent, got the id of Team")],
)
async def test_a_look_up_by_anything_but_an_agents_global_id_is_refused(world: Api, given: str, message: str) -> None:
    result = await world.execute(f'{{ agent(id: "{given}") {{ id }} }}', role="admin")
    assert result.data == {"agent": None}
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message, "BAD_USER_INPUT")]


@pytest.mark.parametrize(
    ("order", "ids"),
    [("ID", ["a1", "a2", "a3", "a4", "a5", "a6"]), ("NAME", ["a6", "a1", "a2", "a3", "a4", "a5"])],
)
async def test_agents_are_ordered(world: Api, order: str, ids: list[str]) -> None:
    result = await world.execute(f"{{ agents(orderBy: {order}) {{ nodes {{ externalId }} }} }}", role="admin")
    assert [node["externalId"] for node in result.data["agents"]["nodes"]] == ids


async def test_agent_pages_follow_the_cursor(world: Api) -> None:
    first = await world.execute(
        "{ agents(first: 4) { totalCount nodes { externalId } pageInfo { hasNextPage endCursor } } }", role="hr"
    )
    page = first.data["agents"]
    rest = await world.execute(
        "query ($after: String) { agents(first: 4, after: $after, orderBy: ID) { nodes { externalId } pageInfo { hasNextPage endCursor } } }",
        role="hr", variables={"after": page["pageInfo"]["endCursor"]},
    )
    by_name = await world.execute(
        "query ($before: String) { agents(last: 2, before: $before, orderBy: NAME) { nodes { externalId } } }",
        role="hr", variables={"before": None},
    )
    assert page["totalCount"] == 6
    assert [node["externalId"] for node in page["nodes"]] == ["a1", "a2", "a3", "a4"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert [node["externalId"] for node in rest.data["agents"]["nodes"]] == ["a5", "a6"]
    assert rest.data["agents"]["pageInfo"]["hasNextPage"] is False
    assert [node["externalId"] for node in by_name.data["agents"]["nodes"]] == ["a4", "a5"]


async def test_agents_filtered_by_team_within_scope(world: Api) -> None:
    inside = await world.execute(
        f'{{ agents(filter: {{teamId: "{gid("Team", "t-east-a")}"}}) {{ nodes {{ externalId }} }} }}', role="manager"
    )
    outside = await world.execute(f'{{ agents(filter: {{teamId: "{gid("Team", "t-west")}"}}) {{ nodes {{ id }} }} }}', role="manager")
    assert inside.data == {"agents": {"nodes": [{"externalId": "a2"}]}}
    assert outside.data is None
    assert [(error.message, error.extensions["code"]) for error in outside.errors] == [
        ("Team t-west is outside your scope", "FORBIDDEN")
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", {"externalId": "c1", "name": "陈小明", "phone": "13812345678", "email": "chen@example.com"}),
        ("manager", {"externalId": "c1", "name": "陈**", "phone": "138****5678", "email": "c***@example.com"}),
        ("agent", {"externalId": "c1", "name": "陈**", "phone": "138****5678", "email": "c***@example.com"}),
    ],
)
async def test_customer_personal_data_is_masked_for_everyone_but_admins(world: Api, role: str, expected: dict) -> None:
    result = await world.execute(f'{{ customer(id: "{gid("Customer", "c1")}") {{ externalId name phone email }} }}', role=role)
    assert result.data == {"customer": expected}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ('{ customers(filter: {phone: "13812345678"}) { totalCount } }', "Customer.phone"),
        ('{ customers(filter: {email: "chen@example.com"}) { totalCount } }', "Customer.email"),
        ('{ customers(filter: {nameContains: "陈"}) { totalCount } }', "Customer.name"),
        ("{ customers(orderBy: NAME) { totalCount } }", "Customer.name"),
    ],
    ids=["phone-filter", "email-filter", "name-search", "name-order"],
)
async def test_masked_values_do_not_leak_through_filters_or_order(world: Api, query: str, field: str) -> None:
    masked = await world.execute(query, role="manager")
    full = await world.execute(query, role="admin")
    assert masked.data is None
    assert [(error.message, error.extensions["code"]) for error in masked.errors] == [
        (f"not allowed to filter or order by {field}", "FORBIDDEN")
    ]
    assert "1381" not in masked.errors[0].message and "陈" not in masked.errors[0].message
    assert full.errors is None


async def test_admins_filter_customers_by_personal_data(world: Api) -> None:
    result = await world.execute(
        '{ byPhone: customers(filter: {phone: "13812345678"}) { nodes { externalId } } '
        'byEmail: customers(filter: {email: "CHEN@example.com"}) { nodes { externalId } } '
        'byName: customers(orderBy: NAME) { nodes { externalId } } }',
        role="admin",
    )
    assert result.data == {
        "byPhone": {"nodes": [{"externalId": "c1"}]},
        "byEmail": {"nodes": [{"externalId": "c1"}]},
        "byName": {"nodes": [{"externalId": "c2"}, {"externalId": "c1"}, {"externalId": "c3"}]},
    }
