"""An agent's data export: what is stored and derived about them, and who looked at it."""

import uuid

from sqlalchemy import select

from server.audit.models import AuditEntry
from server.authz.authorization import Authorization
from server.authz.identity import Principal
from server.authz.policy import compile_snapshot, parse_rules
from server.config import POLICIES_DIR
from server.kernel.relay import to_global_id
from server.retention.export_policy import apply_field_policy
from tests.authz.world import Api

EXPORT = "query ($agent: ID!) { agentDataExport(agentId: $agent) }"


async def test_an_agent_exports_its_own_data_with_who_viewed_it(world: Api) -> None:
    marker = uuid.uuid4().hex
    await world.execute(f'{{ agent(id: "{to_global_id("Agent", "a1")}") {{ name email }} }}', role="manager", request_id=marker)
    result = await world.execute(EXPORT, role="agent", variables={"agent": to_global_id("Agent", "a1")})
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
    by_hr = await world.execute(EXPORT, role="hr", variables={"agent": to_global_id("Agent", "a3")}, request_id=request_id)
    by_agent = await world.execute(EXPORT, role="agent", variables={"agent": to_global_id("Agent", "a3")})
    by_manager = await world.execute(EXPORT, role="manager", variables={"agent": to_global_id("Agent", "a1")})
    async with world.sessionmaker() as session:
        [entry] = (await session.execute(select(AuditEntry).where(AuditEntry.request_id == request_id))).scalars().all()
    assert by_hr.data["agentDataExport"]["agent"]["agent_id"] == "a3"
    assert (entry.actor, entry.action, entry.object_type, entry.subject_id, entry.fields) == (
        "u-hr", "read", "AgentExport", "a3", '["Query.agentDataExport"]'
    )
    assert (by_agent.data, [error.message for error in by_agent.errors]) == (None, ["AgentExport a3 is outside your scope"])
    assert (by_manager.data, [error.message for error in by_manager.errors]) == (None, ["not allowed to read Query.agentDataExport"])


async def test_hr_exports_follow_the_api_field_policy(world: Api) -> None:
    """HR may not read messages through the API (policy matrix), so not through the export either."""
    by_hr = await world.execute(EXPORT, role="hr", variables={"agent": to_global_id("Agent", "a1")})
    by_admin = await world.execute(EXPORT, role="admin", variables={"agent": to_global_id("Agent", "a1")})
    by_hr_document, by_admin_document = by_hr.data["agentDataExport"], by_admin.data["agentDataExport"]
    assert (by_hr_document["messages"], by_hr_document["withheld"]) == (None, ["messages"])
    assert by_admin_document["withheld"] == []
    assert [row["text"] for row in by_admin_document["messages"]] == ["马上为您查询", "转给专员处理"]
    assert {key: value for key, value in by_hr_document.items() if key not in ("messages", "withheld", "viewed_by")} == {
        key: value for key, value in by_admin_document.items() if key not in ("messages", "withheld", "viewed_by")
    }


async def test_an_export_names_the_agent_by_global_id(world: Api) -> None:
    raw = await world.execute(EXPORT, role="admin", variables={"agent": "a1"})
    customer = await world.execute(EXPORT, role="admin", variables={"agent": to_global_id("Customer", "c1")})
    assert (raw.data, [(error.message, error.extensions["code"]) for error in raw.errors]) == (
        None, [("'a1' is not a global id", "BAD_USER_INPUT")]
    )
    assert [(error.message, error.extensions["code"]) for error in customer.errors] == [
        ("expected the id of Agent, got the id of Customer", "BAD_USER_INPUT")
    ]


def test_masked_and_denied_export_fields_are_withheld() -> None:
    rules = parse_rules([
        "p, auditor, AgentExport, read, all",
        "p, auditor, Agent, read, all",
        "p, auditor, Agent.id, read, full",
        "p, auditor, Agent.name, read, masked",
        "p, auditor, Conversation, read, all",
        "p, auditor, Conversation.id, read, full",
        "p, auditor, Conversation.csat, read, full",
    ])
    authorization = Authorization(Principal("u-auditor", frozenset({"auditor"})), compile_snapshot(POLICIES_DIR, rules, 1))
    document = {
        "agent": {"agent_id": "a1", "name": "张三", "email": "zhangsan@example.com", "team_id": "t-east", "hire_date": None, "active": True},
        "conversations": [{"conversation_id": "cv1", "channel": "chat", "category": None, "started_at": "s", "ended_at": "e",
                           "resolution": "resolved", "final_agent": True, "csat": 5, "nps": 9}],
        "messages": [{"conversation_id": "cv1", "text": "马上为您查询", "at": "t"}],
        "team_history": [{"team_id": "t-east", "from": "f"}],
    }
    assert apply_field_policy(document, authorization) == {
        "agent": {"agent_id": "a1", "name": None, "email": None, "team_id": None, "hire_date": None, "active": None},
        "conversations": [{"conversation_id": "cv1", "channel": None, "category": None, "started_at": None, "ended_at": None,
                           "resolution": None, "final_agent": None, "csat": 5, "nps": None}],
        "messages": None,
        "team_history": [{"team_id": "t-east", "from": "f"}],
        "withheld": [
            "agent.active", "agent.email", "agent.hire_date", "agent.name", "agent.team_id",
            "conversations.category", "conversations.channel", "conversations.ended_at", "conversations.final_agent",
            "conversations.nps", "conversations.resolution", "conversations.started_at", "messages",
        ],
    }
