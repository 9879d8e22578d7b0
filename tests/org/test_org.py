"""Teams, agents and customers through the scoped read API: values, tree, order, pages, filters."""

import pytest

from tests.authz.world import Api


async def test_team_tree_shows_only_teams_in_scope(world: Api) -> None:
    result = await world.execute("{ teams { id name parentTeamId parent { id } subTeams { id } } }", role="manager")
    assert result.errors is None
    assert result.data["teams"] == [
        {"id": "t-east", "name": "华东组", "parentTeamId": "t-root", "parent": None, "subTeams": [{"id": "t-east-a"}]},
        {"id": "t-east-a", "name": "华东一组", "parentTeamId": "t-east", "parent": {"id": "t-east"}, "subTeams": []},
    ]


async def test_an_agent_sees_its_own_team_and_only_itself_in_it(world: Api) -> None:
    result = await world.execute('{ teams { id agents { id } } west: team(id: "t-west") { id } }', role="agent")
    assert result.data == {"teams": [{"id": "t-east", "agents": [{"id": "a1"}]}], "west": None}


async def test_agent_values_are_exact(world: Api) -> None:
    result = await world.execute('{ agent(id: "a2") { id name email hireDate active teamId team { name } } }', role="hr")
    assert result.data == {"agent": {
        "id": "a2", "name": "李四", "email": "lisi@example.com", "hireDate": "2025-06-01", "active": True,
        "teamId": "t-east-a", "team": {"name": "华东一组"},
    }}


@pytest.mark.parametrize(
    ("order", "ids"),
    [("ID", ["a1", "a2", "a3", "a4", "a5", "a6"]), ("NAME", ["a6", "a1", "a2", "a3", "a4", "a5"])],
)
async def test_agents_are_ordered(world: Api, order: str, ids: list[str]) -> None:
    result = await world.execute(f"{{ agents(orderBy: {order}) {{ nodes {{ id }} }} }}", role="admin")
    assert [node["id"] for node in result.data["agents"]["nodes"]] == ids


async def test_agent_pages_follow_the_cursor(world: Api) -> None:
    first = await world.execute("{ agents(first: 4) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }", role="hr")
    page = first.data["agents"]
    rest = await world.execute(
        "query ($after: String) { agents(first: 4, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
        role="hr", variables={"after": page["pageInfo"]["endCursor"]},
    )
    assert page["totalCount"] == 6
    assert [node["id"] for node in page["nodes"]] == ["a1", "a2", "a3", "a4"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert [node["id"] for node in rest.data["agents"]["nodes"]] == ["a5", "a6"]
    assert rest.data["agents"]["pageInfo"]["hasNextPage"] is False


async def test_agents_filtered_by_team_within_scope(world: Api) -> None:
    inside = await world.execute('{ agents(filter: {teamId: "t-east-a"}) { nodes { id } } }', role="manager")
    outside = await world.execute('{ agents(filter: {teamId: "t-west"}) { nodes { id } } }', role="manager")
    assert inside.data == {"agents": {"nodes": [{"id": "a2"}]}}
    assert outside.data is None
    assert [(error.message, error.extensions["code"]) for error in outside.errors] == [
        ("Team t-west is outside your scope", "FORBIDDEN")
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", {"id": "c1", "name": "陈小明", "phone": "13812345678", "email": "chen@example.com"}),
        ("manager", {"id": "c1", "name": "陈**", "phone": "138****5678", "email": "c***@example.com"}),
        ("agent", {"id": "c1", "name": "陈**", "phone": "138****5678", "email": "c***@example.com"}),
    ],
)
async def test_customer_personal_data_is_masked_for_everyone_but_admins(world: Api, role: str, expected: dict) -> None:
    result = await world.execute('{ customer(id: "c1") { id name phone email } }', role=role)
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
        '{ byPhone: customers(filter: {phone: "13812345678"}) { nodes { id } } '
        'byEmail: customers(filter: {email: "CHEN@example.com"}) { nodes { id } } '
        'byName: customers(orderBy: NAME) { nodes { id } } }',
        role="admin",
    )
    assert result.data == {
        "byPhone": {"nodes": [{"id": "c1"}]},
        "byEmail": {"nodes": [{"id": "c1"}]},
        "byName": {"nodes": [{"id": "c2"}, {"id": "c1"}, {"id": "c3"}]},
    }
