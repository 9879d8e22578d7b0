"""A small organisation whose first response times are chosen by the test, and goals over it.

Teams: t-root ⊃ t-a (agents a1, a2), t-b (agent a3). Each conversation: started, assigned after
10 s, the customer writes at 20 s, the agent answers ``first_response_s`` later, ended at 600 s;
its first response interval is exactly ``first_response_s``.
"""

import itertools
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.goals.service import GoalSpec
from server.intents.service import record_intent
from server.ingestion.service import ingest_events
from server.timefmt import to_us

ZONE = ZoneInfo("Asia/Shanghai")
TEAMS = {"t-root": None, "t-a": "t-root", "t-b": "t-root"}
AGENTS = {"a1": "t-a", "a2": "t-a", "a3": "t-b"}
FAR_FUTURE_US = to_us(datetime(2100, 1, 1, tzinfo=ZONE))


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


class Stream:
    """Events of the organisation and of conversations with chosen first responses."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._numbers = itertools.count(1)
        origin = "2025-12-01T08:00:00+08:00"
        for team, parent in TEAMS.items():
            extra = {"parent_team_id": parent} if parent else {}
            self.items.append({"id": f"team-{team}", "type": "team.upserted", "ts": origin, "team_id": team, "name": team, **extra})
        for agent, team in AGENTS.items():
            self.items.append({"id": f"agent-{agent}", "type": "agent.upserted", "ts": origin, "agent_id": agent,
                               "name": agent, "team_id": team})

    def conversation(self, agent: str, start: datetime, first_response_s: float) -> None:
        cid = f"cv-{next(self._numbers):05d}"

        def event(kind: str, seconds: float, **fields: Any) -> None:
            moment = (start + timedelta(seconds=seconds)).isoformat()
            self.items.append({"id": f"{cid}-{len(self.items)}", "type": kind, "ts": moment, "conversation_id": cid, **fields})

        event("conversation.started", 0, channel="chat", customer_id="c1")
        event("conversation.assigned", 10, agent_id=agent)
        event("message.sent", 20, sender="customer", text="你好")
        event("message.sent", 20 + first_response_s, sender="agent", agent_id=agent, text="您好")
        event("conversation.ended", 600, resolution="resolved")

    def many(self, agent: str, day: date, count: int, first_response_s: float) -> None:
        for index in range(count):
            self.conversation(agent, at(day, 9, index), first_response_s)


async def ingest(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, stream: Stream) -> None:
    report = await ingest_events(sessionmaker, stream.items, settings=settings, now_us=FAR_FUTURE_US)
    assert report.rejected == 0, report


def team_goal(start: date, end: date, **changes: Any) -> GoalSpec:
    """Average first response on t-root, 10% faster than the baseline, weekly, tolerance 1 s, minimum sample 3."""
    values: dict[str, Any] = {
        "name": "首次响应提速", "metric_key": "first_response_avg_s", "target_kind": "change_percent", "target": -10.0,
        "scope_kind": "team", "team_id": "t-root", "start_date": start, "end_date": end, "owner_id": "u-owner",
        "tolerance": 1.0, "minimum_sample": 3,
    }
    values.update(changes)
    return GoalSpec(**values)


def record_intents(session: AsyncSession, sink: list[tuple[str, dict]]):  # noqa: ANN201
    """An intent writer that records in ``session`` and remembers what it asked."""

    def ask(kind: str, payload: Any) -> str:
        sink.append((kind, dict(payload)))
        return record_intent(session, kind, payload, now_us=0)

    return ask
