"""Conversations and messages by key, for ``node(id:)`` and the root look-up: scoped, refusals audited."""

from typing import Any

from server.authz.guards import load_visible
from server.conversations.loaders import ConversationByIdLoader, MessageByIdLoader
from server.conversations.repository import conversation_exists, message_exists
from server.conversations.types import ConversationType, MessageType
from server.kernel.relay import NodeType


async def load_conversation_node(context: Any, key: str) -> ConversationType | None:
    """The conversation ``key`` if the caller may see it (FORBIDDEN without any Conversation scope)."""
    summary = await load_visible(context, "Conversation", "conversation", ConversationByIdLoader, conversation_exists, key)
    return ConversationType.from_summary(summary) if summary is not None else None


async def load_message_node(context: Any, key: str) -> MessageType | None:
    """The message ``key`` (an event id) if the caller may see it (FORBIDDEN without any Message scope).

    Its conversation's agent is the audit subject of a customer's or the bot's message, as under
    ``Conversation.messages``; the conversation is read with the reader's Conversation scope.
    """
    message = await load_visible(context, "Message", "message", MessageByIdLoader, message_exists, key)
    if message is None:
        return None
    summary = await context.loader(ConversationByIdLoader).load(message.conversation_id)
    return MessageType.from_row(message, summary.agent_id if summary is not None else None, context.settings.zone)


NODE_TYPES = (NodeType("Conversation", load_conversation_node), NodeType("Message", load_message_node))
"""What ``node(id:)`` resolves for this feature (declared in module.py)."""
