"""The persisted_query table: one GraphQL document per SHA-256 hash, shared by every replica."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from server.columns import instant_field, label_field, text_field

SHA256_HEX_LENGTH = 64


class PersistedQuery(SQLModel, table=True):
    """A document by the hex SHA-256 of its UTF-8 text; ``allow_listed`` when an admin registered it."""

    __tablename__ = "persisted_query"

    sha256_hash: str = Field(primary_key=True, sa_type=String(SHA256_HEX_LENGTH))
    document: str = text_field(nullable=False)
    operation_name: str | None = label_field(nullable=True, length=256)
    allow_listed: bool = Field(default=False, index=True)
    created_at_us: int = instant_field()
    registered_by: str | None = label_field(nullable=True)
    """Subject of the admin (or ``cli``) who registered it; null for documents stored automatically."""
