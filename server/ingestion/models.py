"""The raw, append-only event store and the record of conflicting re-sends."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import BigInteger, Index, Integer, String
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field


class StoredEvent(SQLModel, table=True):
    """Every accepted event exactly as received (unknown fields included); never updated."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_conversation_timeline", "conversation_id", "ts_us"),)

    seq: int | None = Field(default=None, primary_key=True, sa_type=BigInteger().with_variant(Integer, "sqlite"))
    id: str = id_field()
    type: str = label_field(nullable=False, length=40)
    ts_us: int = instant_field(index=True)
    conversation_id: str | None = id_field(nullable=True)
    content_hash: str = Field(sa_type=String(64))
    payload: str = text_field(nullable=False)
    ingested_at_us: int = instant_field()


Index("uq_event_id", StoredEvent.__table__.c.id, unique=True)  # type: ignore[attr-defined]


class EventConflict(SQLModel, table=True):
    """A re-send of a known id with different content: reported, the first version kept."""

    __tablename__ = "event_conflict"

    seq: int | None = Field(default=None, primary_key=True, sa_type=Integer)
    event_id: str = id_field(index=True)
    content_hash: str = Field(sa_type=String(64))
    payload: str = text_field(nullable=False)
    received_at_us: int = instant_field()
