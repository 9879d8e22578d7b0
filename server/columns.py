"""Column helpers shared by every table: ids, instants and text."""

from typing import Any

from sqlalchemy import BigInteger, String, Text
from sqlmodel import Field

ID_LENGTH = 128


def id_field(*, primary_key: bool = False, index: bool = False, nullable: bool = False) -> Any:
    """An event-contract id: a string of 1–128 characters."""
    return Field(
        default=None if nullable else ...,
        primary_key=primary_key,
        index=index,
        sa_type=String(ID_LENGTH),
        nullable=nullable,
    )


def instant_field(*, index: bool = False, nullable: bool = False) -> Any:
    """An instant as integer microseconds since the Unix epoch (UTC): exact, portable, sortable."""
    return Field(default=None if nullable else ..., sa_type=BigInteger, index=index, nullable=nullable)


def text_field(*, nullable: bool = True) -> Any:
    """Free text (UTF-8, Chinese is the common case)."""
    return Field(default=None if nullable else ..., sa_type=Text, nullable=nullable)


def label_field(*, nullable: bool = True, index: bool = False, length: int = 128) -> Any:
    """A short label such as a channel, category or status."""
    return Field(default=None if nullable else ..., sa_type=String(length), nullable=nullable, index=index)
