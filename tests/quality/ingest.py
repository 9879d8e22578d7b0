"""Events of conversations for the quality storage tests, ingested through the real pipeline."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.intents.models import Intent
from server.intents.service import complete_intent, intent_handlers, pending_intents
from server.kernel.installed import installed_features
from server.timefmt import now_us
from tests.ingestion.events import event

T0 = "2026-03-02T09:00:{:02d}+08:00"


def at(second: int) -> str:
    """2026-03-02 09:00 local (+08:00) plus ``second`` seconds (0–59), or minutes beyond as 09:MM."""
    if second < 60:
        return T0.format(second)
    return f"2026-03-02T09:{second // 60:02d}:{second % 60:02d}+08:00"


def chat(conversation_id: str, lines: list[tuple[str, str, int]], *, agent: str = "agent-1", category: str = "支付问题",
         end: int | None = 59, csat: int | None = None) -> list[dict[str, Any]]:
    """A conversation started at 0 s, assigned to ``agent`` at 1 s, the ``lines`` (sender, text, second), ended at ``end``."""
    prefix = conversation_id
    events = [
        event("conversation.started", f"{prefix}-s", at(0), conversation_id=conversation_id, category=category),
        event("conversation.assigned", f"{prefix}-a", at(1), conversation_id=conversation_id, agent_id=agent),
    ]
    for index, (sender, text, second) in enumerate(lines, start=1):
        fields: dict[str, Any] = {"conversation_id": conversation_id, "sender": sender, "text": text}
        if sender == "agent":
            fields["agent_id"] = agent
        events.append(event("message.sent", f"{prefix}-m{index}", at(second), **fields))
    if end is not None:
        events.append(event("conversation.ended", f"{prefix}-e", at(end), conversation_id=conversation_id, resolution="resolved"))
    if csat is not None:
        events.append(event("feedback.submitted", f"{prefix}-f", at(end or 59), conversation_id=conversation_id, csat=csat))
    return events


DIRECTORY = [
    event("team.upserted", "t1", "2026-03-01T00:00:00+08:00", team_id="team-1", name="支付组"),
    event("agent.upserted", "a1", "2026-03-01T00:00:00+08:00", agent_id="agent-1", name="王小明", team_id="team-1"),
    event("agent.upserted", "a2", "2026-03-01T00:00:00+08:00", agent_id="agent-2", name="李娜", team_id="team-1"),
]


async def complete_pending(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, kind: str = "quality.score") -> int:
    """Complete the pending intents of ``kind`` as the sweeper would; returns how many ran."""
    handlers = intent_handlers(installed_features())
    ran = 0
    async with sessionmaker() as session:
        wanted = set((await session.execute(select(Intent.intent_id).where(Intent.kind == kind))).scalars())
    for intent_id in await pending_intents(sessionmaker, created_before_us=now_us() + 1):
        if intent_id in wanted:
            ran += await complete_intent(sessionmaker, intent_id, handlers, settings, now_us=now_us())
    return ran
