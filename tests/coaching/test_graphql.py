"""Coaching over HTTP with real bearer tokens: a manager assigns a plan, the agent sees and completes a task, an agent
of another team sees nothing, a bad rule is refused naming rule and field; reads of the plan are audited."""

from collections.abc import Callable

from server.app import create_app
from server.audit.models import AuditEntry
from server.config import Settings
from server.kernel.relay import to_global_id
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.coaching.support import seed_organisation
from tests.ops.support import serve

ASSIGN = """mutation ($input: AssignCoachingPlanInput!) { assignCoachingPlan(input: $input) {
  plan { id agentExternalId metricKey status workflowStatus tasks { id kind title status } } userErrors { field code message } } }"""
MY_TASKS = "{ myTasks(first: 10) { totalCount nodes { id title status evidence } } }"
COMPLETE = "mutation ($input: CompleteTaskInput!) { completeTask(input: $input) { task { status evidence } userErrors { field code } } }"
PLANS = "{ coachingPlans { totalCount nodes { agentExternalId title } } }"
PLAN = 'query ($id: ID!) { coachingPlan(id: $id) { title tasks { evidence } } }'
SET_RULES = "mutation ($input: SetCoachingRulesInput!) { setCoachingRules(input: $input) { coachingRules { version } userErrors { field code message } } }"


def plan_input(agent: str, metric: str = "fcr_rate") -> dict:
    return {
        "agentId": to_global_id("Agent", agent), "metricKey": metric, "title": "首问解决", "evaluationDate": "2099-03-31",
        "tasks": [
            {"kind": "TRAINING_MODULE", "title": "课程一", "dueDate": "2099-03-10"},
            {"kind": "ONE_TO_ONE", "title": "一对一", "dueDate": "2099-03-20"},
        ],
    }


async def test_manager_assigns_agent_completes_other_team_sees_nothing(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable[..., dict[str, str]],
) -> None:
    await seed_organisation(sessionmaker)
    manager = auth_headers("manager", subject="u-east", teams=["t-east"])
    west = auth_headers("manager", subject="u-west", teams=["t-west"])
    agent = auth_headers("agent", subject="a1")
    other_agent = auth_headers("agent", subject="a3")
    hr = auth_headers("hr", subject="u-hr")
    async with serve(create_app(settings)) as client:
        async def run(query: str, headers: dict[str, str], variables: dict | None = None) -> dict:
            response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
            return response.json()

        assigned = await run(ASSIGN, manager, {"input": plan_input("a1")})
        refused = await run(ASSIGN, west, {"input": plan_input("a1")})
        volume = await run(ASSIGN, manager, {"input": plan_input("a1", "conversations")})
        plan = assigned["data"]["assignCoachingPlan"]["plan"]
        tasks = await run(MY_TASKS, agent)
        task_id = tasks["data"]["myTasks"]["nodes"][0]["id"]
        completed = await run(COMPLETE, agent, {"input": {"id": task_id, "evidence": "课程已学完"}})
        stranger = await run(COMPLETE, other_agent, {"input": {"id": task_id, "evidence": "不是我的"}})
        other_tasks = await run(MY_TASKS, other_agent)
        other_plans = await run(PLANS, other_agent)
        west_plans = await run(PLANS, west)
        hr_plan = await run(PLAN, hr, {"id": plan["id"]})
        bad_rule = await run(SET_RULES, auth_headers("admin", subject="u-admin"), {"input": {"rules": [
            {"id": "r1", "name_zh": "规则", "name_en": "Rule", "condition": {"type": "behind_consecutive", "checks": 0}, "actions": [{"type": "suggest_staffing"}]},
        ]}})
    async with sessionmaker() as session:
        reads = (await session.execute(
            select(AuditEntry.actor, AuditEntry.subject_id).where(AuditEntry.action == "read", AuditEntry.object_type == "CoachingPlan")
        )).all()

    assert assigned["data"]["assignCoachingPlan"]["userErrors"] == []
    assert {key: plan[key] for key in ("agentExternalId", "metricKey", "status", "workflowStatus")} == {
        "agentExternalId": "a1", "metricKey": "fcr_rate", "status": "ACTIVE", "workflowStatus": "PENDING",
    }
    assert [(task["kind"], task["status"]) for task in plan["tasks"]] == [("TRAINING_MODULE", "OPEN"), ("ONE_TO_ONE", "OPEN")]
    assert [error["extensions"]["code"] for error in refused["errors"]] == ["FORBIDDEN"]
    assert volume["data"]["assignCoachingPlan"]["userErrors"] == [{
        "field": ["input", "metricKey"], "code": "INVALID",
        "message": "conversations is a volume without a better direction; coach on a metric that has one",
    }]
    assert tasks["data"]["myTasks"]["totalCount"] == 2
    assert completed["data"]["completeTask"] == {"task": {"status": "COMPLETED", "evidence": "课程已学完"}, "userErrors": []}
    assert stranger["data"]["completeTask"]["userErrors"] == [{"field": ["input", "id"], "code": "NOT_FOUND"}]
    assert other_tasks["data"]["myTasks"] == {"totalCount": 0, "nodes": []}
    assert other_plans["data"]["coachingPlans"] == {"totalCount": 0, "nodes": []}
    assert west_plans["data"]["coachingPlans"] == {"totalCount": 0, "nodes": []}
    assert hr_plan["data"]["coachingPlan"] == {"title": "首问解决", "tasks": [{"evidence": None}, {"evidence": None}]}
    assert bad_rule["data"]["setCoachingRules"] == {"coachingRules": None, "userErrors": [{
        "field": ["input", "rules", "0", "condition", "checks"], "code": "INVALID",
        "message": "rule 'r1' condition: checks must be at least 1",
    }]}
    assert ("u-hr", "a1") in [tuple(row) for row in reads]


UPDATE = """mutation ($input: UpdateCoachingPlanInput!) { updateCoachingPlan(input: $input) {
  plan { title evaluationAt tasks { kind status } } userErrors { field code message } } }"""
CANCEL = "mutation ($input: CancelCoachingPlanInput!) { cancelCoachingPlan(input: $input) { plan { status } userErrors { field code message } } }"
STEP = "mutation ($input: {input}!) {{ {name}(input: $input) {{ task {{ status reviewNote dueAt }} userErrors {{ field code message }} }} }}"


def step(name: str) -> str:
    return STEP.format(input=name[0].upper() + name[1:] + "Input", name=name)


async def test_the_manager_changes_verifies_reopens_and_cancels_and_states_are_enforced(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], auth_headers: Callable[..., dict[str, str]],
) -> None:
    await seed_organisation(sessionmaker)
    manager = auth_headers("manager", subject="u-east", teams=["t-east"])
    agent = auth_headers("agent", subject="a1")
    async with serve(create_app(settings)) as client:
        async def run(query: str, headers: dict[str, str], variables: dict | None = None) -> dict:
            return (await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)).json()

        plan = (await run(ASSIGN, manager, {"input": plan_input("a1")}))["data"]["assignCoachingPlan"]["plan"]
        [first, second] = [task["id"] for task in plan["tasks"]]
        early_verify = await run(step("verifyTask"), manager, {"input": {"id": first}})
        agent_verifies = await run(step("verifyTask"), agent, {"input": {"id": first}})
        acknowledged = await run(step("acknowledgeTask"), agent, {"input": {"id": first}})
        await run(COMPLETE, agent, {"input": {"id": first, "evidence": "笔记"}})
        reopened = await run(step("reopenTask"), manager, {"input": {"id": first, "note": "请补充例子", "dueDate": "2099-03-15"}})
        await run(COMPLETE, agent, {"input": {"id": first, "evidence": "补充了例子"}})
        verified = await run(step("verifyTask"), manager, {"input": {"id": first, "note": "很好"}})
        too_early = await run(UPDATE, manager, {"input": {"id": plan["id"], "evaluationDate": "2099-03-12"}})
        updated = await run(UPDATE, manager, {"input": {
            "id": plan["id"], "title": "首问解决（二）", "cancelTaskIds": [second],
            "addTasks": [{"kind": "KB_READING", "title": "读文章", "dueDate": "2099-03-25"}],
        }})
        own_plans = await run(PLANS, agent)
        as_nodes = await run(
            "query ($plan: ID!, $task: ID!) { plan: node(id: $plan) { ... on CoachingPlan { title } } "
            "task: node(id: $task) { ... on CoachingTask { status } } }", agent, {"plan": plan["id"], "task": first},
        )
        stranger_nodes = await run("query ($plan: ID!) { node(id: $plan) { id } }", auth_headers("agent", subject="a3"), {"plan": plan["id"]})
        cancelled = await run(CANCEL, manager, {"input": {"id": plan["id"]}})
        again = await run(CANCEL, manager, {"input": {"id": plan["id"]}})
        late_step = await run(step("acknowledgeTask"), agent, {"input": {"id": second}})

    assert early_verify["data"]["verifyTask"]["userErrors"] == [
        {"field": ["input", "id"], "code": "INVALID_STATE", "message": "a task that is open cannot be verified"},
    ]
    assert [error["extensions"]["code"] for error in agent_verifies["errors"]] == ["FORBIDDEN"]
    assert acknowledged["data"]["acknowledgeTask"]["task"]["status"] == "ACKNOWLEDGED"
    assert reopened["data"]["reopenTask"]["task"] == {"status": "OPEN", "reviewNote": "请补充例子", "dueAt": "2099-03-16T00:00:00+00:00"}
    assert verified["data"]["verifyTask"]["task"] == {"status": "VERIFIED", "reviewNote": "很好", "dueAt": "2099-03-16T00:00:00+00:00"}
    assert too_early["data"]["updateCoachingPlan"]["userErrors"] == [
        {"field": ["input", "evaluationDate"], "code": "INVALID", "message": "open tasks are due after that evaluation date"},
    ]
    assert updated["data"]["updateCoachingPlan"] == {"plan": {
        "title": "首问解决（二）", "evaluationAt": "2099-04-01T00:00:00+00:00",
        "tasks": [{"kind": "TRAINING_MODULE", "status": "VERIFIED"}, {"kind": "ONE_TO_ONE", "status": "CANCELLED"},
                  {"kind": "KB_READING", "status": "OPEN"}],
    }, "userErrors": []}
    assert own_plans["data"]["coachingPlans"] == {"totalCount": 1, "nodes": [{"agentExternalId": "a1", "title": "首问解决（二）"}]}
    assert as_nodes["data"] == {"plan": {"title": "首问解决（二）"}, "task": {"status": "VERIFIED"}}
    assert stranger_nodes["data"] == {"node": None}
    assert cancelled["data"]["cancelCoachingPlan"] == {"plan": {"status": "CANCELLED"}, "userErrors": []}
    assert again["data"]["cancelCoachingPlan"]["userErrors"][0]["code"] == "INVALID_STATE"
    assert late_step["data"]["acknowledgeTask"]["userErrors"][0]["code"] == "INVALID_STATE"
