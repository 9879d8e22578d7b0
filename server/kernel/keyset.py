"""Keyset helpers: code-point string order, and pages of a connection nested under a list of parents.

Strings in a sort key compare by code point on every database (``code_point_order``), so
Python, SQLite and PostgreSQL agree on where a cursor lies.

Nested pages are read for all parents in one statement.

``Team.agents`` under ``teams``, ``Agent.conversations`` under ``agents``,
``Conversation.messages`` under ``conversations``: a dataloader collects the parents
asking for the same page (same ``first``/``after``/``last``/``before``) and reads every
parent's page at once, ranking rows per parent with a window function and keeping each
parent's first ``size + 1`` in reading order. Statements per request then depend on
the query's shape, not on how many parents or rows it returns.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Annotated, Any

import strawberry

from sqlalchemy import Select, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel.ext.asyncio.session import AsyncSession

from server.kernel.paging import PageArgs, SortKey

PAGE_RANK = "page_rank"
PARTITION = "page_parent"


def code_point_order(session: AsyncSession, column: ColumnElement[Any]) -> ColumnElement[Any]:
    """``column`` compared by code point: PostgreSQL's "C" collation; SQLite's default already is."""
    bind = session.bind
    return column.collate("C") if bind is not None and bind.dialect.name == "postgresql" else column


def pages_per_parent(
    statement: Select[Any], parent: ColumnElement[Any], keys: Sequence[SortKey], args: PageArgs
) -> Select[Any]:
    """Each parent's page of ``statement`` (one spare row each), as rows of its columns plus ``page_parent``.

    ``statement`` selects plain columns and is already limited to the wanted parents;
    rows come back grouped by parent, in reading order within each.
    """
    rank = func.row_number().over(partition_by=parent, order_by=args.reading_order(keys))
    ranked = args.narrowed(statement, keys).add_columns(parent.label(PARTITION), rank.label(PAGE_RANK)).subquery("paged")
    return (
        select(ranked)
        .where(ranked.c[PAGE_RANK] <= args.size + 1)
        .order_by(ranked.c[PARTITION], ranked.c[PAGE_RANK])
    )


def group_by_parent(rows: Sequence[Any]) -> dict[Hashable, list[Any]]:
    """Rows of ``pages_per_parent`` grouped by their parent, order kept."""
    grouped: dict[Hashable, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, PARTITION)].append(row)
    return grouped


FirstArg = Annotated[
    int | None, strawberry.argument(description="Items from the start (or after `after`), at most 100. / 自起点（或 `after` 之后）取的条数，最多 100。")
]
AfterArg = Annotated[
    str | None, strawberry.argument(description="Read items after this cursor. / 读取此游标之后的数据。")
]
LastArg = Annotated[
    int | None, strawberry.argument(description="Items from the end (or before `before`), at most 100. / 自末尾（或 `before` 之前）取的条数，最多 100。")
]
BeforeArg = Annotated[
    str | None, strawberry.argument(description="Read items before this cursor. / 读取此游标之前的数据。")
]
"""The four paging arguments of every connection field, described once."""
