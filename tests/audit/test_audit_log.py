"""``auditLog`` and ``node(id:)`` on entries: newest first in keyset pages, typed values, filters by global id."""

import json
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from server.audit.models import AuditEntry
from server.db import transaction
from server.kernel.relay import to_global_id
from server.timefmt import to_us
from tests.authz.world import Api, open_world

T0 = to_us(datetime.fromisoformat("2026-03-01T09:00:00+08:00"))
SECOND = 1_000_000
PROBE = "log-probe"

ENTRIES = [
    ("e1", 0, "read", "agent", "a2", ["Agent.name"], None),
    ("e2", 1, "denied", "customer", "c3", [], {"reason": "outside row scope"}),
    ("e3", 1, "policy_change", None, None, [], {"effect": "grant", "revision": 2, "rule": "p, analyst, Agent, read, team"}),
    ("e4", 2, "erasure", "customer", "c1", [], {"messages": 1, "raw_events": 3}),
    ("e5", 3, "read", "agent", "a2", ["Agent.email", "Agent.name"], None),
]
"""(actor, seconds after T0, action, subject kind, subject key, fields, detail), written in this order."""

PAGE = (
    "query ($filter: AuditFilterInput, $first: Int, $after: String, $last: Int, $before: String) { "
    "auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) { totalCount "
    "edges { cursor node { actor } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"
)
ENTRY = "id externalId at requestId actor actorRoles action objectType subjectKind subjectId fields detail"


def _entry(actor: str, seconds: int, action: str, kind: str | None, key: str | None, fields: list[str], detail: dict | None) -> AuditEntry:
    return AuditEntry(
        at_us=T0 + seconds * SECOND, request_id=PROBE, actor=actor, actor_roles="admin,hr", action=action,
        object_type="Probe", subject_kind=kind, subject_id=key, fields=json.dumps(fields),
        detail=json.dumps(detail) if detail is not None else None,
    )


async def _append(api: Api, *entries: AuditEntry) -> list[int]:
    async with transaction(api.sessionmaker) as session:
        session.add_all(entries)
        await session.flush()
        return [entry.id for entry in entries]  # type: ignore[misc]


@pytest.fixture
async def log(database_url: str, tmp_path: Path) -> AsyncIterator[tuple[Api, list[int]]]:
    """A world whose log holds ENTRIES (besides whatever its own requests record)."""
    engine, api = await open_world(database_url, tmp_path)
    ids = []
    for row in ENTRIES:
        ids += await _append(api, _entry(*row))  # one transaction each: ids grow in the order written
    yield api, ids
    await engine.dispose()


def _actors(page: dict) -> list[str]:
    return [edge["node"]["actor"] for edge in page["edges"]]


async def _page(api: Api, **variables: object) -> dict:
    result = await api.execute(PAGE, role="hr", variables={"filter": {"requestId": PROBE}, **variables})
    assert result.errors is None, result.errors
    return result.data["auditLog"]


async def test_pages_run_newest_first_and_a_boundary_stays_put_when_entries_arrive(log: tuple[Api, list[int]]) -> None:
    api, _ids = log
    first = await _page(api, first=2)
    await _append(api, _entry("e6", 4, "read", "agent", "a3", ["Agent.name"], None))  # newer than every page shown
    second = await _page(api, first=2, after=first["pageInfo"]["endCursor"])
    third = await _page(api, first=2, after=second["pageInfo"]["endCursor"])
    back = await _page(api, last=2, before=third["pageInfo"]["startCursor"])
    newest = await _page(api, last=1, before=first["pageInfo"]["startCursor"])
    assert (_actors(first), first["totalCount"]) == (["e5", "e4"], 5)
    assert (_actors(second), second["totalCount"]) == (["e3", "e2"], 6)  # one instant: the later entry first
    assert _actors(third) == ["e1"]
    assert (third["pageInfo"]["hasNextPage"], third["pageInfo"]["hasPreviousPage"]) == (False, True)
    assert _actors(back) == ["e3", "e2"]
    assert (_actors(newest), newest["pageInfo"]["hasPreviousPage"]) == (["e6"], False)
    assert [first["edges"][-1]["cursor"], second["edges"][0]["cursor"]] == [
        first["pageInfo"]["endCursor"], second["pageInfo"]["startCursor"]
    ]


async def test_an_entry_is_a_node_with_typed_values(log: tuple[Api, list[int]]) -> None:
    api, ids = log
    global_id = to_global_id("AuditEntry", str(ids[3]))
    listed = await api.execute(
        "query ($filter: AuditFilterInput) { auditLog(filter: $filter, first: 1) { nodes { " + ENTRY + " } } }",
        role="admin", variables={"filter": {"requestId": PROBE, "action": "ERASURE"}},
    )
    found = await api.execute('query ($id: ID!) { node(id: $id) { ... on AuditEntry { ' + ENTRY + " } } }", role="hr",
                              variables={"id": global_id})
    expected = {
        "id": global_id, "externalId": str(ids[3]), "at": "2026-03-01T09:00:02+08:00", "requestId": PROBE, "actor": "e4",
        "actorRoles": ["admin", "hr"], "action": "ERASURE", "objectType": "Probe", "subjectKind": "CUSTOMER",
        "subjectId": to_global_id("Customer", "c1"), "fields": [], "detail": {"messages": 1, "raw_events": 3},
    }
    assert listed.data == {"auditLog": {"nodes": [expected]}}
    assert found.data == {"node": expected}


@pytest.mark.parametrize(("role", "code"), [("manager", "FORBIDDEN"), ("agent", "FORBIDDEN")])
async def test_only_readers_of_the_log_load_entries_by_id(log: tuple[Api, list[int]], role: str, code: str) -> None:
    api, ids = log
    result = await api.execute("query ($id: ID!) { node(id: $id) { id } }", role=role,
                               variables={"id": to_global_id("AuditEntry", str(ids[0]))})
    assert result.data == {"node": None}
    assert [error.extensions["code"] for error in result.errors] == [code]


async def test_an_unknown_entry_is_null(log: tuple[Api, list[int]]) -> None:
    api, _ids = log
    unknown, malformed = to_global_id("AuditEntry", "999999"), to_global_id("AuditEntry", "not-a-number")
    result = await api.execute(f'{{ node(id: "{unknown}") {{ id }} other: node(id: "{malformed}") {{ id }} }}', role="admin")
    assert (result.errors, result.data) == (None, {"node": None, "other": None})


@pytest.mark.parametrize(
    ("narrowing", "actors"),
    [
        ({"subjectId": to_global_id("Agent", "a2")}, ["e5", "e1"]),
        ({"subjectId": to_global_id("Customer", "c3"), "subjectKind": "CUSTOMER"}, ["e2"]),
        ({"subjectKind": "CUSTOMER"}, ["e4", "e2"]),
        ({"action": "READ", "actor": "e1"}, ["e1"]),
        ({"from": "2026-03-01T01:00:01Z", "to": "2026-03-01T09:00:03+08:00"}, ["e4", "e3", "e2"]),
    ],
    ids=["subject", "subject-and-kind", "kind", "action-and-actor", "from-to"],
)
async def test_filters_narrow_the_log(log: tuple[Api, list[int]], narrowing: dict, actors: list[str]) -> None:
    api, _ids = log
    page = await _page(api, filter={"requestId": PROBE, **narrowing})
    assert (_actors(page), page["totalCount"]) == (actors, len(actors))


@pytest.mark.parametrize(
    ("narrowing", "message"),
    [
        ({"subjectId": to_global_id("AuditEntry", "1")}, "expected the id of Agent or Customer or Team or Conversation, got the id of AuditEntry"),
        ({"subjectId": "a2"}, "'a2' is not a global id"),
        ({"subjectId": to_global_id("Agent", "a2"), "subjectKind": "CUSTOMER"}, "subjectId names a subject of another kind than subjectKind"),
    ],
    ids=["wrong-type", "raw-key", "kind-mismatch"],
)
async def test_a_subject_filter_needs_a_fitting_global_id(log: tuple[Api, list[int]], narrowing: dict, message: str) -> None:
    api, _ids = log
    result = await api.execute(PAGE, role="admin", variables={"filter": narrowing})
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message, "BAD_USER_INPUT")]


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        (PAGE, {"filter": {"from": "2026-03-01T09:00:00"}}, "BAD_USER_INPUT"),
        ('{ auditLog(filter: {to: "2026-03-01T09:00:00"}) { totalCount } }', None, "GRAPHQL_VALIDATION_FAILED"),
    ],
    ids=["variable", "literal"],
)
async def test_an_instant_without_offset_is_refused(log: tuple[Api, list[int]], query: str, variables: dict | None, code: str) -> None:
    api, _ids = log
    result = await api.execute(query, role="admin", variables=variables)
    assert result.data is None
    [error] = result.errors
    assert error.extensions["code"] == code
    assert "DateTime must be RFC 3339 with an offset, e.g. 2026-03-01T09:30:00+08:00; got '2026-03-01T09:00:00'" in error.message
