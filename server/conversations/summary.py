"""What a conversation looks like from its events: its lifecycle (server/kernel/timeline.py) and latest feedback."""

from collections.abc import Iterable
from dataclasses import dataclass

from server.conversations.models import ConversationEvent, Feedback
from server.kernel.timeline import INBOUND, lifecycle


@dataclass(frozen=True)
class ConversationSummary:
    """Start, end, channel, current category, the agent handling it and latest feedback of one conversation.

    ``agent_id`` is the timeline's *handling* agent: for an open conversation, the agent
    handling it now (the metrics' final agent exists only once it ended).
    """

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


def _timeline_key(event: Feedback) -> tuple[int, str]:
    return (event.ts_us, event.event_id)


def summarize(
    conversation_id: str, events: Iterable[ConversationEvent], feedback: Iterable[Feedback]
) -> ConversationSummary | None:
    """The summary, or None while the conversation's ``conversation.started`` is unknown."""
    life = lifecycle(events)
    if life is None:
        return None
    start, end = life.started, life.ended
    surveys = sorted(feedback, key=_timeline_key)
    csat = [survey.csat for survey in surveys if survey.csat is not None]
    nps = [survey.nps for survey in surveys if survey.nps is not None]
    return ConversationSummary(
        conversation_id=conversation_id,
        started_us=start.ts_us,
        channel=start.channel,
        customer_id=start.customer_id,
        direction=start.direction or INBOUND,
        category=life.category,
        ended_us=life.end_us,
        resolution=end.resolution if end else None,
        agent_id=life.handling_agent_id,
        agent_ids=life.agent_ids,
        csat=csat[-1] if csat else None,
        nps=nps[-1] if nps else None,
    )
