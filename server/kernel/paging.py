"""Keyset pages behind connections: ``first``/``after`` and ``last``/``before`` over a total order.

A cursor holds the sort key of its item (JSON, base64), never an offset: the item after
a cursor stays the same when rows are added elsewhere, so a page boundary does not
shift while new conversations arrive. Every order ends on a unique column, so the
order is total and no item is skipped or shown twice.
"""

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, false, or_
from sqlalchemy.sql.elements import ColumnElement

from server.config import Settings
from server.errors import BadUserInput
from server.kernel.relay import Connection, CountReader, PageInfo, connection

RowT = TypeVar("RowT")
NodeT = TypeVar("NodeT")

CURSOR_VERSION = "k1"
SortValue = str | int | float | bool | None


def encode_cursor(values: Sequence[SortValue]) -> str:
    """An opaque cursor holding an item's sort key."""
    text = json.dumps([CURSOR_VERSION, *values], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int, *, name: str) -> list[SortValue]:
    """The sort key inside a cursor of this list's order; BAD_USER_INPUT for anything else."""
    try:
        text = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")).decode()
        decoded = json.loads(text)
    except (ValueError, UnicodeError, binascii.Error):
        raise BadUserInput(f"{name} is not a cursor of this list", field=(name,)) from None
    if not isinstance(decoded, list) or len(decoded) != width + 1 or decoded[0] != CURSOR_VERSION:
        raise BadUserInput(f"{name} is not a cursor of this list", field=(name,))
    values = decoded[1:]
    if not all(value is None or isinstance(value, str | int | float | bool) for value in values):
        raise BadUserInput(f"{name} is not a cursor of this list", field=(name,))
    return values


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order (already collated where strings must compare by code point)."""

    expression: ColumnElement[Any]
    descending: bool = False

    def beyond(self, value: SortValue, *, forward: bool) -> ColumnElement[bool]:
        """Rows strictly past ``value`` in the reading direction."""
        later = forward != self.descending
        return self.expression > value if later else self.expression < value


def keyset_condition(keys: Sequence[SortKey], values: Sequence[SortValue], *, forward: bool) -> ColumnElement[bool]:
    """Rows after (``forward``) or before the item whose sort key is ``values``, lexicographically."""
    alternatives = []
    for position, key in enumerate(keys):
        equal_prefix = [keys[index].expression == values[index] for index in range(position)]
        alternatives.append(and_(*equal_prefix, key.beyond(values[position], forward=forward)))
    return or_(*alternatives) if alternatives else false()


@dataclass(frozen=True)
class PageArgs:
    """A validated page request: ``size`` items forward after ``after``, or backward before ``before``."""

    size: int
    forward: bool
    after: str | None = None
    before: str | None = None

    @classmethod
    def of(
        cls, settings: Settings, *, first: int | None, after: str | None, last: int | None = None, before: str | None = None
    ) -> "PageArgs":
        if first is not None and last is not None:
            raise BadUserInput("pass first or last, not both", field=("last",))
        limit = settings.max_page_size
        for name, value in (("first", first), ("last", last)):
            if value is not None and not 1 <= value <= limit:
                raise BadUserInput(f"{name} must be between 1 and {limit}", field=(name,))
        forward = last is None
        size = first if first is not None else last if last is not None else settings.default_page_size
        return cls(size=size, forward=forward, after=after, before=before)

    def narrowed(self, statement: Select[Any], keys: Sequence[SortKey]) -> Select[Any]:
        """``statement`` limited to the rows between the cursors."""
        if self.after is not None:
            statement = statement.where(
                keyset_condition(keys, decode_cursor(self.after, len(keys), name="after"), forward=True)
            )
        if self.before is not None:
            statement = statement.where(
                keyset_condition(keys, decode_cursor(self.before, len(keys), name="before"), forward=False)
            )
        return statement

    def reading_order(self, keys: Sequence[SortKey]) -> list[Any]:
        """``keys`` in the reading direction: the list's own order forward, its reverse backward (Page.of turns it round)."""
        return [key.expression.desc() if key.descending == self.forward else key.expression.asc() for key in keys]

    def bounded(self, statement: Select[Any], keys: Sequence[SortKey]) -> Select[Any]:
        """``statement`` narrowed to the cursors, ordered in the reading direction, with one row to spare."""
        return self.narrowed(statement, keys).order_by(*self.reading_order(keys)).limit(self.size + 1)


@dataclass(frozen=True)
class Page(Generic[RowT]):
    """Rows of one page in list order, each with its cursor, and the page's bounds."""

    rows: list[tuple[str, RowT]]
    page_info: PageInfo

    @classmethod
    def of(cls, args: PageArgs, fetched: Sequence[RowT], sort_key: Callable[[RowT], Sequence[SortValue]]) -> "Page[RowT]":
        """The page from rows read with ``args.bounded`` (reading order, one spare row)."""
        more = len(fetched) > args.size
        rows = list(fetched[: args.size])
        if not args.forward:
            rows.reverse()
        with_cursors = [(encode_cursor(sort_key(row)), row) for row in rows]
        info = PageInfo(
            has_next_page=more if args.forward else args.before is not None,
            has_previous_page=more if not args.forward else args.after is not None,
            start_cursor=with_cursors[0][0] if with_cursors else None,
            end_cursor=with_cursors[-1][0] if with_cursors else None,
        )
        return cls(rows=with_cursors, page_info=info)

    async def connection(
        self, to_nodes: Callable[[list[RowT]], Awaitable[list[NodeT | None]]], count: CountReader
    ) -> Connection[NodeT]:
        """The connection of this page: ``to_nodes`` maps rows to nodes in order (None drops a vanished row)."""
        nodes = await to_nodes([row for _, row in self.rows])
        pairs = [(cursor, node) for (cursor, _), node in zip(self.rows, nodes, strict=True) if node is not None]
        return connection(pairs, self.page_info, count)
