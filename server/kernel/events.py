"""The event types of the contract (docs/events.md), named once."""

from enum import StrEnum


class EventType(StrEnum):
    """The ``type`` of an event; a ``StrEnum``, so it equals and stores as its text."""

    TEAM_UPSERTED = "team.upserted"
    AGENT_UPSERTED = "agent.upserted"
    AGENT_STATUS_CHANGED = "agent.status_changed"
    CUSTOMER_UPSERTED = "customer.upserted"
    CONVERSATION_STARTED = "conversation.started"
    CONVERSATION_QUEUED = "conversation.queued"
    CONVERSATION_ASSIGNED = "conversation.assigned"
    CONVERSATION_TRANSFERRED = "conversation.transferred"
    CONVERSATION_CATEGORIZED = "conversation.categorized"
    CONVERSATION_ENDED = "conversation.ended"
    MESSAGE_SENT = "message.sent"
    FEEDBACK_SUBMITTED = "feedback.submitted"
    KB_SEARCHED = "kb.searched"
    KB_ARTICLE_OPENED = "kb.article_opened"


LIFECYCLE_TYPES = frozenset({
    EventType.CONVERSATION_STARTED,
    EventType.CONVERSATION_QUEUED,
    EventType.CONVERSATION_ASSIGNED,
    EventType.CONVERSATION_CATEGORIZED,
    EventType.CONVERSATION_ENDED,
})
"""The conversation events stored as lifecycle rows (``conversation_event``)."""
