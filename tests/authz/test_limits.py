"""Hardening: depth, alias, token and cost limits, page size, introspection and suggestions, error codes."""

import dataclasses

import pytest
from sqlalchemy import func, select

from server.audit.models import AuditEntry
from server.config import Settings
from server.kernel.relay import to_global_id
from tests.authz.world import Api


def _default_limits(world: Api) -> Api:
    """The world with the default cost ceiling (the shared world raises it for the matrix)."""
    return dataclasses.replace(world, settings=world.settings.model_copy(update={"max_query_cost": Settings().max_query_cost}))


def _production(world: Api) -> Api:
    settings = world.settings.model_copy(update={"environment": "production", "jwt_secret": "production-secret"})
    return dataclasses.replace(world, settings=settings)


async def _audited(world: Api, request_id: str) -> int:
    async with world.sessionmaker() as session:
        statement = select(func.count()).select_from(AuditEntry).where(AuditEntry.request_id == request_id)
        return (await session.execute(statement)).scalar_one()


def _codes(result) -> list[str]:  # noqa: ANN001
    return [error.extensions["code"] for error in result.errors or []]


DEEP = "{ teams { " + "parent { " * 11 + "id" + " }" * 11 + " } }"
ALIASES = "{ " + " ".join(f'a{index}: agent(id: "{to_global_id("Agent", "a1")}") {{ name }}' for index in range(16)) + " }"
TOKENS = "{ " + " ".join("me { subject }" for _ in range(600)) + " }"
COSTLY = (
    "{ conversations(first: 100) { nodes { messages(first: 100) { nodes { text } } agent { conversations(first: 100) { "
    "nodes { messages(first: 100) { nodes { text } } customer { name } } } } } } }"
)


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        (DEEP, "GRAPHQL_VALIDATION_FAILED", "'anonymous' exceeds maximum operation depth of 10"),
        (ALIASES, "GRAPHQL_VALIDATION_FAILED", "16 aliases found. Allowed: 15"),
        (TOKENS, "GRAPHQL_PARSE_FAILED", "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."),
        (COSTLY, "GRAPHQL_VALIDATION_FAILED", "Query cost 3070300 exceeds the limit of 20000."),
    ],
    ids=["deep-query", "alias-flood", "token-flood", "costly"],
)
async def test_documents_over_a_limit_are_refused_before_anything_is_read(world: Api, query: str, code: str, message: str) -> None:
    result = await _default_limits(world).execute(query, role="admin", request_id=f"limit-{code}-{len(query)}")
    assert result.data is None
    assert _codes(result) == [code]
    assert result.errors[0].message == message
    assert await _audited(world, f"limit-{code}-{len(query)}") == 0


async def test_a_document_within_every_limit_runs(world: Api) -> None:
    shallow = "{ teams { " + "parent { " * 3 + "id" + " }" * 3 + " } }"
    result = await world.execute(shallow, role="admin")
    assert result.errors is None
    assert len(result.data["teams"]) == 4


@pytest.mark.parametrize("first", [0, 101, -1])
async def test_page_size_outside_the_bounds_is_bad_user_input(world: Api, first: int) -> None:
    result = await world.execute("query ($first: Int) { conversations(first: $first) { totalCount } }", role="admin", variables={"first": first})
    assert result.data is None
    assert _codes(result) == ["BAD_USER_INPUT"]
    assert result.errors[0].message == "first must be between 1 and 100"


async def test_an_unknown_cursor_is_bad_user_input(world: Api) -> None:
    result = await world.execute('{ agents(after: "bm90LWEtY3Vyc29y") { totalCount } }', role="admin")
    assert (_codes(result), result.errors[0].message) == (["BAD_USER_INPUT"], "after is not a cursor of this list")


async def test_introspection_only_in_development(world: Api) -> None:
    query = "{ __schema { queryType { name } } }"
    development = await world.execute(query, role="analyst")
    production = await _production(world).execute(query, role="analyst")
    assert development.data == {"__schema": {"queryType": {"name": "Query"}}}
    assert production.data is None
    assert set(_codes(production)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert production.errors[0].message == "GraphQL introspection has been disabled, but the requested query contained the field '__schema'."


FILTER_TYPE = "Expected value of type 'ConversationFilterInput' not to include unknown field 'agentid'"
SUGGESTIONS = [
    # (document, variables, message in development, message elsewhere)
    ("{ agnets { id } }", None,
     "Cannot query field 'agnets' on type 'Query'. Did you mean 'agents', 'agent', or 'alerts'?",
     "Cannot query field 'agnets' on type 'Query'."),
    ("{ conversations(fitler: {}) { totalCount } }", None,
     "Unknown argument 'fitler' on field 'Query.conversations'. Did you mean 'filter' or 'after'?",
     "Unknown argument 'fitler' on field 'Query.conversations'."),
    ("{ ... on Quer { me { subject } } }", None, "Unknown type 'Quer'. Did you mean 'Query' or 'User'?", "Unknown type 'Quer'."),
    ("{ metrics(groupBy: [AGNET]) { __typename } }", None,
     "Value 'AGNET' does not exist in 'MetricDimension' enum. Did you mean the enum value 'AGENT'?",
     "Value 'AGNET' does not exist in 'MetricDimension' enum."),
    ('{ conversations(filter: {agentid: "x"}) { totalCount } }', None,
     FILTER_TYPE + ". Did you mean 'agentId'? Found: { agentid: \"x\" }.",
     FILTER_TYPE + ", found: { agentid: \"x\" }."),
    ("query ($f: ConversationFilterInput) { conversations(filter: $f) { totalCount } }", {"f": {"agentid": "x"}},
     "Variable '$f' has invalid value: " + FILTER_TYPE + ". Did you mean 'agentId'? Found: {'agentid': 'x'}.",
     "Variable '$f' has invalid value: " + FILTER_TYPE + ", found: {'agentid': 'x'}."),
    ("query ($g: [MetricDimension!]) { metrics(groupBy: $g) { __typename } }", {"g": ["AGNET"]},
     "Variable '$g' has invalid value at [0]: Value 'AGNET' does not exist in 'MetricDimension' enum. "
     "Did you mean the enum value 'AGENT'?",
     "Variable '$g' has invalid value at [0]: Value 'AGNET' does not exist in 'MetricDimension' enum."),
]


@pytest.mark.parametrize(
    ("query", "variables", "development_message", "production_message"), SUGGESTIONS,
    ids=["field", "argument", "type", "enum-value", "input-field", "input-field-variable", "enum-value-variable"],
)
async def test_suggestions_only_in_development(
    world: Api, query: str, variables: dict | None, development_message: str, production_message: str
) -> None:
    development = await world.execute(query, role="admin", variables=variables)
    production = await _production(world).execute(query, role="admin", variables=variables)
    assert [error.message for error in development.errors] == [development_message]
    assert [error.message for error in production.errors] == [production_message]
    assert production.data is None
    assert _codes(production) == ["BAD_USER_INPUT" if variables else "GRAPHQL_VALIDATION_FAILED"]


async def test_bad_variable_values_are_bad_user_input(world: Api) -> None:
    result = await world.execute("query ($first: Int) { agents(first: $first) { totalCount } }", role="admin", variables={"first": "ten"})
    assert _codes(result) == ["BAD_USER_INPUT"]


async def test_syntax_errors_are_parse_failures(world: Api) -> None:
    result = await world.execute("{ agents { ", role="admin")
    assert _codes(result) == ["GRAPHQL_PARSE_FAILED"]


SEARCHES = [
    ("query ($text: String) { conversations(filter: {search: $text}) { totalCount } }", "conversations", "search"),
    ("query ($text: String) { agents(filter: {nameContains: $text}) { totalCount } }", "agents", "nameContains"),
    ("query ($text: String) { customers(filter: {nameContains: $text}) { totalCount } }", "customers", "nameContains"),
]


@pytest.mark.parametrize(("query", "field", "name"), SEARCHES, ids=["conversation-search", "agent-name", "customer-name"])
async def test_a_search_text_too_long_for_a_like_pattern_is_bad_user_input(world: Api, query: str, field: str, name: str) -> None:
    longest = await world.execute(query, role="admin", variables={"text": "%_" * 100})
    too_long = await world.execute(query, role="admin", variables={"text": "退%_" * 20000})
    assert longest.errors is None
    assert longest.data == {field: {"totalCount": 0}}
    assert too_long.data is None
    assert [(error.message, error.extensions["code"]) for error in too_long.errors] == [
        (f"{name} must be at most 200 characters", "BAD_USER_INPUT")
    ]
