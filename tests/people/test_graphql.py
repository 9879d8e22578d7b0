"""The directory and notifications through the real schema, as each principal (SQLite and PostgreSQL)."""

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from server.audit.models import AuditEntry
from server.kernel.relay import to_global_id
from tests.authz.world import DELIVERY_ID, Api, open_world

USERS = "query ($after: String) { users(first: 2, after: $after) { totalCount nodes { externalId email phone } pageInfo { hasNextPage endCursor } } }"
CREATE = "mutation ($input: CreateUserInput!) { createUser(input: $input) { user { externalId roles } userErrors { field code message } } }"


@pytest.fixture
async def api(database_url: str, tmp_path: Path) -> AsyncIterator[Api]:
    engine, api = await open_world(database_url, tmp_path)
    yield api
    await engine.dispose()


async def test_a_manager_pages_through_their_teams_people_with_contacts_masked(api: Api) -> None:
    first = await api.execute(USERS, role="manager")
    second = await api.execute(USERS, role="manager", variables={"after": first.data["users"]["pageInfo"]["endCursor"]})

    assert first.errors is None and second.errors is None
    assert first.data["users"]["totalCount"] == 4
    assert first.data["users"]["nodes"] == [
        {"externalId": "a1", "email": "a***@example.com", "phone": "138****1111"},
        {"externalId": "a2", "email": None, "phone": None},
    ]
    assert [node["externalId"] for node in second.data["users"]["nodes"]] == ["u-mgr-east", "u-qa"]
    assert (first.data["users"]["pageInfo"]["hasNextPage"], second.data["users"]["pageInfo"]["hasNextPage"]) == (True, False)


async def test_me_shows_the_callers_directory_record(api: Api) -> None:
    result = await api.execute("{ me { user { externalId agentId roles } } }", role="agent")
    assert result.data == {"me": {"user": {"externalId": "a1", "agentId": "a1", "roles": ["agent"]}}}


async def test_create_user_reports_input_problems_as_user_errors(api: Api) -> None:
    created = await api.execute(CREATE, role="hr", variables={"input": {"externalId": "u-new", "displayName": "新人", "roles": ["manager"]}})
    again = await api.execute(CREATE, role="hr", variables={"input": {"externalId": "u-new", "displayName": "新人"}})
    wizard = await api.execute(CREATE, role="hr", variables={"input": {"externalId": "u-x", "displayName": "x", "roles": ["wizard"]}})
    async with api.sessionmaker() as session:
        changes = select(AuditEntry).where(AuditEntry.subject_id == "u-new", AuditEntry.action == "directory_change")
        audit = (await session.execute(changes)).scalars().all()

    assert created.data["createUser"] == {"user": {"externalId": "u-new", "roles": ["manager"]}, "userErrors": []}
    assert again.data["createUser"] == {"user": None, "userErrors": [
        {"field": ["input", "externalId"], "code": "ALREADY_EXISTS", "message": "user u-new exists already"}]}
    assert wizard.data["createUser"] == {"user": None, "userErrors": [
        {"field": ["input", "roles"], "code": "INVALID", "message": "unknown roles: wizard"}]}
    assert [(entry.actor, entry.action, json.loads(entry.detail)) for entry in audit] == [
        ("u-hr", "directory_change", {"created": True, "active": True, "roles": {"added": ["manager"], "removed": []}})
    ]


async def test_update_and_deactivate_user(api: Api) -> None:
    user_id = to_global_id("User", "a3")
    update = "mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { ledTeamIds quietHours { start end } } userErrors { code } } }"
    deactivate = "mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { active } userErrors { code } } }"

    updated = await api.execute(update, role="admin", variables={"input": {"id": user_id, "ledTeamIds": ["t-west"], "quietHours": {"start": "22:30", "end": "06:00"}}})
    gone = await api.execute(deactivate, role="admin", variables={"input": {"id": user_id}})
    missing = await api.execute(deactivate, role="admin", variables={"input": {"id": to_global_id("User", "nobody")}})

    assert updated.data["updateUser"] == {"user": {"ledTeamIds": ["t-west"], "quietHours": {"start": "22:30", "end": "06:00"}}, "userErrors": []}
    assert gone.data["deactivateUser"] == {"user": {"active": False}, "userErrors": []}
    assert missing.data["deactivateUser"] == {"user": None, "userErrors": [{"code": "NOT_FOUND"}]}


async def test_notifications_are_filtered_and_marked_read(api: Api) -> None:
    unread = "{ notifications(filter: {read: false}) { totalCount nodes { id subjectId } } }"
    before = await api.execute(unread, role="agent")
    notification_id = before.data["notifications"]["nodes"][0]["id"]
    marked = await api.execute(
        "mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked userErrors { code } } }",
        role="agent", variables={"input": {"ids": [notification_id]}},
    )
    after = await api.execute(unread, role="agent")
    read = await api.execute('{ notifications(filter: {read: true, kind: "goal.drifted"}) { nodes { subjectId } } }', role="agent")

    assert before.data["notifications"] == {"totalCount": 1, "nodes": [{"id": notification_id, "subjectId": "n-a1"}]}
    assert marked.data["markNotificationsRead"] == {"marked": 1, "userErrors": []}
    assert after.data["notifications"] == {"totalCount": 0, "nodes": []}
    assert read.data["notifications"] == {"nodes": [{"subjectId": "n-a1"}]}


async def test_an_admin_retries_a_parked_delivery_once(api: Api) -> None:
    retry = "mutation ($input: RetryWebhookDeliveryInput!) { retryWebhookDelivery(input: $input) { delivery { status round messageId } userErrors { code } } }"
    variables = {"input": {"id": to_global_id("WebhookDelivery", DELIVERY_ID)}}

    first = await api.execute(retry, role="admin", variables=variables)
    second = await api.execute(retry, role="admin", variables=variables)
    listed = await api.execute("{ webhookDeliveries(filter: {status: PENDING}) { nodes { messageId round } } }", role="admin")

    assert first.data["retryWebhookDelivery"] == {"delivery": {"status": "PENDING", "round": 2, "messageId": DELIVERY_ID}, "userErrors": []}
    assert second.data["retryWebhookDelivery"] == {"delivery": None, "userErrors": [{"code": "INVALID_STATE"}]}
    assert listed.data["webhookDeliveries"] == {"nodes": [{"messageId": DELIVERY_ID, "round": 2}]}


async def test_webhooks_are_created_rotated_and_deleted(api: Api) -> None:
    create = "mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id kinds } secret userErrors { field code } } }"
    created = await api.execute(create, role="admin", variables={"input": {"url": "https://x.example.com/h", "kinds": ["qa.finding", "alert.raised"]}})
    bad = await api.execute(create, role="admin", variables={"input": {"url": "ftp://x", "kinds": ["qa.finding"]}})
    webhook_id = created.data["createWebhook"]["webhook"]["id"]
    rotated = await api.execute(
        "mutation ($input: UpdateWebhookInput!) { updateWebhook(input: $input) { secret userErrors { code } } }",
        role="admin", variables={"input": {"id": webhook_id, "rotateSecret": True}},
    )
    deleted = await api.execute(
        "mutation ($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { deletedWebhookId userErrors { code } } }",
        role="admin", variables={"input": {"id": webhook_id}},
    )
    listed = await api.execute("{ webhooks { totalCount nodes { url } } }", role="admin")

    assert created.data["createWebhook"]["webhook"]["kinds"] == ["alert.raised", "qa.finding"]
    assert created.data["createWebhook"]["secret"].startswith("whsec_")
    assert bad.data["createWebhook"] == {"webhook": None, "secret": None, "userErrors": [{"field": ["input", "url"], "code": "INVALID"}]}
    assert rotated.data["updateWebhook"]["secret"].startswith("whsec_")
    assert rotated.data["updateWebhook"]["secret"] != created.data["createWebhook"]["secret"]
    assert deleted.data["deleteWebhook"] == {"deletedWebhookId": webhook_id, "userErrors": []}
    assert listed.data["webhooks"] == {"totalCount": 1, "nodes": [{"url": "https://hooks.example.com/coachloop"}]}


async def test_users_filter_by_role_and_nodes_resolve_only_what_the_caller_may_see(api: Api) -> None:
    agents = await api.execute('{ users(filter: {role: "agent"}) { nodes { externalId } } }', role="hr")
    mine = (await api.execute("{ notifications { nodes { id } } }", role="agent")).data["notifications"]["nodes"][0]["id"]
    own = await api.execute(f'{{ node(id: "{mine}") {{ ... on Notification {{ subjectId }} }} }}', role="agent")
    other = await api.execute(f'{{ node(id: "{mine}") {{ ... on Notification {{ subjectId }} }} }}', role="hr")
    a2 = to_global_id("User", "a2")
    team = await api.execute(f'{{ node(id: "{a2}") {{ ... on User {{ externalId }} }} }}', role="manager")
    outside = await api.execute(f'{{ node(id: "{to_global_id("User", "a3")}") {{ ... on User {{ externalId }} }} }}', role="manager")

    assert agents.data == {"users": {"nodes": [{"externalId": "a1"}, {"externalId": "a2"}, {"externalId": "a3"}]}}
    assert (own.data, other.data) == ({"node": {"subjectId": "n-a1"}}, {"node": None})
    assert (team.data, outside.data) == ({"node": {"externalId": "a2"}}, {"node": None})
