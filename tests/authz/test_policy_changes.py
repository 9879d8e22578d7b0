"""Run-time policy changes: admin only, validated, stored, audited, and picked up by every process."""

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from server.audit.models import AuditEntry
from server.authz.enforcer import PolicyEnforcer
from server.authz.models import PolicyOverride, PolicyRevision
from server.kernel.relay import to_global_id
from tests.authz.world import PRINCIPALS, Api, open_world
from tests.conftest import BACKENDS, StorageTemplates

GRANT = "mutation ($rule: PolicyRuleInput!) { grantPolicy(rule: $rule) { revision effect rule { kind subject object action scope default } } }"
REVOKE = "mutation ($rule: PolicyRuleInput!) { revokePolicy(rule: $rule) { revision effect } }"
HIRE_DATE = f'{{ agent(id: "{to_global_id("Agent", "a1")}") {{ hireDate }} }}'


@pytest.fixture
async def fresh(database_url: str, tmp_path: Path) -> AsyncIterator[Api]:
    engine, api = await open_world(database_url, tmp_path)
    yield api
    await engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
async def unchanged(
    request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Api]:
    """A world only refused changes are tried on, shared by those tests (each checks nothing changed)."""
    engine, api = await open_world(storage_templates.fresh(request.param), tmp_path_factory.mktemp("unchanged"))
    yield api
    await engine.dispose()


async def test_a_grant_takes_effect_and_is_stored_and_audited(fresh: Api) -> None:
    refused = await fresh.execute("{ agents { totalCount } }", role="analyst")
    membership = await fresh.execute(GRANT, role="admin", variables={"rule": {"kind": "G", "subject": "analyst", "object": "group:people_reader"}})
    rows = await fresh.execute(GRANT, role="admin", request_id="grant-rows", variables={"rule": {"subject": "analyst", "object": "Agent", "action": "read", "scope": "team"}})
    west_analyst = dataclasses.replace(PRINCIPALS["analyst"], teams=frozenset({"t-west"}))
    allowed = await fresh.execute("{ agents { totalCount } }", principal=west_analyst)
    async with fresh.sessionmaker() as session:
        overrides = (await session.execute(select(PolicyOverride).order_by(PolicyOverride.changed_at_us))).scalars().all()
        revision = (await session.execute(select(PolicyRevision.revision))).scalar_one()
        [audited] = (await session.execute(select(AuditEntry).where(AuditEntry.request_id == "grant-rows"))).scalars().all()
    assert [error.extensions["code"] for error in refused.errors] == ["FORBIDDEN"]
    assert membership.data["grantPolicy"]["revision"] == 1
    assert rows.data == {"grantPolicy": {"revision": 2, "effect": "grant", "rule": {
        "kind": "P", "subject": "analyst", "object": "Agent", "action": "read", "scope": "team", "default": False,
    }}}
    assert allowed.data == {"agents": {"totalCount": 3}}
    assert [(o.kind, o.subject, o.object, o.action, o.scope, o.effect, o.changed_by) for o in overrides] == [
        ("g", "analyst", "group:people_reader", "", "", "grant", "u-admin"),
        ("p", "analyst", "Agent", "read", "team", "grant", "u-admin"),
    ]
    assert revision == 2
    assert (audited.actor, audited.action, audited.object_type, json.loads(audited.detail)) == (
        "u-admin", "policy_change", "PolicyRule", {"effect": "grant", "revision": 2, "rule": "p, analyst, Agent, read, team"}
    )


async def test_a_default_rule_can_be_revoked_and_granted_back(fresh: Api) -> None:
    rule = {"subject": "agent", "object": "Agent.hireDate", "action": "read", "scope": "full"}
    before = await fresh.execute(HIRE_DATE, role="agent")
    revoked = await fresh.execute(REVOKE, role="admin", variables={"rule": rule})
    during = await fresh.execute(HIRE_DATE, role="agent")
    await fresh.execute(GRANT, role="admin", variables={"rule": rule})
    after = await fresh.execute(HIRE_DATE, role="agent")
    assert before.data == after.data == {"agent": {"hireDate": "2025-06-01"}}
    assert revoked.data == {"revokePolicy": {"revision": 1, "effect": "revoke"}}
    assert during.data == {"agent": {"hireDate": None}}
    assert [error.message for error in during.errors] == ["not allowed to read Agent.hireDate"]


@pytest.mark.parametrize(
    ("mutation", "rule", "message"),
    [
        (GRANT, {"subject": "agent", "object": "Agent.salary", "action": "read", "scope": "full"}, "Agent.salary is not a field of the schema"),
        (GRANT, {"subject": "agent", "object": "Agent.name", "action": "read", "scope": "team"}, "Agent.name: a field's scope is one of ['full', 'masked'], not 'team'"),
        (GRANT, {"subject": "agent", "object": "Mutation.grantPolicy", "action": "read", "scope": "full"}, "Mutation.grantPolicy takes action 'write'"),
        (GRANT, {"subject": "agent", "object": "Conversation", "action": "read", "scope": "masked"}, "Conversation read: scope is one of ['all', 'assigned', 'own', 'team'], not 'masked'"),
        (GRANT, {"subject": "bad role", "object": "Team", "action": "read", "scope": "all"}, "'bad role' is not a valid role or group name"),
        (GRANT, {"subject": "agent", "object": "Agent", "action": "read", "scope": "own"}, "the rule is already in force"),
        (REVOKE, {"subject": "agent", "object": "Agent", "action": "read", "scope": "all"}, "the rule is not in force"),
        (REVOKE, {"subject": "admin", "object": "Mutation.grantPolicy", "action": "write", "scope": "full"}, "the admin role must keep Mutation.grantPolicy write full"),
    ],
    ids=["unknown-field", "field-with-row-scope", "wrong-action", "record-with-field-scope", "bad-name", "no-op-grant", "no-op-revoke", "lock-out"],
)
async def test_invalid_changes_are_bad_user_input_and_change_nothing(unchanged: Api, mutation: str, rule: dict, message: str) -> None:
    result = await unchanged.execute(mutation, role="admin", variables={"rule": rule})
    async with unchanged.sessionmaker() as session:
        revision = (await session.execute(select(PolicyRevision.revision))).scalar_one()
        overrides = (await session.execute(select(PolicyOverride))).scalars().all()
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message, "BAD_USER_INPUT")]
    assert (revision, overrides) == (0, [])


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_another_process_picks_the_change_up_at_its_next_check(fresh: Api) -> None:
    """A second API process (its own enforcer, checking every 2 s) sees the change once its check is due."""
    clock = FakeClock()
    settings = fresh.settings.model_copy(update={"policy_refresh_seconds": 2.0})
    other = dataclasses.replace(fresh, settings=settings, policies=PolicyEnforcer(settings, clock=clock))
    before = await other.execute(HIRE_DATE, role="agent")
    await fresh.execute(REVOKE, role="admin", variables={"rule": {"subject": "agent", "object": "Agent.hireDate", "action": "read", "scope": "full"}})
    clock.now += 1.0
    not_yet = await other.execute(HIRE_DATE, role="agent")
    clock.now += 1.5
    picked_up = await other.execute(HIRE_DATE, role="agent")
    assert before.data == not_yet.data == {"agent": {"hireDate": "2025-06-01"}}
    assert picked_up.data == {"agent": {"hireDate": None}}
    assert other.policies.snapshot.revision == 1


CONTENT = (
    f'{{ conversation(id: "{to_global_id("Conversation", "cv1")}") {{ messages {{ nodes {{ text }} }} customer {{ name }} }} '
    f'customer(id: "{to_global_id("Customer", "c1")}") {{ externalId }} }}'
)
OLD_POLICY = (
    {"conversation": {"messages": {"nodes": [{"text": "您好，我的订单没到"}, {"text": "马上为您查询"}]}, "customer": {"name": "陈**"}},
     "customer": {"externalId": "c1"}},
    [],
)
NEW_POLICY = (
    {"conversation": {"messages": None, "customer": None}, "customer": None},
    ["not allowed to read Conversation.customer", "not allowed to read Conversation.messages", "not allowed to read Query.customer"],
)


async def test_a_policy_change_under_concurrent_requests_is_all_or_nothing_per_request(fresh: Api) -> None:
    """Requests racing a revocation each see one policy revision: all old answers or all new refusals."""
    revoke = {"kind": "G", "subject": "agent", "object": "group:content_reader"}

    async def read() -> tuple:
        result = await fresh.execute(CONTENT, role="agent")
        return result.data, sorted(error.message for error in result.errors or [])

    outcomes = await asyncio.gather(
        *[read() for _ in range(6)], fresh.execute(REVOKE, role="admin", variables={"rule": revoke}), *[read() for _ in range(6)]
    )
    revoked = outcomes.pop(6)
    after = await read()
    assert revoked.errors is None
    assert [outcome for outcome in outcomes if outcome not in (OLD_POLICY, NEW_POLICY)] == []
    assert after == NEW_POLICY
