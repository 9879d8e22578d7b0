"""Conversations: their events, messages, transfers and feedback, and the conversation read model."""

from server.kernel.feature import Feature, Ref, ScopedRecord

FEATURE = Feature(
    name="conversations",
    query=Ref("server.conversations.queries:ConversationQuery"),
    tables=(
        Ref("server.conversations.models:ConversationEvent"),
        Ref("server.conversations.models:Transfer"),
        Ref("server.conversations.models:Message"),
        Ref("server.conversations.models:Feedback"),
    ),
    scoped_records=(
        ScopedRecord("Conversation", "read", frozenset({"all", "team", "own", "assigned"})),
        ScopedRecord("Message", "read", frozenset({"all", "team", "own", "assigned"})),
    ),
    nodes=Ref("server.conversations.nodes:NODE_TYPES"),
)
