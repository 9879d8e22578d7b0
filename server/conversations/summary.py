"""What a conversation looks like from its events, in timeline order (by ts, then event id)."""

from collections.abc import Iterable
from dataclasses import dataclass

from server.conversations.models import ConversationEvent, Feedback

UNCATEGORIZED = "uncategorized"


@dataclass(frozen=True)
class ConversationSummary:
    """Start, end, channel, current category, final agent and latest feedback of one conversation."""

    conversation_id: str
    started_us: int
    channel: str | None
    customer_id: str | None
    direction: str
    category: str
    ended_us: int | None
    resolution: str | None
    agent_id: str | None
    agent_ids: tuple[str, ...]
    csat: int | None
    nps: int | None


def _timeline_key(event: ConversationEvent | Feedback) -> tuple[int, str]:
    return (event.ts_us, event.event_id)


def summarize(
    conversation_id: str, events: Iterable[ConversationEvent], feedback: Iterable[Feedback]
) -> ConversationSummary | None:
    """The summary, or None while the conversation's ``conversation.started`` is unknown."""
    ordered = sorted(events, key=_timeline_key)
    starts = [event for event in ordered if event.type == "conversation.started"]
    if not starts:
        return None
    start = starts[0]
    ends = [event for event in ordered if event.type == "conversation.ended"]
    end = ends[-1] if ends else None
    categorized = [event for event in ordered if event.type == "conversation.categorized" and event.category]
    category = categorized[-1].category if categorized else (start.category or UNCATEGORIZED)
    assignments = [event for event in ordered if event.type == "conversation.assigned" and event.agent_id]
    counted = [event for event in assignments if end is None or event.ts_us <= end.ts_us]
    surveys = sorted(feedback, key=_timeline_key)
    csat = [survey.csat for survey in surveys if survey.csat is not None]
    nps = [survey.nps for survey in surveys if survey.nps is not None]
    return ConversationSummary(
        conversation_id=conversation_id,
        started_us=start.ts_us,
        channel=start.channel,
        customer_id=start.customer_id,
        direction=start.direction or "inbound",
        category=category,
        ended_us=end.ts_us if end else None,
        resolution=end.resolution if end else None,
        agent_id=counted[-1].agent_id if counted else None,
        agent_ids=tuple(dict.fromkeys(event.agent_id for event in assignments)),
        csat=csat[-1] if csat else None,
        nps=nps[-1] if nps else None,
    )
