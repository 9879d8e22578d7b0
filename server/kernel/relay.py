"""Relay conventions: the ``Node`` interface and global ids, connections with edges and opaque cursors.

A global id is the URL-safe base64 of ``Type:key`` (``Agent:A001`` → ``QWdlbnQ6QTAwMQ``):
opaque to clients, stable for as long as the record exists, and typed, so an
agent's id given where a team's is expected is refused by name. The key is the
record's id in the event contract, exposed as ``externalId``.

Lists are connections (``server/kernel/paging.py`` reads the keyset pages behind them).
"""

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry

from server.errors import BadUserInput

NodeT = TypeVar("NodeT")


@strawberry.interface(
    name="Node",
    description="An object with a global id, found again with `node(id:)`. / 具有全局 ID 的对象，可用 `node(id:)` 再次获取。",
)
class Node:
    id: strawberry.ID = strawberry.field(
        description="Global id: opaque, stable, unique across types. / 全局 ID：不透明、稳定、跨类型唯一。"
    )


def to_global_id(type_name: str, key: str) -> strawberry.ID:
    """The global id of record ``key`` of GraphQL type ``type_name``."""
    return strawberry.ID(base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("="))


def split_global_id(global_id: str) -> tuple[str, str] | None:
    """``(type name, key)`` of a global id, or None when the text is not one."""
    padded = global_id + "=" * (-len(global_id) % 4)
    try:
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (ValueError, UnicodeError, binascii.Error):
        return None
    type_name, separator, key = text.partition(":")
    if not separator or not type_name or not key or to_global_id(type_name, key) != global_id:
        return None
    return type_name, key


def from_global_id(global_id: str, expected: str | Sequence[str], *, field: Sequence[str] | None = None) -> str:
    """The key inside a global id of an ``expected`` type; BAD_USER_INPUT (naming ``field``) otherwise."""
    allowed = (expected,) if isinstance(expected, str) else tuple(expected)
    parts = split_global_id(global_id)
    if parts is None:
        raise BadUserInput(f"{global_id!r} is not a global id", field=field)
    type_name, key = parts
    if type_name not in allowed:
        raise BadUserInput(f"expected the id of {' or '.join(allowed)}, got the id of {type_name}", field=field)
    return key


def keys_of(global_ids: Sequence[str] | None, expected: str, *, field: Sequence[str] | None = None) -> list[str] | None:
    """The keys of a list of global ids of one type (None stays None)."""
    if global_ids is None:
        return None
    return [from_global_id(global_id, expected, field=field) for global_id in global_ids]


NodeLoad = Callable[[Any, str], Awaitable[Any | None]]
"""Loads one record by key for ``node(id:)``, applying the same visibility rules as the type's own look-up."""


@dataclass(frozen=True)
class NodeType:
    """A GraphQL type a feature exposes as a Node, and how ``node(id:)`` loads it."""

    name: str
    load: NodeLoad


@strawberry.type(description="Where a page starts and ends, and whether more lie beyond. / 分页信息：页首页尾游标及前后是否还有数据。")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="More items follow `endCursor` (read with `first`/`after`). / `endCursor` 之后是否还有数据。"
    )
    has_previous_page: bool = strawberry.field(
        description="More items precede `startCursor` (exact with `last`/`before`; with `after`, true when a cursor was given). "
        "/ `startCursor` 之前是否还有数据（用 `last`/`before` 时精确；用 `after` 时，给出游标即为真）。"
    )
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first item; pass as `before` for the page before. / 本页首项游标，作为 `before` 传入获取上一页。"
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item; pass as `after` for the next page. / 本页末项游标，作为 `after` 传入获取下一页。"
    )


@strawberry.type(description="An item of a page and its cursor. / 分页中的一项及其游标。")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(
        description="Opaque position of this item, stable when items are added. / 该项的不透明位置，新增数据时保持稳定。"
    )
    node: NodeT = strawberry.field(description="The item. / 该项数据。")


CountReader = Callable[[], Awaitable[int]]


@strawberry.type(
    description="A page of a list: `edges` (item and cursor) or `nodes` (items only), `pageInfo` and `totalCount`. "
    "/ 列表的一页：`edges`（数据与游标）或 `nodes`（仅数据）、`pageInfo` 与 `totalCount`。"
)
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="Items with their cursors. / 各项及其游标。")
    page_info: PageInfo = strawberry.field(description="Where this page starts and ends. / 分页信息。")
    count_reader: strawberry.Private[CountReader]

    @strawberry.field(description="The items of this page, without cursors. / 本页各项（不含游标）。")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @strawberry.field(
        description="Items in the whole list, across all pages (counted only when asked for). / 整个列表的项数（仅在请求时统计）。"
    )
    async def total_count(self) -> int:
        return await self.count_reader()


def connection(
    nodes: Sequence[tuple[str, NodeT]], page_info: PageInfo, count: CountReader
) -> Connection[NodeT]:
    """A connection of ``(cursor, node)`` pairs in page order."""
    return Connection(
        edges=[Edge(cursor=cursor, node=node) for cursor, node in nodes], page_info=page_info, count_reader=count
    )
