"""The intent table: one row per piece of work a committed transaction asked for."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from server.columns import instant_field, label_field, text_field

INTENT_ID_LENGTH = 32


class Intent(SQLModel, table=True):
    """Pending while ``completed_at_us`` is null; completed exactly once, by a callback or the sweeper."""

    __tablename__ = "intent"

    intent_id: str = Field(primary_key=True, sa_type=String(INTENT_ID_LENGTH))
    kind: str = label_field(nullable=False, length=64)
    payload: str = text_field(nullable=False)
    """JSON text."""
    created_at_us: int = instant_field(index=True)
    completed_at_us: int | None = instant_field(nullable=True)
