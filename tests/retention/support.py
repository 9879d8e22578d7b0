"""A small event history placed relative to a chosen moment, for retention tests."""

from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.ingestion.service import ingest_events
from server.retention.policy import DAY_US
from server.timefmt import format_instant

HOUR_US = 3_600 * 1_000_000


def _at(instant_us: int) -> str:
    return format_instant(instant_us)


def conversation_events(cid: str, customer: str, agent: str, start_us: int, *, comment: str | None = None) -> list[dict[str, Any]]:
    """A handled conversation: started, queued, assigned, a customer message, an answer, ended, feedback."""
    feedback: dict[str, Any] = {"csat": 4}
    if comment is not None:
        feedback["comment"] = comment
    return [
        {"id": f"{cid}-start", "type": "conversation.started", "ts": _at(start_us), "conversation_id": cid, "channel": "chat", "customer_id": customer},
        {"id": f"{cid}-queued", "type": "conversation.queued", "ts": _at(start_us + 1_000_000), "conversation_id": cid},
        {"id": f"{cid}-assign", "type": "conversation.assigned", "ts": _at(start_us + 2_000_000), "conversation_id": cid, "agent_id": agent},
        {"id": f"{cid}-m1", "type": "message.sent", "ts": _at(start_us + 60_000_000), "conversation_id": cid, "sender": "customer", "text": f"{cid} 我的手机号是13812345678"},
        {"id": f"{cid}-m2", "type": "message.sent", "ts": _at(start_us + 90_000_000), "conversation_id": cid, "sender": "agent", "agent_id": agent, "text": f"{cid} 已收到"},
        {"id": f"{cid}-end", "type": "conversation.ended", "ts": _at(start_us + 600_000_000), "conversation_id": cid, "resolution": "resolved"},
        {"id": f"{cid}-fb", "type": "feedback.submitted", "ts": _at(start_us + 700_000_000), "conversation_id": cid, **feedback},
    ]


def history(now_us: int) -> list[dict[str, Any]]:
    """Agents a1/a2, customer c-old (last contact 800 days ago) and c-new (2 days ago), a KB search 800 days ago."""
    long_ago = now_us - 800 * DAY_US
    recently = now_us - 2 * DAY_US + HOUR_US
    return [
        {"id": "team-1", "type": "team.upserted", "ts": _at(long_ago - DAY_US), "team_id": "t1", "name": "一组"},
        {"id": "agent-1", "type": "agent.upserted", "ts": _at(long_ago - DAY_US), "agent_id": "a1", "name": "张三", "team_id": "t1"},
        {"id": "agent-2", "type": "agent.upserted", "ts": _at(long_ago - DAY_US), "agent_id": "a2", "name": "李四", "team_id": "t1"},
        {"id": "c-old-up", "type": "customer.upserted", "ts": _at(long_ago - DAY_US), "customer_id": "c-old", "name": "陈小明", "phone": "13812345678", "email": "chen@example.com"},
        {"id": "c-new-up", "type": "customer.upserted", "ts": _at(long_ago - DAY_US), "customer_id": "c-new", "name": "刘芳", "phone": "13987654321", "email": "liu@example.com"},
        *conversation_events("old", "c-old", "a1", long_ago, comment="态度很好"),
        *conversation_events("new", "c-new", "a2", recently, comment="还行"),
        {"id": "search-old", "type": "kb.searched", "ts": _at(long_ago + 30_000_000), "search_id": "s-old", "agent_id": "a1", "query": "退款流程", "conversation_id": "old"},
    ]


async def seed_history(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now_us: int) -> None:
    report = await ingest_events(sessionmaker, history(now_us), settings=settings)
    assert report.rejected == 0, report


def policies_with(tmp_path: Path, retention_yaml: str) -> Path:
    """A copy of policies/ whose retention.yaml is ``retention_yaml``."""
    source = Path(__file__).resolve().parents[2] / "policies"
    folder = tmp_path / "policies"
    folder.mkdir()
    for name in ("model.conf", "policy.csv"):
        (folder / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "retention.yaml").write_text(retention_yaml, encoding="utf-8")
    return folder
