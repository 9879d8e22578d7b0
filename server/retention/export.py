"""An agent's data export: everything stored and derived about them, and who looked at it."""

import json
from typing import Any

from sqlalchemy import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry
from server.config import Settings
from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.conversations.summary import summarize
from server.kernel.events import EventType
from server.knowledge.models import KbArticleOpen, KbSearch
from server.metrics.api import MetricScope, MetricsRequest, compute_metrics
from server.org.models import Agent, AgentMembership, AgentStatusChange
from server.timefmt import format_instant

EXPORT_VERSION = 1


def _instant(value: int | None, settings: Settings) -> str | None:
    return None if value is None else format_instant(value, settings.zone)


async def _rows(session: AsyncSession, statement: Any) -> list[Any]:
    return list((await session.execute(statement)).scalars().all())


async def _conversations(session: AsyncSession, agent_id: str, settings: Settings) -> list[dict[str, Any]]:
    assigned = select(ConversationEvent.conversation_id).where(
        ConversationEvent.type == EventType.CONVERSATION_ASSIGNED, ConversationEvent.agent_id == agent_id
    )
    ids = sorted(set(await _rows(session, assigned)))
    events = await _rows(session, select(ConversationEvent).where(ConversationEvent.conversation_id.in_(ids)))
    surveys = await _rows(session, select(Feedback).where(Feedback.conversation_id.in_(ids)))
    found = []
    for conversation_id in ids:
        summary = summarize(
            conversation_id,
            [event for event in events if event.conversation_id == conversation_id],
            [survey for survey in surveys if survey.conversation_id == conversation_id],
        )
        if summary is None:
            continue
        # Resolution and scores are credited to the final agent (as conversation(id) shows them to an agent).
        final = summary.agent_id == agent_id
        found.append({
            "conversation_id": conversation_id, "channel": summary.channel, "category": summary.category,
            "started_at": _instant(summary.started_us, settings), "ended_at": _instant(summary.ended_us, settings),
            "resolution": summary.resolution if final else None, "final_agent": final,
            "csat": summary.csat if final else None, "nps": summary.nps if final else None,
        })
    return found


async def export_agent_data(session: AsyncSession, agent_id: str, *, settings: Settings) -> dict[str, Any]:
    """The export as a JSON-ready document; None-valued sections are empty lists, never left out."""
    agent = await session.get(Agent, agent_id)
    memberships = await _rows(session, select(AgentMembership).where(AgentMembership.agent_id == agent_id).order_by(AgentMembership.valid_from_us))
    statuses = await _rows(session, select(AgentStatusChange).where(AgentStatusChange.agent_id == agent_id).order_by(AgentStatusChange.ts_us))
    messages = await _rows(session, select(Message).where(Message.agent_id == agent_id).order_by(Message.ts_us, Message.event_id))
    transfers = await _rows(session, select(Transfer).where(or_(Transfer.from_agent_id == agent_id, Transfer.to_agent_id == agent_id)).order_by(Transfer.ts_us))
    searches = await _rows(session, select(KbSearch).where(KbSearch.agent_id == agent_id).order_by(KbSearch.ts_us))
    opens = await _rows(session, select(KbArticleOpen).where(KbArticleOpen.agent_id == agent_id).order_by(KbArticleOpen.ts_us))
    views = await _rows(session, select(AuditEntry).where(AuditEntry.subject_kind == "agent", AuditEntry.subject_id == agent_id).order_by(AuditEntry.at_us, AuditEntry.id))
    [metrics] = await compute_metrics(session, MetricsRequest.of(), settings=settings, scope=MetricScope(agent_ids=frozenset({agent_id})))
    return {
        "version": EXPORT_VERSION,
        "agent": None if agent is None else {
            "agent_id": agent.agent_id, "name": agent.name, "email": agent.email, "team_id": agent.team_id,
            "hire_date": agent.hire_date.isoformat() if agent.hire_date else None, "active": agent.active,
        },
        "team_history": [{"team_id": row.team_id, "from": _instant(row.valid_from_us, settings)} for row in memberships],
        "status_changes": [{"status": row.status, "at": _instant(row.ts_us, settings)} for row in statuses],
        "conversations": await _conversations(session, agent_id, settings),
        "messages": [{"conversation_id": row.conversation_id, "text": row.text, "at": _instant(row.ts_us, settings)} for row in messages],
        "transfers": [{"conversation_id": row.conversation_id, "from_agent_id": row.from_agent_id, "to_agent_id": row.to_agent_id,
                       "at": _instant(row.ts_us, settings)} for row in transfers],
        "kb_searches": [{"search_id": row.search_id, "query": row.query, "at": _instant(row.ts_us, settings)} for row in searches],
        "kb_article_opens": [{"article_id": row.article_id, "search_id": row.search_id, "at": _instant(row.ts_us, settings)} for row in opens],
        "metrics": {key: value.value for key, value in metrics.values.items()},
        "viewed_by": [{"actor": row.actor, "roles": [role for role in row.actor_roles.split(",") if role], "action": row.action,
                       "object": row.object_type, "fields": json.loads(row.fields), "at": _instant(row.at_us, settings),
                       "request_id": row.request_id} for row in views],
    }
