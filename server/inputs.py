"""Reading client input that is not a GraphQL scalar: timestamps in filters."""

from zoneinfo import ZoneInfo

from server.errors import BadUserInput
from server.ingestion.timestamps import TimestampProblem, parse_timestamp


def instant_input(text: str | None, zone: ZoneInfo) -> int | None:
    """Microseconds of an RFC 3339 filter bound; without offset it is read in ``zone`` (BAD_USER_INPUT if unreadable)."""
    if text is None:
        return None
    try:
        return parse_timestamp(text, zone)
    except TimestampProblem as problem:
        raise BadUserInput(problem.message) from problem


MAX_SEARCH_CHARACTERS = 200
"""Longest text a contains-search accepts; far below SQLite's LIKE pattern limit (50,000 bytes)."""


def search_input(text: str | None, name: str) -> str | None:
    """A contains-search text from the client: at most MAX_SEARCH_CHARACTERS (BAD_USER_INPUT otherwise)."""
    if text is not None and len(text) > MAX_SEARCH_CHARACTERS:
        raise BadUserInput(f"{name} must be at most {MAX_SEARCH_CHARACTERS} characters")
    return text
