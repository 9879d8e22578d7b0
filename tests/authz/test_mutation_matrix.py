"""Every role × every mutation: allowed exactly when the policy files say so, and a refusal changes nothing."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import GraphQLObjectType, get_named_type
from sqlalchemy import func, select

from server.authz.authorization import FieldAccess
from server.authz.models import PolicyRevision
from server.db import transaction
from server.ingestion.models import StoredEvent
from server.kernel.relay import to_global_id
from server.persisted.models import PersistedQuery
from server.persisted.service import document_hash, new_row
from server.retention.models import CustomerErasure
from server.reviews.models import ReviewAssignment
from tests.authz.matrix import EXPECTED, GRAPHQL_TYPES, field_access, visible_conversations
from tests.authz.test_matrix import locate
from tests.authz.world import PRINCIPALS, ROLES, Api, open_world
from tests.conftest import BACKENDS, StorageTemplates


def full_selection(type_name: str, depth: int) -> str:
    """Every field; object fields expanded ``depth`` levels deep, then only ``__typename``."""
    parts = []
    for name, definition in GRAPHQL_TYPES[type_name].fields.items():
        named = get_named_type(definition.type)
        if isinstance(named, GraphQLObjectType):
            inner = full_selection(named.name, depth - 1) if depth > 0 else "__typename"
            parts.append(f"{name} {{ {inner} }}")
        else:
            parts.append(name)
    return " ".join(parts)


async def _count(api: Api, statement: Any) -> int:
    async with api.sessionmaker() as session:
        return (await session.execute(statement)).scalar_one()


def _write_scopes(role: str, record: str) -> frozenset[str]:
    return EXPECTED.scopes([role], record, "write")


@dataclass(frozen=True)
class MutationPath:
    name: str
    target: str
    query: str
    variables: Callable[[str], dict]
    locate: tuple[str, ...]
    gates: tuple[str, ...]
    allowed: Callable[[str], bool]
    effect: Callable[[Api, str], Awaitable[int]]
    """An observable count that grows by ``delta`` when the mutation is allowed, and is unchanged otherwise."""
    delta: int
    also: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Further (type, location) pairs of the result to check field by field."""


def _gate(obj: str) -> Callable[[str], bool]:
    return lambda role: field_access(role, obj) is FieldAccess.FULL


def _review_allowed(conversation: str) -> Callable[[str], bool]:
    return lambda role: _gate("Mutation.assignReview")(role) and conversation in visible_conversations(role, _write_scopes(role, "ReviewAssignment"))


async def _stored(api: Api, role: str) -> int:
    return await _count(api, select(func.count()).select_from(StoredEvent).where(StoredEvent.id == f"m-{role}"))


async def _revision(api: Api, _role: str) -> int:
    """The policy revision (grows once per stored change, whoever made it)."""
    return await _count(api, select(PolicyRevision.revision))


async def _reviews_of(reviewer: str, conversation: str, api: Api) -> int:
    statement = select(func.count()).select_from(ReviewAssignment).where(
        ReviewAssignment.reviewer_id == reviewer, ReviewAssignment.conversation_id == conversation
    )
    return await _count(api, statement)


def _persisted(document: Callable[[str], str]) -> Callable[[Api, str], Awaitable[int]]:
    """How many stored documents have the hash of the role's ``document`` (0 or 1)."""
    return lambda api, role: _count(
        api, select(func.count()).select_from(PersistedQuery).where(PersistedQuery.sha256_hash == document_hash(document(role)))
    )


def _registered_document(role: str) -> str:
    return f"query Registered_{role} {{ __typename }}"


def _deleted_document(role: str) -> str:
    return f"query Deleted_{role} {{ __typename }}"


MUTATION_PATHS: tuple[MutationPath, ...] = (
    MutationPath(
        "registerPersistedQuery", "RegisterPersistedQueryPayload",
        "mutation ($document: String!) { registerPersistedQuery(input: {document: $document}) { "
        + full_selection("RegisterPersistedQueryPayload", 1) + " } }",
        lambda role: {"document": _registered_document(role)},
        ("registerPersistedQuery",), ("Mutation.registerPersistedQuery",), _gate("Mutation.registerPersistedQuery"),
        _persisted(_registered_document), 1,
        also=(("PersistedQuery", ("registerPersistedQuery", "persistedQuery")),),
    ),
    MutationPath(
        "registerPersistedQuery/refused", "RegisterPersistedQueryPayload",
        "mutation ($document: String!) { registerPersistedQuery(input: {document: $document}) { "
        + full_selection("RegisterPersistedQueryPayload", 1) + " } }",
        lambda role: {"document": f"query Broken_{role} {{"},
        ("registerPersistedQuery",), ("Mutation.registerPersistedQuery",), _gate("Mutation.registerPersistedQuery"),
        _persisted(lambda role: f"query Broken_{role} {{"), 0,
        also=(("UserError", ("registerPersistedQuery", "userErrors", "*")),),
    ),
    MutationPath(
        "deletePersistedQuery", "DeletePersistedQueryPayload",
        "mutation ($id: ID!) { deletePersistedQuery(input: {id: $id}) { "
        + full_selection("DeletePersistedQueryPayload", 1) + " } }",
        lambda role: {"id": to_global_id("PersistedQuery", document_hash(_deleted_document(role)))},
        ("deletePersistedQuery",), ("Mutation.deletePersistedQuery",), _gate("Mutation.deletePersistedQuery"),
        _persisted(_deleted_document), -1,
    ),
    MutationPath(
        "ingestEvents", "IngestResult",
        "mutation ($events: [JSON!]!) { ingestEvents(events: $events) { " + full_selection("IngestResult", 2) + " } }",
        lambda role: {"events": [
            {"id": f"m-{role}", "type": "agent.status_changed", "ts": "2026-03-04T09:00:00+08:00", "agent_id": "a1", "status": "online"},
            {"id": f"bad-{role}", "type": "agent.status_changed", "ts": "2026-03-04T09:00:00+08:00", "status": "online"},
        ]},
        ("ingestEvents",), ("Mutation.ingestEvents",), _gate("Mutation.ingestEvents"), _stored, 1,
        also=(("IngestEventResult", ("ingestEvents", "results", "*")), ("IngestError", ("ingestEvents", "results", "*", "errors", "*"))),
    ),
    MutationPath(
        "grantPolicy", "PolicyChange",
        "mutation ($rule: PolicyRuleInput!) { grantPolicy(rule: $rule) { " + full_selection("PolicyChange", 1) + " } }",
        lambda role: {"rule": {"subject": f"custom_{role}", "object": "Agent", "action": "read", "scope": "own"}},
        ("grantPolicy",), ("Mutation.grantPolicy",), _gate("Mutation.grantPolicy"), _revision, 1,
        also=(("PolicyRule", ("grantPolicy", "rule")),),
    ),
    MutationPath(
        "revokePolicy", "PolicyChange",
        "mutation ($rule: PolicyRuleInput!) { revokePolicy(rule: $rule) { " + full_selection("PolicyChange", 1) + " } }",
        lambda role: {"rule": {"subject": "agent", "object": "Agent.hireDate", "action": "read", "scope": "full"}},
        ("revokePolicy",), ("Mutation.revokePolicy",), _gate("Mutation.revokePolicy"), _revision, 1,
    ),
    MutationPath(
        "assignReview", "ReviewAssignment",
        "mutation ($reviewer: ID!) { assignReview(reviewerId: $reviewer, conversationId: \"cv1\") { "
        + full_selection("ReviewAssignment", 0) + " } }",
        lambda role: {"reviewer": f"u-qa2-{role}"}, ("assignReview",), ("Mutation.assignReview",), _review_allowed("cv1"),
        lambda api, role: _reviews_of(f"u-qa2-{role}", "cv1", api), 1,
    ),
    MutationPath(
        "eraseCustomer", "CustomerErasure",
        'mutation { eraseCustomer(customerId: "c2") { ' + full_selection("CustomerErasure", 0) + " } }",
        lambda role: {}, ("eraseCustomer",), ("Mutation.eraseCustomer",),
        lambda role: _gate("Mutation.eraseCustomer")(role) and bool(EXPECTED.scopes([role], "Customer", "erase")),
        lambda api, _role: _count(api, select(func.count()).select_from(CustomerErasure).where(CustomerErasure.customer_id == "c2")), 1,
    ),
    MutationPath(
        "unassignReview", "Boolean",
        'mutation ($reviewer: ID!) { unassignReview(reviewerId: $reviewer, conversationId: "cv3") }',
        lambda role: {"reviewer": f"u-qa-{role}"}, (), ("Mutation.unassignReview",), _review_allowed("cv3"),
        lambda api, role: _reviews_of(f"u-qa-{role}", "cv3", api), -1,
    ),
)


def _check_fields(result: Any, type_name: str, steps: tuple[str, ...], role: str, errors: dict) -> set[tuple]:
    expected_errors = set()
    for prefix, item in locate(result.data, steps):
        for name in GRAPHQL_TYPES[type_name].fields:
            obj = f"{type_name}.{name}"
            if field_access(role, obj) is FieldAccess.DENIED:
                assert (item[name], errors.get((*prefix, name))) == (None, "FORBIDDEN"), obj
                expected_errors.add((*prefix, name))
            else:
                assert errors.get((*prefix, name)) is None, obj
    return expected_errors


@pytest.fixture(scope="module", params=BACKENDS)
async def mutable_world(
    request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Api]:
    """A seeded world of its own per backend; each role's mutations touch only rows named after the role."""
    engine, api = await open_world(storage_templates.fresh(request.param), tmp_path_factory.mktemp("mutations"))
    async with transaction(api.sessionmaker) as session:
        for role in ROLES:
            session.add(ReviewAssignment(reviewer_id=f"u-qa-{role}", conversation_id="cv3", assigned_by="u-admin", assigned_at_us=0))
            session.add(new_row(_deleted_document(role), allow_listed=True, registered_by="u-admin"))
    yield api
    await engine.dispose()


@pytest.mark.parametrize("role", ROLES)
async def test_mutation_matrix(mutable_world: Api, role: str) -> None:
    api = mutable_world
    for path in MUTATION_PATHS:
        before = await path.effect(api, role)
        result = await api.execute(path.query, principal=PRINCIPALS[role], variables=path.variables(role))
        after = await path.effect(api, role)
        errors = {tuple(error.path or ()): error.extensions["code"] for error in result.errors or []}
        assert set(errors.values()) <= {"FORBIDDEN"}, (path.name, result.errors)
        if not path.allowed(role):
            assert (result.data, after - before) == (None, 0), path.name
            assert errors, path.name
            continue
        assert after - before == path.delta, path.name
        expected_errors = set()
        if path.locate:
            expected_errors |= _check_fields(result, path.target, path.locate, role, errors)
        for type_name, steps in path.also:
            expected_errors |= _check_fields(result, type_name, steps, role, errors)
        assert set(errors) == expected_errors, path.name
