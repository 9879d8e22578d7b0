"""Hand-written events for the ingestion tests: one valid minimal event per type."""

from copy import deepcopy
from typing import Any

from server.ingestion.contract import Rejection, ValidEvent, parse_event

# 2026-03-02T12:00:00Z: the ingestion moment of the pure tests.
NOW_US = 1_772_452_800_000_000
TS = "2026-03-02T09:15:00+08:00"
TS_US = 1_772_414_100_000_000

MINIMAL: dict[str, dict[str, Any]] = {
    "team.upserted": {"team_id": "team-1", "name": "客服一组"},
    "agent.upserted": {"agent_id": "agent-1", "name": "王小明", "team_id": "team-1"},
    "customer.upserted": {"customer_id": "cust-1"},
    "conversation.started": {"conversation_id": "conv-1", "channel": "chat", "customer_id": "cust-1"},
    "conversation.queued": {"conversation_id": "conv-1"},
    "conversation.assigned": {"conversation_id": "conv-1", "agent_id": "agent-1"},
    "conversation.transferred": {"conversation_id": "conv-1", "transfer_id": "tr-1", "from_agent_id": "agent-1"},
    "conversation.categorized": {"conversation_id": "conv-1", "category": "billing"},
    "message.sent": {"conversation_id": "conv-1", "sender": "customer", "text": "您好"},
    "conversation.ended": {"conversation_id": "conv-1", "resolution": "resolved"},
    "kb.searched": {"search_id": "search-1", "agent_id": "agent-1", "query": "退款流程"},
    "kb.article_opened": {"article_id": "article-1", "agent_id": "agent-1"},
    "feedback.submitted": {"conversation_id": "conv-1"},
    "agent.status_changed": {"agent_id": "agent-1", "status": "online"},
}


def event(event_type: str, event_id: str = "evt-1", ts: str = TS, **fields: Any) -> dict[str, Any]:
    """A valid event of ``event_type``; ``fields`` override (a value of ``...`` removes the field)."""
    built = {"id": event_id, "type": event_type, "ts": ts, **deepcopy(MINIMAL[event_type])}
    for name, value in {"id": event_id, "ts": ts, **fields}.items():
        if value is ...:
            built.pop(name, None)
        else:
            built[name] = value
    return built


def parse(raw: Any, **options: Any) -> ValidEvent | Rejection:
    return parse_event(raw, now_us=NOW_US, **options)


def valid(raw: Any, **options: Any) -> ValidEvent:
    result = parse(raw, **options)
    assert isinstance(result, ValidEvent), result
    return result
