"""Rules and the alert lifecycle through the real schema, as each principal (SQLite and PostgreSQL)."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from server.alerts.models import Alert, AlertRule
from server.alerts.pipeline import settle_evaluations
from server.authz.identity import Principal
from server.kernel.relay import to_global_id
from sqlalchemy import select

from tests.authz.world import Api, open_world

CREATE = (
    "mutation ($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { "
    "rule { name metric scopeKind scopeId window threshold deviations version } userErrors { field code message } } }"
)
UPDATE = (
    "mutation ($input: UpdateAlertRuleInput!) { updateAlertRule(input: $input) { "
    "rule { threshold deviations version enabled } userErrors { field code } } }"
)
DELETE = "mutation ($input: DeleteAlertRuleInput!) { deleteAlertRule(input: $input) { deletedRuleId userErrors { field code } } }"
RESOLVE = (
    "mutation ($input: ResolveAlertInput!) { resolveAlert(input: $input) { "
    "alert { state resolution resolvedBy } userErrors { field code message } } }"
)
RULES = "{ alertRules(first: 20) { totalCount nodes { name scopeId } } }"
EAST_RULE = {
    "name": "East handled", "nameZh": "华东处理量", "source": "METRIC", "metric": "handled", "scopeKind": "TEAM",
    "scopeId": "t-east-a", "window": "MINUTES_60", "comparator": "BELOW", "severity": "WARNING", "threshold": 3,
}


@pytest.fixture
async def api(database_url: str, tmp_path: Path) -> AsyncIterator[Api]:
    engine, api = await open_world(database_url, tmp_path)
    yield api
    await engine.dispose()


async def test_the_defaults_are_listed_for_admins_and_team_rules_for_their_managers(api: Api) -> None:
    admin = await api.execute(RULES, role="admin")
    manager = await api.execute(RULES, role="manager")
    assert admin.data["alertRules"]["totalCount"] == 7
    assert sorted(node["name"] for node in admin.data["alertRules"]["nodes"]) == [
        "A conversation has waited over 10 minutes in a queue",
        "Abandonment above 10% in a queue", "Agent response time climbing", "Compliance phrase in a conversation",
        "Resolution rate falling in a category", "r-east", "r-west",
    ]
    assert manager.data["alertRules"] == {"totalCount": 1, "nodes": [{"name": "r-east", "scopeId": "t-east"}]}


async def test_a_manager_creates_changes_and_deletes_a_rule_of_a_team_it_leads(api: Api) -> None:
    created = await api.execute(CREATE, role="manager", variables={"input": EAST_RULE})
    rule = created.data["createAlertRule"]["rule"]
    assert created.data["createAlertRule"]["userErrors"] == []
    assert rule == {"name": "East handled", "metric": "handled", "scopeKind": "TEAM", "scopeId": "t-east-a", "window": "MINUTES_60",
                    "threshold": 3.0, "deviations": None, "version": 1}
    async with api.sessionmaker() as session:
        stored = (await session.execute(select(AlertRule).where(AlertRule.name == "East handled"))).scalars().one()
    global_id = to_global_id("AlertRule", stored.rule_id)
    updated = await api.execute(UPDATE, role="manager", variables={"input": {"id": global_id, "deviations": 2.0, "enabled": False}})
    deleted = await api.execute(DELETE, role="manager", variables={"input": {"id": global_id}})
    after = await api.execute(RULES, role="manager")
    assert updated.data["updateAlertRule"] == {
        "rule": {"threshold": None, "deviations": 2.0, "version": 2, "enabled": False}, "userErrors": [],
    }
    assert deleted.data["deleteAlertRule"] == {"deletedRuleId": global_id, "userErrors": []}
    assert after.data["alertRules"]["totalCount"] == 1


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"metric": "first_response_p90_s"}, ["input", "metric"], "INVALID"),
        ({"metric": "no_such_metric"}, ["input", "metric"], "INVALID"),
        ({"deviations": 1.5}, ["input", "threshold"], "INVALID"),
        ({"minSample": 0}, ["input", "minSample"], "INVALID"),
        ({"hysteresis": -1}, ["input", "hysteresis"], "INVALID"),
    ],
    ids=["percentile", "unknown-metric", "threshold-and-deviations", "min-sample", "hysteresis"],
)
async def test_an_incoherent_rule_is_refused_naming_the_field(api: Api, change: dict, field: list[str], code: str) -> None:
    refused = await api.execute(CREATE, role="admin", variables={"input": EAST_RULE | change})
    async with api.sessionmaker() as session:
        stored = (await session.execute(select(AlertRule).where(AlertRule.name == "East handled"))).scalars().all()
    assert refused.data["createAlertRule"]["rule"] is None
    assert [(error["field"], error["code"]) for error in refused.data["createAlertRule"]["userErrors"]] == [(field, code)]
    assert stored == []


async def test_a_manager_may_not_write_another_teams_rule(api: Api) -> None:
    refused = await api.execute(CREATE, role="manager", variables={"input": EAST_RULE | {"scopeId": "t-west"}})
    update = await api.execute(UPDATE, role="manager", variables={"input": {"id": to_global_id("AlertRule", "r-west"), "threshold": 1}})
    async with api.sessionmaker() as session:
        west = await session.get(AlertRule, "r-west")
    assert [error.extensions["code"] for error in refused.errors] == ["FORBIDDEN"]
    assert update.data["updateAlertRule"]["userErrors"] == [{"field": ["input", "id"], "code": "NOT_FOUND"}]
    assert west is not None and (west.threshold, west.version) == (100.0, 1)


async def test_an_alert_is_resolved_once_with_who_and_how(api: Api) -> None:
    variables = {"input": {"id": to_global_id("Alert", "al-a1"), "note": "坐席已调整"}}
    first = await api.execute(RESOLVE, role="agent", variables=variables)
    again = await api.execute(RESOLVE, role="agent", variables=variables)
    hidden = await api.execute(RESOLVE, principal=Principal("a6", frozenset({"agent"})), variables=variables)
    assert first.data["resolveAlert"] == {"alert": {"state": "RESOLVED", "resolution": "MANUAL", "resolvedBy": "a1"}, "userErrors": []}
    assert again.data["resolveAlert"] == {"alert": None, "userErrors": [
        {"field": ["input", "id"], "code": "INVALID_STATE", "message": "告警已解决"}]}
    assert hidden.data["resolveAlert"]["userErrors"] == [{"field": ["input", "id"], "code": "NOT_FOUND", "message": "no alert al-a1"}]


INGEST = "mutation ($input: IngestEventsInput!) { ingestEvents(input: $input) { result { accepted } userErrors { code } } }"


async def test_events_ingested_through_the_api_raise_an_alert_after_the_request_commits(api: Api) -> None:
    created = await api.execute(CREATE, role="admin", variables={"input": EAST_RULE | {
        "name": "East busy", "metric": "conversations", "scopeId": "t-east", "comparator": "ABOVE", "threshold": 1, "window": "MINUTES_15",
    }})
    assert created.data["createAlertRule"]["userErrors"] == []
    events = [
        {"id": f"busy-{number}-{kind}", "type": f"conversation.{kind}", "ts": f"2026-03-05T10:0{number}:0{offset}+08:00",
         "conversation_id": f"busy-{number}", **fields}
        for number in (1, 2)
        for kind, offset, fields in (
            ("started", 0, {"customer_id": "c1", "channel": "chat"}), ("assigned", 1, {"agent_id": "a1"}),
            ("ended", 2, {"resolution": "resolved"}),
        )
    ]
    ingested = await api.execute(INGEST, role="ingest", variables={"input": {"events": events}})
    await settle_evaluations()
    async with api.sessionmaker() as session:
        raised = (await session.execute(select(Alert).where(Alert.scope_id == "t-east", Alert.rule_id != "r-east"))).scalars().all()
    assert ingested.data["ingestEvents"] == {"result": {"accepted": 6}, "userErrors": []}
    found = [(alert.scope_kind, alert.team_id, alert.state, alert.value, alert.sample_size) for alert in raised]
    assert found == [("team", "t-east", "open", 2.0, 2)]
