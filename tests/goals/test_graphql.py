"""Goals through /graphql with real bearer tokens, as each role, on SQLite and PostgreSQL (Temporal down)."""

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.app import create_app
from server.config import Settings
from server.goals.models import Goal, GoalCheck
from server.intents.models import Intent
from server.kernel.relay import to_global_id
from tests.goals.support import ingest
from tests.goals.test_checks import organisation
from tests.ops.support import free_port, serve

CREATE = """mutation ($input: CreateGoalInput!) { createGoal(input: $input) {
  startPending userErrors { field code }
  goal { id status target workflowState parts { kind agentId target rule } } } }"""
GOALS = "{ goals { totalCount nodes { name status parts { kind teamId agentId target } } } }"
TEAM_A_GOAL = {
    "name": "售后一组提速", "metricKey": "first_response_avg_s", "targetKind": "CHANGE_PERCENT", "target": -10.0,
    "scopeKind": "TEAM", "teamId": to_global_id("Team", "t-a"), "startDate": "2026-04-01", "endDate": "2026-04-14",
    "tolerance": 1.0, "minimumSample": 3,
}


@pytest.fixture
def app_settings(settings: Settings) -> Settings:
    """Temporal is unreachable: a goal's workflow start stays a pending intent."""
    return settings.model_copy(update={"temporal_address": f"127.0.0.1:{free_port()}"})


async def post(client, headers: dict, query: str, variables: dict | None = None) -> dict:  # noqa: ANN001
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    return response.json()


async def test_a_manager_sets_a_goal_and_each_role_sees_its_share(
    app_settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable
) -> None:
    await ingest(sessionmaker, app_settings, organisation())
    manager = auth_headers("manager", subject="u-mgr-a", teams=["t-a"])
    async with serve(create_app(app_settings)) as client:
        created = await post(client, manager, CREATE, {"input": TEAM_A_GOAL})
        own = await post(client, auth_headers("agent", subject="a1"), GOALS)
        other = await post(client, auth_headers("agent", subject="a3"), GOALS)
        analyst = await post(client, auth_headers("analyst", subject="u-an"), GOALS)
        elsewhere = await post(client, manager, CREATE, {"input": {**TEAM_A_GOAL, "teamId": to_global_id("Team", "t-b")}})
        volume = await post(client, manager, CREATE, {"input": {**TEAM_A_GOAL, "metricKey": "handled", "targetKind": "ABSOLUTE", "target": 10}})
    async with sessionmaker() as session:
        goals = (await session.execute(select(func.count()).select_from(Goal))).scalar_one()
        # the goal's own intents (the import also left auto-QA ones for the quality feature)
        pending = (await session.execute(
            select(Intent.kind).where(Intent.completed_at_us.is_(None), Intent.kind.startswith("goals."))  # type: ignore[attr-defined]
        )).scalars().all()

    # t-a: (4·60 + 4·30)/8 = 45 s → 40.5 s; a2 (30 s) keeps its level, a1 carries it: (8·40.5 − 120)/4 = 51 s.
    a1, a2 = to_global_id("Agent", "a1"), to_global_id("Agent", "a2")
    payload = created["data"]["createGoal"]
    assert (payload["startPending"], payload["userErrors"], payload["goal"]["status"], payload["goal"]["workflowState"]) == (
        True, [], "ACTIVE", "PENDING")
    assert payload["goal"]["target"] == pytest.approx(40.5, abs=1e-9)
    assert [(p["kind"], p["agentId"], round(p["target"], 9), p["rule"]) for p in payload["goal"]["parts"]] == [
        ("team", None, 40.5, "ALLOCATED"), ("agent", a1, 51.0, "ALLOCATED"), ("agent", a2, 30.0, "KEPT"),
    ]
    assert [(n["name"], [(p["kind"], p["agentId"]) for p in n["parts"]]) for n in own["data"]["goals"]["nodes"]] == [
        ("售后一组提速", [("agent", a1)])]
    assert other["data"]["goals"] == {"totalCount": 0, "nodes": []}
    assert [[(p["kind"], p["agentId"]) for p in n["parts"]] for n in analyst["data"]["goals"]["nodes"]] == [[("team", None)]]
    assert elsewhere["errors"][0]["extensions"]["code"] == "FORBIDDEN" and elsewhere["data"] is None
    assert volume["data"]["createGoal"]["userErrors"] == [{"field": ["input", "direction"], "code": "INVALID"}]
    assert goals == 1
    assert pending == ["goals.start"]


async def test_a_manager_checks_changes_and_cancels_a_goal(
    app_settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable
) -> None:
    await ingest(sessionmaker, app_settings, organisation())
    manager = auth_headers("manager", subject="u-mgr-a", teams=["t-a"])
    check = "mutation ($id: ID!) { checkGoalNow(input: {id: $id}) { check { expected actual sampleSize status } userErrors { code } } }"
    update = "mutation ($id: ID!) { updateGoal(input: {id: $id, tolerance: 20}) { goal { tolerance } userErrors { code } } }"
    cancel = "mutation ($id: ID!) { cancelGoal(input: {id: $id}) { goal { status } userErrors { field code } } }"
    async with serve(create_app(app_settings)) as client:
        created = await post(client, manager, CREATE, {"input": TEAM_A_GOAL})
        goal_id = created["data"]["createGoal"]["goal"]["id"]
        checked = await post(client, manager, check, {"id": goal_id})
        by_agent = await post(client, auth_headers("agent", subject="a1"), check, {"id": goal_id})
        updated = await post(client, manager, update, {"id": goal_id})
        cancelled = await post(client, manager, cancel, {"id": goal_id})
        again = await post(client, manager, cancel, {"id": goal_id})
    async with sessionmaker() as session:
        stored = (await session.execute(select(func.count()).select_from(GoalCheck))).scalar_one()

    # Now is past the period: the last week [04-08, 04-15): (3·70 + 3·30)/6 = 50 s against the target 40.5 s.
    assert checked["data"]["checkGoalNow"] == {
        "check": {"expected": pytest.approx(40.5, abs=1e-9), "actual": 50.0, "sampleSize": 6, "status": "BEHIND"}, "userErrors": []}
    assert by_agent["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert updated["data"]["updateGoal"] == {"goal": {"tolerance": 20.0}, "userErrors": []}
    assert cancelled["data"]["cancelGoal"] == {"goal": {"status": "CANCELLED"}, "userErrors": []}
    assert again["data"]["cancelGoal"] == {"goal": None, "userErrors": [{"field": ["input", "id"], "code": "INVALID_STATE"}]}
    assert stored == 4  # the goal, t-a, a1 and a2, once



async def test_parts_and_checks_are_nodes_within_the_callers_scope(
    app_settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable
) -> None:
    await ingest(sessionmaker, app_settings, organisation())
    manager = auth_headers("manager", subject="u-mgr-a", teams=["t-a"])
    check = "mutation ($id: ID!) { checkGoalNow(input: {id: $id}) { check { id } } }"
    nodes = "query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on GoalPart { target } ... on GoalCheck { status } } }"
    async with serve(create_app(app_settings)) as client:
        created = await post(client, manager, CREATE, {"input": TEAM_A_GOAL})
        goal_id = created["data"]["createGoal"]["goal"]["id"]
        check_id = (await post(client, manager, check, {"id": goal_id}))["data"]["checkGoalNow"]["check"]["id"]
        listed = await post(client, manager, "query ($id: ID!) { goal(id: $id) { parts { id } } }", {"id": goal_id})
        parts = [part["id"] for part in listed["data"]["goal"]["parts"]]
        as_agent = await post(client, auth_headers("agent", subject="a1"), nodes, {"ids": [*parts, check_id]})
        as_manager = await post(client, manager, nodes, {"ids": [*parts, check_id]})

    # a1 sees its own part (51 s) and the check of the whole goal; not the team's part nor a2's.
    assert [None if node is None else node.get("target", node.get("status")) for node in as_agent["data"]["nodes"]] == [
        None, pytest.approx(51.0), None, "BEHIND"]
    assert [node is not None for node in as_manager["data"]["nodes"]] == [True, True, True, True]
