"""extensions.cost: the cost the document limits measured, reported on every result that was measured."""

from collections.abc import Callable

import pytest

LIMIT = 20000


@pytest.mark.parametrize(
    ("body", "requested"),
    [
        # me (1) × (1 + subject 1) = 2
        ({"query": "{ me { subject } }"}, 2),
        # conversations(first: 5): 5 × (1 + nodes 1 × (1 + id 1 + channel 1)) = 20
        ({"query": "{ conversations(first: 5) { nodes { id channel } } }"}, 20),
        # the operation that runs, not the document's other one; roles is a list: 20 (default page size) × 1
        # me 1 × (1 + subject 1 + roles 20) = 22
        ({"query": "query A { me { subject roles } } query B { __typename }", "operationName": "A"}, 22),
        ({"query": "query A { me { subject roles } } query B { __typename }", "operationName": "B"}, 1),
    ],
    ids=["me", "paged-list", "operation-a", "operation-b"],
)
async def test_results_report_their_cost(client_for: Callable, auth_headers: Callable, body: dict, requested: int) -> None:
    async with client_for() as client:
        response = await client.post("/graphql", json=body, headers=auth_headers("admin"))
    assert response.json()["extensions"] == {"cost": {"requested": requested, "limit": LIMIT}}


async def test_a_document_over_the_limit_reports_its_cost_with_the_error(client_for: Callable, auth_headers: Callable) -> None:
    async with client_for(max_query_cost=10) as client:
        response = await client.post("/graphql", json={"query": "{ conversations(first: 5) { nodes { id channel } } }"},
                                     headers=auth_headers("admin"))
    body = response.json()
    assert body["errors"][0]["message"] == "Query cost 20 exceeds the limit of 10."
    assert body["extensions"] == {"cost": {"requested": 20, "limit": 10}}


async def test_a_document_that_does_not_parse_has_no_cost(client_for: Callable, auth_headers: Callable) -> None:
    async with client_for() as client:
        response = await client.post("/graphql", json={"query": "{ me "}, headers=auth_headers("admin"))
    assert "extensions" not in response.json()
