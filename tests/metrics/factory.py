"""Small event lists for the metrics tests: times are seconds after a base instant.

The base is 2026-03-02 09:00:00 in Asia/Shanghai (01:00:00Z), a Monday.
"""

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from server.timefmt import to_us

BASE = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
BASE_US = to_us(BASE)
NOW_US = to_us(BASE + timedelta(days=60))


def ts(seconds: float, *, base: datetime = BASE) -> str:
    """RFC 3339 (with offset) of ``seconds`` after ``base``."""
    return (base + timedelta(seconds=seconds)).isoformat()


class Events:
    """Builds events with readable ids (``<conversation or key>-<n>``), unique across every builder."""

    _numbers = itertools.count(1)

    def __init__(self, base: datetime = BASE) -> None:
        self.base = base
        self.items: list[dict[str, Any]] = []

    def add(self, event_type: str, at: float, *, id: str | None = None, **fields: Any) -> dict[str, Any]:
        key = fields.get("conversation_id") or fields.get("search_id") or fields.get("agent_id") or "e"
        event = {"id": id or f"{key}-{next(self._numbers):05d}", "type": event_type, "ts": ts(at, base=self.base)}
        event.update({name: value for name, value in fields.items() if value is not None})
        self.items.append(event)
        return event

    def team(self, team_id: str, at: float = -86_400) -> None:
        self.add("team.upserted", at, team_id=team_id, name=f"团队 {team_id}")

    def agent(self, agent_id: str, team_id: str, at: float = -86_400, **fields: Any) -> None:
        self.add("agent.upserted", at, agent_id=agent_id, name=f"坐席 {agent_id}", team_id=team_id, **fields)

    def started(self, conversation: str, at: float, *, customer: str = "cust-1", channel: str = "chat", **fields: Any) -> None:
        self.add("conversation.started", at, conversation_id=conversation, customer_id=customer, channel=channel, **fields)

    def queued(self, conversation: str, at: float, **fields: Any) -> None:
        self.add("conversation.queued", at, conversation_id=conversation, **fields)

    def assigned(self, conversation: str, at: float, agent: str, **fields: Any) -> None:
        self.add("conversation.assigned", at, conversation_id=conversation, agent_id=agent, **fields)

    def transferred(self, conversation: str, at: float, transfer: str, from_agent: str, **fields: Any) -> None:
        self.add("conversation.transferred", at, conversation_id=conversation, transfer_id=transfer, from_agent_id=from_agent, **fields)

    def categorized(self, conversation: str, at: float, category: str, **fields: Any) -> None:
        self.add("conversation.categorized", at, conversation_id=conversation, category=category, **fields)

    def ended(self, conversation: str, at: float, resolution: str = "resolved", **fields: Any) -> None:
        self.add("conversation.ended", at, conversation_id=conversation, resolution=resolution, **fields)

    def customer(self, conversation: str, at: float, text: str = "你好") -> None:
        self.add("message.sent", at, conversation_id=conversation, sender="customer", text=text)

    def agent_says(self, conversation: str, at: float, agent: str, text: str = "您好，请问有什么可以帮您？") -> None:
        self.add("message.sent", at, conversation_id=conversation, sender="agent", agent_id=agent, text=text)

    def bot(self, conversation: str, at: float, text: str = "我是智能助手") -> None:
        self.add("message.sent", at, conversation_id=conversation, sender="bot", text=text)

    def system(self, conversation: str, at: float, text: str = "正在为您转接") -> None:
        self.add("message.sent", at, conversation_id=conversation, sender="system", text=text)

    def feedback(self, conversation: str, at: float, **fields: Any) -> None:
        self.add("feedback.submitted", at, conversation_id=conversation, **fields)

    def searched(self, search: str, at: float, agent: str, conversation: str | None = None, **fields: Any) -> None:
        self.add("kb.searched", at, search_id=search, agent_id=agent, conversation_id=conversation, query="退款流程", **fields)

    def opened(self, search: str | None, at: float, agent: str, article: str = "kb-1", **fields: Any) -> None:
        self.add("kb.article_opened", at, search_id=search, agent_id=agent, article_id=article, **fields)
