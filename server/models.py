"""Every table, imported once so SQLModel.metadata is complete (Alembic, tests)."""

import server.metadata  # noqa: F401  (naming convention before any table)
from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.ingestion.models import EventConflict, StoredEvent
from server.knowledge.models import KbArticleOpen, KbSearch
from server.metrics.models import (
    metric_agent, metric_conversation, metric_daily_rollup, metric_kb_search, metric_response_interval, metric_state,
)
from server.org.models import Agent, AgentMembership, AgentStatusChange, Customer, CustomerPersonal, Team

__all__ = [
    "Agent",
    "AgentMembership",
    "AgentStatusChange",
    "ConversationEvent",
    "Customer",
    "CustomerPersonal",
    "EventConflict",
    "Feedback",
    "KbArticleOpen",
    "KbSearch",
    "Message",
    "StoredEvent",
    "Team",
    "Transfer",
    "metric_agent",
    "metric_conversation",
    "metric_daily_rollup",
    "metric_kb_search",
    "metric_response_interval",
    "metric_state",
]
