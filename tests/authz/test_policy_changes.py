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

GRANT = (
    "mutation ($input: GrantPolicyInput!) { grantPolicy(input: $input) { "
    "change { revision effect rule { kind subject object action scope joins default } } userErrors { field message code } } }"
)
REVOKE = (
    "mutation ($input: RevokePolicyInput!) { revokePolicy(input: $input) { "
    "change { revision effect } userErrors { field message code } } }"
)
RULES = '{ policyRules(subject: "analyst", first: 4) { totalCount nodes { kind subject object action scope joins default } } }'


def rule(**given: str) -> dict:
    """The variables of a grant or revoke of ``given``."""
    return {"input": {"rule": given}}
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
    membership = await fresh.execute(GRANT, role="admin", variables=rule(kind="MEMBERSHIP", subject="analyst", joins="group:people_reader"))
    rows = await fresh.execute(
        GRANT, role="admin", request_id="grant-rows", variables=rule(subject="analyst", object="Agent", action="READ", scope="TEAM")
    )
    listed = await fresh.execute(RULES, role="admin")
    west_analyst = dataclasses.replace(PRINCIPALS["analyst"], teams=frozenset({"t-west"}))
    allowed = await fresh.execute("{ agents { totalCount } }", principal=west_analyst)
    async with fresh.sessionmaker() as session:
        overrides = (await session.execute(select(PolicyOverride).order_by(PolicyOverride.changed_at_us))).scalars().all()
        revision = (await session.execute(select(PolicyRevision.revision))).scalar_one()
        [audited] = (await session.execute(select(AuditEntry).where(AuditEntry.request_id == "grant-rows"))).scalars().all()
    assert [error.extensions["code"] for error in refused.errors] == ["FORBIDDEN"]
    assert membership.data["grantPolicy"] == {"change": {"revision": 1, "effect": "GRANT", "rule": {
        "kind": "MEMBERSHIP", "subject": "analyst", "object": None, "action": None, "scope": None, "joins": "group:people_reader",
        "default": False,
    }}, "userErrors": []}
    assert rows.data == {"grantPolicy": {"change": {"revision": 2, "effect": "GRANT", "rule": {
        "kind": "PERMISSION", "subject": "analyst", "object": "Agent", "action": "READ", "scope": "TEAM", "joins": None,
        "default": False,
    }}, "userErrors": []}}
    # memberships sort first, by group: the analyst's defaults evaluation_summary, goal_reader, metric_reader,
    # then the granted group:people_reader
    assert listed.data == {"policyRules": {"totalCount": 18, "nodes": [
        *({"kind": "MEMBERSHIP", "subject": "analyst", "object": None, "action": None, "scope": None,
           "joins": f"group:{group}", "default": True} for group in ("evaluation_summary", "goal_reader", "metric_reader")),
        {"kind": "MEMBERSHIP", "subject": "analyst", "object": None, "action": None, "scope": None,
         "joins": "group:people_reader", "default": False},
    ]}}
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
    hire_date = rule(subject="agent", object="Agent.hireDate", action="READ", scope="FULL")
    before = await fresh.execute(HIRE_DATE, role="agent")
    revoked = await fresh.execute(REVOKE, role="admin", variables=hire_date)
    during = await fresh.execute(HIRE_DATE, role="agent")
    await fresh.execute(GRANT, role="admin", variables=hire_date)
    after = await fresh.execute(HIRE_DATE, role="agent")
    assert before.data == after.data == {"agent": {"hireDate": "2025-06-01"}}
    assert revoked.data == {"revokePolicy": {"change": {"revision": 1, "effect": "REVOKE"}, "userErrors": []}}
    assert during.data == {"agent": {"hireDate": None}}
    assert [error.message for error in during.errors] == ["not allowed to read Agent.hireDate"]


@pytest.mark.parametrize(
    ("mutation", "given", "error"),
    [
        (GRANT, {"subject": "agent", "object": "Agent.salary", "action": "READ", "scope": "FULL"},
         (["rule", "object"], "Agent.salary 不是 schema 中的字段", "INVALID")),
        (GRANT, {"subject": "agent", "object": "Agent.name", "action": "READ", "scope": "TEAM"},
         (["rule"], "Agent.name: a field's scope is one of ['full', 'masked'], not 'team'", "INVALID")),
        (GRANT, {"subject": "agent", "object": "Mutation.grantPolicy", "action": "READ", "scope": "FULL"},
         (["rule", "action"], "Mutation.grantPolicy 的动作应为 'write'", "INVALID")),
        (GRANT, {"subject": "agent", "object": "Conversation", "action": "READ", "scope": "MASKED"},
         (["rule"], "Conversation read: scope is one of ['all', 'assigned', 'own', 'team'], not 'masked'", "INVALID")),
        (GRANT, {"subject": "bad role", "object": "Team", "action": "READ", "scope": "ALL"},
         (["rule", "subject"], "'bad role' 不是有效的角色或组名", "INVALID")),
        (GRANT, {"kind": "MEMBERSHIP", "subject": "agent", "joins": "bad group"},
         (["rule", "joins"], "'bad group' 不是有效的角色或组名", "INVALID")),
        (GRANT, {"kind": "MEMBERSHIP", "subject": "agent", "object": "Team", "joins": "group:team_reader"},
         (["rule", "object"], "成员关系只需 joins，不能给出 object", "INVALID")),
        (GRANT, {"kind": "MEMBERSHIP", "subject": "agent"}, (["rule", "joins"], "成员关系需要 joins", "INVALID")),
        (GRANT, {"subject": "agent", "object": "Team", "action": "READ"}, (["rule", "scope"], "权限需要 scope", "INVALID")),
        (GRANT, {"subject": "agent", "object": "Team", "action": "READ", "scope": "ALL", "joins": "admin"},
         (["rule", "joins"], "权限需给出 object、action 与 scope，不能给出 joins", "INVALID")),
        (GRANT, {"subject": "agent", "object": "Agent", "action": "READ", "scope": "OWN"}, (["rule"], "该规则已生效", "ALREADY_EXISTS")),
        (REVOKE, {"subject": "agent", "object": "Agent", "action": "READ", "scope": "ALL"}, (["rule"], "该规则未生效", "NOT_FOUND")),
        (REVOKE, {"subject": "admin", "object": "Mutation.grantPolicy", "action": "WRITE", "scope": "FULL"},
         (["rule"], "admin 角色必须保留 Mutation.grantPolicy write full", "INVALID_STATE")),
    ],
    ids=["unknown-field", "field-with-row-scope", "wrong-action", "record-with-field-scope", "bad-name", "bad-group",
         "membership-with-object", "membership-without-group", "permission-without-scope", "permission-with-group",
         "no-op-grant", "no-op-revoke", "lock-out"],
)
async def test_invalid_changes_are_user_errors_and_change_nothing(
    unchanged: Api, mutation: str, given: dict, error: tuple[list[str], str, str]
) -> None:
    result = await unchanged.execute(mutation, role="admin", variables={"input": {"rule": given}})
    async with unchanged.sessionmaker() as session:
        revision = (await session.execute(select(PolicyRevision.revision))).scalar_one()
        overrides = (await session.execute(select(PolicyOverride))).scalars().all()
        audited = (await session.execute(select(AuditEntry).where(AuditEntry.action == "policy_change"))).scalars().all()
    field, message, code = error
    assert result.errors is None
    [payload] = result.data.values()
    assert payload == {"change": None, "userErrors": [{"field": ["input", *field], "message": message, "code": code}]}
    assert (revision, overrides, audited) == (0, [], [])


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
    await fresh.execute(REVOKE, role="admin", variables=rule(subject="agent", object="Agent.hireDate", action="READ", scope="FULL"))
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
    revoke = rule(kind="MEMBERSHIP", subject="agent", joins="group:content_reader")

    async def read() -> tuple:
        result = await fresh.execute(CONTENT, role="agent")
        return result.data, sorted(error.message for error in result.errors or [])

    outcomes = await asyncio.gather(
        *[read() for _ in range(6)], fresh.execute(REVOKE, role="admin", variables=revoke), *[read() for _ in range(6)]
    )
    revoked = outcomes.pop(6)
    after = await read()
    assert (revoked.errors, revoked.data["revokePolicy"]["userErrors"]) == (None, [])
    assert [outcome for outcome in outcomes if outcome not in (OLD_POLICY, NEW_POLICY)] == []
    assert after == NEW_POLICY


PAGE = (
    'query ($first: Int, $after: String, $last: Int, $before: String) { policyRules(subject: "analyst", first: $first, '
    "after: $after, last: $last, before: $before) { totalCount edges { cursor node { kind object joins } } "
    "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"
)


def _shown(page: dict) -> list[str]:
    return [edge["node"]["joins"] or edge["node"]["object"] for edge in page["edges"]]


async def test_a_page_boundary_of_the_rules_stays_put_when_a_rule_is_granted_between_pages(fresh: Api) -> None:
    first = (await fresh.execute(PAGE, role="admin", variables={"first": 2})).data["policyRules"]
    granted = await fresh.execute(GRANT, role="admin", variables=rule(kind="MEMBERSHIP", subject="analyst", joins="group:audit_reader"))
    second = (await fresh.execute(PAGE, role="admin", variables={"first": 2, "after": first["pageInfo"]["endCursor"]})).data["policyRules"]
    back = (await fresh.execute(PAGE, role="admin", variables={"last": 2, "before": second["pageInfo"]["startCursor"]})).data["policyRules"]
    assert granted.data["grantPolicy"]["userErrors"] == []
    # group:audit_reader, granted between the pages, sorts before the first page: the second page starts where the first ended
    assert (_shown(first), first["totalCount"]) == (["group:evaluation_summary", "group:goal_reader"], 16)
    assert (_shown(second), second["totalCount"]) == (["group:metric_reader", "group:qa_hotspot_reader"], 17)
    assert (second["pageInfo"]["hasPreviousPage"], second["pageInfo"]["hasNextPage"]) == (True, True)
    assert (_shown(back), back["pageInfo"]["hasPreviousPage"]) == (["group:evaluation_summary", "group:goal_reader"], True)
    assert second["edges"][0]["cursor"] == second["pageInfo"]["startCursor"]


async def test_a_cursor_of_another_list_is_refused(unchanged: Api) -> None:
    result = await unchanged.execute(PAGE, role="admin", variables={"first": 2, "after": "b2Zmc2V0OjIw"})
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [
        ("after is not a cursor of this list", "BAD_USER_INPUT")
    ]
