"""Every table, imported once so SQLModel.metadata is complete (Alembic, tests)."""

import server.metadata  # noqa: F401  (naming convention before any table)
from server.audit.models import AuditEntry, AuditPurgeHorizon
from server.authz.models import PolicyOverride, PolicyRevision
from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.ingestion.models import EventConflict, StoredEvent
from server.knowledge.models import KbArticleOpen, KbSearch
from server.metrics.models import (
    metric_agent, metric_conversation, metric_daily_rollup, metric_kb_search, metric_response_interval, metric_state,
)
from server.org.models import Agent, AgentMembership, AgentStatusChange, Customer, CustomerPersonal, Team
from server.retention.models import CustomerErasure
from server.reviews.models import ReviewAssignment

__all__ = [
    "Agent",
    "AgentMembership",
    "AuditEntry",
    "AuditPurgeHorizon",
    "AgentStatusChange",
    "ConversationEvent",
    "Customer",
    "CustomerErasure",
    "CustomerPersonal",
    "EventConflict",
    "Feedback",
    "KbArticleOpen",
    "KbSearch",
    "Message",
    "PolicyOverride",
    "PolicyRevision",
    "ReviewAssignment",
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
