"""Conversation events as typed rows: lifecycle, transfers, messages and feedback.

One row per accepted event (re-sends under a new id included); which of them count
for the metrics is decided when facts are computed, in timeline order.
"""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field


class ConversationEvent(SQLModel, table=True):
    """A lifecycle event: started, queued, assigned, categorized or ended."""

    __tablename__ = "conversation_event"
    __table_args__ = (
        Index("ix_conversation_event_timeline", "conversation_id", "ts_us"),
        Index("ix_conversation_event_customer", "customer_id"),
    )

    event_id: str = id_field(primary_key=True)
    conversation_id: str = id_field()
    type: str = label_field(nullable=False, length=40)
    ts_us: int = instant_field()
    channel: str | None = label_field()
    customer_id: str | None = id_field(nullable=True)
    category: str | None = label_field()
    direction: str | None = label_field(length=16)
    queue: str | None = label_field()
    agent_id: str | None = id_field(nullable=True, index=True)
    transfer_id: str | None = id_field(nullable=True)
    resolution: str | None = label_field(length=16)
    disposition: str | None = text_field()


class Transfer(SQLModel, table=True):
    """A ``conversation.transferred``: the conversation leaves ``from_agent_id``."""

    __tablename__ = "transfer"
    __table_args__ = (Index("ix_transfer_timeline", "conversation_id", "ts_us"),)

    event_id: str = id_field(primary_key=True)
    conversation_id: str = id_field()
    transfer_id: str = id_field(index=True)
    from_agent_id: str = id_field()
    to_agent_id: str | None = id_field(nullable=True)
    to_queue: str | None = label_field()
    ts_us: int = instant_field()


class Message(SQLModel, table=True):
    """A ``message.sent`` by the customer, an agent, the bot or the system."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_timeline", "conversation_id", "ts_us"),)

    event_id: str = id_field(primary_key=True)
    conversation_id: str = id_field()
    sender: str = label_field(nullable=False, length=16)
    agent_id: str | None = id_field(nullable=True, index=True)
    text: str | None = text_field()
    message_id: str | None = id_field(nullable=True)
    ts_us: int = instant_field()


class Feedback(SQLModel, table=True):
    """A ``feedback.submitted``; each of csat, nps and resolved follows its latest carrier."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_timeline", "conversation_id", "ts_us"),)

    event_id: str = id_field(primary_key=True)
    conversation_id: str = id_field()
    csat: int | None = Field(default=None)
    nps: int | None = Field(default=None)
    resolved: bool | None = Field(default=None)
    comment: str | None = text_field()
    ts_us: int = instant_field()
