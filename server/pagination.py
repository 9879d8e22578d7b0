"""Pages of lists: ``first`` (capped by max_page_size) and an opaque ``after`` cursor."""

import base64
from dataclasses import dataclass

from server.config import Settings
from server.errors import BadUserInput
from server.kernel.relay import PageInfo

CURSOR_PREFIX = "offset:"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset inside a cursor; a cursor this service did not make is BAD_USER_INPUT."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeDecodeError) as error:
        raise BadUserInput("invalid cursor") from error
    if not text.startswith(CURSOR_PREFIX) or not text[len(CURSOR_PREFIX):].isdigit():
        raise BadUserInput("invalid cursor")
    return int(text[len(CURSOR_PREFIX):])


@dataclass(frozen=True)
class PageRequest:
    """A validated page: at most ``limit`` items after ``offset``."""

    limit: int
    offset: int

    @classmethod
    def of(cls, settings: Settings, first: int | None, after: str | None) -> "PageRequest":
        limit = settings.default_page_size if first is None else first
        if limit < 1 or limit > settings.max_page_size:
            raise BadUserInput(f"first must be between 1 and {settings.max_page_size}")
        return cls(limit=limit, offset=decode_cursor(after) if after else 0)

    def page_info(self, fetched: int) -> PageInfo:
        """Page info given ``fetched`` rows read with ``limit + 1`` (the extra row says a next page exists)."""
        shown = min(fetched, self.limit)
        return PageInfo(
            has_next_page=fetched > self.limit,
            has_previous_page=self.offset > 0,
            start_cursor=encode_cursor(self.offset) if shown else None,
            end_cursor=encode_cursor(self.offset + shown) if shown else None,
        )
