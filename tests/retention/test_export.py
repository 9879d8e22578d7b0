"""An agent's data export: what is stored and derived about them, and who looked at it."""

import uuid

from sqlalchemy import select

from server.audit.models import AuditEntry
from tests.authz.world import Api

EXPORT = "query ($agent: ID!) { agentDataExport(agentId: $agent) }"


async def test_an_agent_exports_its_own_data_with_who_viewed_it(world: Api) -> None:
    marker = uuid.uuid4().hex
    await world.execute('{ agent(id: "a1") { name email } }', role="manager", request_id=marker)
    result = await world.execute(EXPORT, role="agent", variables={"agent": "a1"})
    assert result.errors is None
    document = result.data["agentDataExport"]
    assert document["agent"] == {"agent_id": "a1", "name": "张三", "email": "zhangsan@example.com", "team_id": "t-east",
                                 "hire_date": "2025-06-01", "active": True}
    assert document["team_history"] == [{"team_id": "t-east", "from": "2026-03-01T08:00:00+08:00"}]
    assert [(row["conversation_id"], row["final_agent"], row["csat"]) for row in document["conversations"]] == [
        ("cv1", True, 5), ("cv4", False, None)
    ]
    assert document["messages"] == [
        {"conversation_id": "cv1", "text": "马上为您查询", "at": "2026-03-02T09:02:00+08:00"},
        {"conversation_id": "cv4", "text": "转给专员处理", "at": "2026-03-03T09:02:00+08:00"},
    ]
    assert document["transfers"] == [{"conversation_id": "cv4", "from_agent_id": "a1", "to_agent_id": "a3", "at": "2026-03-03T09:03:00+08:00"}]
    assert (document["metrics"]["conversations"], document["metrics"]["handled"], document["metrics"]["csat_avg"]) == (1, 1, 5.0)
    [viewed] = [row for row in document["viewed_by"] if row["request_id"] == marker]
    assert (viewed["actor"], viewed["roles"], viewed["action"], viewed["fields"]) == ("u-mgr-east", ["manager"], "read", ["Agent.email", "Agent.name"])


async def test_exports_of_others_follow_the_policy(world: Api) -> None:
    request_id = uuid.uuid4().hex
    by_hr = await world.execute(EXPORT, role="hr", variables={"agent": "a3"}, request_id=request_id)
    by_agent = await world.execute(EXPORT, role="agent", variables={"agent": "a3"})
    by_manager = await world.execute(EXPORT, role="manager", variables={"agent": "a1"})
    async with world.sessionmaker() as session:
        [entry] = (await session.execute(select(AuditEntry).where(AuditEntry.request_id == request_id))).scalars().all()
    assert by_hr.data["agentDataExport"]["agent"]["agent_id"] == "a3"
    assert (entry.actor, entry.action, entry.object_type, entry.subject_id, entry.fields) == (
        "u-hr", "read", "AgentExport", "a3", '["Query.agentDataExport"]'
    )
    assert (by_agent.data, [error.message for error in by_agent.errors]) == (None, ["AgentExport a3 is outside your scope"])
    assert (by_manager.data, [error.message for error in by_manager.errors]) == (None, ["not allowed to read Query.agentDataExport"])
