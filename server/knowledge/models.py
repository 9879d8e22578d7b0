"""Knowledge-base use: searches and article opens."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, text_field


class KbSearch(SQLModel, table=True):
    """A ``kb.searched``; the first one of a ``search_id`` counts."""

    __tablename__ = "kb_search"
    __table_args__ = (Index("ix_kb_search_search", "search_id", "ts_us"),)

    event_id: str = id_field(primary_key=True)
    search_id: str = id_field()
    agent_id: str = id_field(index=True)
    conversation_id: str | None = id_field(nullable=True, index=True)
    query: str = text_field(nullable=False)
    results: int | None = Field(default=None)
    ts_us: int = instant_field()


class KbArticleOpen(SQLModel, table=True):
    """A ``kb.article_opened``; it is a hit for its ``search_id`` when at or after the search."""

    __tablename__ = "kb_article_open"
    __table_args__ = (Index("ix_kb_article_open_search", "search_id", "ts_us"),)

    event_id: str = id_field(primary_key=True)
    article_id: str = id_field()
    agent_id: str = id_field(index=True)
    search_id: str | None = id_field(nullable=True)
    conversation_id: str | None = id_field(nullable=True)
    ts_us: int = instant_field()
