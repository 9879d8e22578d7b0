"""Conversations: their events, messages, transfers and feedback, and the conversation read model."""

from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.conversations.queries import ConversationQuery
from server.kernel.feature import Feature, ScopedRecord

FEATURE = Feature(
    name="conversations",
    query=ConversationQuery,
    tables=(ConversationEvent, Transfer, Message, Feedback),
    scoped_records=(
        ScopedRecord("Conversation", "read", frozenset({"all", "team", "own", "assigned"})),
        ScopedRecord("Message", "read", frozenset({"all", "team", "own", "assigned"})),
    ),
)
