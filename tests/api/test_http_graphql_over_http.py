"""GraphQL over HTTP (the draft): media types, status codes and refusals of /graphql, as the graphql-http audit expects them."""

from collections.abc import Callable
from typing import Any

import pytest

from server.api.graphql_http import negotiate

JSON = "application/json; charset=utf-8"
GQL = "application/graphql-response+json; charset=utf-8"
TYPENAME = {"query": "{ __typename }"}
UNKNOWN_FIELD = {"query": "{ notAField }"}
COERCION = {"query": "query Coerce($id: ID!) { node: __typename }", "variables": {"id": None}}
ACCEPT_GQL = {"accept": "application/graphql-response+json"}
ACCEPT_JSON = {"accept": "application/json"}


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        ("application/json", "application/json"),
        ("application/graphql-response+json", "application/graphql-response+json"),
        ("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json"),
        ("application/json;q=0.5, application/graphql-response+json", "application/graphql-response+json"),
        ("application/json, application/graphql-response+json", "application/json"),
        ("text/html, application/graphql-response+json;q=0", None),
        ("text/html", None),
    ],
)
def test_negotiation_follows_the_accept_header(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept) == chosen


def _request(method: str, headers: dict[str, str] | None = None, **kwargs: Any) -> tuple[str, dict[str, str], dict[str, Any]]:
    return method, headers or {}, kwargs


CASES = {
    # name: (request, status, content type, code of errors[0] or None, whether the body has "data")
    "post-json": (_request("POST", ACCEPT_JSON, json=TYPENAME), 200, JSON, None, True),
    "post-no-accept": (_request("POST", json=TYPENAME), 200, JSON, None, True),
    "post-any-accept": (_request("POST", {"accept": "*/*"}, json=TYPENAME), 200, JSON, None, True),
    "post-graphql-response": (_request("POST", ACCEPT_GQL, json=TYPENAME), 200, GQL, None, True),
    "get-query": (_request("GET", ACCEPT_JSON, params=TYPENAME), 200, JSON, None, True),
    "get-variables-as-json": (
        _request("GET", ACCEPT_GQL, params={"query": "query T($n: String!) { __type(name: $n) { name } }", "variables": '{"n": "Query"}'}),
        200, GQL, None, True,
    ),
    "parse-failure-json": (_request("POST", ACCEPT_JSON, json={"query": "{"}), 200, JSON, "GRAPHQL_PARSE_FAILED", True),
    "parse-failure-graphql-response": (_request("POST", ACCEPT_GQL, json={"query": "{"}), 400, GQL, "GRAPHQL_PARSE_FAILED", False),
    "validation-failure-json": (_request("POST", ACCEPT_JSON, json=UNKNOWN_FIELD), 200, JSON, "GRAPHQL_VALIDATION_FAILED", True),
    "validation-failure-graphql-response": (_request("POST", ACCEPT_GQL, json=UNKNOWN_FIELD), 400, GQL, "GRAPHQL_VALIDATION_FAILED", False),
    "coercion-failure-json": (_request("POST", ACCEPT_JSON, json=COERCION), 200, JSON, "BAD_USER_INPUT", True),
    "coercion-failure-graphql-response": (_request("POST", ACCEPT_GQL, json=COERCION), 400, GQL, "BAD_USER_INPUT", False),
    "body-not-json": (_request("POST", {**ACCEPT_GQL, "content-type": "application/json"}, content=b'{ "not json'), 400, GQL, "BAD_REQUEST", False),
    "body-empty": (_request("POST", {"content-type": "application/json"}, content=b""), 400, JSON, "BAD_REQUEST", True),
    "body-a-list": (_request("POST", json=[TYPENAME]), 400, JSON, "BAD_REQUEST", True),
    "query-missing": (_request("POST", ACCEPT_GQL, json={"notquery": "{ __typename }"}), 400, GQL, "BAD_REQUEST", False),
    "query-an-object": (_request("POST", json={"query": {"obj": "ect"}}), 400, JSON, "BAD_REQUEST", True),
    "operation-name-a-number": (_request("POST", json={**TYPENAME, "operationName": 0}), 400, JSON, "BAD_REQUEST", True),
    "variables-a-string": (_request("POST", json={**TYPENAME, "variables": "string"}), 400, JSON, "BAD_REQUEST", True),
    "extensions-a-list": (_request("POST", json={**TYPENAME, "extensions": ["array"]}), 400, JSON, "BAD_REQUEST", True),
    "get-variables-not-json": (_request("GET", params={**TYPENAME, "variables": "{"}), 400, JSON, "BAD_REQUEST", True),
    "unknown-operation-name": (_request("POST", ACCEPT_GQL, json={**TYPENAME, "operationName": "Missing"}), 400, GQL, "BAD_REQUEST", False),
    "no-content-type": (_request("POST", content=b'{"query": "{ __typename }"}'), 415, JSON, "UNSUPPORTED_MEDIA_TYPE", True),
    "form-content-type": (
        _request("POST", {"content-type": "application/x-www-form-urlencoded"}, content=b"query=%7B__typename%7D"),
        415, JSON, "UNSUPPORTED_MEDIA_TYPE", True,
    ),
    "unsupported-accept": (_request("POST", {"accept": "text/csv"}, json=TYPENAME), 406, JSON, "NOT_ACCEPTABLE", True),
    "put": (_request("PUT", json=TYPENAME), 405, JSON, "METHOD_NOT_ALLOWED", True),
    "mutation-over-get": (_request("GET", ACCEPT_GQL, params={"query": "mutation { __typename }"}), 405, GQL, "METHOD_NOT_ALLOWED", False),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_status_media_type_and_body_shape(client_for: Callable, auth_headers: Callable, case: tuple) -> None:
    (method, headers, kwargs), status, content_type, code, has_data = case
    async with client_for() as client:
        response = await client.request(method, "/graphql", headers={**auth_headers("agent", subject="a1"), **headers}, **kwargs)
    body = response.json()
    assert (response.status_code, response.headers["content-type"]) == (status, content_type)
    assert ("data" in body) is has_data
    assert (body["errors"][0]["extensions"]["code"] if "errors" in body else None) == code


@pytest.mark.parametrize(
    ("method", "params", "allow"),
    [("PUT", {}, "GET, POST"), ("DELETE", {}, "GET, POST"), ("GET", {"query": "mutation { __typename }"}, "POST")],
    ids=["put", "delete", "mutation-over-get"],
)
async def test_wrong_methods_name_the_allowed_ones(client_for: Callable, auth_headers: Callable, method: str, params: dict, allow: str) -> None:
    async with client_for() as client:
        response = await client.request(method, "/graphql", params=params, headers=auth_headers("admin"))
    assert (response.status_code, response.headers["allow"]) == (405, allow)


async def test_a_refused_token_is_401_in_the_negotiated_media_type(client_for: Callable) -> None:
    async with client_for() as client:
        response = await client.post("/graphql", json=TYPENAME, headers=ACCEPT_GQL)
    assert (response.status_code, response.headers["content-type"]) == (401, GQL)
    assert response.json() == {"errors": [{"message": "missing bearer token", "extensions": {"code": "UNAUTHENTICATED"}}]}


async def test_field_errors_after_execution_began_are_200_with_data(client_for: Callable, auth_headers: Callable) -> None:
    """Execution began and a non-null root field was refused, so ``data`` is null, but present: 200 even in graphql-response+json."""
    async with client_for() as client:
        response = await client.post("/graphql", json={"query": "{ me { subject } auditLog(first: 1) { totalCount } }"},
                                     headers={**auth_headers("agent", subject="a1"), **ACCEPT_GQL})
    body = response.json()
    assert response.status_code == 200
    assert "data" in body and body["data"] is None
    assert [(error["path"], error["extensions"]["code"]) for error in body["errors"]] == [(["auditLog"], "FORBIDDEN")]
