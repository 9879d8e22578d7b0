"""Conversations: their events, messages, transfers and feedback, and the conversation read model."""

from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.conversations.nodes import load_conversation_node, load_message_node
from server.conversations.queries import ConversationQuery
from server.kernel.feature import Feature, ScopedRecord
from server.kernel.relay import NodeType

FEATURE = Feature(
    name="conversations",
    query=ConversationQuery,
    tables=(ConversationEvent, Transfer, Message, Feedback),
    scoped_records=(
        ScopedRecord("Conversation", "read", frozenset({"all", "team", "own", "assigned"})),
        ScopedRecord("Message", "read", frozenset({"all", "team", "own", "assigned"})),
    ),
    nodes=(NodeType("Conversation", load_conversation_node), NodeType("Message", load_message_node)),
)
