"""The ``metrics`` query by role, end to end: the adversarial aggregates are refused or withheld."""

import pytest

from server.metrics.role_access import pseudonym
from tests.authz.world import Api



def _rows(result) -> list:  # noqa: ANN001
    assert result.errors is None, result.errors
    return [
        (row["agentId"], row["channel"], row["suppressed"], [(value["value"], value["sampleSize"]) for value in row["values"]])
        for row in result.data["metrics"]
    ]


async def test_an_aggregate_of_one_is_withheld_from_an_analyst_but_not_from_hr(world: Api) -> None:
    query = '{ metrics(filter: {channels: ["phone"]}, metrics: [CONVERSATIONS]) { agentId channel suppressed values { value sampleSize } } }'
    analyst = await world.execute(query, role="analyst")
    hr = await world.execute(query, role="hr")
    assert _rows(analyst) == [(None, None, True, [(None, 0)])]
    assert _rows(hr) == [(None, None, False, [(1.0, 1)])]


async def test_analysts_see_agents_only_as_pseudonyms(world: Api) -> None:
    query = "{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS]) { agentId suppressed values { value } } }"
    result = await world.execute(query, role="analyst")
    key = world.settings.pseudonym_key
    assert result.errors is None
    assert [row["agentId"] for row in result.data["metrics"]] == sorted(pseudonym(agent, key) for agent in ("a1", "a2", "a3", "a4"))
    assert {row["suppressed"] for row in result.data["metrics"]} == {True}
    assert {value["value"] for row in result.data["metrics"] for value in row["values"]} == {None}


@pytest.mark.parametrize(
    ("role", "filter_text", "message"),
    [
        ("analyst", '{agentIds: ["a2"]}', "filtering by agent needs access to individual metrics"),
        ("agent", '{agentIds: ["a3"]}', "Agent a3 is outside your scope"),
        ("manager", '{teamIds: ["t-west"]}', "Team t-west is outside your scope"),
    ],
)
async def test_another_agents_numbers_cannot_be_asked_for(world: Api, role: str, filter_text: str, message: str) -> None:
    result = await world.execute(f"{{ metrics(filter: {filter_text}) {{ suppressed }} }}", role=role)
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message, "FORBIDDEN")]


async def test_an_agent_gets_only_its_own_numbers(world: Api) -> None:
    result = await world.execute("{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS, CSAT_AVG]) { agentId values { value } } }", role="agent")
    assert result.data == {"metrics": [{"agentId": "a1", "values": [{"value": 1.0}, {"value": 5.0}]}]}
