"""A manager's view of an agent who left the team: numbers and identity from the time in it, on every path."""

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.config import Settings
from server.ingestion.service import ingest_events
from server.kernel.relay import to_global_id
from tests.authz.world import PRINCIPALS, Api, seed_world

MOVE = [
    # a6 (华东组) handles cv8 on 3 March, then moves to 华西组 on 4 March.
    {"id": "cv8-start", "type": "conversation.started", "ts": "2026-03-03T14:00:00+08:00", "conversation_id": "cv8",
     "channel": "chat", "customer_id": "c1"},
    {"id": "cv8-assign", "type": "conversation.assigned", "ts": "2026-03-03T14:00:20+08:00", "conversation_id": "cv8", "agent_id": "a6"},
    {"id": "cv8-m1", "type": "message.sent", "ts": "2026-03-03T14:01:00+08:00", "conversation_id": "cv8", "sender": "customer", "text": "改地址"},
    {"id": "cv8-m2", "type": "message.sent", "ts": "2026-03-03T14:02:00+08:00", "conversation_id": "cv8", "sender": "agent",
     "agent_id": "a6", "text": "已修改"},
    {"id": "cv8-end", "type": "conversation.ended", "ts": "2026-03-03T14:10:00+08:00", "conversation_id": "cv8", "resolution": "resolved"},
    {"id": "a6-moves", "type": "agent.upserted", "ts": "2026-03-04T08:00:00+08:00", "agent_id": "a6", "name": "孙八",
     "team_id": "t-west", "email": "sunba@example.com", "hire_date": "2025-06-01"},
]
EAST_MANAGER = PRINCIPALS["manager"]
WEST_MANAGER = Principal("u-mgr-west", frozenset({"manager"}), frozenset({"t-west"}))
A6_NUMBERS = '{ metrics(filter: {agentIds: ["a6"]}, metrics: [CONVERSATIONS]) { values { value } } }'
BY_AGENT = "{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS]) { agentId values { value } } }"


@pytest.fixture
async def api(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> Api:
    """The shared world plus a6's conversation and move, on a database of this test's own."""
    await seed_world(sessionmaker, settings)
    report = await ingest_events(sessionmaker, MOVE, settings=settings)
    assert report.rejected == 0, report
    return Api(settings=settings, sessionmaker=sessionmaker, policies=PolicyEnforcer(settings))


@pytest.mark.parametrize("principal", [EAST_MANAGER, WEST_MANAGER], ids=["former-team", "current-team"])
async def test_a_moved_agent_answers_to_both_managers_with_the_current_team(api: Api, principal: Principal) -> None:
    result = await api.execute(f'{{ agent(id: "{to_global_id("Agent", "a6")}") {{ externalId teamId }} }}', principal=principal)
    assert result.errors is None
    assert result.data == {"agent": {"externalId": "a6", "teamId": to_global_id("Team", "t-west")}}


@pytest.mark.parametrize(
    ("principal", "conversations"), [(EAST_MANAGER, 1.0), (WEST_MANAGER, 0.0)], ids=["former-team", "current-team"],
)
async def test_a_moved_agents_numbers_are_the_team_of_the_time(api: Api, principal: Principal, conversations: float) -> None:
    filtered = await api.execute(A6_NUMBERS, principal=principal)
    grouped = await api.execute(BY_AGENT, principal=principal)
    assert filtered.errors is None
    assert filtered.data == {"metrics": [{"values": [{"value": conversations}]}]}
    a6_rows = [row["values"] for row in grouped.data["metrics"] if row["agentId"] == "a6"]
    assert a6_rows == ([[{"value": 1.0}]] if conversations else [])


async def test_agents_who_never_were_in_the_team_stay_outside(api: Api) -> None:
    looked_up = await api.execute(f'{{ agent(id: "{to_global_id("Agent", "a4")}") {{ id }} }}', principal=EAST_MANAGER)
    filtered = await api.execute('{ metrics(filter: {agentIds: ["a4"]}, metrics: [CONVERSATIONS]) { values { value } } }', principal=EAST_MANAGER)
    assert looked_up.data == {"agent": None}
    assert (filtered.data, [error.message for error in filtered.errors]) == (None, ["Agent a4 is outside your scope"])
