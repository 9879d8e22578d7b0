"""Numbers credited to another agent: a conversation transferred away shows its scores only to whom they belong."""

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.config import Settings
from server.ingestion.service import ingest_events
from server.kernel.relay import to_global_id
from server.kernel.relay import to_global_id as gid
from tests.authz.world import PRINCIPALS, Api, seed_world

TRANSFERRED = [
    # cv7: a1 (华东组) answers, transfers to a3 (华西组), who answers, ends it and gets the feedback.
    {"id": "cv7-start", "type": "conversation.started", "ts": "2026-03-05T09:00:00+08:00", "conversation_id": "cv7",
     "channel": "chat", "customer_id": "c2"},
    {"id": "cv7-assign-0", "type": "conversation.assigned", "ts": "2026-03-05T09:00:20+08:00", "conversation_id": "cv7", "agent_id": "a1"},
    {"id": "cv7-m1", "type": "message.sent", "ts": "2026-03-05T09:01:00+08:00", "conversation_id": "cv7", "sender": "customer", "text": "退货流程"},
    {"id": "cv7-m2", "type": "message.sent", "ts": "2026-03-05T09:02:00+08:00", "conversation_id": "cv7", "sender": "agent",
     "agent_id": "a1", "text": "请稍等"},
    {"id": "cv7-transfer", "type": "conversation.transferred", "ts": "2026-03-05T09:03:00+08:00", "conversation_id": "cv7",
     "transfer_id": "cv7-tr", "from_agent_id": "a1", "to_agent_id": "a3"},
    {"id": "cv7-assign-1", "type": "conversation.assigned", "ts": "2026-03-05T09:04:00+08:00", "conversation_id": "cv7",
     "agent_id": "a3", "transfer_id": "cv7-tr"},
    {"id": "cv7-m3", "type": "message.sent", "ts": "2026-03-05T09:05:00+08:00", "conversation_id": "cv7", "sender": "agent",
     "agent_id": "a3", "text": "西区仓库处理退货"},
    {"id": "cv7-m4", "type": "message.sent", "ts": "2026-03-05T09:06:00+08:00", "conversation_id": "cv7", "sender": "bot", "text": "满意度调查"},
    {"id": "cv7-end", "type": "conversation.ended", "ts": "2026-03-05T09:10:00+08:00", "conversation_id": "cv7", "resolution": "resolved"},
    {"id": "cv7-fb", "type": "feedback.submitted", "ts": "2026-03-05T09:30:00+08:00", "conversation_id": "cv7", "csat": 1, "nps": 3},
]
CONVERSATION = f'{{ conversation(id: "{gid("Conversation", "cv7")}") {{ agentId resolution csat nps messages {{ nodes {{ externalId }} }} }} }}'
ALL_MESSAGES = ["cv7-m1", "cv7-m2", "cv7-m3", "cv7-m4"]
WEST_MANAGER = Principal("u-mgr-west", frozenset({"manager"}), frozenset({"t-west"}))
FINAL_AGENT = Principal("a3", frozenset({"agent"}))


@pytest.fixture
async def api(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> Api:
    """The shared world plus cv7, on a database of this test's own."""
    await seed_world(sessionmaker, settings)
    report = await ingest_events(sessionmaker, TRANSFERRED, settings=settings)
    assert report.rejected == 0, report
    return Api(settings=settings, sessionmaker=sessionmaker, policies=PolicyEnforcer(settings))


def _credited(messages: list[str]) -> dict[str, Any]:
    return {
        "agentId": gid("Agent", "a3"), "resolution": "RESOLVED", "csat": 1, "nps": 3,
        "messages": {"nodes": [{"externalId": m} for m in messages]},
    }


def _withheld(messages: list[str]) -> dict[str, Any]:
    return {
        "agentId": gid("Agent", "a3"), "resolution": None, "csat": None, "nps": None,
        "messages": {"nodes": [{"externalId": m} for m in messages]},
    }


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (PRINCIPALS["admin"], _credited(ALL_MESSAGES)),
        (FINAL_AGENT, _credited(["cv7-m1", "cv7-m3", "cv7-m4"])),
        (PRINCIPALS["agent"], _withheld(["cv7-m1", "cv7-m2", "cv7-m4"])),
        (WEST_MANAGER, _credited(ALL_MESSAGES)),
        (PRINCIPALS["manager"], _withheld(ALL_MESSAGES)),
    ],
    ids=["admin", "final-agent", "first-agent", "credited-team-manager", "first-team-manager"],
)
async def test_scores_and_resolution_show_only_to_whom_they_are_credited(api: Api, principal: Principal, expected: dict) -> None:
    result = await api.execute(CONVERSATION, principal=principal)
    assert result.errors is None
    assert result.data == {"conversation": expected}


async def test_the_first_agent_cannot_find_the_next_agents_messages_by_search(api: Api) -> None:
    query = '{ conversations(filter: {search: "西区仓库"}) { totalCount } }'
    by_first_agent = await api.execute(query, principal=PRINCIPALS["agent"])
    by_final_agent = await api.execute(query, principal=FINAL_AGENT)
    assert by_first_agent.data == {"conversations": {"totalCount": 0}}
    assert by_final_agent.data == {"conversations": {"totalCount": 1}}


async def test_the_first_agents_export_agrees_with_the_api(api: Api) -> None:
    result = await api.execute(
        "query ($agent: ID!) { agentDataExport(agentId: $agent) }", principal=PRINCIPALS["agent"],
        variables={"agent": to_global_id("Agent", "a1")},
    )
    [row] = [row for row in result.data["agentDataExport"]["conversations"] if row["conversation_id"] == "cv7"]
    assert (row["final_agent"], row["resolution"], row["csat"], row["nps"]) == (False, None, None, None)
