"""The ``metrics`` query by role, end to end: the adversarial aggregates are refused or withheld."""

import pytest

from server.kernel.relay import to_global_id
from server.metrics.role_access import pseudonym
from tests.authz.world import Api



def _rows(result) -> list:  # noqa: ANN001
    assert result.errors is None, result.errors
    return [
        (row["agentId"], row["agentPseudonym"], row["channel"], row["suppressed"], [tuple(value.values()) for value in row["values"]])
        for row in result.data["metrics"]
    ]


async def test_an_aggregate_of_one_is_withheld_from_an_analyst_but_not_from_hr(world: Api) -> None:
    query = (
        '{ metrics(filter: {channels: ["phone"]}, metrics: [CONVERSATIONS]) '
        "{ agentId agentPseudonym channel suppressed values { value count sampleSize } } }"
    )
    analyst = await world.execute(query, role="analyst")
    hr = await world.execute(query, role="hr")
    assert _rows(analyst) == [(None, None, None, True, [(None, None, 0)])]
    assert _rows(hr) == [(None, None, None, False, [(1.0, 1, 1)])]


async def test_analysts_see_agents_only_as_pseudonyms(world: Api) -> None:
    query = "{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS]) { agentId agentPseudonym suppressed values { value count } } }"
    result = await world.execute(query, role="analyst")
    key = world.settings.pseudonym_key
    assert result.errors is None
    rows = result.data["metrics"]
    assert [row["agentPseudonym"] for row in rows] == sorted(pseudonym(agent, key) for agent in ("a1", "a2", "a3", "a4"))
    assert {row["agentId"] for row in rows} == {None}
    assert {row["suppressed"] for row in rows} == {True}
    assert {(value["value"], value["count"]) for row in rows for value in row["values"]} == {(None, None)}


@pytest.mark.parametrize("role", ["analyst", "qa_reviewer"])
async def test_aggregate_only_roles_cannot_ask_for_the_agent_object(world: Api, role: str) -> None:
    query = "{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS]) { agentPseudonym agent { name } } }"
    result = await world.execute(query, role=role)
    assert {(error.message, error.extensions["code"]) for error in result.errors} == {
        ("not allowed to read MetricRow.agent", "FORBIDDEN")
    }


@pytest.mark.parametrize(
    ("role", "agents"),
    [("admin", ["a1", "a2", "a3", "a4"]), ("manager", ["a1", "a2"]), ("agent", ["a1"])],
)
async def test_rows_link_to_the_agents_and_teams_the_caller_sees(world: Api, role: str, agents: list[str]) -> None:
    result = await world.execute(
        "{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS]) { agentId agent { __typename } } }", role=role
    )
    assert result.errors is None, result.errors
    assert result.data["metrics"] == [
        {"agentId": to_global_id("Agent", agent), "agent": {"__typename": "Agent"}} for agent in agents
    ]


@pytest.mark.parametrize(("role", "linked"), [("analyst", {"t-east", "t-east-a", "t-west"}), ("manager", {"t-east", "t-east-a"})])
async def test_team_rows_link_to_the_teams_the_caller_sees(world: Api, role: str, linked: set[str]) -> None:
    """An analyst sees every team (aggregate metrics, all teams); a manager's rows are its teams' facts."""
    query = "{ metrics(groupBy: [TEAM], metrics: [CONVERSATIONS]) { teamId team { __typename } } }"
    result = await world.execute(query, role=role)
    assert result.errors is None, result.errors
    assert {row["teamId"] for row in result.data["metrics"] if row["team"] == {"__typename": "Team"}} == {
        to_global_id("Team", team) for team in linked
    }


@pytest.mark.parametrize(
    ("role", "filter_text", "message"),
    [
        ("analyst", f'{{agentIds: ["{to_global_id("Agent", "a2")}"]}}', "filtering by agent needs access to individual metrics"),
        ("agent", f'{{agentIds: ["{to_global_id("Agent", "a3")}"]}}', "Agent a3 is outside your scope"),
        ("manager", f'{{teamIds: ["{to_global_id("Team", "t-west")}"]}}', "Team t-west is outside your scope"),
    ],
)
async def test_another_agents_numbers_cannot_be_asked_for(world: Api, role: str, filter_text: str, message: str) -> None:
    result = await world.execute(f"{{ metrics(filter: {filter_text}) {{ suppressed }} }}", role=role)
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message, "FORBIDDEN")]


async def test_an_agent_gets_only_its_own_numbers(world: Api) -> None:
    result = await world.execute("{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS, CSAT_AVG]) { agentId values { value } } }", role="agent")
    assert result.data == {"metrics": [{"agentId": to_global_id("Agent", "a1"), "values": [{"value": 1.0}, {"value": 5.0}]}]}
